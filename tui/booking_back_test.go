package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// In the booking wizard esc goes back a step and keeps every choice, so the desk does
// not ask "Leave without saving?" there (a yes would only have gone back a step); it
// asks at the first step, where esc leaves and drops what was typed.
func TestEscInTheBookingWizardGoesBackWithoutAsking(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2025, 3, 3, 10, 2, 0, 0, time.UTC))
	desk := c.User(store.NewUser{Email: "dee@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	rao := c.DoctorID(c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "LIC-R",
			Specialisations: []string{"General Practice"}, FeeCents: 50000}}))
	c.Block(desk.Actor(), store.ScheduleBlock{DoctorID: rao, Weekday: time.Monday, Start: "09:00", End: "13:00", SlotMinutes: 15})
	c.Patient(desk.Actor(), store.PatientInput{FirstName: "Asha", LastName: "Patel",
		DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})

	p := startDesk(t, c.S, 80, 24)
	logIn(p, "dee@clinic.test")
	p.WaitFor("Dee Desk · receptionist", "booked")
	p.Type("b")
	p.WaitFor("Book an appointment", "Patient:")
	p.Type("asha")
	p.WaitFor("Asha Patel")
	p.Key("enter")
	p.WaitFor("Choose the doctor", "› Dr. Anil Rao")
	p.Key("enter")
	p.WaitFor("Next free slots", "› Mon 3 Mar 10:15–10:30")
	p.Key("enter")
	p.WaitFor("Reason:")
	p.Type("check-up")
	p.Key("esc")
	screen := p.WaitFor("Next free slots", "› Mon 3 Mar 10:15–10:30")
	if strings.Contains(screen, "Leave without saving?") {
		t.Fatalf("esc back to the slots asked first:\n%s", screen)
	}
	p.Key("enter")
	p.WaitFor("Reason: check-up")
	p.Key("esc")
	p.WaitFor("Next free slots")
	p.Key("esc")
	p.WaitFor("Choose the doctor", "› Dr. Anil Rao")
	p.Key("esc")
	p.WaitFor("Patient: asha", "Asha Patel")
	// The first step: esc would drop the booking, so the desk asks, and n keeps it.
	p.Key("esc")
	p.WaitFor("Leave without saving?")
	p.Type("n")
	p.WaitFor("Patient: asha", "Asha Patel")
	p.Key("esc")
	p.WaitFor("Leave without saving?")
	p.Type("y")
	p.WaitFor("0 booked")
	if n := c.Count(`SELECT count(*) FROM appointments`); n != 0 {
		t.Fatalf("a booking left unfinished was stored: %d", n)
	}
}
