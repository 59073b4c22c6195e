package store

import (
	"errors"
	"fmt"
	"testing"
)

// The day book reads the columns in view (DayBook of those doctors) and knows the rest
// from DayOutline: who has appointments, how many are booked, and the hours they span,
// a doctor whose account was disabled included.
func TestDayBookOfSomeDoctorsAndTheDayOutline(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	cancelled := f.book(t, f.asha, f.rao, f.at(3, 10, 15))
	if err := f.s.Cancel(calCtx, desk, cancelled, "patient called"); err != nil {
		t.Fatal(err)
	}
	rao := f.book(t, f.ravi, f.rao, f.at(3, 10, 15))
	mehta := f.book(t, f.asha, f.mehtaID, f.at(3, 11, 0))
	early := f.imported(t, ImportedAppointment{PatientID: f.ravi, DoctorID: f.mehtaID, Start: f.at(3, 8, 0), End: f.at(3, 8, 20),
		Status: AppointmentCompleted, Reason: "review"})
	f.book(t, f.ravi, f.mehtaID, f.at(10, 9, 0)) // another day
	if err := f.s.SetUserActive(calCtx, f.admin.Actor(), f.mehta.ID, false); err != nil {
		t.Fatal(err)
	}

	ids := func(list []BookEntry, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, e := range list {
			if e.PatientName != "" {
				t.Fatalf("DayBook named %+v", e)
			}
			out = append(out, e.ID)
		}
		return fmt.Sprint(out)
	}
	if got, want := ids(f.s.DayBook(calCtx, desk, f.day(3), []int64{f.mehtaID})), fmt.Sprint([]int64{early, mehta}); got != want {
		t.Fatalf("Dr. Mehta's column: %s, want %s", got, want)
	}
	// By doctor name (Anil Rao before Dr. Meera Mehta), each by time.
	if got, want := ids(f.s.DayBook(calCtx, desk, f.day(3), []int64{f.mehtaID, f.rao})),
		fmt.Sprint([]int64{cancelled, rao, early, mehta}); got != want {
		t.Fatalf("both columns: %s, want %s", got, want)
	}
	if got := ids(f.s.DayBook(calCtx, desk, f.day(3), nil)); got != "[]" {
		t.Fatalf("no column: %s", got)
	}

	o, err := f.s.DayOutline(calCtx, desk, f.day(3))
	if err != nil {
		t.Fatal(err)
	}
	want := []DayDoctor{{ID: f.rao, Name: "Anil Rao", Booked: 1}, {ID: f.mehtaID, Name: "Dr. Meera Mehta", Booked: 2}}
	if fmt.Sprint(o.Doctors) != fmt.Sprint(want) || o.Booked() != 3 {
		t.Fatalf("doctors %+v (%d booked), want %+v", o.Doctors, o.Booked(), want)
	}
	if !o.First.Equal(f.at(3, 8, 0)) || !o.Last.Equal(f.at(3, 11, 20)) {
		t.Fatalf("the day spans %v to %v, want 08:00 to 11:20", o.First.In(f.loc), o.Last.In(f.loc))
	}
	if o, err := f.s.DayOutline(calCtx, desk, f.day(2)); err != nil || len(o.Doctors) != 0 || !o.First.IsZero() || !o.Last.IsZero() {
		t.Fatalf("a day without appointments: %+v, %v", o, err)
	}
	pharm := mustUser(t, f.s, RolePharmacist, "ph@clinic.test", "Phil Pharm").Actor()
	if _, err := f.s.DayOutline(calCtx, pharm, f.day(3)); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a pharmacist outlined the book: %v", err)
	}
	if _, err := f.s.DayBook(calCtx, pharm, f.day(3), []int64{f.rao}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a pharmacist read the book: %v", err)
	}
}
