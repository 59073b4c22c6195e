package sshserver

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	bm "github.com/charmbracelet/wish/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

type liveKey struct{}

// live is one running session's program.
type live struct {
	prog   *tea.Program
	model  tea.Model
	id     Identity
	input  *keyWatch
	done   chan struct{}
	mu     sync.Mutex
	reason string // why the server ended the session, told to the user after the desk
}

// end quits the session's program, saying why; the first reason given stands.
func (l *live) end(reason string) {
	l.mu.Lock()
	if l.reason == "" {
		l.reason = reason
	}
	l.mu.Unlock()
	l.prog.Quit()
}

func (l *live) endReason() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.reason
}

// keyWatch passes the client's input to the program and notes when a key last came, so
// idleness is counted from key presses, never from what the desk draws.
type keyWatch struct {
	r    io.Reader
	last atomic.Int64 // unix nanoseconds
}

func (k *keyWatch) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	if n > 0 {
		k.last.Store(time.Now().UnixNano())
	}
	return n, err
}

func (k *keyWatch) idleFor() time.Duration { return time.Since(time.Unix(0, k.last.Load())) }

// refuse tells the client in one line of plain words why there is no session, and
// ends it.
func refuse(sess ssh.Session, format string, args ...any) {
	fmt.Fprint(sess.Stderr(), textsafe.Line(fmt.Sprintf(format, args...))+"\r\n")
	_ = sess.Exit(1)
}

// gate admits a session to the desk: an authenticated user, a terminal, no command,
// within the session limit. It runs before any program exists.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		c, _ := sess.Context().Value(connKey{}).(*conn)
		id, method, _, ok := granted(sess.Context().Permissions())
		remote := sess.RemoteAddr().String()
		// Deferred first, so it runs last: a panic anywhere in this session (building
		// its desk, the gate itself) ends this session only, after the cleanups below.
		defer s.recoverSession(sess, remote, id)
		if c == nil || !ok {
			s.logf("refused %s: no authenticated user", remote)
			refuse(sess, "Not logged in.")
			return
		}
		busy, closing := c.claim(describe(id))
		if closing {
			return // the handshake timer fired first; the connection is closing
		}
		if busy {
			s.logf("refused %s %s: a second session on one connection", remote, describe(id))
			refuse(sess, "This connection already has a desk open; for a second desk, connect again.")
			return
		}
		defer c.release()
		if len(sess.RawCommand()) > 0 || sess.Subsystem() != "" {
			s.logf("refused %s %s: asked to run %q", remote, describe(id), sess.RawCommand()+sess.Subsystem())
			refuse(sess, "This server runs the ClinicDesk desk only; it does not run commands.")
			return
		}
		if _, _, isPty := sess.Pty(); !isPty {
			s.logf("refused %s %s: no terminal", remote, describe(id))
			refuse(sess, "The desk needs a terminal: connect with ssh -t.")
			return
		}
		n := s.sessions.Add(1)
		defer s.sessions.Add(-1)
		if n > int64(s.cfg.MaxSessions) {
			s.logf("refused %s %s: %d sessions already open", remote, describe(id), s.cfg.MaxSessions)
			refuse(sess, "The desk is full (%d sessions are open). Try again in a few minutes.", s.cfg.MaxSessions)
			return
		}
		s.logf("login %s %s by %s", remote, describe(id), method)
		defer func() {
			if l, ok := sess.Context().Value(liveKey{}).(*live); ok {
				s.forget(l)
				if reason := l.endReason(); reason != "" {
					fmt.Fprintf(sess, "\r\n%s\r\n", textsafe.Line(reason))
				}
			}
		}()
		next(sess)
	}
}

// crashedReason is what the user of a session that panicked is told.
const crashedReason = "The desk hit an internal error and this session has ended; other sessions go on. " +
	"Please tell the administrator the time."

// recoverSession, deferred by the gate, turns a panic in the session's goroutine into
// the end of that session: logged with its stack, the user told in one line.
func (s *Server) recoverSession(sess ssh.Session, remote string, id Identity) {
	r := recover()
	if r == nil {
		return
	}
	s.logf("panic in session %s %s: %v\n%s", remote, describe(id), r, debug.Stack())
	refuse(sess, "%s", crashedReason)
}

// program builds the session's program around the model the Handler makes.
func (s *Server) program(sess ssh.Session) *tea.Program {
	id, method, key, _ := granted(sess.Context().Permissions())
	pump, queryInput := newInputPump(sess)
	// The query waits for the terminal's answers until the pump ends its input.
	giveUp := time.AfterFunc(queryTimeout, func() { pump.endQuery() })
	renderer := bm.MakeRenderer(pumpedSession{Session: sess, in: queryInput})
	giveUp.Stop()
	typed := pump.endQuery()
	model, err := s.cfg.Handler(Session{
		Identity:       id,
		Method:         method,
		KeyFingerprint: key,
		Renderer:       renderer,
		NoColor:        hasEnv(sess.Environ(), "NO_COLOR"),
		Remote:         sess.RemoteAddr().String(),
	})
	if err != nil {
		s.logf("refused %s %s: %s", sess.RemoteAddr(), describe(id), textsafe.Line(err.Error()))
		pump.close()
		refuse(sess, "%s", err.Error())
		return nil
	}
	in := &keyWatch{r: typed}
	in.last.Store(time.Now().UnixNano())
	g := &guard{srv: s, remote: sess.RemoteAddr().String(), id: id}
	p := tea.NewProgram(guarded{Model: model, g: g}, tea.WithInput(in), tea.WithOutput(sess), tea.WithAltScreen(),
		tea.WithMouseCellMotion(), tea.WithoutSignalHandler())
	l := &live{prog: p, model: model, id: id, input: in, done: make(chan struct{})}
	g.l = l
	sess.Context().SetValue(liveKey{}, l)
	s.mu.Lock()
	s.progs[p] = l
	s.mu.Unlock()
	go s.watchIdle(l)
	return p
}

// forget drops a session whose program has ended, and closes its model if the model
// holds anything (an io.Closer: a subscription to the store's changes).
func (s *Server) forget(l *live) {
	s.mu.Lock()
	delete(s.progs, l.prog)
	s.mu.Unlock()
	close(l.done)
	if c, ok := l.model.(io.Closer); ok {
		c.Close()
	}
}

// watchIdle ends a session when no key has come for the idle timeout.
func (s *Server) watchIdle(l *live) {
	limit := s.cfg.IdleTimeout
	t := time.NewTimer(limit)
	defer t.Stop()
	for {
		select {
		case <-l.done:
			return
		case <-t.C:
			idle := l.input.idleFor()
			if idle >= limit {
				s.logf("idle %s: no key for %s", describe(l.id), limit)
				l.end(fmt.Sprintf("Disconnected: no key was pressed for %s.", limit))
				return
			}
			t.Reset(limit - idle)
		}
	}
}

// End ends every session of a user (an account deactivated), telling them why.
func (s *Server) End(userID int64, reason string) int {
	n := 0
	for _, l := range s.live() {
		if l.id.UserID == userID {
			l.end(reason)
			n++
		}
	}
	return n
}

// Users lists the users with a session open now (a user with two sessions twice).
func (s *Server) Users() []int64 {
	var ids []int64
	for _, l := range s.live() {
		ids = append(ids, l.id.UserID)
	}
	return ids
}

// Stopping tells every open session that the server stops: msg goes to its desk, which
// may keep its user a while to save; reason is told after the desk closes, however it
// closes, unless the session had already been ended for another reason.
func (s *Server) Stopping(msg tea.Msg, reason string) {
	for _, l := range s.live() {
		l.mu.Lock()
		if l.reason == "" {
			l.reason = reason
		}
		l.mu.Unlock()
	}
	s.broadcast(msg)
}

// broadcast sends a message to every session's program.
func (s *Server) broadcast(msg tea.Msg) {
	for _, l := range s.live() {
		go func() {
			select {
			case <-l.done:
			default:
				l.prog.Send(msg)
			}
		}()
	}
}

func (s *Server) live() []*live {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*live, 0, len(s.progs))
	for _, l := range s.progs {
		out = append(out, l)
	}
	return out
}

func hasEnv(env []string, name string) bool {
	for _, kv := range env {
		if strings.HasPrefix(kv, name+"=") {
			return true
		}
	}
	return false
}
