package store

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestDoctors(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	list, err := f.s.Doctors(calCtx, f.desk.Actor())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Name != "Anil Rao" || list[1].Name != "Dr. Meera Mehta" {
		t.Fatalf("doctors = %+v", list)
	}
	m := list[1]
	if m.FeeCents != 80000 || m.LicenceNumber != "LIC-M" || m.Qualification != "MD" || !m.Active ||
		len(m.Specialisations) != 2 || m.Specialisations[0] != "Cardiology" || m.UserID != f.mehta.ID {
		t.Fatalf("Mehta = %+v", m)
	}
	if _, err := f.s.DoctorByUser(calCtx, f.desk.Actor(), f.desk.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("doctor of a receptionist: %v", err)
	}
	pharm := mustUser(t, f.s, RolePharmacist, "ph@clinic.test", "Pia Pharm")
	if _, err := f.s.Doctors(calCtx, pharm.Actor()); !errors.Is(err, ErrForbidden) {
		t.Fatalf("pharmacist listing doctors: %v", err)
	}
}

func TestScheduleBlockRules(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	tests := []struct {
		name  string
		block ScheduleBlock
		kind  error
		field string
		words string
	}{
		{"bad weekday", ScheduleBlock{DoctorID: f.rao, Weekday: 7, Start: "09:00", End: "10:00"}, ErrInvalid, "weekday", "Weekday"},
		{"bad start", ScheduleBlock{DoctorID: f.rao, Weekday: time.Saturday, Start: "25:00", End: "10:00"}, ErrInvalid, "start", "such as 09:00"},
		{"bad end", ScheduleBlock{DoctorID: f.rao, Weekday: time.Saturday, Start: "09:00", End: "10"}, ErrInvalid, "end", "such as 13:00"},
		{"end before start", ScheduleBlock{DoctorID: f.rao, Weekday: time.Saturday, Start: "10:00", End: "09:00"}, ErrInvalid, "end", "later than start"},
		{"slot too short", ScheduleBlock{DoctorID: f.rao, Weekday: time.Saturday, Start: "09:00", End: "10:00", SlotMinutes: 3}, ErrInvalid, "slot_minutes", "5 to 240"},
		{"block shorter than slot", ScheduleBlock{DoctorID: f.rao, Weekday: time.Saturday, Start: "09:00", End: "09:10"}, ErrInvalid, "slot_minutes", "shorter than one slot"},
		{"no such doctor", ScheduleBlock{DoctorID: 999, Weekday: time.Saturday, Start: "09:00", End: "10:00"}, ErrNotFound, "", "doctor"},
		{"overlap", ScheduleBlock{DoctorID: f.rao, Weekday: time.Monday, Start: "12:00", End: "14:30"}, ErrConflict, "",
			"Dr. Anil Rao already works 09:00–13:00 on Mondays; working hours on one day cannot overlap."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.s.AddScheduleBlock(calCtx, desk, tt.block)
			wantApptErr(t, err, tt.kind, tt.words)
			var fe *FieldError
			if tt.field != "" && (!errors.As(err, &fe) || fe.Field != tt.field) {
				t.Fatalf("field of %v, want %s", err, tt.field)
			}
			var ce *ConflictError
			if tt.kind == ErrConflict && (!errors.As(err, &ce) || ce.Rule != "schedule_overlap") {
				t.Fatalf("rule of %v", err)
			}
		})
	}
	if _, err := f.s.AddScheduleBlock(calCtx, f.raoUser.Actor(), ScheduleBlock{DoctorID: f.rao, Weekday: time.Saturday,
		Start: "09:00", End: "10:00"}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("doctor editing hours: %v", err)
	}

	// A single-digit hour is accepted and stored as the schema's HH:MM; 0 means 15 minutes.
	id, err := f.s.AddScheduleBlock(calCtx, f.admin.Actor(), ScheduleBlock{DoctorID: f.rao, Weekday: time.Saturday, Start: "9:00", End: "11:00"})
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := f.s.Schedule(calCtx, f.raoUser.Actor(), f.rao)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 7 || blocks[0].Weekday != time.Monday || blocks[0].Start != "09:00" || blocks[1].Start != "14:00" ||
		blocks[1].SlotMinutes != 30 || blocks[6].Weekday != time.Saturday || blocks[6].Start != "09:00" || blocks[6].SlotMinutes != 15 {
		t.Fatalf("schedule = %+v", blocks)
	}
	if err := f.s.RemoveScheduleBlock(calCtx, f.desk.Actor(), id); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RemoveScheduleBlock(calCtx, f.desk.Actor(), id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removing twice: %v", err)
	}
}

func TestLeavesAndHolidays(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	if _, err := f.s.AddLeave(calCtx, desk, f.rao, f.day(9), f.day(8), ""); !errors.Is(err, ErrInvalid) {
		t.Fatalf("leave ending before it starts: %v", err)
	}
	if _, err := f.s.AddLeave(calCtx, desk, 999, f.day(8), f.day(9), ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("leave of no doctor: %v", err)
	}
	// The date is the clinic's: 20:00 UTC on 19 March is already 20 March in Kolkata.
	id, err := f.s.AddLeave(calCtx, desk, f.rao, time.Date(2025, 3, 19, 20, 0, 0, 0, time.UTC), f.day(21), " Course ")
	if err != nil {
		t.Fatal(err)
	}
	leaves, err := f.s.Leaves(calCtx, desk, f.rao, f.day(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(leaves) != 2 || !leaves[1].From.Equal(f.day(20)) || !leaves[1].To.Equal(f.day(21)) || leaves[1].Reason != "Course" {
		t.Fatalf("leaves = %+v", leaves)
	}
	if leaves, _ := f.s.Leaves(calCtx, desk, f.rao, f.day(8)); len(leaves) != 1 {
		t.Fatalf("leaves from 8 March = %+v", leaves)
	}
	if err := f.s.RemoveLeave(calCtx, desk, id); err != nil {
		t.Fatal(err)
	}

	_, err = f.s.AddHoliday(calCtx, desk, f.day(4), "Again")
	wantApptErr(t, err, ErrInvalid, "already closed on 4 March")
	_, err = f.s.AddHoliday(calCtx, desk, f.day(14), " ")
	wantApptErr(t, err, ErrInvalid, "Name the holiday")
	hid, err := f.s.AddHoliday(calCtx, desk, f.day(14), "Spring day")
	if err != nil {
		t.Fatal(err)
	}
	days, err := f.s.Holidays(calCtx, f.raoUser.Actor(), f.day(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 2 || days[0].Name != "Holi" || !days[1].Day.Equal(f.day(14)) {
		t.Fatalf("holidays = %+v", days)
	}
	if err := f.s.RemoveHoliday(calCtx, desk, hid); err != nil {
		t.Fatal(err)
	}
	if err := f.s.RemoveHoliday(calCtx, desk, hid); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removing twice: %v", err)
	}
	if _, err := f.s.AddHoliday(calCtx, f.raoUser.Actor(), f.day(15), "Mine"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("doctor closing the clinic: %v", err)
	}
}

// TestSchedulesAndLeavesByDoctor: the day book's reads of every doctor's calendar at
// once give each doctor what Schedule and Leaves give them one at a time.
func TestSchedulesAndLeavesByDoctor(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	if _, err := f.s.AddLeave(calCtx, desk, f.mehtaID, f.day(10), f.day(12), "Conference"); err != nil {
		t.Fatal(err)
	}
	for _, doctor := range []int64{f.rao, f.mehtaID} {
		week, err := f.s.Schedule(calCtx, desk, doctor)
		if err != nil || len(week) == 0 {
			t.Fatalf("doctor %d: hours %+v, %v", doctor, week, err)
		}
		for day := time.Sunday; day <= time.Saturday; day++ {
			blocks, err := f.s.SchedulesOn(calCtx, desk, day)
			if err != nil {
				t.Fatal(err)
			}
			var want []ScheduleBlock
			for _, b := range week {
				if b.Weekday == day {
					want = append(want, b)
				}
			}
			if fmt.Sprint(blocks[doctor]) != fmt.Sprint(want) {
				t.Fatalf("doctor %d on %s: %+v, want %+v", doctor, day, blocks[doctor], want)
			}
		}
	}
	// From the 11th, Mehta's leave (10 to 12 March) is listed and Rao's (5 to 7 March)
	// is not.
	for _, from := range []time.Time{f.day(1), f.day(11)} {
		leaves, err := f.s.LeavesByDoctor(calCtx, desk, from)
		if err != nil {
			t.Fatal(err)
		}
		for _, doctor := range []int64{f.rao, f.mehtaID} {
			one, err := f.s.Leaves(calCtx, desk, doctor, from)
			if err != nil || fmt.Sprint(leaves[doctor]) != fmt.Sprint(one) {
				t.Fatalf("doctor %d from %s: leaves %+v, want %+v (%v)", doctor, from.Format(time.DateOnly), leaves[doctor], one, err)
			}
		}
		if len(leaves[f.mehtaID]) != 1 || (len(leaves[f.rao]) == 0) != from.Equal(f.day(11)) {
			t.Fatalf("from %s: %+v", from.Format(time.DateOnly), leaves)
		}
	}
	pharm := mustUser(t, f.s, RolePharmacist, "ph@clinic.test", "Pia Pharm").Actor()
	if _, err := f.s.SchedulesOn(calCtx, pharm, time.Monday); !errors.Is(err, ErrForbidden) {
		t.Fatalf("pharmacist reading every doctor's hours: %v", err)
	}
	if _, err := f.s.LeavesByDoctor(calCtx, pharm, f.day(1)); !errors.Is(err, ErrForbidden) {
		t.Fatalf("pharmacist reading every doctor's leave: %v", err)
	}
}
