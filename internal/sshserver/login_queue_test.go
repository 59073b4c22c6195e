package sshserver

import (
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// queueServer serves crashy desks with one password check at a time, and takes that
// check's turn itself: every password waits until the test calls the returned free.
func queueServer(t *testing.T, cfg Config) (srv *Server, addr string, free func()) {
	t.Helper()
	cfg.PasswordChecks = 1
	cfg.Handler = func(Session) (tea.Model, error) { return crashy{}, nil }
	srv, addr = newTestServer(t, cfg)
	srv.checks <- struct{}{}
	return srv, addr, func() { <-srv.checks }
}

// awaitWaiting waits until n passwords wait their turn.
func awaitWaiting(t *testing.T, srv *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second) // only for a test that would hang
	for srv.waiting.Load() != int64(n) {
		if time.Now().After(deadline) {
			t.Fatalf("%d passwords wait their turn, not %d", srv.waiting.Load(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// awaitDropped waits until the server closes a connection that never starts its
// handshake, and so for at least the handshake timeout.
func awaitDropped(t *testing.T, addr string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(20 * time.Second)) // only for a server that never drops it
	if _, err := io.Copy(io.Discard, c); err != nil {
		t.Fatalf("the connection that never started its handshake was not dropped: %v", err)
	}
}

type dialled struct {
	screen  *screen // the session opened at once on a login that succeeded
	err     error
	banners string
}

// dialAll logs n connections in at once with password, each sent on the channel
// returned once its login has failed, or succeeded and opened its session.
func dialAll(t *testing.T, addr, password string, n int) <-chan dialled {
	out := make(chan dialled, n)
	for range n {
		go func() {
			var banners strings.Builder
			c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "ana",
				Auth:            []gossh.AuthMethod{gossh.Password(password)},
				BannerCallback:  func(m string) error { banners.WriteString(m); return nil },
				HostKeyCallback: gossh.InsecureIgnoreHostKey()})
			var sc *screen
			if err == nil {
				t.Cleanup(func() { c.Close() })
				sc, err = startScreen(t, c, terminalAnswer)
			}
			out <- dialled{sc, err, banners.String()}
		}()
	}
	return out
}

// Logins that wait their turn to be checked longer than the handshake timeout all get
// their desk: the wait is the server's queue, not the client's dawdling.
func TestLoginsWaitingTheirTurnLongerThanTheHandshakeTimeoutAllOpen(t *testing.T) {
	t.Parallel()
	srv, addr, free := queueServer(t, Config{HandshakeTimeout: 3 * time.Second})
	const n = 8
	logins := dialAll(t, addr, "right", n)
	awaitWaiting(t, srv, n)
	// Dropped a handshake timeout after it connected, which was after the logins began
	// to wait: they have waited longer than the timeout.
	awaitDropped(t, addr)
	free()
	for range n {
		l := <-logins
		if l.err != nil {
			t.Fatalf("a login that waited its turn failed: %v", l.err)
		}
		if !strings.Contains(l.banners, "your password is checked in turn") {
			t.Errorf("the client was not told it waits its turn: %q", l.banners)
		}
		l.screen.waitFor("desk open")
	}
}

// watchedConn notes when the server has closed the connection under a client.
type watchedConn struct {
	net.Conn
	once   sync.Once
	closed chan struct{}
}

func (w *watchedConn) Read(p []byte) (int, error) {
	n, err := w.Conn.Read(p)
	if err != nil {
		w.once.Do(func() { close(w.closed) })
	}
	return n, err
}

// handshake runs a client's handshake in the background over a connection whose end
// the test can await; password answers each time the client is asked for its password.
func handshake(t *testing.T, addr string, banners chan<- string, password func() string) *watchedConn {
	t.Helper()
	nc, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	w := &watchedConn{Conn: nc, closed: make(chan struct{})}
	go func() {
		c, chans, reqs, err := gossh.NewClientConn(w, addr, &gossh.ClientConfig{User: "ana",
			Auth: []gossh.AuthMethod{gossh.RetryableAuthMethod(
				gossh.PasswordCallback(func() (string, error) { return password(), nil }), 10)},
			BannerCallback:  func(m string) error { banners <- m; return nil },
			HostKeyCallback: gossh.InsecureIgnoreHostKey()})
		if err == nil {
			gossh.NewClient(c, chans, reqs).Close()
		}
	}()
	return w
}

// A client that never authenticates is still dropped: one that never sends a password,
// and one whose password waited its turn too long and is refused, and that then never
// sends another. The wait paused its handshake clock; the clock runs again after it.
func TestALoginThatNeverAuthenticatesIsDropped(t *testing.T) {
	t.Parallel()
	never := make(chan struct{})
	t.Cleanup(func() { close(never) })
	silent := func() string { <-never; return "" }
	t.Run("never sends a password", func(t *testing.T) {
		t.Parallel()
		_, addr := newTestServer(t, Config{HandshakeTimeout: 200 * time.Millisecond})
		select {
		case <-handshake(t, addr, make(chan string, 10), silent).closed:
		case <-time.After(20 * time.Second): // only for a test that would hang
			t.Fatal("the connection was not dropped")
		}
	})
	t.Run("refused after waiting its turn, never sends another", func(t *testing.T) {
		t.Parallel()
		srv, addr, _ := queueServer(t, Config{HandshakeTimeout: 2 * time.Second,
			LoginWait: 50 * time.Millisecond})
		var asked atomic.Int32
		banners := make(chan string, 10)
		w := handshake(t, addr, banners, func() string {
			if asked.Add(1) == 1 {
				return "right"
			}
			return silent()
		})
		guard := time.After(20 * time.Second) // only for a test that would hang
		for told := false; !told; {
			select {
			case b := <-banners:
				told = strings.Contains(b, "too busy to check your password")
			case <-guard:
				t.Fatal("the client was not told its password waited too long")
			}
		}
		select {
		case <-w.closed:
		case <-guard:
			t.Fatal("the connection was not dropped")
		}
		if n := srv.waiting.Load(); n != 0 {
			t.Errorf("%d passwords still wait their turn", n)
		}
	})
}

// Past LoginQueue waiting passwords, one more is refused at once, unchecked, and the
// waiting ones are checked in their turn.
func TestAPasswordPastTheQueueIsRefusedAtOnce(t *testing.T) {
	t.Parallel()
	srv, addr, free := queueServer(t, Config{LoginQueue: 2})
	waiting := dialAll(t, addr, "right", 2)
	awaitWaiting(t, srv, 2)
	l := <-dialAll(t, addr, "right", 1)
	if l.err == nil {
		t.Fatal("a password past the queue was checked")
	}
	if !strings.Contains(l.banners, "Too many desks are logging in at once") {
		t.Errorf("the client was not told why: %q", l.banners)
	}
	free()
	for range 2 {
		if l := <-waiting; l.err != nil {
			t.Errorf("a password waiting in the queue was refused: %v", l.err)
		}
	}
}

// countingAuth counts the passwords checked.
type countingAuth struct {
	noAuth
	checked atomic.Int32
}

func (a *countingAuth) Password(ctx context.Context, user, password, remote string) (Identity, bool) {
	a.checked.Add(1)
	return a.noAuth.Password(ctx, user, password, remote)
}

// Guesses an address queued together are not all checked: the back-off their first
// failures start is looked at again when each one's turn comes.
func TestQueuedGuessesMeetTheBackoffOfTheFirst(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	a := &countingAuth{}
	srv, addr, free := queueServer(t, Config{Auth: a, Backoff: &auth.Backoff{Now: clock.now}})
	const n = 6
	guesses := dialAll(t, addr, "wrong", n)
	awaitWaiting(t, srv, n)
	free()
	for range n {
		if l := <-guesses; l.err == nil {
			t.Fatal("a wrong password logged in")
		}
	}
	// Two free mistakes; the third failure starts a back-off the others wait out.
	if got := a.checked.Load(); got != 3 {
		t.Errorf("%d of %d queued guesses were checked, want 3", got, n)
	}
}
