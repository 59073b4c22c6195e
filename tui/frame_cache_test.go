package tui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// referenceDesk draws the desk the way the frame did before it kept its parts between
// frames: every part drawn afresh and stacked by lipgloss.
func referenceDesk(m *Model) string {
	st := m.styles
	tabs := st.TabBar.Width(m.width).Render(m.tabBar())
	bodyHeight := max(1, m.height-headerRows-tabRows-1)
	var body string
	switch m.confirm {
	case confirmQuit:
		body = m.dialog("Quit? Unsaved input on this desk will be lost.")
	case confirmLogout:
		body = m.dialog("Log out? Unsaved input on this desk will be lost.")
	case confirmDiscard:
		body = m.dialog("Leave without saving? What you typed here will be lost.")
	default:
		body = m.screens[m.active].View()
		if m.overlay.open {
			body = m.helpView()
		}
	}
	body = st.Body.Width(m.width).Height(bodyHeight).MaxHeight(bodyHeight).Render(body)
	return lipgloss.JoinVertical(lipgloss.Left, m.header(), tabs, body, m.footer())
}

// compared checks every desk frame against the reference drawing.
type compared struct {
	m    *Model
	mu   *sync.Mutex
	errs *[]string
}

func (c compared) Init() tea.Cmd { return c.m.Init() }

func (c compared) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := c.m.Update(msg)
	return c, cmd
}

func (c compared) View() string {
	got := c.m.View()
	if c.m.phase == phaseDesk && c.m.locked == nil && c.m.width > 0 {
		if want := referenceDesk(c.m); got != want {
			c.mu.Lock()
			*c.errs = append(*c.errs, fmt.Sprintf("%dx%d:\n got %q\nwant %q", c.m.width, c.m.height, got, want))
			c.mu.Unlock()
		}
	}
	return got
}

func TestCachedFrameDrawsAsLipglossDid(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	ctx := context.Background()
	desk := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk With A Rather Long Name")
	for i := 0; i < 12; i++ {
		_, err := s.AddPatient(ctx, desk.Actor(), store.PatientInput{FirstName: fmt.Sprintf("Asha%02d", i), LastName: "Patel",
			DateOfBirth: time.Date(1970+i, 3, 1, 0, 0, 0, 0, time.UTC), Sex: "female", Phone: fmt.Sprintf("+44 20 7946 %04d", i)})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, size := range [][2]int{{100, 30}, {80, 24}, {40, 12}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			r := lipgloss.NewRenderer(io.Discard)
			r.SetColorProfile(termenv.ANSI256)
			r.SetHasDarkBackground(true)
			var mu sync.Mutex
			var errs []string
			u := desk
			m := compared{m: New(Options{Store: s, Renderer: r, User: &u}), mu: &mu, errs: &errs}
			p := tuitest.Start(t, m, size[0], size[1])
			p.WaitFor("Maya Desk", "1 Book")
			p.Key("tab")
			p.WaitFor("Asha")
			for _, k := range []string{"down", "down", "up", "?", "down", "?", "shift+tab", "tab", "tab", "tab", "?", "?"} {
				if k == "?" {
					p.Type(k)
				} else {
					p.Key(k)
				}
			}
			p.Type("/as")
			p.Key("esc")
			p.Key("ctrl+c")
			p.WaitFinished(t)
			mu.Lock()
			defer mu.Unlock()
			if len(errs) > 0 {
				t.Errorf("%d frames differ from lipgloss' drawing; the first: %s", len(errs), strings.Join(errs[:1], ""))
			}
		})
	}
}
