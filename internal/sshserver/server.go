// Package sshserver serves the desk over SSH: one Bubble Tea program per session, at
// the session's own terminal size and colours, for a user authenticated by a registered
// public key or by password. It knows nothing of the clinic: the caller gives it an
// Authenticator and a Handler that builds each session's model.
package sshserver

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"github.com/clinicdesk/clinicdesk/internal/auth"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

// Session is what a Handler knows of a new session.
type Session struct {
	Identity
	// Method is how the user authenticated: "publickey" or "password".
	Method string
	// KeyFingerprint is the proven public key's SHA256 fingerprint for a key login.
	KeyFingerprint string
	// Renderer draws for this session's terminal (its TERM and colour support).
	Renderer *lipgloss.Renderer
	// NoColor is set when the client sent NO_COLOR in its environment.
	NoColor bool
	// Remote is the client's address.
	Remote string
}

// Handler builds the model one session runs.
type Handler func(Session) (tea.Model, error)

// Config configures a Server. Zero values take the defaults.
type Config struct {
	HostKeyPath      string        // made on first start, mode 0600
	Auth             Authenticator // required
	Handler          Handler       // required
	MaxSessions      int           // default 64; past it a session is refused in plain words
	IdleTimeout      time.Duration // no key pressed for this long ends a session; default 30 min
	HandshakeTimeout time.Duration // a connection without a session by then is dropped; default 15 s
	// PasswordChecks is how many passwords are checked at once; the others wait their
	// turn, first come first checked, and the handshake timeout does not count the wait.
	// Default auth.Slots(): bcrypt on every core but one, so that a burst of logins
	// leaves the open desks a core.
	PasswordChecks int
	// LoginQueue bounds the passwords waiting their turn; past it a password is refused
	// unchecked, in plain words, and not counted as wrong. Default MaxSessions.
	LoginQueue int
	// LoginWait bounds how long one password waits its turn; then it is refused
	// unchecked. With at most LoginQueue waiting, first come first checked, a wait is
	// bounded already by the queue's checks; this bounds it when checks stall. Default
	// 5 min: fifty desks logging in at once on two busy cores wait two minutes and more.
	LoginWait time.Duration
	// Backoff slows the remote addresses that send wrong passwords; nil takes the
	// defaults of auth.Backoff (two free mistakes, then 1 s doubling to 15 min).
	Backoff *auth.Backoff
	// PasswordRefused is told to a client after each refused password, whatever the
	// reason: the same words for an unknown email, a wrong password and a throttled
	// account, so they tell no one which accounts exist or are held back. Its lines
	// are told as lines; "" tells nothing.
	PasswordRefused string
	Log             *log.Logger // one line per connect, login, refusal and disconnect
}

// Server is the desk's SSH server.
type Server struct {
	cfg         Config
	ssh         *ssh.Server
	fingerprint string

	sessions atomic.Int64
	conns    atomic.Int64
	checks   chan struct{} // a password check's turn: one token per check running now
	waiting  atomic.Int64  // passwords waiting their turn

	mu    sync.Mutex
	progs map[*tea.Program]*live

	// The ssh package's Serve counts its listener on a WaitGroup that its Shutdown
	// waits on; the two must not overlap (a data race, and a Shutdown that misses the
	// listener). serveMu orders them: a Shutdown waits until Serve counts its listener
	// (its first Accept) or returns, and a Serve after Shutdown does not start.
	serveMu  sync.Mutex
	serving  bool
	stopped  bool
	done     chan struct{} // closed by Shutdown: passwords waiting their turn are refused
	accepted chan struct{} // closed at Serve's first Accept, or when it returns
}

// New makes a server, reading or making its host key.
func New(cfg Config) (*Server, error) {
	if cfg.Auth == nil || cfg.Handler == nil {
		return nil, errors.New("sshserver: an authenticator and a handler are required")
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 64
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = 15 * time.Second
	}
	if cfg.PasswordChecks <= 0 {
		cfg.PasswordChecks = auth.Slots()
	}
	if cfg.LoginQueue <= 0 {
		cfg.LoginQueue = cfg.MaxSessions
	}
	if cfg.LoginWait <= 0 {
		cfg.LoginWait = 5 * time.Minute
	}
	if cfg.Backoff == nil {
		cfg.Backoff = &auth.Backoff{}
	}
	if cfg.Log == nil {
		cfg.Log = log.Default()
	}
	signer, err := hostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:         cfg,
		fingerprint: gossh.FingerprintSHA256(signer.PublicKey()),
		progs:       map[*tea.Program]*live{},
		checks:      make(chan struct{}, cfg.PasswordChecks),
		done:        make(chan struct{}),
		accepted:    make(chan struct{}),
	}
	s.ssh, err = wish.NewServer(
		func(srv *ssh.Server) error {
			srv.AddHostKey(signer)
			srv.Version = "ClinicDesk"
			srv.ConnCallback = s.accept
			srv.ConnectionFailedCallback = s.failed
			srv.PublicKeyHandler = s.publicKey
			srv.PasswordHandler = s.password
			srv.ServerConfigCallback = keepPreAuth
			return nil
		},
		// The last middleware runs first: the gate refuses before a program exists.
		wish.WithMiddleware(bm.MiddlewareWithProgramHandler(s.program, termenv.Ascii), s.gate),
	)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Fingerprint is the host key's SHA256 fingerprint, for users to check on first connect.
func (s *Server) Fingerprint() string { return s.fingerprint }

// Serve accepts connections on l until Shutdown or Close.
func (s *Server) Serve(l net.Listener) error {
	s.serveMu.Lock()
	if s.stopped || s.serving {
		s.serveMu.Unlock()
		l.Close()
		return nil
	}
	s.serving = true
	s.serveMu.Unlock()
	var once sync.Once
	accepted := func() { once.Do(func() { close(s.accepted) }) }
	err := s.ssh.Serve(&firstAccept{Listener: l, accepted: accepted})
	accepted()
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Sessions is how many sessions run now.
func (s *Server) Sessions() int { return int(s.sessions.Load()) }

// Connections is how many connections are open now, authenticated or not.
func (s *Server) Connections() int { return int(s.conns.Load()) }

// Shutdown stops accepting connections and waits until every session has ended or ctx
// is done; then it closes whatever is left.
func (s *Server) Shutdown(ctx context.Context) error {
	s.serveMu.Lock()
	if !s.stopped {
		close(s.done)
	}
	s.stopped = true
	serving := s.serving
	s.serveMu.Unlock()
	if serving {
		<-s.accepted
	}
	err := s.ssh.Shutdown(ctx)
	if err != nil {
		s.ssh.Close()
	}
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// firstAccept tells when the ssh server first accepts on the listener: by then it has
// counted the listener for its Shutdown.
type firstAccept struct {
	net.Listener
	accepted func()
}

func (f *firstAccept) Accept() (net.Conn, error) {
	f.accepted()
	return f.Listener.Accept()
}

func (s *Server) logf(format string, args ...any) { s.cfg.Log.Printf(format, args...) }

// publicKey accepts a key registered to an active account. The identity goes into
// this attempt's permissions, which the connection keeps only if the key is proven.
func (s *Server) publicKey(ctx ssh.Context, key ssh.PublicKey) bool {
	id, ok := s.cfg.Auth.PublicKey(ctx, key)
	if ok {
		grant(ctx, id, "publickey", gossh.FingerprintSHA256(key))
	}
	return ok
}

// password checks a password in its turn (see turn) unless the remote address is
// waiting out its back-off, looked at again once the turn has come: the guesses an
// address queued together are not all checked. A wrong password lengthens the wait, a
// right one clears it. The account's own throttle is the Authenticator's.
func (s *Server) password(ctx ssh.Context, password string) bool {
	ip := remoteIP(ctx.RemoteAddr())
	if s.backingOff(ctx, ip) {
		return false
	}
	done, ok := s.turn(ctx)
	if !ok {
		return false
	}
	defer done()
	if s.backingOff(ctx, ip) {
		return false
	}
	id, ok := s.cfg.Auth.Password(ctx, ctx.User(), password, ctx.RemoteAddr().String())
	if !ok {
		var wait string
		if d := s.cfg.Backoff.Failure(ip); d > 0 {
			s.logf("wrong password from %s: its next attempt waits %s", ctx.RemoteAddr(), d)
			wait = fmt.Sprintf("Your address's next password is checked in %s.", seconds(d))
		}
		tell(ctx, s.cfg.PasswordRefused, wait)
		return false
	}
	s.cfg.Backoff.Success(ip)
	grant(ctx, id, "password", "")
	return true
}

// backingOff refuses, in words, a password from an address waiting out its back-off.
func (s *Server) backingOff(ctx ssh.Context, ip string) bool {
	wait := s.cfg.Backoff.Wait(ip)
	if wait <= 0 {
		return false
	}
	s.logf("refused %s: password attempt %s before its back-off ends", ctx.RemoteAddr(), wait.Round(time.Millisecond))
	tell(ctx, fmt.Sprintf("Too many wrong passwords from your address: it was not checked. "+
		"The next password is checked in %s.", seconds(wait)))
	return true
}

// turn waits until a password may be checked: PasswordChecks at once, the others in
// order of arrival. The connection's handshake clock stops while it waits, so a login
// burst is not dropped for the server's own queue; the wait is bounded instead, by
// LoginWait for each password and LoginQueue for the passwords waiting, and ends when
// the connection closes or the server shuts down. done ends the check; a password
// refused its turn (ok false) has been told why.
func (s *Server) turn(ctx ssh.Context) (done func(), ok bool) {
	done = func() { <-s.checks }
	select {
	case s.checks <- struct{}{}:
		return done, true
	default:
	}
	n := s.waiting.Add(1)
	defer s.waiting.Add(-1)
	if n > int64(s.cfg.LoginQueue) {
		s.logf("refused %s: %d passwords already wait their turn", ctx.RemoteAddr(), s.cfg.LoginQueue)
		tell(ctx, "Too many desks are logging in at once: your password was not checked. Try again in a minute.")
		return nil, false
	}
	var closed <-chan struct{}
	if c, isConn := ctx.Value(connKey{}).(*conn); isConn {
		if !c.pause() {
			return nil, false // its handshake timeout ran out first: it is closing
		}
		defer c.resume()
		closed = c.closed
	}
	tell(ctx, "Other desks are logging in at once: your password is checked in turn.")
	limit := time.NewTimer(s.cfg.LoginWait)
	defer limit.Stop()
	select {
	case s.checks <- struct{}{}:
		return done, true
	case <-limit.C:
		s.logf("refused %s: its password waited its turn %s", ctx.RemoteAddr(), s.cfg.LoginWait)
		tell(ctx, fmt.Sprintf("The server was too busy to check your password within %s: "+
			"it was not checked. Try again in a minute.", seconds(s.cfg.LoginWait)))
	case <-closed:
	case <-s.done:
		tell(ctx, "The server is stopping: your password was not checked.")
	}
	return nil, false
}

func (s *Server) failed(conn net.Conn, err error) {
	s.logf("refused %s: %s", conn.RemoteAddr(), textsafe.Line(err.Error()))
}

// describe names a session's user for the log, which may be read on a terminal.
func describe(id Identity) string {
	return fmt.Sprintf("%s (user %d)", textsafe.Line(id.Name), id.UserID)
}
