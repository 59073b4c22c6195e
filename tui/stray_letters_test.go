package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A receptionist who types a name on the patient list without / first ("sue", in one
// write as a terminal delivers it, or key by key) is told how to search; the u and e in
// the word give no account and open no edit form. After esc the list's keys work again.
func TestAWordTypedOnThePatientListIsNotTakenAsCommands(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	desk := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	if _, err := s.AddPatient(context.Background(), desk.Actor(), store.PatientInput{FirstName: "Asha", LastName: "Patel",
		DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"}); err != nil {
		t.Fatal(err)
	}
	p := startDesk(t, s, 80, 24)
	logIn(p, "maya@clinic.test")
	p.WaitFor("Maya Desk · receptionist", "2 Patients")
	p.Type("2")
	p.WaitFor("Asha Patel")
	for _, typed := range []func(){
		func() { p.Type("sue") },
		func() { p.Type("s"); p.Type("u"); p.Type("e") },
	} {
		typed()
		p.WaitFor(`"e" is not a key here: / searches by name; esc, then the list's keys.`)
		if screen := p.Screen(); strings.Contains(screen, "Edit Asha") || strings.Contains(screen, "an account") {
			t.Fatalf("a letter of the word acted as a command:\n%s", screen)
		}
		p.Key("esc")
	}
	p.Type("e")
	p.WaitFor("Edit Asha Patel")
}
