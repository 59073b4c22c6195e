package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	clinicdesk "github.com/clinicdesk/clinicdesk"
	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// The benchmarks run on a large demo clinic (100,000 patients, a million appointments)
// built once per `go test -bench` run into a temporary directory. Its store hashes
// passwords at bcrypt.MinCost, so BenchmarkLogin measures the store's work around the
// hash, not bcrypt's deliberate cost (about 200 ms at the production cost).
//
// Building it takes minutes, so a fresh build is also kept in the system's temporary
// directory, named by schema and seed (largeCachePath), and later runs copy it
// instead of building. Remove that file to measure the build again, or when the demo
// generator changed.
var large struct {
	once sync.Once
	dir  string
	s    *store.Store
	sum  demo.Summary
	err  error
}

// TestMain removes the large clinic after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if large.s != nil {
		large.s.Close()
	}
	if large.dir != "" {
		os.RemoveAll(large.dir)
	}
	os.Exit(code)
}

// largeClinic returns the large clinic, building it on first use. It skips under
// -short and when no -bench pattern was given, so `go test ./...` never builds it.
func largeClinic(b *testing.B) (*store.Store, demo.Summary) {
	b.Helper()
	if f := flag.Lookup("test.bench"); testing.Short() || f == nil || f.Value.String() == "" {
		b.Skip("the large clinic is built only for -bench runs without -short")
	}
	large.once.Do(func() {
		ctx := context.Background()
		if large.dir, large.err = os.MkdirTemp("", "clinicdesk-bench-"); large.err != nil {
			return
		}
		path := filepath.Join(large.dir, "large.db")
		if large.sum, large.err = cachedLarge(path); large.err == nil {
			large.s, large.err = store.Open(ctx, path, store.WithBcryptCost(bcrypt.MinCost))
			return
		}
		if large.s, large.err = store.Open(ctx, path, store.WithBcryptCost(bcrypt.MinCost)); large.err != nil {
			return
		}
		started := time.Now()
		large.sum, large.err = demo.Build(ctx, large.s, gen.Large, 1, nil)
		fmt.Fprintf(os.Stderr, "large demo clinic built in %.1fs: %d patients, %d appointments, %d prescriptions\n",
			time.Since(started).Seconds(), large.sum.Patients, large.sum.Appointments, large.sum.Prescriptions)
		if large.err == nil {
			large.s.Close()
			if err := cacheLarge(path, large.sum); err != nil {
				fmt.Fprintf(os.Stderr, "large demo clinic not cached: %v\n", err)
			}
			large.s, large.err = store.Open(ctx, path, store.WithBcryptCost(bcrypt.MinCost))
		}
	})
	if large.err != nil {
		b.Fatalf("build the large clinic: %v", large.err)
	}
	return large.s, large.sum
}

// largeCachePath is where a built large clinic is kept between runs; its summary (the
// accounts and counts) sits beside it as JSON. It is named by a hash of the schema's
// text, not its version number: branches that each add an upgrade share numbers.
func largeCachePath() string {
	sum := sha256.Sum256([]byte(clinicdesk.Schema))
	return filepath.Join(os.TempDir(), fmt.Sprintf("clinicdesk-bench-large-%x-seed1.db", sum[:6]))
}

// cachedLarge copies the kept large clinic to path and returns its summary, or an error
// when there is none.
func cachedLarge(path string) (demo.Summary, error) {
	var sum demo.Summary
	raw, err := os.ReadFile(largeCachePath() + ".json")
	if err != nil {
		return sum, err
	}
	if err := json.Unmarshal(raw, &sum); err != nil {
		return sum, err
	}
	if err := copyFile(largeCachePath(), path); err != nil {
		os.Remove(path)
		return sum, err
	}
	fmt.Fprintf(os.Stderr, "large demo clinic copied from %s\n", largeCachePath())
	return sum, nil
}

// cacheLarge keeps the closed large clinic at path for later runs.
func cacheLarge(path string, sum demo.Summary) error {
	raw, err := json.Marshal(sum)
	if err != nil {
		return err
	}
	tmp := largeCachePath() + ".tmp"
	if err := copyFile(path, tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, largeCachePath()); err != nil {
		return err
	}
	return os.WriteFile(largeCachePath()+".json", raw, 0o644)
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	// Flushed now, so that writing the copy back is not part of what the benchmarks time.
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// account returns the first demo account of role as an actor, logging it in.
func account(b *testing.B, s *store.Store, sum demo.Summary, role store.Role) store.User {
	b.Helper()
	for _, a := range sum.Accounts {
		if a.Role == role {
			u, err := s.Login(context.Background(), a.Email, sum.Password)
			if err != nil {
				b.Fatal(err)
			}
			return u
		}
	}
	b.Fatalf("no %s account", role)
	return store.User{}
}

// timed runs op b.N times and reports the median and 99th percentile of one op.
func timed(b *testing.B, op func(i int) error) {
	b.Helper()
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	at := func(p int) float64 { return float64(took[(len(took)-1)*p/100].Nanoseconds()) / 1e3 }
	b.ReportMetric(at(50), "p50-µs")
	b.ReportMetric(at(99), "p99-µs")
}

func BenchmarkLogin(b *testing.B) {
	s, sum := largeClinic(b)
	a := sum.Accounts[0]
	timed(b, func(int) error {
		_, err := s.Login(context.Background(), a.Email, sum.Password)
		return err
	})
}

func BenchmarkPatientByID(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	timed(b, func(i int) error {
		_, err := s.Patient(context.Background(), desk, int64(1+(i*7919)%sum.Patients))
		return err
	})
}

func BenchmarkSearchPatients(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	var prefixes []string
	for _, name := range gen.LastNames() {
		prefixes = append(prefixes, name[:min(3, len(name))])
	}
	timed(b, func(i int) error {
		_, err := s.SearchPatients(context.Background(), desk, prefixes[i%len(prefixes)], 50)
		return err
	})
}

func BenchmarkDoctorDay(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	doctors, err := s.Doctors(context.Background(), desk)
	if err != nil {
		b.Fatal(err)
	}
	today := s.Now()
	timed(b, func(i int) error {
		day := today.AddDate(0, 0, i%30-15)
		_, err := s.DoctorDay(context.Background(), desk, doctors[i%len(doctors)].ID, day)
		return err
	})
}

// BenchmarkBook books free slots: one INSERT with the overlap triggers, the code, the
// audit row and its seal, in one transaction each.
func BenchmarkBook(b *testing.B) {
	s, sum := largeClinic(b)
	ctx := context.Background()
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	doctors, err := s.Doctors(ctx, desk)
	if err != nil {
		b.Fatal(err)
	}
	var slots []store.Slot
	for _, d := range doctors {
		free, err := s.NextFreeSlots(ctx, desk, d.ID, s.Now().AddDate(0, 0, 2), 200)
		if err != nil {
			b.Fatal(err)
		}
		slots = append(slots, free...)
	}
	if b.N > len(slots) {
		b.Fatalf("only %d free slots for %d bookings", len(slots), b.N)
	}
	timed(b, func(i int) error {
		sl := slots[i]
		for try := 0; ; try++ {
			patient := int64(1 + (i*104729+try)%sum.Patients)
			_, err := s.Book(ctx, desk, store.BookingInput{PatientID: patient, DoctorID: sl.DoctorID,
				Start: sl.Start, Reason: "Benchmark visit"})
			var c *store.ConflictError
			if errors.As(err, &c) && c.Rule == "patient_overlap" && try < 5 {
				continue // that patient is busy then: ask the next one
			}
			return err
		}
	})
}
