package tui

import (
	"context"
	"strings"
	"testing"
	"time"

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

// A click on a row of the front desk's patient list selects that patient: enter opens
// their page, and b books for them.
func TestAClickOnThePatientListSelectsThePatientUnderIt(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	desk := addUser(t, s, store.RoleReceptionist, "dee@clinic.test", "Dee Desk")
	for _, name := range []string{"Asha", "Bela", "Chitra"} {
		if _, err := s.AddPatient(context.Background(), desk.Actor(), store.PatientInput{FirstName: name, LastName: "Rao",
			DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"}); err != nil {
			t.Fatal(err)
		}
	}
	p := startDesk(t, s, 80, 24)
	logIn(p, "dee@clinic.test")
	p.WaitFor("2 Patients")
	p.Type("2")
	screen := p.WaitFor("Asha Rao", "Bela Rao", "Chitra Rao")
	p.Click(20, tuitest.LineOf(screen, "Bela Rao"))
	p.Key("enter")
	screen = p.WaitFor("Upcoming", "Payments due")
	if !strings.Contains(screen, "Bela Rao  PAT") {
		t.Fatalf("the click opened another patient:\n%s", screen)
	}
}
