package sshserver

import (
	"net"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
)

type connKey struct{}

// conn is one client connection: it logs its end, and is dropped if no session has
// started within the handshake timeout.
type conn struct {
	net.Conn
	srv     *Server
	start   time.Time
	timer   *time.Timer
	mu      sync.Mutex
	user    string
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

// started stops the handshake timer once a session runs, and names the connection's user.
func (c *conn) started(user string) bool {
	c.mu.Lock()
	c.user = user
	c.mu.Unlock()
	return c.timer.Stop()
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
