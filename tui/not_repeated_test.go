package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/login"
	"github.com/clinicdesk/clinicdesk/tui/setup"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A message that reaches the login screen between a successful login and the desk
// replacing it (a resize, here) must not log in again: each login is one audit event.
// The screen stays busy until then.
func TestASuccessfulLoginIsNotRepeated(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Now())
	c.User(store.NewUser{Email: "maya@clinic.test", FullName: "Maya Desk", Role: store.RoleReceptionist})
	p := startDesk(t, c.S, 80, 24)
	loggedIn := p.HoldBack(func(msg tea.Msg) bool { _, ok := msg.(login.LoggedInMsg); return ok })
	logIn(p, "maya@clinic.test")
	loggedIn.Wait()
	if screen := p.Screen(); !strings.Contains(screen, "Checking…") {
		t.Fatalf("the login screen is not busy after its login:\n%s", screen)
	}
	p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	loggedIn.Release()
	p.WaitFor("Maya Desk · receptionist", "1 Book")
	if n := c.Count(`SELECT count(*) FROM audit_log WHERE action = ?`, store.EventLogin); n != 1 {
		t.Fatalf("one login made %d login events", n)
	}
}

// A message that reaches the wizard between a successful setup and the desk replacing
// it (a key typed ahead, a resize) must not run the setup again: a second bcrypt hash,
// and "This clinic is already set up" over a clinic just set up. The wizard stays busy
// until then, which the test sees at once; a second setup (refused, so the store keeps
// no trace of it) may answer only after the desk is up.
func TestASuccessfulSetupIsNotRepeated(t *testing.T) {
	t.Parallel()
	p := startDesk(t, tuitest.NewStore(t), 100, 30)
	done := p.HoldBack(func(msg tea.Msg) bool { _, ok := msg.(setup.DoneMsg); return ok })
	p.WaitFor("┃ Clinic name")
	p.Fill("Riverside Clinic", "Time zone")
	p.Fill("", "Currency")
	p.Fill("", "Your full name")
	p.Fill("Grace Hopper", "Your email")
	p.Fill("grace@riverside.test", "Password")
	p.Fill("lantern river morning tea", "Password again")
	p.Type("lantern river morning tea")
	p.Key("enter")
	done.Wait()
	// Until the desk takes over, the wizard stays busy: it neither invites nor takes input.
	if screen := p.Screen(); !strings.Contains(screen, "Setting up…") {
		t.Fatalf("the wizard is not busy after its setup:\n%s", screen)
	}
	again := p.HoldBack(answerOf("setup.resultMsg"))
	p.Key("enter")
	p.Send(tea.WindowSizeMsg{Width: 100, Height: 30})
	done.Release()
	p.WaitFor("Grace Hopper · admin", "My account")
	if again.Caught() {
		t.Fatal("the setup ran a second time")
	}
}
