package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func TestAllKeysFitAtEightyColumns(t *testing.T) {
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	p := startDesk(t, s, 80, 24)
	p.WaitFor("┃ Email")
	p.Fill("maya@clinic.test", "Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	p.WaitFor("Maya Desk · receptionist", "1 Book")
	p.Type("?")
	// The book's keys and the frame's are all there, none cut off at the edge.
	screen := p.WaitFor("reschedule", "follow-ups", "waiting room", "previous tab", "log out", "quit")
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasSuffix(strings.TrimSpace(line), "…") && strings.Contains(line, "reschedule") {
			t.Errorf("the help is cut off: %q", line)
		}
		if w := lipgloss.Width(line); w > 80 {
			t.Errorf("a line is %d columns wide: %q", w, line)
		}
	}
}
