package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// newKey makes a fresh ed25519 key for a test client.
func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// authorizedLine is a key's authorized_keys line.
func authorizedLine(s gossh.Signer) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey()))) + " test@laptop"
}

// dial opens an SSH connection as user with the given methods.
func dial(addr, user string, methods ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            user,
		Auth:            methods,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         5 * time.Second,
	})
}

// terminal is a client session with a PTY: keys in, the screen's text out.
type terminal struct {
	t    testing.TB
	sess *gossh.Session
	in   interface{ Write([]byte) (int, error) }

	mu      sync.Mutex
	out     bytes.Buffer
	changed chan struct{}
	mark    int
	done    chan struct{}
}

// openTerminal starts a shell on a PTY of the given size. It answers the terminal
// queries a real terminal answers (background colour, device attributes), as the
// server asks them before drawing.
func openTerminal(t testing.TB, c *gossh.Client, width, height int) *terminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", height, width, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	sess.Stderr = nil
	term := &terminal{t: t, sess: sess, in: in, changed: make(chan struct{}), done: make(chan struct{})}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go term.read(out)
	t.Cleanup(func() { sess.Close() })
	return term
}

func (term *terminal) read(r interface{ Read([]byte) (int, error) }) {
	defer close(term.done)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			chunk := buf[:n]
			if bytes.Contains(chunk, []byte("\x1b[c")) {
				term.in.Write([]byte("\x1b]11;rgb:0000/0000/0000\x07\x1b[?62c"))
			}
			term.mu.Lock()
			term.out.Write(chunk)
			close(term.changed)
			term.changed = make(chan struct{})
			term.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

var escapes = regexp.MustCompile(`\x1b\[[0-9;?<>=]*[a-zA-Z~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\r`)

// text is the plain text the server has sent since the last mark.
func (term *terminal) text() (string, <-chan struct{}) {
	term.mu.Lock()
	defer term.mu.Unlock()
	return escapes.ReplaceAllString(term.out.String()[term.mark:], ""), term.changed
}

// markNow makes later waits look only at output sent from now on.
func (term *terminal) markNow() {
	term.mu.Lock()
	term.mark = term.out.Len()
	term.mu.Unlock()
}

// waitFor waits until everything in texts has been drawn since the mark, within limit.
func (term *terminal) waitFor(limit time.Duration, texts ...string) string {
	term.t.Helper()
	return term.waitUntil(limit, fmt.Sprintf("%q", texts), func(s string) bool {
		for _, want := range texts {
			if !strings.Contains(s, want) {
				return false
			}
		}
		return true
	})
}

// waitUntil waits until what has been drawn since the mark satisfies ok, within limit.
func (term *terminal) waitUntil(limit time.Duration, what string, ok func(string) bool) string {
	term.t.Helper()
	deadline := time.After(limit)
	for {
		s, changed := term.text()
		if ok(s) {
			return s
		}
		select {
		case <-changed:
		case <-deadline:
			term.t.Fatalf("waited %s for %s; the screen since the mark:\n%s", limit, what, s)
		}
	}
}

// ended waits for the server to close the session, within limit.
func (term *terminal) ended(limit time.Duration) bool {
	select {
	case <-term.done:
		return true
	case <-time.After(limit):
		return false
	}
}

func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := term.in.Write([]byte(keys)); err != nil {
		term.t.Fatal(err)
	}
}
