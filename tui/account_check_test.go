package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A key reads the user's account only when an account may have changed since the last
// read: at fifty SSH desks a read on every key was a fifth of the server's CPU while
// they pressed keys (issue 17). The desk reads it as it opens, keys on a quiet clinic
// read nothing, and the key after a deactivation reads it and ends the session.
func TestKeysReadTheAccountOnlyAfterAnAccountChange(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	maya := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	p := startDesk(t, s, 100, 30)
	logIn(p, "maya@clinic.test")
	p.WaitFor("Maya Desk · receptionist")
	for range 5 {
		p.Type("?")
		p.WaitFor("previous tab")
		p.Type("?")
		p.WaitUntil("the help closed", func(screen string) bool { return !strings.Contains(screen, "previous tab") })
	}
	if err := s.SetUserActive(context.Background(), store.System("test"), maya.ID, false); err != nil {
		t.Fatal(err)
	}
	p.Type("?")
	p.WaitFor("Your account has been deactivated")
	// The read as the desk opened may still be on its way: at most two, not one a key.
	if n := s.Metrics().Ops["SessionUser"].Count; n > 2 {
		t.Fatalf("11 keys read the account %d times; want at most 2 (as the desk opened, and after the deactivation)", n)
	}
}
