package tui

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A receptionist who logs in sees the day book turn a spinner until the day has been
// read, then the doctors and the names booked in view. No frame ever drawn in between
// says "No doctors yet" or "0 booked": the clinic has a doctor and a visit today, and
// until the read arrives the book does not know either. The frame after the login's
// answer is always drawn before the day's read can arrive (the program draws after each
// message), so the spinner is seen however fast the machine is.
func TestLoginShowsTheBookSpinnerUntilTheDayArrives(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2025, 3, 3, 10, 2, 0, 0, time.UTC))
	desk := c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	doc := c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "LIC-R", Specialisations: []string{"General Practice"}}})
	rao := c.DoctorID(doc)
	c.Block(desk.Actor(), store.ScheduleBlock{DoctorID: rao, Weekday: time.Monday, Start: "09:00", End: "18:00", SlotMinutes: 15})
	asha := c.Patient(desk.Actor(), store.PatientInput{FirstName: "Asha", LastName: "Patel",
		DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
	c.Book(desk.Actor(), store.BookingInput{PatientID: asha.ID, DoctorID: rao, Start: time.Date(2025, 3, 3, 10, 15, 0, 0, time.UTC)})

	var mu sync.Mutex
	var spinning bool
	var wrong []string
	check := func(view string) {
		plain := tuitest.Plain(view)
		if !strings.Contains(plain, "Dee Desk · receptionist") {
			return // not at the desk yet
		}
		mu.Lock()
		defer mu.Unlock()
		if strings.Contains(plain, "Opening the book…") {
			spinning = true
		}
		for _, unwanted := range []string{"No doctors yet", "0 booked"} {
			if strings.Contains(plain, unwanted) {
				wrong = append(wrong, plain)
			}
		}
	}
	p := tuitest.StartChecked(t, New(Options{Store: c.S, Renderer: tuitest.Renderer()}), 80, 24, check)
	p.WaitFor("┃ Email")
	p.Fill("desk@clinic.test", "Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	p.WaitFor("1 booked", "Asha Patel")

	mu.Lock()
	defer mu.Unlock()
	if !spinning {
		t.Error("the book never showed its spinner while the day loaded")
	}
	if len(wrong) > 0 {
		t.Errorf("while the day loaded the book said there was nothing:\n%s", wrong[0])
	}
}
