package store

import (
	"errors"
	"strings"
	"testing"
)

func TestLeaveOverBookedPatientsMovesThemInOneChange(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	a1 := f.book(t, f.asha, f.rao, f.at(10, 9, 0))
	a2 := f.book(t, f.ravi, f.rao, f.at(10, 9, 15))
	desk := f.desk.Actor()
	clashes, err := f.s.LeaveClashes(calCtx, desk, f.rao, f.day(10), f.day(10))
	if err != nil || len(clashes) != 2 {
		t.Fatalf("clashes: %+v, %v", clashes, err)
	}
	first, second := clashes[0].Options, clashes[1].Options
	if len(first) == 0 || len(second) == 0 || first[0].Start.Equal(second[0].Start) ||
		!first[0].Start.After(f.day(11)) || first[0].DoctorID != f.rao {
		t.Fatalf("options: %+v / %+v", first, second)
	}
	// Saving with a patient left inside the leave is refused, and nothing is saved.
	_, err = f.s.AddLeaveMoving(calCtx, desk, f.rao, f.day(10), f.day(10), "Sick",
		[]Move{{AppointmentID: a1, DoctorID: first[0].DoctorID, Start: first[0].Start}})
	var c *ConflictError
	if !errors.As(err, &c) || !strings.Contains(c.Message, "Ravi Kumar") || !strings.Contains(c.Message, "still booked during the leave") {
		t.Fatalf("a patient left in the leave: %v", err)
	}
	if a, _ := f.s.Appointment(calCtx, desk, a1); !a.Start.Equal(f.at(10, 9, 0)) {
		t.Fatalf("a refused change moved %s", a.Code)
	}
	if _, err := f.s.AddLeaveMoving(calCtx, desk, f.rao, f.day(10), f.day(10), "Sick", []Move{
		{AppointmentID: a1, DoctorID: first[0].DoctorID, Start: first[0].Start},
		{AppointmentID: a2, DoctorID: second[0].DoctorID, Start: second[0].Start},
	}); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]Slot{a1: first[0], a2: second[0]} {
		a, err := f.s.Appointment(calCtx, desk, id)
		if err != nil || !a.Start.Equal(want.Start) || a.DoctorID != want.DoctorID {
			t.Fatalf("%d after the move: %+v %v", id, a, err)
		}
	}
	var told int
	f.s.readers.QueryRow(`SELECT count(*) FROM notifications WHERE kind = ? AND patient_id IN (?, ?)
		AND channel = 'email' AND title LIKE 'Your appointment has moved to %'`, KindAppointmentMoved, f.asha, f.ravi).Scan(&told)
	if told != 2 {
		t.Fatalf("patients told: %d", told)
	}
}

func TestHolidayMovesToAnotherDoctorOfTheSameSpeciality(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	appt := f.book(t, f.asha, f.mehtaID, f.at(10, 9, 0))
	clashes, err := f.s.LeaveClashes(calCtx, f.desk.Actor(), 0, f.day(10), f.day(10))
	if err != nil || len(clashes) != 1 || clashes[0].Appointment.ID != appt || len(clashes[0].Options) == 0 {
		t.Fatalf("clashes: %+v %v", clashes, err)
	}
	opt := clashes[0].Options[0]
	if _, err := f.s.AddHolidayMoving(calCtx, f.desk.Actor(), f.day(10), "Founders' day",
		[]Move{{AppointmentID: appt, DoctorID: opt.DoctorID, Start: opt.Start}}); err != nil {
		t.Fatal(err)
	}
	if a, _ := f.s.Appointment(calCtx, f.desk.Actor(), appt); !a.Start.Equal(opt.Start) || !a.Start.After(f.day(11)) {
		t.Fatalf("moved to %+v", a)
	}
}

// The doctor going on leave is free all afternoon of the leave's day; the other
// general practitioner, away the next day, is offered all the same, the week after.
func TestLeaveOffersTheOtherDoctorHoweverFreeTheOneOnLeaveIs(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	if _, err := f.s.AddLeave(calCtx, desk, f.mehtaID, f.day(11), f.day(11), "Conference"); err != nil {
		t.Fatal(err)
	}
	f.book(t, f.asha, f.rao, f.at(10, 14, 0))
	clashes, err := f.s.LeaveClashes(calCtx, desk, f.rao, f.day(10), f.day(10))
	if err != nil || len(clashes) != 1 {
		t.Fatalf("clashes: %+v %v", clashes, err)
	}
	opts := clashes[0].Options
	if len(opts) < 2 || opts[0].DoctorID != f.rao || opts[1].DoctorID != f.mehtaID || !opts[1].Start.Equal(f.at(17, 9, 0)) {
		t.Fatalf("options: %+v; want Dr. Rao's next, then Dr. Mehta's Monday 17 March 09:00", opts)
	}
}
