package tui

import (
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A desk locked over unsaved input when the server stops shows the notice on the lock
// screen (it has no footer) and waits; unlocked, the notice is the footer, and dropping
// the input ends the desk.
func TestStoppingShowsOnTheLockScreenOfADeskWithUnsavedInput(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	clock := testfixture.NewClock(time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC))
	p := mayaHalfTyping(t, s, clock, "half typed")
	lockNow(p, clock)
	const notice = "Server stopping: save or drop your input within 1m0s; then the desk closes."
	p.Send(StoppingMsg{Notice: notice})
	screen := p.WaitFor("Server stopping: save or drop your input within 1m0s;", "The desk is locked")
	assertFits(t, screen, 80)
	p.WaitFor("┃ Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	p.WaitFor(notice, "┃ Current password")
	p.Key("esc")
	p.WaitFor("Leave without saving?")
	p.Type("y")
	p.WaitFinished(t)
}
