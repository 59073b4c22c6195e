package tui

import (
	"time"

	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/reports"
	"github.com/clinicdesk/clinicdesk/tui/till"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func TestAllKeysFitAtEightyColumns(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	p := startDesk(t, s, 80, 24)
	p.WaitFor("┃ Email")
	p.Fill("maya@clinic.test", "Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	p.WaitFor("Maya Desk · receptionist", "1 Book")
	p.Type("?")
	// The book's keys and the frame's are all there, none cut off at the edge. (With no
	// appointment selected the book offers no actions on one, so those keys are not
	// listed: the help follows the state.)
	screen := p.WaitFor("go to date", "waiting room", "previous tab", "log out", "ctrl+c quit")
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasSuffix(strings.TrimSpace(line), "…") && strings.Contains(line, "go to date") {
			t.Errorf("the help is cut off: %q", line)
		}
		if w := lipgloss.Width(line); w > 80 {
			t.Errorf("a line is %d columns wide: %q", w, line)
		}
	}
}

// keysScreen is a screen with nothing but many keys to show.
type keysScreen struct{ bindings []key.Binding }

func (k keysScreen) ShortHelp() []key.Binding                { return k.bindings }
func (k keysScreen) FullHelp() [][]key.Binding               { return [][]key.Binding{k.bindings} }
func (k keysScreen) Title() string                           { return "Keys" }
func (k keysScreen) Init() tea.Cmd                           { return nil }
func (k keysScreen) Update(tea.Msg) (common.Screen, tea.Cmd) { return k, nil }
func (k keysScreen) View() string                            { return "" }
func (k keysScreen) SetSize(int, int)                        {}
func (k keysScreen) Typing() bool                            { return false }
func (k keysScreen) Dirty() bool                             { return false }

func TestTheFooterNeverRunsPastTheEdge(t *testing.T) {
	t.Parallel()
	var bindings []key.Binding
	for i, desc := range []string{"confirm", "check in", "payment", "reschedule", "cancel", "book", "waiting room",
		"go to date", "follow-ups", "no-show", "week/day"} {
		k := string(rune('a' + i))
		bindings = append(bindings, key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc)))
	}
	m := New(Options{Store: tuitest.NewStore(t), Renderer: tuitest.Renderer()})
	m.screens = []common.Screen{keysScreen{bindings}}
	for width := 40; width <= 120; width++ {
		m.Update(tea.WindowSizeMsg{Width: width, Height: 24})
		if w := lipgloss.Width(m.footer()); w > width {
			t.Fatalf("at %d columns the footer is %d wide: %q", width, w, m.footer())
		}
	}
}

// At 80 columns the footer keeps the list's "/ filter" on the till and the reports: a
// long hint before it (the till's "enter closed till's report") is skipped, not the
// short keys after it, and the screen's keys come before the frame's.
func TestTheFooterKeepsTheFilterKeyAtEightyColumns(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC))
	desk := c.User(store.NewUser{Email: "dee@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	m := New(Options{Store: c.S, Renderer: tuitest.Renderer()})
	for _, screen := range []common.Screen{till.New(c.Common(desk), store.DeskFront), reports.New(c.Common(desk))} {
		m.screens, m.active = []common.Screen{screen}, 0
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		footer := tuitest.Plain(m.footer())
		for _, want := range []string{"/ filter", "? all keys"} {
			if !strings.Contains(footer, want) {
				t.Errorf("the %s footer at 80 columns lacks %q: %q", screen.Title(), want, footer)
			}
		}
		if w := lipgloss.Width(footer); w > 80 {
			t.Errorf("the %s footer is %d wide: %q", screen.Title(), w, footer)
		}
	}
	// A frame key never shows in place of a screen's key that did not fit.
	long := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", strings.Repeat("long ", 14)))
	short := key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter"))
	m.screens = []common.Screen{keysScreen{[]key.Binding{long, short}}}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if footer := tuitest.Plain(m.footer()); !strings.Contains(footer, "/ filter") || strings.Contains(footer, "quit") {
		t.Errorf("footer: %q", footer)
	}
}
