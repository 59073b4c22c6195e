package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// startKeyDesk opens the desk of an SSH session whose key proved u, as serve does.
func startKeyDesk(t *testing.T, s *store.Store, u store.User, clock *testfixture.Clock) *tuitest.Program {
	t.Helper()
	return tuitest.Start(t, New(Options{Store: s, Renderer: tuitest.Renderer(), Now: clock.Now, User: &u,
		KeyLogin: true, Remote: "203.0.113.7:50022"}), 80, 24)
}

// A user who logged in with an SSH key is told at the lock both ways back: the
// password, if they have one, or connecting again with the key. The password unlocks.
func TestIdleLockOfAKeyLoginSaysHowToComeBack(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	maya := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	clock := testfixture.NewClock(time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC))
	p := startKeyDesk(t, s, maya, clock)
	p.WaitFor("Maya Desk · receptionist")
	lockNow(p, clock)
	// The sentence wraps at 60 columns: each phrase is one line of it.
	screen := p.WaitFor("Enter the password", "Press ctrl+c and connect again with the key", "┃ Password")
	assertFits(t, screen, 80)
	p.Type(tuitest.Password)
	p.Key("enter")
	p.WaitFor("Maya Desk · receptionist", "1 Book")
}

// A key user whose only password is one an administrator set has none of their own to
// unlock with: the lock says so and what to do instead (quit, connect again with the
// key), and doing it brings them back to their desk.
func TestIdleLockOfAKeyUserWithNoPasswordOfTheirOwnSaysReconnect(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	admin := addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	maya := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	ctx := context.Background()
	if err := s.ResetPassword(ctx, admin.Actor(), maya.ID, "temporary pass phrase one"); err != nil {
		t.Fatal(err)
	}
	maya, err := s.SessionUser(ctx, maya.Actor())
	if err != nil || !maya.MustChangePassword {
		t.Fatalf("after the reset: %+v, %v", maya, err)
	}
	clock := testfixture.NewClock(time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC))
	p := startKeyDesk(t, s, maya, clock)
	p.WaitFor("Maya Desk · receptionist")
	lockNow(p, clock)
	screen := p.WaitFor("logged in with an SSH key and has no password of",
		"carry on, press ctrl+c and connect again with the key", "┃ Email", "enter: log in")
	assertFits(t, screen, 80)
	if strings.Contains(screen, "maya@clinic.test") || strings.Contains(screen, "Enter the password") {
		t.Fatalf("the lock asks Maya for a password she does not have:\n%s", screen)
	}
	p.Key("ctrl+c") // nothing unsaved: the desk ends without asking
	p.WaitFinished(t)

	// Connecting again with the key opens her desk.
	again := startKeyDesk(t, s, maya, clock)
	again.WaitFor("Maya Desk · receptionist", "1 Book")
}

// A key user whose account's password logins are paused (someone guessed wrong five
// times while they were away) is told at their own lock until when, in the clinic's
// time, and that the key still brings them back.
func TestIdleLockOfAKeyUserSaysUntilWhenTheirPasswordIsPaused(t *testing.T) {
	t.Parallel()
	f := tuitest.NewClinic(t, time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)) // the store's clock is the desk's
	s := f.S
	maya := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	ctx := context.Background()
	p := startKeyDesk(t, s, maya, f.Clock)
	p.WaitFor("Maya Desk · receptionist")
	lockNow(p, f.Clock)
	for range 5 {
		s.RemoteLogin(ctx, "maya@clinic.test", "a wrong guess entirely", "198.51.100.4:4022")
	}
	set, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.WaitFor("┃ Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	until := f.Clock.Now().Add(time.Minute).In(set.Location()).Format("15:04")
	// The sentence wraps at 60 columns: each phrase is one line of it.
	screen := p.WaitFor("until "+until+" after repeated wrong passwords",
		"or press ctrl+c and connect again with your SSH key.")
	assertFits(t, screen, 80)
}
