package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
)

// apptFixture is a small clinic in Asia/Kolkata on Monday 3 March 2025 at 10:02:
//
//   - Dr. Anil Rao (General Practice, fee 500.00): Mondays 09:00–13:00 in 15-minute
//     slots and 14:00–17:00 in 30-minute slots; Tuesday to Friday 09:00–13:00 (15);
//     on leave 5–7 March;
//   - Dr. Meera Mehta (Cardiology and General Practice, fee 800.00): Mondays and
//     Tuesdays 09:00–13:00 in 20-minute slots;
//   - the clinic is closed on Tuesday 4 March (Holi);
//   - patients Asha Patel and Ravi Kumar.
type apptFixture struct {
	s              *Store
	clock          *fixedClock
	loc            *time.Location
	admin, desk    User
	raoUser, mehta User
	rao, mehtaID   int64 // doctor ids
	asha, ravi     int64 // patient ids
}

func newApptFixture(t *testing.T) *apptFixture {
	t.Helper()
	path, f := apptWorld.Copy(t, "clinic.db")
	f.clock = apptClock(f.loc)
	f.s = openTestStore(t, path, WithClock(f.clock.now))
	return &f
}

// apptClock is the fixture's clock: Monday 3 March 2025 at 10:02 in the clinic.
func apptClock(loc *time.Location) *fixedClock {
	return &fixedClock{t: time.Date(2025, 3, 3, 10, 2, 0, 0, loc)}
}

// apptWorld is the fixture's clinic, built once per test binary and copied for each
// test; its value is the fixture without a store or a clock.
var apptWorld = testfixture.World[apptFixture]{Build: func(t testing.TB, path string) apptFixture {
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	clock := apptClock(loc)
	s := openStore(t, path, WithClock(clock.now))
	defer s.Close()
	f := apptFixture{s: s, clock: clock, loc: loc}
	f.admin = mustUser(t, s, RoleAdmin, "admin@clinic.test", "Ada Admin")
	f.desk = mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Dee Desk")
	f.raoUser = mustUser(t, s, RoleDoctor, "rao@clinic.test", "Anil Rao")
	mehta, err := s.CreateUser(calCtx, System("test"), NewUser{Email: "mehta@clinic.test", FullName: "Dr. Meera Mehta",
		Role: RoleDoctor, Password: testPassword, Doctor: &DoctorProfile{Qualification: "MD", LicenceNumber: "LIC-M",
			Specialisations: []string{"Cardiology", "General Practice"}, FeeCents: 80000}})
	if err != nil {
		t.Fatal(err)
	}
	f.mehta = mehta
	for key, value := range map[string]string{SettingTimeZone: "Asia/Kolkata", SettingCurrency: "INR",
		SettingClinicName: "Sunrise Clinic"} {
		if err := s.PutSetting(calCtx, f.admin.Actor(), key, value); err != nil {
			t.Fatal(err)
		}
	}
	f.rao = f.doctorID(t, f.raoUser)
	f.mehtaID = f.doctorID(t, f.mehta)
	desk := f.desk.Actor()
	blocks := []ScheduleBlock{
		{DoctorID: f.rao, Weekday: time.Monday, Start: "09:00", End: "13:00", SlotMinutes: 15},
		{DoctorID: f.rao, Weekday: time.Monday, Start: "14:00", End: "17:00", SlotMinutes: 30},
		{DoctorID: f.mehtaID, Weekday: time.Monday, Start: "09:00", End: "13:00", SlotMinutes: 20},
		{DoctorID: f.mehtaID, Weekday: time.Tuesday, Start: "09:00", End: "13:00", SlotMinutes: 20},
	}
	for _, w := range []time.Weekday{time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
		blocks = append(blocks, ScheduleBlock{DoctorID: f.rao, Weekday: w, Start: "09:00", End: "13:00", SlotMinutes: 15})
	}
	for _, b := range blocks {
		if _, err := s.AddScheduleBlock(calCtx, desk, b); err != nil {
			t.Fatalf("add block %+v: %v", b, err)
		}
	}
	if _, err := s.AddHoliday(calCtx, desk, f.day(4), "Holi"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddLeave(calCtx, desk, f.rao, f.day(5), f.day(7), "Conference"); err != nil {
		t.Fatal(err)
	}
	f.asha = f.patient(t, "Asha", "Patel")
	f.ravi = f.patient(t, "Ravi", "Kumar")
	closeWorld(t, s, false)
	f.s, f.clock = nil, nil
	return f
}}

var calCtx = context.Background()

func (f *apptFixture) doctorID(t testing.TB, u User) int64 {
	t.Helper()
	d, err := f.s.DoctorByUser(calCtx, f.admin.Actor(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return d.ID
}

// day is midnight of a day of March 2025 in clinic time.
func (f *apptFixture) day(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, f.loc) }

// at is a clinic time in March 2025.
func (f *apptFixture) at(d, hour, minute int) time.Time {
	return time.Date(2025, 3, d, hour, minute, 0, 0, f.loc)
}

// patient registers a walk-in patient directly: the patient store is not this file's.
func (f *apptFixture) patient(t testing.TB, first, last string) int64 {
	t.Helper()
	var id int64
	err := f.s.Batch(calCtx, System("test"), func(tx *Tx) (err error) {
		id, err = tx.insert(calCtx, `INSERT INTO patients(first_name, last_name, date_of_birth, sex)
			VALUES (?, ?, '1990-01-01', 'female')`, first, last)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// book books through the desk and fails the test if it is refused.
func (f *apptFixture) book(t testing.TB, patient, doctor int64, start time.Time) int64 {
	t.Helper()
	id, err := f.s.Book(calCtx, f.desk.Actor(), BookingInput{PatientID: patient, DoctorID: doctor, Start: start})
	if err != nil {
		t.Fatalf("book %v: %v", start, err)
	}
	return id
}

// imported writes an appointment in any status (as history) and returns its id.
func (f *apptFixture) imported(t *testing.T, in ImportedAppointment) int64 {
	t.Helper()
	var id int64
	err := f.s.Batch(calCtx, System("test"), func(tx *Tx) (err error) {
		id, err = tx.ImportAppointment(calCtx, in)
		return err
	})
	if err != nil {
		t.Fatalf("import %+v: %v", in, err)
	}
	return id
}

func (f *apptFixture) get(t *testing.T, id int64) Appointment {
	t.Helper()
	a, err := f.s.Appointment(calCtx, f.desk.Actor(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// wantApptErr checks an error's kind and that its message contains the words.
func wantApptErr(t *testing.T, err, kind error, words string) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("error = %v, want %v", err, kind)
	}
	if !strings.Contains(err.Error(), words) {
		t.Fatalf("error %q does not say %q", err.Error(), words)
	}
}
