package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// BenchmarkBookFirstScreen is what the desk reads for its first screen after login,
// the day book of today, on a store opened afresh on the clinic (nothing of it read
// before): the doctors, the day's appointments, the names of those an 80×24 screen
// shows (four doctors, an hour and a half from the cursor), the holidays, each
// doctor's hours and leaves, and the waiting room. It runs on the large clinic as
// built (registry=100000) and on a copy of it whose registry holds ten times the
// patients (registry=1000000, see tenfoldRegistry): the two figures' ratio is what the
// registry's size adds, nothing when the book reads only the names it shows.
func BenchmarkBookFirstScreen(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	b.Run(fmt.Sprintf("registry=%d", sum.Patients), func(b *testing.B) { timeFirstScreen(b, s.Path(), desk) })
	b.Run(fmt.Sprintf("registry=%d", 10*sum.Patients), func(b *testing.B) {
		timeFirstScreen(b, tenfoldRegistry(b, sum.Patients), desk)
	})
}

// timeFirstScreen times firstScreen on a store opened afresh on path each time.
func timeFirstScreen(b *testing.B, path string, desk store.Actor) {
	ctx := context.Background()
	opts := []store.Option{store.WithClock(func() time.Time { return benchClock })}
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		fresh, err := store.Open(ctx, path, opts...)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if err := asDesk(func(ctx context.Context, _ int) error { return firstScreen(ctx, fresh, desk) })(0); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		b.StopTimer()
		if err := fresh.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	report(b, took)
}

// tenfold is the large clinic with nine times its patients more, made once per run.
var tenfold struct {
	once sync.Once
	path string
	err  error
}

// tenfoldRegistry copies the kept large clinic beside the benchmarks' copy and adds
// nine patients for each it has, in one plain INSERT: the registry grows tenfold and
// the book, the doctors and every other table stay as they were. The registration
// trigger (code, search index, audit row) is set aside for the insert and put back as
// it was, in the same transaction: it costs minutes for a million rows, and the first
// screen reads none of what it writes. The copy is removed with the benchmarks' copy.
func tenfoldRegistry(b *testing.B, patients int) string {
	b.Helper()
	tenfold.once.Do(func() {
		tenfold.path = filepath.Join(large.dir, "tenfold.db")
		if tenfold.err = copyClinicTo(keptClinic(), tenfold.path); tenfold.err == nil {
			tenfold.err = addPatients(tenfold.path, 9*patients)
		}
	})
	if tenfold.err != nil {
		b.Fatalf("build the tenfold registry: %v", tenfold.err)
	}
	return tenfold.path
}

// addPatients inserts n patients after the last one, with plain SQL, as tenfoldRegistry
// says.
func addPatients(path string, n int) error {
	db, err := sql.Open("sqlite", floorDSN(path))
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var trigger string
	var last int
	if err := tx.QueryRow(`SELECT sql, (SELECT max(id) FROM patients) FROM sqlite_master
		WHERE type = 'trigger' AND name = 'patients_after_insert'`).Scan(&trigger, &last); err != nil {
		return err
	}
	for _, stmt := range []string{
		`DROP TRIGGER patients_after_insert`,
		`WITH RECURSIVE n(i) AS (SELECT ` + strconv.Itoa(last+1) + ` UNION ALL SELECT i + 1 FROM n WHERE i < ` + strconv.Itoa(last+n) + `)
		INSERT INTO patients(id, patient_code, first_name, last_name, date_of_birth, sex)
		SELECT i, 'PAT' || printf('%06d', i), 'Bulk' || (i % 997), 'Registry' || (i % 4999), '1980-05-17', 'unknown' FROM n`,
		trigger,
	} {
		if _, err := tx.Exec(stmt); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// screenEntries are the entries of list (DayBook's, by doctor) that an 80×24 book
// shows: the first four doctors' columns, those starting from from until to.
func screenEntries(list []store.BookEntry, from, to time.Time) []store.BookEntry {
	var shown []store.BookEntry
	columns := map[int64]bool{}
	for _, e := range list {
		if len(columns) < 4 {
			columns[e.DoctorID] = true
		}
		if columns[e.DoctorID] && !e.Start.Before(from) && e.Start.Before(to) {
			shown = append(shown, e)
		}
	}
	return shown
}

// firstScreen reads what tui/frontdesk's loadDay and loadWaiting read for today, and
// names the entries an 80×24 screen shows around now.
func firstScreen(ctx context.Context, s *store.Store, desk store.Actor) error {
	now := s.Now()
	named, err := dayScreen(ctx, s, desk, now, func(list []store.BookEntry) []store.BookEntry {
		return screenEntries(list, now.Add(-30*time.Minute), now.Add(time.Hour))
	})
	if err != nil {
		return err
	}
	if len(named) == 0 || named[0].PatientName == "" {
		return errors.New("an empty or unnamed screen")
	}
	_, err = s.WaitingRoom(ctx, desk)
	return err
}

// dayScreen reads what tui/frontdesk's loadDay reads for a day: the doctors, the day's
// outline, the holidays, every doctor's hours and leave, and the appointments of the
// columns around the screen's (screenWindow doctors); then it names the entries shown
// picks from those (NameBook), and returns them.
func dayScreen(ctx context.Context, s *store.Store, desk store.Actor, day time.Time,
	shown func([]store.BookEntry) []store.BookEntry) ([]store.BookEntry, error) {
	doctors, err := s.Doctors(ctx, desk)
	if err != nil {
		return nil, err
	}
	if _, err := s.DayOutline(ctx, desk, day); err != nil {
		return nil, err
	}
	if _, err := s.Holidays(ctx, desk, day); err != nil {
		return nil, err
	}
	if _, err := s.SchedulesOn(ctx, desk, day.Weekday()); err != nil {
		return nil, err
	}
	if _, err := s.LeavesByDoctor(ctx, desk, day); err != nil {
		return nil, err
	}
	var window []int64
	for _, d := range doctors[:min(len(doctors), screenWindow)] {
		window = append(window, d.ID)
	}
	list, err := s.DayBook(ctx, desk, day, window)
	if err != nil {
		return nil, err
	}
	named := shown(list)
	return named, s.NameBook(ctx, desk, named)
}

// screenWindow is how many doctors' columns the desk reads for an 80×24 book opened on
// its first column: the four it shows and the next four (tui/frontdesk's readWindow).
const screenWindow = 8

// BenchmarkBookConcurrent books with eight desks at once: bookings per second over the
// whole run, each booking's p50 and p99 (compare BenchmarkFloorBookConcurrent), and
// how many bookings a commit carried.
func BenchmarkBookConcurrent(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	slots := freeSlots(b, s, desk, 9)
	if b.N > len(slots) {
		b.Fatalf("only %d free slots for %d bookings", len(slots), b.N)
	}
	commits := s.Metrics().Commits
	concurrent(b, 8, asDesk(func(ctx context.Context, i int) error { return bookSlot(ctx, s, desk, sum, slots[i], i) }))
	// How many bookings a commit carried on average: the group commit's groups.
	b.ReportMetric(float64(b.N)/float64(max(1, s.Metrics().Commits-commits)), "bookings/commit")
}

// freeSlots lists up to 200 free slots of each doctor from days after today.
func freeSlots(b *testing.B, s *store.Store, desk store.Actor, days int) []store.Slot {
	b.Helper()
	ctx := context.Background()
	doctors, err := s.Doctors(ctx, desk)
	if err != nil {
		b.Fatal(err)
	}
	var slots []store.Slot
	for _, d := range doctors {
		free, err := s.NextFreeSlots(ctx, desk, d.ID, s.Now().AddDate(0, 0, days), 200)
		if err != nil {
			b.Fatal(err)
		}
		slots = append(slots, free...)
	}
	return slots
}

// bookSlot books a slot for a patient free then, trying the next patient when one is
// busy.
func bookSlot(ctx context.Context, s *store.Store, desk store.Actor, sum demo.Summary, sl store.Slot, i int) error {
	for try := 0; ; try++ {
		patient := int64(1 + (i*104729+try)%sum.Patients)
		_, err := s.Book(ctx, desk, store.BookingInput{PatientID: patient, DoctorID: sl.DoctorID,
			Start: sl.Start, Reason: "Benchmark visit"})
		var c *store.ConflictError
		if errors.As(err, &c) && c.Rule == "patient_overlap" && try < 5 {
			continue
		}
		return err
	}
}
