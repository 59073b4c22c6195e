package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// BenchmarkBookFirstScreen is what the desk reads for its first screen after login,
// the day book of today, on a store opened afresh on the clinic (nothing of it read
// before): the doctors, the day's appointments, the names of those an 80×24 screen
// shows (four doctors, an hour and a half from the cursor), the holidays, each
// doctor's hours and leaves, and the waiting room. Run on the large clinic and with
// CLINICDESK_BENCH_SIZE=huge (ten times the patients) it shows what the registry's
// size adds: nothing, since the book reads only the names it shows.
func BenchmarkBookFirstScreen(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	ctx := context.Background()
	opts := []store.Option{store.WithClock(func() time.Time { return benchClock })}
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		fresh, err := store.Open(ctx, s.Path(), opts...)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if err := firstScreen(ctx, fresh, desk); err != nil {
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

// firstScreen reads what tui/frontdesk's loadDay and loadWaiting read.
func firstScreen(ctx context.Context, s *store.Store, desk store.Actor) error {
	day := s.Now()
	doctors, err := s.Doctors(ctx, desk)
	if err != nil {
		return err
	}
	list, err := s.DayBook(ctx, desk, day)
	if err != nil {
		return err
	}
	var shown []store.BookEntry
	columns := map[int64]bool{}
	for _, e := range list {
		if len(columns) < 4 {
			columns[e.DoctorID] = true
		}
		if columns[e.DoctorID] && !e.Start.Before(day.Add(-30*time.Minute)) && e.Start.Before(day.Add(time.Hour)) {
			shown = append(shown, e)
		}
	}
	if err := s.NameBook(ctx, desk, shown); err != nil {
		return err
	}
	if len(shown) == 0 || shown[0].PatientName == "" {
		return errors.New("an empty or unnamed screen")
	}
	if _, err := s.Holidays(ctx, desk, day); err != nil {
		return err
	}
	for _, d := range doctors {
		if _, err := s.Schedule(ctx, desk, d.ID); err != nil {
			return err
		}
		if _, err := s.Leaves(ctx, desk, d.ID, day); err != nil {
			return err
		}
	}
	_, err = s.WaitingRoom(ctx, desk)
	return err
}

// BenchmarkBookConcurrent books with eight desks at once: bookings per second over the
// whole run, and each booking's p50 and p99 (compare BenchmarkFloorBookConcurrent).
func BenchmarkBookConcurrent(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	slots := freeSlots(b, s, desk, 9)
	if b.N > len(slots) {
		b.Fatalf("only %d free slots for %d bookings", len(slots), b.N)
	}
	concurrent(b, 8, func(i int) error { return bookSlot(s, desk, sum, slots[i], i) })
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
func bookSlot(s *store.Store, desk store.Actor, sum demo.Summary, sl store.Slot, i int) error {
	for try := 0; ; try++ {
		patient := int64(1 + (i*104729+try)%sum.Patients)
		_, err := s.Book(context.Background(), desk, store.BookingInput{PatientID: patient, DoctorID: sl.DoctorID,
			Start: sl.Start, Reason: "Benchmark visit"})
		var c *store.ConflictError
		if errors.As(err, &c) && c.Rule == "patient_overlap" && try < 5 {
			continue
		}
		return err
	}
}
