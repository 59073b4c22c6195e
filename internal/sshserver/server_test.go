package sshserver

import (
	"context"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

type noAuth struct{}

func (noAuth) PublicKey(context.Context, gossh.PublicKey) (Identity, bool) { return Identity{}, false }
func (noAuth) Password(_ context.Context, user, password, _ string) (Identity, bool) {
	return Identity{UserID: 1, Name: user}, password == "right"
}

func newTestServer(t *testing.T, cfg Config) (*Server, string) {
	t.Helper()
	if cfg.Auth == nil {
		cfg.Auth = noAuth{}
	}
	if cfg.Handler == nil {
		cfg.Handler = func(Session) (tea.Model, error) { return nil, io.EOF }
	}
	cfg.HostKeyPath = filepath.Join(t.TempDir(), "host_key")
	cfg.Log = log.New(io.Discard, "", 0)
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return srv, l.Addr().String()
}

func TestHandshakeThatDoesNotFinishIsDropped(t *testing.T) {
	t.Parallel()
	_, addr := newTestServer(t, Config{HandshakeTimeout: 200 * time.Millisecond})
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	if _, err := io.Copy(io.Discard, c); err != nil {
		t.Fatalf("the connection was not closed by the server: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("dropped after %s", d)
	}
}

// testClock is a clock the test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestWrongPasswordsSlowTheAddressExponentially(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	_, addr := newTestServer(t, Config{Backoff: &auth.Backoff{Now: clock.now}})
	try := func(pw string) error {
		c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "u", Auth: []gossh.AuthMethod{gossh.Password(pw)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey()})
		if err == nil {
			c.Close()
		}
		return err
	}
	try("wrong")
	try("wrong") // two free mistakes; the third failure's wait is 1 s
	if err := try("right"); err != nil {
		t.Fatalf("the right password after two mistakes: %v", err)
	}
	for range 3 {
		try("wrong")
	}
	// Three failures: the address waits 1 s after the third. The right password
	// within it is not even checked.
	if err := try("right"); err == nil {
		t.Fatal("a password was checked during the back-off")
	}
	clock.advance(time.Second)
	if err := try("wrong"); err == nil {
		t.Fatal("a wrong password logged in")
	}
	// The fourth failure doubles the wait to 2 s.
	clock.advance(time.Second)
	if err := try("right"); err == nil {
		t.Fatal("a password was checked a second into a two-second back-off")
	}
	clock.advance(time.Second)
	if err := try("right"); err != nil {
		t.Fatalf("the right password after the back-off: %v", err)
	}
}

func TestHostKeyIsMadeOnceAndKept(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "host_key")
	first, err := hostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := hostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if gossh.FingerprintSHA256(first.PublicKey()) != gossh.FingerprintSHA256(again.PublicKey()) {
		t.Fatal("the host key changed between starts")
	}
}

func TestHostKeyIsMade0600UnderAnyUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "host_key")
	if _, err := hostKey(path); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("host key mode %v, %v", info.Mode().Perm(), err)
	}
}

// A Shutdown that comes as Serve starts, or before it, neither races with it (go test
// -race) nor leaves it serving: both return.
func TestShutdownAsServeStarts(t *testing.T) {
	t.Parallel()
	for i := range 20 {
		srv, err := New(Config{Auth: noAuth{}, Handler: func(Session) (tea.Model, error) { return nil, io.EOF },
			HostKeyPath: filepath.Join(t.TempDir(), "host_key"), Log: log.New(io.Discard, "", 0)})
		if err != nil {
			t.Fatal(err)
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		served := make(chan error, 1)
		start := func() { served <- srv.Serve(l) }
		if i%2 == 0 {
			go start()
		}
		if err := srv.Shutdown(context.Background()); err != nil {
			t.Fatalf("shutdown: %v", err)
		}
		if i%2 == 1 {
			go start() // after Shutdown: it must not start serving
		}
		select {
		case err := <-served:
			if err != nil {
				t.Fatalf("serve: %v", err)
			}
		case <-time.After(20 * time.Second): // a deadline for a Serve that never returns
			t.Fatalf("Serve still runs after Shutdown (round %d)", i)
		}
	}
}
