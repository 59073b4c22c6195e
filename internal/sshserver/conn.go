package sshserver

import (
	"net"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
)

type connKey struct{}

// conn is one client connection: it logs its end, is dropped if no session has started
// within the handshake timeout, and runs one desk at a time.
type conn struct {
	net.Conn
	srv     *Server
	start   time.Time
	timer   *time.Timer
	mu      sync.Mutex
	user    string
	running bool // a session of this connection runs its desk now
	closing sync.Once
}

// accept counts and logs a new connection and arms its handshake timer.
func (s *Server) accept(ctx ssh.Context, nc net.Conn) net.Conn {
	c := &conn{Conn: nc, srv: s, start: time.Now()}
	c.timer = time.AfterFunc(s.cfg.HandshakeTimeout, func() {
		s.logf("refused %s: no session within %s", nc.RemoteAddr(), s.cfg.HandshakeTimeout)
		c.Close()
	})
	s.conns.Add(1)
	ctx.SetValue(connKey{}, c)
	s.logf("connect %s", nc.RemoteAddr())
	return c
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
	if c.user == "" && !c.timer.Stop() {
		return false, true
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
		c.timer.Stop()
		c.srv.conns.Add(-1)
		c.mu.Lock()
		user := c.user
		c.mu.Unlock()
		if user != "" {
			user = " " + user
		}
		c.srv.logf("disconnect %s%s after %s", c.RemoteAddr(), user, time.Since(c.start).Round(time.Second))
	})
	return err
}
