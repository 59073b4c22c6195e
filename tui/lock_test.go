package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func startClockedDesk(t *testing.T, s *store.Store, clock *testfixture.Clock) *tuitest.Program {
	t.Helper()
	return tuitest.Start(t, New(Options{Store: s, Renderer: tuitest.Renderer(), Now: clock.Now}), 100, 30)
}

func logIn(p *tuitest.Program, email string) {
	p.WaitFor("┃ Email")
	p.Fill(email, "Password")
	p.Type(tuitest.Password)
	p.Key("enter")
}

// lockNow passes the idle minutes and lets the frame's idle check run.
func lockNow(p *tuitest.Program, clock *testfixture.Clock) {
	clock.Advance(5 * time.Minute)
	p.Send(idleTickMsg{session: 1})
	p.WaitFor("The desk is locked")
}

// mayaHalfTyping logs Maya (a receptionist) in at a clocked desk and leaves her typing
// draft into My account's change of password: unsaved input.
func mayaHalfTyping(t *testing.T, s *store.Store, clock *testfixture.Clock, draft string) *tuitest.Program {
	t.Helper()
	p := startClockedDesk(t, s, clock)
	logIn(p, "maya@clinic.test")
	p.WaitFor("Maya Desk · receptionist", "1 Book")
	p.Type("7") // My account, after Book, Patients, Calendars, Till, Reports and Notifications
	p.WaitFor("p change password")
	p.Type("p")
	p.WaitFor("┃ Current password")
	p.Type(draft)
	p.WaitFor(strings.Repeat("*", len(draft))) // typed before the clock moves on
	return p
}

func TestIdleLockKeepsTheSameUsersInput(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	clock := testfixture.NewClock(time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC))
	p := mayaHalfTyping(t, s, clock, "half typed")

	// Four minutes and a tick are not enough; a key resets the clock.
	clock.Advance(4 * time.Minute)
	p.Send(idleTickMsg{session: 1})
	p.Type("x")
	clock.Advance(4 * time.Minute)
	p.Send(idleTickMsg{session: 1})
	if strings.Contains(p.Screen(), "locked") {
		t.Fatal("locked before the idle minutes passed since the last key")
	}
	lockNow(p, clock)
	screen := p.Screen()
	if strings.Contains(screen, "Current password") || strings.Contains(screen, "•") {
		t.Fatalf("the lock screen shows the desk behind it:\n%s", screen)
	}
	p.WaitFor("┃ Password")
	p.Type("wrong password entirely")
	p.Key("enter")
	assertFits(t, p.WaitFor("Email or password is incorrect", "ask an administrator."), 80)
	p.WaitFor("┃ Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	// The form is back, as it was: still typing, with its input.
	p.WaitFor("┃ Current password", "Maya Desk · receptionist")
	p.Key("ctrl+c")
	p.WaitFor("Quit? Unsaved input on this desk will be lost.")
	events := sessionActions(t, s)
	if !strings.Contains(events, "idle_lock") || !strings.Contains(events, "unlock") {
		t.Fatalf("no idle_lock and unlock events in %s", events)
	}
}

func TestIdleLockAnotherUserDiscardsTheFirstUsersInput(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	clock := testfixture.NewClock(time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC))
	p := mayaHalfTyping(t, s, clock, "maya secret draft")
	lockNow(p, clock)
	p.WaitFor("┃ Password")
	p.Key("shift+tab")
	p.WaitFor("┃ Email")
	for range len("maya@clinic.test") {
		p.Key("backspace")
	}
	p.Fill("grace@clinic.test", "Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	screen := p.WaitFor("Grace Admin · admin")
	// Maya Desk is listed among the accounts; her desk and her typing must not show.
	if strings.Contains(screen, "Maya Desk · receptionist") || strings.Contains(screen, "Current password") {
		t.Fatalf("the second user sees the first user's desk:\n%s", screen)
	}
	// Nothing unsaved is left: quitting does not ask.
	p.Key("ctrl+c")
	p.WaitFinished(t)
}

func TestDeactivationEndsTheSessionAtTheNextKey(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	maya := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	p := startDesk(t, s, 80, 24)
	logIn(p, "maya@clinic.test")
	p.WaitFor("Maya Desk · receptionist")
	if err := s.SetUserActive(context.Background(), store.System("test"), maya.ID, false); err != nil {
		t.Fatal(err)
	}
	p.Type("?")
	p.WaitFor("Your account has been deactivated")
}

func TestMustChangePasswordBeforeTheDeskOpens(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	admin := addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	maya := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	if err := s.ResetPassword(context.Background(), admin.Actor(), maya.ID, "temporary pass phrase one"); err != nil {
		t.Fatal(err)
	}
	p := startDesk(t, s, 100, 30)
	p.WaitFor("┃ Email")
	p.Fill("maya@clinic.test", "Password")
	p.Type("temporary pass phrase one")
	p.Key("enter")
	p.WaitFor("Choose your own password", "┃ Password you were given")
	p.Fill("temporary pass phrase one", "New password")
	p.Fill("lantern river morning tea", "New password again")
	p.Type("lantern river morning tea")
	p.Key("enter")
	p.WaitFor("Maya Desk · receptionist")
	if u, err := s.Login(context.Background(), "maya@clinic.test", "lantern river morning tea"); err != nil || u.MustChangePassword {
		t.Fatalf("after the change: %+v %v", u, err)
	}
}

// sessionActions lists the security events in the audit trail, for assertions.
func sessionActions(t *testing.T, s *store.Store) string {
	t.Helper()
	admin, err := s.CreateUser(context.Background(), store.System("test"), store.NewUser{Email: "audit@clinic.test",
		FullName: "Audit Reader", Role: store.RoleAdmin, Password: tuitest.Password})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.AuditPage(context.Background(), admin.Actor(), store.AuditFilter{Table: store.SessionTable}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r.Action + " ")
	}
	return b.String()
}

func TestTheLockScreenFitsEightyColumns(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	clock := testfixture.NewClock(time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC))
	p := tuitest.Start(t, New(Options{Store: s, Renderer: tuitest.Renderer(), Now: clock.Now}), 80, 24)
	logIn(p, "maya@clinic.test")
	p.WaitFor("Maya Desk · receptionist")
	lockNow(p, clock)
	screen := p.WaitFor("their unsaved input is then discarded.")
	for _, line := range strings.Split(screen, "\n") {
		if w := lipgloss.Width(line); w > 80 {
			t.Errorf("the terminal would cut this %d-column line: %q", w, line)
		}
	}
}
