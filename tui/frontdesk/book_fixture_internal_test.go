package frontdesk

import (
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// raoClinic is a front desk and Dr. Anil Rao, who sees patients 09:00–18:00 in 15-minute
// slots on the given weekdays; the book's internal tests add their patients and visits.
type raoClinic struct {
	f    *tuitest.Clinic
	desk store.User
	rao  int64
}

func newRaoClinic(t *testing.T, now time.Time, days ...time.Weekday) raoClinic {
	t.Helper()
	f := tuitest.NewClinic(t, now)
	desk := f.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	doc := f.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "LIC-R", Specialisations: []string{"General Practice"}}})
	rao := f.DoctorID(doc)
	for _, day := range days {
		f.Block(desk.Actor(), store.ScheduleBlock{DoctorID: rao, Weekday: day, Start: "09:00", End: "18:00", SlotMinutes: 15})
	}
	return raoClinic{f: f, desk: desk, rao: rao}
}

// bookPatient registers a patient born on 1 January of the year and books them with
// Dr. Rao at start.
func (c raoClinic) bookPatient(first, last, sex string, born int, start time.Time) store.Patient {
	p := c.f.Patient(c.desk.Actor(), store.PatientInput{FirstName: first, LastName: last,
		DateOfBirth: time.Date(born, 1, 1, 0, 0, 0, 0, time.UTC), Sex: sex})
	c.f.Book(c.desk.Actor(), store.BookingInput{PatientID: p.ID, DoctorID: c.rao, Start: start})
	return p
}
