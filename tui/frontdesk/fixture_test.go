package frontdesk_test

import (
	"context"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// clinic is a small clinic in Asia/Kolkata whose clock stands at Monday 3 March 2025,
// 10:02:
//
//   - Dr. Anil Rao (General Practice, fee 500.00) works Monday to Friday 09:00–13:00
//     in 15-minute slots;
//   - Dr. Meera Mehta (Cardiology, fee 800.00) works Mondays and Tuesdays 09:00–13:00
//     in 20-minute slots;
//   - patients Asha Patel (born 1990-01-01, +91 98765 43210) and Ravi Kumar.
type clinic struct {
	*tuitest.Clinic
	s          *store.Store
	clock      *testfixture.Clock
	loc        *time.Location
	desk       store.User
	rao, mehta int64 // doctor ids
	raoUser    store.User
	asha, ravi store.Patient
}

var ctx = context.Background()

func newClinic(t testing.TB) *clinic {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	f := tuitest.NewClinic(t, time.Date(2025, 3, 3, 10, 2, 0, 0, loc))
	c := &clinic{Clinic: f, s: f.S, clock: f.Clock, loc: loc}
	c.Settings(map[string]string{store.SettingTimeZone: "Asia/Kolkata", store.SettingCurrency: "INR",
		store.SettingClinicName: "Sunrise Clinic"})
	c.desk = c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	c.raoUser = c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "LIC-R",
			Specialisations: []string{"General Practice"}, FeeCents: 50000}})
	mehta := c.User(store.NewUser{Email: "mehta@clinic.test", FullName: "Meera Mehta", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MD", LicenceNumber: "LIC-M",
			Specialisations: []string{"Cardiology"}, FeeCents: 80000}})
	c.rao = c.DoctorID(c.raoUser)
	c.mehta = c.DoctorID(mehta)
	for _, w := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
		c.block(t, store.ScheduleBlock{DoctorID: c.rao, Weekday: w, Start: "09:00", End: "13:00", SlotMinutes: 15})
	}
	for _, w := range []time.Weekday{time.Monday, time.Tuesday} {
		c.block(t, store.ScheduleBlock{DoctorID: c.mehta, Weekday: w, Start: "09:00", End: "13:00", SlotMinutes: 20})
	}
	c.asha = c.Patient(c.desk.Actor(), store.PatientInput{FirstName: "Asha", LastName: "Patel",
		DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female", Phone: "+91 98765 43210"})
	c.ravi = c.Patient(c.desk.Actor(), store.PatientInput{FirstName: "Ravi", LastName: "Kumar",
		DateOfBirth: time.Date(1985, 6, 15, 0, 0, 0, 0, time.UTC), Sex: "male", Phone: "+91 91234 56789"})
	return c
}

func (c *clinic) doctorID(t testing.TB, u store.User) int64 {
	t.Helper()
	return c.DoctorID(u)
}

// block adds working hours as the front desk.
func (c *clinic) block(t testing.TB, b store.ScheduleBlock) {
	t.Helper()
	c.Block(c.desk.Actor(), b)
}

// at is a clinic time on a day of March 2025.
func (c *clinic) at(day, hour, minute int) time.Time {
	return time.Date(2025, 3, day, hour, minute, 0, 0, c.loc)
}

// book books through the store and fails the test if it is refused.
func (c *clinic) book(t testing.TB, patient store.Patient, doctor int64, start time.Time, reason string) int64 {
	t.Helper()
	return c.Book(c.desk.Actor(), store.BookingInput{PatientID: patient.ID, DoctorID: doctor, Start: start,
		Reason: reason})
}

func (c *clinic) appointment(t testing.TB, id int64) store.Appointment {
	t.Helper()
	a, err := c.s.Appointment(ctx, c.desk.Actor(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// common is the session context of a user of the clinic.
func (c *clinic) common(t testing.TB, u store.User) *common.Common {
	t.Helper()
	return c.Common(u)
}

// start runs a screen at a terminal size.
func start(t *testing.T, c *clinic, screen common.Screen, width, height int) *tuitest.Program {
	t.Helper()
	return tuitest.StartScreen(t, c.s, nil, screen, width, height)
}
