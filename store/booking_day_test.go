package store

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestABookingReadsTheDoctorsDayWithTheDoctor: the holiday, the leave and the hours a
// booking checks come with the doctor, the zone and the patient in one statement (they
// were three) when the zone is the one the last booking found.
func TestABookingReadsTheDoctorsDayWithTheDoctor(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	f.book(t, f.ravi, f.mehtaID, f.at(10, 9, 0)) // the store's zone hint: Asia/Kolkata
	err := f.s.Batch(calCtx, f.desk.Actor(), func(tx *Tx) error {
		if _, err := tx.Book(calCtx, BookingInput{PatientID: f.asha, DoctorID: f.rao, Start: f.at(10, 9, 0)}); err != nil {
			return err
		}
		for _, table := range []string{"clinic_holidays", "doctor_leaves", "doctor_schedules"} {
			var reads []string
			for q := range tx.stmts.byQuery {
				if strings.Contains(q, "FROM "+table) {
					reads = append(reads, q)
				}
			}
			if len(reads) != 1 || !strings.Contains(reads[0], "FROM doctors d") {
				t.Errorf("a booking read %s in %d statements, want once, with the doctor: %q", table, len(reads), reads)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestABookingChecksTheClinicDateNotTheUTCOne: a booking reads the doctor's day with the
// doctor for the date in the zone the last booking found (UTC before any), and reads it
// again when the clinic's date is another; each case is booked twice, once under the
// hint of UTC (another date: read again) and once under the clinic's own zone.
func TestABookingChecksTheClinicDateNotTheUTCOne(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		zone      string
		day, hour int
		want      string // in the refusal; "" books, for 30 minutes (Monday afternoon's slots)
	}{
		{"Pacific/Kiritimati", 4, 9, "closed"},   // +14: 3 March in UTC
		{"Pacific/Kiritimati", 5, 9, "on leave"}, // 4 March in UTC
		{"Pacific/Pago_Pago", 4, 14, "closed"},   // −11: 5 March in UTC
		{"Pacific/Pago_Pago", 10, 14, ""},        // Monday; Tuesday in UTC, when there are no afternoon hours
	} {
		f := newApptFixture(t)
		if err := f.s.PutSetting(calCtx, f.admin.Actor(), SettingTimeZone, c.zone); err != nil {
			t.Fatal(err)
		}
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Fatal(err)
		}
		for i, patient := range []int64{f.asha, f.ravi} {
			start := time.Date(2025, 3, c.day, c.hour, 30*i, 0, 0, loc)
			if start.UTC().Day() == c.day {
				t.Fatalf("%s: %v is the same date in UTC: the case tests nothing", c.zone, start)
			}
			hint := "UTC"
			if l := f.s.zone.Load(); l != nil {
				hint = l.String()
			}
			if want := []string{"UTC", c.zone}[i]; hint != want {
				t.Fatalf("%s: booking %d under the zone hint %s, want %s", c.zone, i+1, hint, want)
			}
			id, err := f.s.Book(calCtx, f.desk.Actor(), BookingInput{PatientID: patient, DoctorID: f.rao, Start: start})
			var fe *FieldError
			switch {
			case c.want != "" && (!errors.As(err, &fe) || fe.Field != "start" || !strings.Contains(fe.Message, c.want)):
				t.Errorf("%s %v (hint %s): %v, want a refusal on start saying %q", c.zone, start, hint, err, c.want)
			case c.want == "" && err != nil:
				t.Errorf("%s %v (hint %s): %v, want booked", c.zone, start, hint, err)
			case c.want == "":
				a, err := f.s.Appointment(calCtx, f.desk.Actor(), id)
				if err != nil {
					t.Fatal(err)
				}
				if got := a.End.Sub(a.Start); got != 30*time.Minute {
					t.Errorf("%s %v (hint %s): booked for %v, want the Monday afternoon's 30 minutes", c.zone, start, hint, got)
				}
			}
		}
	}
}
