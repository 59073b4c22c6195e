// Package tuitest drives desk screens in tests: a real Bubble Tea program at a fixed
// terminal size over a temporary clinic database, read back as plain text.
package tuitest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest/ascii"
)

// waitLimit is how long a wait for the program fails the test after: generous for a
// loaded machine, and still an answer long before go test's own timeout.
const waitLimit = 20 * time.Second

// Password is every test account's password; it passes the password policy.
const Password = "correct horse battery staple"

// emptyClinic is a new clinic file, made once by store.Open and copied for each test.
var emptyClinic = testfixture.Template{Build: func(path string) error {
	s, err := store.Open(context.Background(), path, store.WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		return err
	}
	return s.Close()
}}

// EmptyClinicFile is the path of a new clinic file of the test's own, as store.Open makes
// one for a desk's first run: a copy of one made once per test binary.
func EmptyClinicFile(t testing.TB) string {
	t.Helper()
	return emptyClinic.Copy(t, "clinic.db")
}

// NewStore opens a fresh clinic database with cheap password hashing.
func NewStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), EmptyClinicFile(t), store.WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Renderer draws without colour, so tests read plain text.
func Renderer() *lipgloss.Renderer { return ascii.Renderer() }

// Program is a running model under test.
type Program struct {
	*teatest.TestModel
	t     testing.TB
	frame *frame
	holds *holds
}

// frame keeps the model's latest whole view. The program's output stream holds only the
// lines that changed, so tests read the whole screen from here instead.
type frame struct {
	mu      sync.Mutex
	view    string
	changed chan struct{} // closed and replaced at each new view
	check   func(view string)
}

// recorder wraps the model under test, records each view it draws, and keeps from it
// the messages a test holds back.
type recorder struct {
	tea.Model
	frame *frame
	holds *holds
}

func (r recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if in, ok := msg.(inside); ok {
		in.fn()
		close(in.done)
		return r, nil
	}
	if keys, ok := msg.(together); ok {
		cmds := make([]tea.Cmd, len(keys))
		for i, k := range keys {
			r.Model, cmds[i] = r.Model.Update(k)
		}
		return r, tea.Batch(cmds...)
	}
	if rel, ok := msg.(released); ok {
		msg = rel.msg
	} else if r.holds.catch(msg) {
		return r, nil
	}
	var cmd tea.Cmd
	r.Model, cmd = r.Model.Update(msg)
	return r, cmd
}

// together is keys that arrived in one write: see SendTogether.
type together []tea.KeyMsg

// SendTogether gives the model keys that arrived in one write (typed ahead, pasted, sent
// by tmux or a slow SSH link), as a terminal's reader queues them: the model has every
// one of them before the answer of any command it gave for the first. A real program
// only mostly delivers them so; this always does, so a test of typing ahead cannot pass
// by luck.
func (p *Program) SendTogether(keys ...tea.KeyMsg) {
	p.Send(together(keys))
}

// inside is a function to run on the program's goroutine: see Inside.
type inside struct {
	fn   func()
	done chan struct{}
}

// Inside runs fn on the program's own goroutine, after every message sent before it,
// and waits for it: a test reads the model's state there, never from its own goroutine
// while the program may be changing it (the race detector caught m.Typing() so). It
// fails the test after twenty seconds, as WaitFor does.
func (p *Program) Inside(fn func()) {
	p.t.Helper()
	done := make(chan struct{})
	p.Send(inside{fn: fn, done: done})
	select {
	case <-done:
	case <-time.After(waitLimit):
		p.t.Fatal("the program never ran the test's check")
	}
}

func (r recorder) View() string {
	v := r.Model.View()
	r.frame.mu.Lock()
	if r.frame.check != nil {
		r.frame.check(v)
	}
	if v != r.frame.view {
		r.frame.view = v
		close(r.frame.changed)
		r.frame.changed = make(chan struct{})
	}
	r.frame.mu.Unlock()
	return v
}

// Start runs the model in a program of the given terminal size.
func Start(t testing.TB, m tea.Model, width, height int) *Program {
	t.Helper()
	return StartChecked(t, m, width, height, nil)
}

// StartChecked is Start, and calls check (when not nil) with every view the model
// draws, exactly as drawn: before the program's renderer, and before Plain.
func StartChecked(t testing.TB, m tea.Model, width, height int, check func(view string)) *Program {
	t.Helper()
	f := &frame{changed: make(chan struct{}), check: check}
	h := &holds{}
	tm := teatest.NewTestModel(t, recorder{Model: m, frame: f, holds: h}, teatest.WithInitialTermSize(width, height))
	t.Cleanup(func() { tm.Quit() })
	return &Program{TestModel: tm, t: t, frame: f, holds: h}
}

// Plain strips the terminal's control sequences from drawn text.
func Plain(s string) string { return ascii.Plain(s) }

// Screen is the latest whole view, as plain text.
func (p *Program) Screen() string {
	screen, _ := p.screen()
	return screen
}

func (p *Program) screen() (string, <-chan struct{}) {
	p.frame.mu.Lock()
	defer p.frame.mu.Unlock()
	return Plain(p.frame.view), p.frame.changed
}

// WaitFor waits until the screen shows all the texts at once and returns it. It fails
// the test after twenty seconds, printing the last screen: a deadline for a screen that
// never comes, generous for a loaded machine or the race detector; a passing test never
// waits for it.
func (p *Program) WaitFor(texts ...string) string {
	p.t.Helper()
	return p.WaitUntil(fmt.Sprintf("%q", texts), func(screen string) bool { return containsAll(screen, texts) })
}

// WaitUntil waits until the screen satisfies ok and returns it. It fails the test after
// twenty seconds (generous for a loaded machine), saying the screen never showed what, and printing the last screen.
func (p *Program) WaitUntil(what string, ok func(screen string) bool) string {
	p.t.Helper()
	timeout := time.After(waitLimit)
	for {
		screen, changed := p.screen()
		if ok(screen) {
			return screen
		}
		select {
		case <-changed:
		case <-timeout:
			p.t.Fatalf("the screen never showed %s; it shows:\n%s", what, screen)
		}
	}
}

// WaitSelected waits until a line drawn in reverse video holds text, and returns that
// line as plain text. A desk without colour (Options.NoColor, as NO_COLOR asks) marks
// the selected row of a list so, and only it: a test reads which row is selected where
// no key on it shows. It fails the test after twenty seconds, as WaitFor does.
func (p *Program) WaitSelected(text string) string {
	p.t.Helper()
	var found string
	p.waitView(fmt.Sprintf("%q selected", text), func(view string) bool {
		for _, line := range strings.Split(view, "\n") {
			for _, marked := range strings.Split(line, reverseOn)[1:] {
				if plain := Plain(strings.SplitN(marked, reverseOff, 2)[0]); strings.Contains(plain, text) {
					found = plain
					return true
				}
			}
		}
		return false
	})
	return found
}

// The sequences that turn reverse video on and off, as the desk without colour writes them.
const reverseOn, reverseOff = "\x1b[7m", "\x1b[27m"

// waitView waits until the latest view as drawn, control sequences and all, satisfies ok.
func (p *Program) waitView(what string, ok func(view string) bool) {
	p.t.Helper()
	timeout := time.After(waitLimit)
	for {
		p.frame.mu.Lock()
		view, changed := p.frame.view, p.frame.changed
		p.frame.mu.Unlock()
		if ok(view) {
			return
		}
		select {
		case <-changed:
		case <-timeout:
			p.t.Fatalf("the screen never showed %s; it shows:\n%s", what, Plain(view))
		}
	}
}

func containsAll(s string, texts []string) bool {
	for _, t := range texts {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// Fill types a form field's value, presses enter, and waits until the form shows the
// next field focused (huh marks the focused field with "┃ ").
func (p *Program) Fill(value, nextTitle string) {
	p.t.Helper()
	p.Type(value)
	p.Key("enter")
	p.WaitFor("┃ " + nextTitle)
}

// Key sends one named key, such as "enter", "esc", "tab" or "ctrl+x".
func (p *Program) Key(name string) {
	k, ok := keyNames[name]
	if !ok {
		p.t.Fatalf("tuitest: unknown key %q", name)
	}
	p.Send(tea.KeyMsg(k))
}

// Click presses and releases the left mouse button at a terminal cell.
func (p *Program) Click(x, y int) {
	p.Send(tea.MouseMsg{X: x, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	p.Send(tea.MouseMsg{X: x, Y: y, Action: tea.MouseActionRelease, Button: tea.MouseButtonLeft})
}

// Wheel turns the mouse wheel one notch at a terminal cell, down or up.
func (p *Program) Wheel(x, y int, down bool) {
	b := tea.MouseButtonWheelUp
	if down {
		b = tea.MouseButtonWheelDown
	}
	p.Send(tea.MouseMsg{X: x, Y: y, Action: tea.MouseActionPress, Button: b})
}

// LineOf is the row of the first line of the screen holding text, or -1.
func LineOf(screen, text string) int {
	for i, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, text) {
			return i
		}
	}
	return -1
}

var keyNames = map[string]tea.Key{
	"enter": {Type: tea.KeyEnter}, "esc": {Type: tea.KeyEsc}, "tab": {Type: tea.KeyTab},
	"shift+tab": {Type: tea.KeyShiftTab}, "up": {Type: tea.KeyUp}, "down": {Type: tea.KeyDown},
	"left": {Type: tea.KeyLeft}, "right": {Type: tea.KeyRight}, "backspace": {Type: tea.KeyBackspace},
	"ctrl+c": {Type: tea.KeyCtrlC}, "ctrl+x": {Type: tea.KeyCtrlX}, "ctrl+u": {Type: tea.KeyCtrlU},
	"ctrl+n": {Type: tea.KeyCtrlN}, "f1": {Type: tea.KeyF1},
	"pgdown": {Type: tea.KeyPgDown}, "pgup": {Type: tea.KeyPgUp}, "space": {Type: tea.KeySpace},
}
