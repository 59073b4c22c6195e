package tui

import (
	"context"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A click on a row of the admin's Users list selects exactly that account (the frame
// translates the terminal's cell into the body's once): d then asks about it, and y
// deactivates it and no other.
func TestAClickOnTheUsersListSelectsTheAccountUnderIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	for _, u := range []struct{ email, name string }{{"ana@clinic.test", "Ana Desk"}, {"bo@clinic.test", "Bo Desk"},
		{"cy@clinic.test", "Cy Desk"}} {
		addUser(t, s, store.RoleReceptionist, u.email, u.name)
	}
	p := startDesk(t, s, 80, 24)
	logIn(p, "grace@clinic.test")
	screen := p.WaitFor("1 Users", "Ana Desk", "Bo Desk", "Cy Desk")
	p.Click(10, tuitest.LineOf(screen, "Bo Desk"))
	p.Type("d")
	p.WaitFor("Deactivate Bo Desk?")
	p.Type("y")
	p.WaitFor("deactivated")
	for email, active := range map[string]bool{"ana@clinic.test": true, "bo@clinic.test": false, "cy@clinic.test": true} {
		if u, err := s.UserByEmail(ctx, store.System("test"), email); err != nil || u.Active != active {
			t.Errorf("%s: active %v, want %v (%v)", email, u.Active, active, err)
		}
	}
}
