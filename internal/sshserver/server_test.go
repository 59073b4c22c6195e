package sshserver

import (
	"context"
	"io"
	"log"
	"net"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

type noAuth struct{}

func (noAuth) PublicKey(context.Context, gossh.PublicKey) (Identity, bool) { return Identity{}, false }
func (noAuth) Password(_ context.Context, user, password string) (Identity, bool) {
	return Identity{UserID: 1, Name: user}, password == "right"
}

func newTestServer(t *testing.T, cfg Config) (*Server, string) {
	t.Helper()
	cfg.Auth = noAuth{}
	cfg.Handler = func(Session) (tea.Model, error) { return nil, io.EOF }
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

func TestPasswordAttemptsAreRateLimitedPerIP(t *testing.T) {
	t.Parallel()
	_, addr := newTestServer(t, Config{PasswordAttempts: 2})
	try := func(pw string) error {
		c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "u", Auth: []gossh.AuthMethod{gossh.Password(pw)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey()})
		if err == nil {
			c.Close()
		}
		return err
	}
	try("wrong")
	try("wrong")
	if err := try("right"); err == nil {
		t.Fatal("a third attempt within the minute was checked")
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
