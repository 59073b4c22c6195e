package sshserver

import (
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// crashy is a desk that shows the keys pressed and panics on demand: "u" in Update,
// "v" in View, "c" in a command, "b" in a command of a batch.
type crashy struct {
	keys      string
	panicView bool
}

func (m crashy) Init() tea.Cmd { return nil }

func (m crashy) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch k.String() {
	case "u":
		panic("update went wrong")
	case "v":
		m.panicView = true
	case "c":
		return m, func() tea.Msg { panic("command went wrong") }
	case "b":
		return m, tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("batched command went wrong") })
	}
	m.keys += k.String()
	return m, nil
}

func (m crashy) View() string {
	if m.panicView {
		panic("view went wrong")
	}
	return "desk open, keys [" + m.keys + "]"
}

// deskServer serves crashy desks; a user named "boom" makes the handler itself panic.
func deskServer(t *testing.T) (string, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	srv, err := New(Config{
		Auth: noAuth{},
		Handler: func(s Session) (tea.Model, error) {
			if s.Name == "boom" {
				panic("handler went wrong")
			}
			return crashy{}, nil
		},
		HostKeyPath: filepath.Join(t.TempDir(), "host_key"),
		Log:         log.New(logs, "", 0),
	})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return l.Addr().String(), logs
}

func connect(t *testing.T, addr, user string) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: user, Auth: []gossh.AuthMethod{gossh.Password("right")},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// screen is a session on a PTY: what the server sent (output and errors together),
// keys in, and whether the session has ended.
type screen struct {
	t       *testing.T
	answer  string // what the terminal sends when asked its colour; "" answers nothing
	sess    *gossh.Session
	in      io.Writer
	mu      sync.Mutex
	out     bytes.Buffer
	changed chan struct{}
	done    chan struct{}
	exit    error // how the session ended, once done is closed
}

// terminalAnswer is a dark terminal's answer to the renderer's query: its background
// colour, then its device attributes.
const terminalAnswer = "\x1b]11;rgb:0000/0000/0000\x07\x1b[?62c"

func openScreen(t *testing.T, c *gossh.Client) *screen {
	t.Helper()
	return openScreenAnswering(t, c, terminalAnswer)
}

// openScreenAnswering opens a screen whose terminal answers the renderer's query with
// answer ("": a terminal that answers no query).
func openScreenAnswering(t *testing.T, c *gossh.Client, answer string) *screen {
	t.Helper()
	sc, err := startScreen(t, c, answer)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// startScreen is openScreenAnswering for any goroutine: it returns its error.
func startScreen(t *testing.T, c *gossh.Client, answer string) (*screen, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { sess.Close() })
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	sc := &screen{t: t, answer: answer, sess: sess, changed: make(chan struct{}), done: make(chan struct{})}
	if sc.in, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	out, _ := sess.StdoutPipe()
	errOut, _ := sess.StderrPipe()
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	var readers sync.WaitGroup
	for _, r := range []io.Reader{out, errOut} {
		readers.Go(func() { sc.read(r) })
	}
	go func() { readers.Wait(); sc.exit = sess.Wait(); close(sc.done) }()
	return sc, nil
}

func (sc *screen) read(r io.Reader) {
	buf := make([]byte, 8<<10)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			// Answer the renderer's terminal queries as a terminal would.
			if sc.answer != "" && bytes.Contains(buf[:n], []byte("\x1b[c")) {
				sc.in.Write([]byte(sc.answer))
			}
			sc.mu.Lock()
			sc.out.Write(buf[:n])
			close(sc.changed)
			sc.changed = make(chan struct{})
			sc.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// waitFor waits until the server has sent text.
func (sc *screen) waitFor(text string) {
	sc.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		sc.mu.Lock()
		got, changed := sc.out.String(), sc.changed
		sc.mu.Unlock()
		if strings.Contains(got, text) {
			return
		}
		select {
		case <-changed:
		case <-deadline:
			sc.t.Fatalf("waited for %q; the server sent:\n%q", text, got)
		}
	}
}

func (sc *screen) ended() bool {
	select {
	case <-sc.done:
		return true
	case <-time.After(10 * time.Second):
		return false
	}
}

func TestASecondSessionOnOneConnectionIsToldWhyInOneLine(t *testing.T) {
	t.Parallel()
	addr, logs := deskServer(t)
	c := connect(t, addr, "ana")
	first := openScreen(t, c)
	first.waitFor("desk open")
	second := openScreen(t, c)
	second.waitFor("This connection already has a desk open; for a second desk, connect again.\r\n")
	if !second.ended() {
		t.Fatal("the second session was not closed")
	}
	if second.exit == nil || !strings.Contains(second.exit.Error(), "status 1") {
		t.Errorf("the second session's exit: %v", second.exit)
	}
	second.mu.Lock()
	if n := strings.Count(second.out.String(), "\n"); n != 1 {
		t.Errorf("the refusal is %d lines: %q", n, second.out.String())
	}
	second.mu.Unlock()
	// The first desk is unharmed.
	first.in.Write([]byte("x"))
	first.waitFor("keys [x]")
	if !strings.Contains(logs.String(), "a second session on one connection") {
		t.Errorf("no log line for the refusal:\n%s", logs)
	}
}

func TestAPanicEndsOnlyItsSessionAndIsLoggedWithItsStack(t *testing.T) {
	t.Parallel()
	addr, logs := deskServer(t)
	bystander := openScreen(t, connect(t, addr, "bea"))
	bystander.waitFor("desk open")
	for i, key := range []string{"u", "v", "c", "b"} {
		t.Run(key, func(t *testing.T) {
			victim := openScreen(t, connect(t, addr, "ana"))
			victim.waitFor("desk open")
			victim.in.Write([]byte(key))
			victim.waitFor(crashedReason)
			if !victim.ended() {
				t.Fatal("the session that panicked did not end")
			}
			// The other session goes on.
			bystander.in.Write([]byte("x"))
			bystander.waitFor("keys [" + strings.Repeat("x", i+1) + "]")
		})
	}
	// A panic while the desk is built, in the handler.
	victim := openScreen(t, connect(t, addr, "boom"))
	victim.waitFor(crashedReason)
	if !victim.ended() {
		t.Fatal("the session whose handler panicked did not end")
	}
	bystander.in.Write([]byte("y"))
	bystander.waitFor("keys [xxxxy]")
	log := logs.String()
	for _, what := range []string{"update went wrong", "view went wrong", "command went wrong",
		"batched command went wrong", "handler went wrong"} {
		if !strings.Contains(log, "panic in session 127.0.0.1:") || !strings.Contains(log, what) {
			t.Errorf("the log does not name the panic %q", what)
		}
	}
	if strings.Count(log, "runtime/debug.Stack") < 5 || !strings.Contains(log, "sshserver.crashy.") {
		t.Errorf("the log does not carry the stacks:\n%s", log)
	}
}

// A terminal that answers no query (neither its colour nor its device attributes) gets
// the desk all the same, and a key typed at once, while the query still waits, counts.
func TestAKeyTypedAtOnceCountsWhenTheTerminalAnswersNoQuery(t *testing.T) {
	t.Parallel()
	addr, _ := deskServer(t)
	sc := openScreenAnswering(t, connect(t, addr, "ana"), "")
	sc.in.Write([]byte("x"))
	sc.waitFor("keys [x]")
	sc.in.Write([]byte("y"))
	sc.waitFor("keys [xy]")
}

// A user who types nothing at a terminal that answers nothing still gets the desk: it
// does not wait for a key.
func TestTheDeskOpensWithoutAKeyWhenTheTerminalAnswersNoQuery(t *testing.T) {
	t.Parallel()
	addr, _ := deskServer(t)
	sc := openScreenAnswering(t, connect(t, addr, "ana"), "")
	sc.waitFor("desk open, keys []")
}

// Keys that arrive in the same write as the terminal's answers are the desk's.
func TestKeysSentWithTheTerminalsAnswersCount(t *testing.T) {
	t.Parallel()
	addr, _ := deskServer(t)
	sc := openScreenAnswering(t, connect(t, addr, "ana"), terminalAnswer+"xy")
	sc.waitFor("keys [xy]")
}
