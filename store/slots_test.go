package store

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestBookSeries(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	// Weekly on Mondays at 10:00 from 10 March: 17 March is made a holiday, and Ravi
	// already holds 24 March at 10:00.
	if _, err := f.s.AddHoliday(calCtx, desk, f.day(17), "Founders' day"); err != nil {
		t.Fatal(err)
	}
	f.book(t, f.ravi, f.rao, f.at(24, 10, 0))
	first := BookingInput{PatientID: f.asha, DoctorID: f.rao, Start: f.at(10, 10, 0), Reason: "Physiotherapy review"}
	booked, collisions, err := f.s.BookSeries(calCtx, desk, first, 7*24*time.Hour, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(booked) != 2 || len(collisions) != 2 {
		t.Fatalf("booked %v, collisions %+v", booked, collisions)
	}
	a, b := f.get(t, booked[0]), f.get(t, booked[1])
	if !a.Start.Equal(f.at(10, 10, 0)) || !b.Start.Equal(f.at(31, 10, 0)) || a.SeriesID == 0 || a.SeriesID != b.SeriesID ||
		a.Reason != "Physiotherapy review" {
		t.Fatalf("booked visits %+v and %+v", a, b)
	}
	if c := collisions[0]; !c.Start.Equal(f.at(17, 10, 0)) || !errors.Is(c.Err, ErrInvalid) ||
		c.Err.Error() != "The clinic is closed on 17 March (Founders' day)." {
		t.Fatalf("first collision %+v", c)
	}
	if c := collisions[1]; !c.Start.Equal(f.at(24, 10, 0)) || !errors.Is(c.Err, ErrConflict) ||
		c.Err.Error() != "Dr. Anil Rao already has an appointment 10:00–10:15 on 24 March." {
		t.Fatalf("second collision %+v", c)
	}
	var held int
	if err := f.s.readers.QueryRowContext(calCtx, `SELECT count(*) FROM appointments WHERE patient_id = ?`, f.asha).Scan(&held); err != nil {
		t.Fatal(err)
	}
	if held != 2 {
		t.Fatalf("Asha holds %d appointments, want the 2 booked", held)
	}

	tests := []struct {
		name  string
		every time.Duration
		count int
		field string
	}{
		{"not whole days", 36 * time.Hour, 3, "every"},
		{"no repeat", 0, 3, "every"},
		{"no visits", 24 * time.Hour, 0, "count"},
		{"too many visits", 24 * time.Hour, 53, "count"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := f.s.BookSeries(calCtx, desk, first, tt.every, tt.count)
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("error = %v, want a %s error", err, tt.field)
			}
		})
	}
	if _, _, err := f.s.BookSeries(calCtx, f.raoUser.Actor(), first, 24*time.Hour, 2); !errors.Is(err, ErrForbidden) {
		t.Fatalf("doctor booking a series: %v", err)
	}
}

// A weekly series keeps its wall-clock time across a daylight-saving change.
func TestBookSeriesAcrossDaylightSaving(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	if err := f.s.PutSetting(calCtx, f.admin.Actor(), SettingTimeZone, "Europe/London"); err != nil {
		t.Fatal(err)
	}
	london, _ := time.LoadLocation("Europe/London")
	booked, collisions, err := f.s.BookSeries(calCtx, f.desk.Actor(), BookingInput{PatientID: f.asha, DoctorID: f.rao,
		Start: time.Date(2025, 3, 24, 10, 0, 0, 0, london)}, 7*24*time.Hour, 2)
	if err != nil || len(booked) != 2 || len(collisions) != 0 {
		t.Fatalf("booked %v, collisions %v, err %v", booked, collisions, err)
	}
	for _, id := range booked {
		if start := f.get(t, id).Start.In(london); start.Hour() != 10 || start.Minute() != 0 {
			t.Fatalf("visit at %v, want 10:00 London time", start)
		}
	}
}

func TestNextFreeSlots(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	f.book(t, f.asha, f.rao, f.at(3, 10, 15))
	if _, err := f.s.Book(calCtx, desk, BookingInput{PatientID: f.ravi, DoctorID: f.rao, Start: f.at(3, 10, 30), Minutes: 30}); err != nil {
		t.Fatal(err)
	}
	f.book(t, f.ravi, f.rao, f.at(10, 9, 15))
	freed := f.book(t, f.asha, f.rao, f.at(3, 11, 0))
	if err := f.s.Cancel(calCtx, desk, freed, "Changed plans"); err != nil {
		t.Fatal(err)
	}

	starts := func(slots []Slot, err error) []string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(slots))
		for i, s := range slots {
			out[i] = s.Start.In(f.loc).Format("2 15:04")
		}
		return out
	}
	// 10:00 has passed; 10:15 to 11:00 are held; the cancelled 11:00 is free.
	got := starts(f.s.NextFreeSlots(calCtx, desk, f.rao, f.clock.t, 3))
	if strings.Join(got, ",") != "3 11:00,3 11:15,3 11:30" {
		t.Fatalf("next three = %v", got)
	}
	// A start in the past is the clock; the walk skips the holiday (4th), the leave
	// (5th to 7th) and the weekend, and goes on to the next Monday, where 09:15 is taken.
	slots, err := f.s.NextFreeSlots(calCtx, desk, f.rao, f.at(1, 0, 0), 20)
	got = starts(slots, err)
	want := "3 11:00,3 11:15,3 11:30,3 11:45,3 12:00,3 12:15,3 12:30,3 12:45," +
		"3 14:00,3 14:30,3 15:00,3 15:30,3 16:00,3 16:30," +
		"10 09:00,10 09:30,10 09:45,10 10:00,10 10:15,10 10:30"
	if strings.Join(got, ",") != want {
		t.Fatalf("next twenty =\n%v\nwant\n%v", strings.Join(got, ","), want)
	}
	if s := slots[9]; s.DoctorID != f.rao || s.DoctorName != "Anil Rao" || s.End.Sub(s.Start) != 30*time.Minute {
		t.Fatalf("afternoon slot %+v", s)
	}
	// A doctor with no hours has no slots, and the search ends at its horizon.
	idle := mustUser(t, f.s, RoleDoctor, "idle@clinic.test", "Ivan Idle")
	if slots, err := f.s.NextFreeSlots(calCtx, desk, f.doctorID(t, idle), f.clock.t, 5); err != nil || len(slots) != 0 {
		t.Fatalf("idle doctor: %v %v", slots, err)
	}
	if _, err := f.s.NextFreeSlots(calCtx, desk, 999, f.clock.t, 5); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no such doctor: %v", err)
	}
	pharm := mustUser(t, f.s, RolePharmacist, "ph@clinic.test", "Pia Pharm")
	if _, err := f.s.NextFreeSlots(calCtx, pharm.Actor(), f.rao, f.clock.t, 5); !errors.Is(err, ErrForbidden) {
		t.Fatalf("pharmacist: %v", err)
	}
}

func TestFirstFreeWithSpeciality(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	f.book(t, f.asha, f.mehtaID, f.at(3, 10, 20))
	slots, err := f.s.FirstFreeWithSpeciality(calCtx, desk, "cardiology", f.clock.t, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(slots) != 2 || slots[0].DoctorID != f.mehtaID || !slots[0].Start.Equal(f.at(3, 10, 40)) ||
		!slots[1].Start.Equal(f.at(3, 11, 0)) || slots[0].DoctorName != "Dr. Meera Mehta" {
		t.Fatalf("cardiology slots %+v", slots)
	}
	// General Practice: both doctors, earliest first.
	slots, err = f.s.FirstFreeWithSpeciality(calCtx, desk, "General Practice", f.clock.t, 4)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range slots {
		got = append(got, fmt.Sprintf("%d@%s", s.DoctorID, s.Start.In(f.loc).Format("15:04")))
	}
	want := fmt.Sprintf("%[1]d@10:15,%[1]d@10:30,%[2]d@10:40,%[1]d@10:45", f.rao, f.mehtaID)
	if strings.Join(got, ",") != want {
		t.Fatalf("general practice = %v, want %v", got, want)
	}
	_, err = f.s.FirstFreeWithSpeciality(calCtx, desk, "Dermatology", f.clock.t, 4)
	wantApptErr(t, err, ErrInvalid, "No doctor at this clinic practises Dermatology.")
}

// The book's list and slot queries each read a bounded range of an index of
// appointments, never the whole table; the patients they name are each one search of
// the registry's primary key, so their cost does not grow with the registry.
func TestAppointmentQueriesUseIndexes(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	tests := []struct {
		name, query, index string
		args               []any
	}{
		{"free slots", occupiedQuery, "SEARCH appointments USING COVERING INDEX appointments_doctor_start (doctor_id=? AND starts_at>? AND starts_at<?)", []any{1, "", "", ""}},
		{"day view", bookDayQuery, "SEARCH a USING INDEX appointments_start (starts_at>? AND starts_at<?)", []any{"", "", 1}},
		{"day view's columns", bookDoctorsDayQuery, "SEARCH a USING INDEX appointments_doctor_start (doctor_id=? AND starts_at>? AND starts_at<?)", []any{"[1,2]", "", "", 1}},
		{"day's outline", dayOutlineQuery, "SEARCH appointments USING COVERING INDEX appointments_doctor_start (doctor_id=? AND starts_at>? AND starts_at<?)", []any{"", ""}},
		{"doctor's days", doctorDaysQuery, "SEARCH a USING INDEX appointments_doctor_start (doctor_id=? AND starts_at>? AND starts_at<?)", []any{1, "", "", 1}},
		{"doctor's week", bookDoctorDaysQuery, "SEARCH a USING INDEX appointments_doctor_start (doctor_id=? AND starts_at>? AND starts_at<?)", []any{1, "", "", 1}},
		{"upcoming", upcomingQuery, "SEARCH a USING INDEX appointments_patient_start (patient_id=? AND starts_at>?)", []any{1, "", 1}},
		{"past", pastQuery, "SEARCH a USING INDEX appointments_patient_start (patient_id=?)", []any{1, "", 1}},
		{"waiting room", waitingRoomQuery, "SCAN a USING INDEX appointments_waiting", nil},
		{"waiting room's patients", waitingRoomQuery, "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)", nil},
		{"book's names", bookNamesQuery, "SEARCH patients USING INTEGER PRIMARY KEY (rowid=?)", []any{"[1,2]"}},
		{"payments due", paymentsDueQuery, "SEARCH a USING INDEX appointments_patient_start (patient_id=?)", []any{1}},
		{"all payments due", allPaymentsDueQuery, "SCAN a USING INDEX appointments_unpaid", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if text := queryPlan(t, s, tt.query, tt.args...); !strings.Contains(text, tt.index) {
				t.Fatalf("plan:\n%s\nwant %s", text, tt.index)
			}
		})
	}
}

// queryPlan is SQLite's plan for the query, one step a line.
func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.readers.QueryContext(calCtx, "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}

// BenchmarkFreeSlotsMillion runs the free-slot searches over a book of 1,000,000
// appointments: 40 doctors, each fully booked every day 09:00–17:00 for 781 days, of
// which the next 81 are ahead of the clock, so each search walks 81 full days first.
// Building the book takes a while; run it with -bench FreeSlotsMillion.
func BenchmarkFreeSlotsMillion(b *testing.B) {
	const doctors, perDoctor, perDay = 40, 25000, 32
	clock := &fixedClock{t: time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)}
	s := newTestStore(b, WithClock(clock.now))
	for i := range doctors {
		mustUser(b, s, RoleDoctor, fmt.Sprintf("d%02d@clinic.test", i), fmt.Sprintf("Doctor %02d", i))
	}
	base := clock.t.AddDate(0, 0, -700)
	err := s.Batch(calCtx, System("bench"), func(tx *Tx) error {
		if _, err := tx.exec(calCtx, `INSERT INTO doctor_schedules(doctor_id, weekday, start_time, end_time, slot_minutes)
			SELECT d.id, w.value, '09:00', '17:00', 15 FROM doctors d, json_each('[1,2,3,4,5,6,7]') w`); err != nil {
			return err
		}
		if _, err := tx.exec(calCtx, `INSERT INTO patients(first_name, last_name, date_of_birth, sex)
			SELECT 'Patient', 'P' || id, '1990-01-01', 'unknown' FROM doctors`); err != nil {
			return err
		}
		// Patient i sees only doctor i, so patients never overlap either.
		_, err := tx.exec(calCtx, `WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n + 1 < ?1)
			INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at, status, fee_cents, payment_status, payment_method)
			SELECT d.id, d.id,
			       strftime('%Y-%m-%dT%H:%M:%SZ', ?2, '+' || (k.n / ?3) || ' days', '+' || (540 + (k.n % ?3) * 15) || ' minutes'),
			       strftime('%Y-%m-%dT%H:%M:%SZ', ?2, '+' || (k.n / ?3) || ' days', '+' || (555 + (k.n % ?3) * 15) || ' minutes'),
			       'completed', 50000, 'paid', 'cash'
			FROM doctors d, k ORDER BY d.id, k.n`, perDoctor, formatDate(base), perDay)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.writer.ExecContext(calCtx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	admin := System("bench")
	// The last booked day holds perDoctor % perDay visits from 09:00; the first free slot follows.
	baseDay := time.Date(base.Year(), base.Month(), base.Day(), 0, 0, 0, 0, time.UTC)
	firstFree := baseDay.AddDate(0, 0, perDoctor/perDay).Add(9*time.Hour + perDoctor%perDay*15*time.Minute)
	b.Run("NextFreeSlots", func(b *testing.B) {
		for b.Loop() {
			slots, err := s.NextFreeSlots(calCtx, admin, 1, clock.t, 10)
			if err != nil || len(slots) != 10 || !slots[0].Start.Equal(firstFree) {
				b.Fatalf("slots %v, err %v", slots, err)
			}
		}
	})
	b.Run("FirstFreeWithSpeciality", func(b *testing.B) {
		for b.Loop() {
			slots, err := s.FirstFreeWithSpeciality(calCtx, admin, "General Practice", clock.t, 10)
			if err != nil || len(slots) != 10 {
				b.Fatalf("slots %v, err %v", slots, err)
			}
		}
	})
}
