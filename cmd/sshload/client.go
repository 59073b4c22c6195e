package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// client is one SSH session with a PTY, answering the terminal queries a real
// terminal answers, and noting when output arrives.
type client struct {
	conn *gossh.Client
	sess *gossh.Session
	in   io.Writer

	mu      sync.Mutex
	got     int           // bytes received
	marker  []byte        // text the first whole screen shows
	drawn   bool          // the marker has been drawn
	tail    []byte        // the last output, for error messages and the marker
	since   []byte        // the output since the key pressFor waits on (nil: none)
	changed chan struct{} // closed and replaced on each output
	done    chan struct{}
}

// connect opens a session as user with sshload's password; marker is text its first
// whole screen shows (keys pressed before it is drawn may be read by the terminal query,
// or reach a desk still opening).
func connect(addr, user, marker string) (*client, error) {
	return connectWith(addr, user, password, marker)
}

// connectWith is connect with the given password.
func connectWith(addr, user, pass, marker string) (*client, error) {
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: user,
		Auth:            []gossh.AuthMethod{gossh.Password(pass)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		return nil, err
	}
	sess, err := conn.NewSession()
	if err != nil {
		conn.Close()
		return nil, err
	}
	c := &client{conn: conn, sess: sess, marker: []byte(marker), changed: make(chan struct{}), done: make(chan struct{})}
	if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		c.close()
		return nil, err
	}
	if c.in, err = sess.StdinPipe(); err != nil {
		c.close()
		return nil, err
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		c.close()
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		c.close()
		return nil, err
	}
	go c.read(out)
	return c, nil
}

func (c *client) read(r io.Reader) {
	defer close(c.done)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if bytes.Contains(buf[:n], []byte("\x1b[c")) {
				c.in.Write([]byte("\x1b]11;rgb:0000/0000/0000\x07\x1b[?62c"))
			}
			c.mu.Lock()
			c.got += n
			c.tail = append(c.tail, buf[:n]...)
			if c.since != nil {
				c.since = append(c.since, buf[:n]...)
			}
			// Look for the marker before the tail is cut: a large chunk after the one
			// that drew it would otherwise cut it off unseen, and the session would
			// wait for a first screen it has already had.
			c.drawn = c.drawn || bytes.Contains(c.tail, c.marker)
			if len(c.tail) > 4000 {
				c.tail = c.tail[len(c.tail)-4000:]
			}
			close(c.changed)
			c.changed = make(chan struct{})
			c.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// settle waits until the first whole screen is drawn and the output has been quiet for
// a moment.
func (c *client) settle(ctx context.Context) error {
	for {
		c.mu.Lock()
		drawn, changed := c.drawn, c.changed
		c.mu.Unlock()
		select {
		case <-changed:
		case <-time.After(200 * time.Millisecond):
			if drawn {
				return nil
			}
		case <-c.done:
			return fmt.Errorf("the session ended before its first screen")
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// awaitFirstScreen waits until the first whole screen is drawn.
func (c *client) awaitFirstScreen(ctx context.Context) error {
	for {
		c.mu.Lock()
		drawn, changed := c.drawn, c.changed
		c.mu.Unlock()
		if drawn {
			return nil
		}
		select {
		case <-changed:
		case <-c.done:
			return fmt.Errorf("the session ended before its first screen")
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// press sends a key and returns how long until the screen's next output.
func (c *client) press(ctx context.Context, key string) (time.Duration, error) {
	return c.pressFor(ctx, key, "")
}

// pressFor sends a key and returns how long until the output since holds want (with
// want empty: until any output). A desk redraws on its own too (a reload after another
// desk's commit): an output that is not the key's own would be counted as its answer,
// and the key after it, sent too early, could then reach the desk in the same frame as
// this one and undo it on a screen that draws nothing new.
func (c *client) pressFor(ctx context.Context, key, want string) (time.Duration, error) {
	c.mu.Lock()
	changed := c.changed
	c.since = []byte{}
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.since = nil
		c.mu.Unlock()
	}()
	start := time.Now()
	if _, err := c.in.Write([]byte(key)); err != nil {
		return 0, err
	}
	timeout := time.After(5 * time.Second)
	for {
		select {
		case <-changed:
		case <-timeout:
			c.mu.Lock()
			defer c.mu.Unlock()
			return 0, fmt.Errorf("no screen update within 5 s of key %q; last output %q", key, c.tail)
		case <-c.done:
			return 0, fmt.Errorf("the session ended")
		case <-ctx.Done():
			return 0, ctx.Err()
		}
		c.mu.Lock()
		answered := bytes.Contains(c.since, []byte(want))
		changed = c.changed
		c.mu.Unlock()
		if answered {
			return time.Since(start), nil
		}
	}
}

func (c *client) close() {
	c.sess.Close()
	c.conn.Close()
	<-c.done
}
