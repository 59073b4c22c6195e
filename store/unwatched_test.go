package store

import (
	"context"
	"errors"
	"runtime/metrics"
	"testing"
	"time"
)

// goroutinesCreated is how many goroutines the process has started so far.
func goroutinesCreated() uint64 {
	s := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// The desk gives every call a context with a timeout. Under one, the store's statements
// run unwatched: a read starts no goroutine (it started two, the driver's watcher and
// database/sql's), and a booking only database/sql's own for its transaction and the
// results read in it, which it starts under any context (it started twelve). Not
// parallel: it counts the process's goroutines.
func TestStatementsUnderAnEndingContextStartNoWatchers(t *testing.T) {
	f := newApptFixture(t)
	desk := f.desk.Actor()
	ctx, cancel := context.WithTimeout(calCtx, time.Minute)
	defer cancel()
	if _, err := f.s.Patient(ctx, desk, f.asha); err != nil { // the statements prepared
		t.Fatal(err)
	}
	const reads, bookings = 40, 6
	before := goroutinesCreated()
	for range reads {
		if _, err := f.s.Patient(ctx, desk, f.asha); err != nil {
			t.Fatal(err)
		}
	}
	read := goroutinesCreated() - before
	before = goroutinesCreated()
	for i := range bookings {
		// Dr. Rao's Monday afternoon, 10 March: six 30-minute slots from 14:00.
		start := f.day(10).Add(14*time.Hour + time.Duration(i)*30*time.Minute)
		patient := []int64{f.asha, f.ravi}[i%2]
		if _, err := f.s.Book(ctx, desk, BookingInput{PatientID: patient, DoctorID: f.rao, Start: start}); err != nil {
			t.Fatalf("book %v: %v", start, err)
		}
	}
	booked := goroutinesCreated() - before
	if read >= reads/4 || booked > 5*bookings {
		t.Fatalf("%d reads started %d goroutines and %d bookings %d", reads, read, bookings, booked)
	}
}

// A write whose context ends stops before its next statement, and none of its work
// is kept; a read under an ended context runs nothing.
func TestEndedContextStopsAWriteBetweenStatements(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	ctx, cancel := context.WithCancel(calCtx)
	err := f.s.Batch(ctx, f.desk.Actor(), func(tx *Tx) error {
		if _, err := tx.AddHoliday(ctx, f.day(21), "First"); err != nil {
			return err
		}
		cancel()
		_, err := tx.AddHoliday(ctx, f.day(24), "Second")
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("the write whose context ended: %v", err)
	}
	var n int
	if err := f.s.readers.QueryRowContext(calCtx, `SELECT count(*) FROM clinic_holidays WHERE name IN ('First', 'Second')`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the stopped write's holidays: %d rows, %v", n, err)
	}
	if _, err := f.s.Patient(ctx, f.desk.Actor(), f.asha); !errors.Is(err, context.Canceled) {
		t.Fatalf("a read under an ended context: %v", err)
	}
	// The store goes on writing for others.
	if _, err := f.s.AddHoliday(calCtx, f.desk.Actor(), f.day(21), "Kept"); err != nil {
		t.Fatal(err)
	}
}
