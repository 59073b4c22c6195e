package tui

import (
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// The appointments a new leave would move are unsaved work: esc asks before dropping
// them, n keeps the list as it was, y leaves with nothing saved or moved.
func TestEscOnALeavesMovesAsksBeforeDiscarding(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2025, 3, 3, 10, 2, 0, 0, time.UTC))
	desk := c.User(store.NewUser{Email: "dee@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	rao := c.DoctorID(c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "LIC-R",
			Specialisations: []string{"General Practice"}, FeeCents: 50000}}))
	for _, w := range []time.Weekday{time.Monday, time.Tuesday} {
		c.Block(desk.Actor(), store.ScheduleBlock{DoctorID: rao, Weekday: w, Start: "09:00", End: "13:00", SlotMinutes: 15})
	}
	asha := c.Patient(desk.Actor(), store.PatientInput{FirstName: "Asha", LastName: "Patel",
		DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
	start := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	appt := c.Book(desk.Actor(), store.BookingInput{PatientID: asha.ID, DoctorID: rao, Start: start})

	p := startDesk(t, c.S, 80, 24)
	logIn(p, "dee@clinic.test")
	p.WaitFor("Dee Desk · receptionist")
	p.Type("3")
	p.WaitFor("Dr. Anil Rao — weekly hours")
	p.Type("v")
	p.WaitFor("┃ First day of leave")
	p.Fill("2025-03-10", "Last day of leave")
	p.Fill("2025-03-10", "Reason")
	p.Key("enter")
	p.WaitFor("1 appointment to move first", "● Tue 11 Mar 09:00  Dr. Anil Rao", "s save and move all")
	p.Key("esc")
	p.WaitFor("Leave without saving?")
	p.Type("n")
	p.WaitFor("1 appointment to move first", "● Tue 11 Mar 09:00  Dr. Anil Rao")
	p.Key("esc")
	p.WaitFor("Leave without saving?")
	p.Type("y")
	p.WaitFor("Dr. Anil Rao — weekly hours", "v add leave")
	if n := c.Count(`SELECT count(*) FROM doctor_leaves`); n != 0 {
		t.Fatalf("a discarded leave was saved: %d", n)
	}
	if a, err := c.S.Appointment(t.Context(), desk.Actor(), appt); err != nil || !a.Start.Equal(start) {
		t.Fatalf("a discarded leave moved the appointment: %+v %v", a, err)
	}
}
