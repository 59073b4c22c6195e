package demo

import (
	"testing"
	"time"
)

func TestParseSize(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Size{"tiny": Tiny, "small": Small, "Clinic": Clinic, " LARGE ": Large} {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %v, %v", in, got, err)
		}
		if got.String() != want.String() {
			t.Errorf("round trip of %q", in)
		}
	}
	for _, bad := range []string{"", "medium", "smal"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) succeeded", bad)
		}
	}
	if s := Size(9).String(); s != "Size(9)" {
		t.Errorf("String of an unknown size = %q", s)
	}
}

func TestCounts(t *testing.T) {
	t.Parallel()
	want := map[Size][3]int{Tiny: {40, 3, 300}, Small: {200, 6, 2_000}, Clinic: {5_000, 20, 50_000}, Large: {100_000, 60, 1_000_000}, Huge: {1_000_000, 60, 1_000_000}}
	for _, s := range Sizes() {
		c := s.Counts()
		if got := [3]int{c.Patients, c.Doctors, c.Appointments}; got != want[s] {
			t.Errorf("%v: patients, doctors, appointments = %v", s, got)
		}
		if c.Receptionists == 0 || c.Pharmacists == 0 || c.Admins == 0 || c.InventoryItems == 0 {
			t.Errorf("%v: a role or the pharmacy is empty: %+v", s, c)
		}
		if c.InventoryItems > len(medicines) {
			t.Errorf("%v: %d inventory items, catalogue has %d", s, c.InventoryItems, len(medicines))
		}
		if c.Staff() != c.Admins+c.Doctors+c.Receptionists+c.Pharmacists {
			t.Errorf("%v: Staff() = %d", s, c.Staff())
		}
	}
}

// The appointments fit without double booking whatever the weekday of today.
func TestAppointmentsFitTheWindow(t *testing.T) {
	t.Parallel()
	for _, s := range Sizes() {
		c := s.Counts()
		for d := range 7 {
			today := midnight(Reference).AddDate(0, 0, d)
			if capacity := c.Capacity(today); c.Appointments*1000 > capacity*MaxDayFill {
				t.Errorf("%v on %v: %d appointments in %d slots", s, today.Weekday(), c.Appointments, capacity)
			}
			days, quotas, err := dayQuotas(today, c.PastDays, c.FutureDays, c.Doctors, c.Appointments)
			if err != nil {
				t.Fatalf("%v: %v", s, err)
			}
			sum := 0
			for i, q := range quotas {
				sum += q
				if q*1000 > c.Doctors*slotsPerDay()*MaxDayFill {
					t.Errorf("%v: %v overfilled: %d", s, days[i], q)
				}
				if !working(days[i]) {
					t.Errorf("%v: booked a closed day %v", s, days[i])
				}
			}
			if sum != c.Appointments {
				t.Errorf("%v: quotas add up to %d", s, sum)
			}
		}
	}
	if _, _, err := dayQuotas(midnight(Reference), 7, 0, 1, 10_000); err == nil {
		t.Error("an impossible count was accepted")
	}
}

func TestWeeklySchedule(t *testing.T) {
	t.Parallel()
	blocks := WeeklySchedule()
	if len(blocks) != 12 {
		t.Fatalf("%d blocks", len(blocks))
	}
	slots := 0
	for _, b := range blocks {
		if b.Weekday < 1 || b.Weekday > 6 || b.End <= b.Start || b.SlotMinutes != SlotMinutes {
			t.Errorf("bad block %+v", b)
		}
		s, _ := time.Parse("15:04", b.Start)
		e, _ := time.Parse("15:04", b.End)
		slots += int(e.Sub(s).Minutes()) / b.SlotMinutes
	}
	if slots != 6*slotsPerDay() || slotsPerDay() != 32 {
		t.Errorf("%d slots a week, %d a day", slots, slotsPerDay())
	}
}
