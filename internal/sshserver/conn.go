package sshserver

import (
	"net"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
)

type connKey struct{}

// conn is one client connection: it logs its end, is dropped if no session has started
// within the handshake timeout, and runs one desk at a time. The handshake clock stops
// while a password of the connection waits its turn to be checked (see turn): a login
// burst queues, and the queue is the server's doing, not the client's.
type conn struct {
	net.Conn
	srv     *Server
	start   time.Time
	closed  chan struct{} // closed when the connection closes
	mu      sync.Mutex
	timer   *time.Timer
	armed   time.Time     // when the timer was last started
	left    time.Duration // of the handshake timeout, when the timer was last started
	gen     int           // counts the timer's starts and stops: an older timer's firing is stale
	expired bool          // the handshake timeout has run out: the connection is going
	user    string
	running bool // a session of this connection runs its desk now
	closing sync.Once
}

// accept counts and logs a new connection and arms its handshake timer.
func (s *Server) accept(ctx ssh.Context, nc net.Conn) net.Conn {
	c := &conn{Conn: nc, srv: s, start: time.Now(), closed: make(chan struct{})}
	c.mu.Lock()
	c.arm(s.cfg.HandshakeTimeout)
	c.mu.Unlock()
	s.conns.Add(1)
	ctx.SetValue(connKey{}, c)
	s.logf("connect %s", nc.RemoteAddr())
	return c
}

// arm starts the handshake timer with d of the timeout left; c.mu is held.
func (c *conn) arm(d time.Duration) {
	c.gen++
	gen := c.gen
	c.armed, c.left = time.Now(), d
	c.timer = time.AfterFunc(max(d, 0), func() { c.expire(gen) })
}

// disarm stops the handshake timer, keeping what is left of the timeout; c.mu is held.
func (c *conn) disarm() {
	c.gen++
	c.timer.Stop()
	c.left -= time.Since(c.armed)
}

// expire drops the connection when the timer that fired is the current one.
func (c *conn) expire(gen int) {
	c.mu.Lock()
	if gen != c.gen || c.user != "" {
		c.mu.Unlock()
		return
	}
	c.expired = true
	c.mu.Unlock()
	c.srv.logf("refused %s: no session within %s", c.RemoteAddr(), c.srv.cfg.HandshakeTimeout)
	c.Close()
}

// pause stops the handshake clock while a password waits its turn; false means the
// timeout has already run out and the connection is going.
func (c *conn) pause() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.expired {
		return false
	}
	c.disarm()
	return true
}

// resume restarts the handshake clock with what was left of it when it paused.
func (c *conn) resume() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.expired && c.user == "" {
		c.arm(c.left)
	}
}

// claim starts a session on the connection for user: the first one stops the
// handshake timer. busy means another session of the connection runs now; closing
// means the timer fired first and the connection is going. release ends the claim.
func (c *conn) claim(user string) (busy, closing bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.running {
		return true, false
	}
	if c.expired {
		return false, true
	}
	if c.user == "" {
		c.disarm()
	}
	c.user, c.running = user, true
	return false, false
}

func (c *conn) release() {
	c.mu.Lock()
	c.running = false
	c.mu.Unlock()
}

func (c *conn) Close() error {
	err := c.Conn.Close()
	c.closing.Do(func() {
		close(c.closed)
		c.mu.Lock()
		c.gen++
		c.timer.Stop()
		user := c.user
		c.mu.Unlock()
		c.srv.conns.Add(-1)
		if user != "" {
			user = " " + user
		}
		c.srv.logf("disconnect %s%s after %s", c.RemoteAddr(), user, time.Since(c.start).Round(time.Second))
	})
	return err
}
