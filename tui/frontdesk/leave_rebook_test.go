package frontdesk_test

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
)

// A leave over two booked patients lists them before saving, each with the doctor's
// next free slot or another general practitioner's; the receptionist changes one
// move, a save refused (a slot taken meanwhile) keeps every choice and names the
// problem, and the next save adds the leave, moves both and tells each patient.
func TestLeaveOverBookedPatientsMovesThemInOneSave(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	iyer := c.DoctorID(c.User(store.NewUser{Email: "iyer@clinic.test", FullName: "Kavya Iyer", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "LIC-I",
			Specialisations: []string{"General Practice"}, FeeCents: 50000}}))
	c.block(t, store.ScheduleBlock{DoctorID: iyer, Weekday: time.Monday, Start: "09:00", End: "13:00", SlotMinutes: 15})
	if _, err := c.s.UpdatePatient(ctx, c.desk.Actor(), c.asha.ID, store.PatientInput{FirstName: "Asha", LastName: "Patel",
		DateOfBirth: c.asha.DateOfBirth, Sex: "female", Phone: c.asha.Phone, Email: "asha@patient.example",
		Consent: &store.ContactConsent{Email: true}}); err != nil {
		t.Fatal(err)
	}
	asha := c.book(t, c.asha, c.rao, c.at(10, 9, 0), "")
	ravi := c.book(t, c.ravi, c.rao, c.at(10, 9, 15), "")

	p := start(t, c, frontdesk.NewCalendars(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Dr. Anil Rao — weekly hours")
	p.Type("v")
	p.WaitFor("Leave for Dr. Anil Rao", "┃ First day of leave")
	p.Fill("2025-03-10", "Last day of leave")
	p.Fill("2025-03-10", "Reason")
	p.Type("Sick")
	p.Key("enter")
	p.WaitFor("Leave for Dr. Anil Rao: 2 appointments to move first",
		"› Mon 10 Mar 09:00  Asha Patel", "● Tue 11 Mar 09:00  Dr. Anil Rao", "○ Mon 10 Mar 09:00  Dr. Kavya Iyer",
		"Mon 10 Mar 09:15  Ravi Kumar", "→ Tue 11 Mar 09:15  Dr. Anil Rao")
	if n := c.Count(`SELECT count(*) FROM doctor_leaves`); n != 0 {
		t.Fatalf("the leave was saved before the moves: %d", n)
	}
	// Ravi goes to Dr. Iyer instead.
	p.Type("j")
	p.WaitFor("› Mon 10 Mar 09:15  Ravi Kumar", "● Tue 11 Mar 09:15  Dr. Anil Rao", "○ Mon 10 Mar 09:15  Dr. Kavya Iyer")
	p.Type("l")
	p.WaitFor("○ Tue 11 Mar 09:15  Dr. Anil Rao", "● Mon 10 Mar 09:15  Dr. Kavya Iyer")
	// A message meant for the finished form (its cursor's blink) changes nothing.
	p.Send(tea.FocusMsg{})
	// Meanwhile someone books Asha's new slot: the save is refused in words, nothing is
	// saved, and the choices stay.
	mira := c.Patient(c.desk.Actor(), store.PatientInput{FirstName: "Mira", LastName: "Shah",
		DateOfBirth: time.Date(1979, 2, 2, 0, 0, 0, 0, time.UTC), Sex: "female"})
	c.book(t, mira, c.rao, c.at(11, 9, 0), "")
	p.Type("s")
	p.WaitFor("Dr. Anil Rao already has an appointment", "● Mon 10 Mar 09:15  Dr. Kavya Iyer")
	if n := c.Count(`SELECT count(*) FROM doctor_leaves`); n != 0 {
		t.Fatalf("a refused save added the leave: %d", n)
	}
	if a := c.appointment(t, ravi); a.DoctorID != c.rao || !a.Start.Equal(c.at(10, 9, 15)) {
		t.Fatalf("a refused save moved Ravi: %+v", a)
	}
	// Asha goes to Dr. Iyer's 09:00, and the save goes through.
	p.Type("k")
	p.WaitFor("› Mon 10 Mar 09:00  Asha Patel")
	p.Type("l")
	p.WaitFor("● Mon 10 Mar 09:00  Dr. Kavya Iyer")
	p.Type("s")
	p.WaitFor("Leave added for Dr. Anil Rao; 2 appointments moved, each patient told.", "leave Mon 10 Mar 2025 · Sick")
	for id, want := range map[int64]time.Time{asha: c.at(10, 9, 0), ravi: c.at(10, 9, 15)} {
		if a := c.appointment(t, id); a.DoctorID != iyer || !a.Start.Equal(want) {
			t.Fatalf("after the save: %+v", a)
		}
	}
	if n := c.Count(`SELECT count(*) FROM notifications WHERE kind = ? AND channel = 'email' AND delivery = 'pending'
		AND patient_id = ? AND body LIKE '%has moved to Mon 10 Mar at 09:00 with Dr. Kavya Iyer.'`,
		store.KindAppointmentMoved, c.asha.ID); n != 1 {
		t.Fatalf("Asha's e-mail: %d", n)
	}
	if n := c.Count(`SELECT count(*) FROM notifications WHERE kind = ? AND patient_id = ? AND delivery = 'skipped'`,
		store.KindAppointmentMoved, c.ravi.ID); n != 2 {
		t.Fatalf("Ravi, who never consented, is skipped on both channels: %d", n)
	}
}

// A holiday with nothing booked is saved at once, as before.
func TestHolidayOverNothingBookedSavesAtOnce(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewCalendars(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Dr. Anil Rao — weekly hours")
	p.Type("o")
	p.WaitFor("┃ Day the clinic is closed")
	p.Fill("2025-03-14", "Holiday")
	p.Type("Holi")
	p.Key("enter")
	screen := p.WaitFor("The clinic is closed on Fri 14 Mar 2025.", "closed Fri 14 Mar 2025 · Holi")
	if strings.Contains(screen, "moved") {
		t.Fatalf("a holiday over nothing booked moved something:\n%s", screen)
	}
}

// A holiday over a booked patient moves them too, after the holiday, in the one save.
func TestHolidayOverABookedPatientMovesThem(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	appt := c.book(t, c.asha, c.rao, c.at(14, 9, 0), "")
	p := start(t, c, frontdesk.NewCalendars(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Dr. Anil Rao — weekly hours")
	p.Type("o")
	p.WaitFor("┃ Day the clinic is closed")
	p.Fill("2025-03-14", "Holiday")
	p.Type("Holi")
	p.Key("enter")
	p.WaitFor("Close the clinic for a day: 1 appointment to move first", "› Fri 14 Mar 09:00  Asha Patel",
		"● Mon 17 Mar 09:00  Dr. Anil Rao")
	p.Type("s")
	p.WaitFor("The clinic is closed on Fri 14 Mar 2025; 1 appointment moved, each patient told.", "closed Fri 14 Mar 2025 · Holi")
	if a := c.appointment(t, appt); !a.Start.Equal(c.at(17, 9, 0)) {
		t.Fatalf("after the holiday: %+v", a)
	}
}
