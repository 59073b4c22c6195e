package store_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	clinicdesk "github.com/clinicdesk/clinicdesk"
	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// The benchmarks run on one large demo clinic (100,000 patients, a million
// appointments) per `go test -bench` run. Building it takes minutes, so the built file
// is kept in the temporary directory, named by a hash of the schema and the seed (branches
// that each add an upgrade share version numbers), and each run
// works on a fresh copy of it (benchmarks that write never change the kept file).
// CLINICDESK_BENCH_REBUILD=1 builds it again. The clinic's clock is fixed (benchClock),
// so a kept file's "today" is the copy's "today" whatever the day of the run. Its store
// hashes passwords at bcrypt.MinCost, so BenchmarkLogin measures the store's work
// around the hash, not bcrypt's deliberate cost (about 200 ms at the production cost).
var large struct {
	once sync.Once
	dir  string
	s    *store.Store
	sum  demo.Summary
	err  error
}

// benchSeed is the large clinic's seed.
const benchSeed = 1

// benchSize is the demo size the benchmarks run on: Large, or with
// CLINICDESK_BENCH_SIZE=huge the same clinic over a million patients.
func benchSize() gen.Size {
	if sz, err := gen.ParseSize(os.Getenv("CLINICDESK_BENCH_SIZE")); err == nil {
		return sz
	}
	return gen.Large
}

// benchClock is the large clinic's "now": a Tuesday at 10:00 in the clinic's time zone.
var benchClock = time.Date(2026, 11, 24, 4, 30, 0, 0, time.UTC)

// TestMain gives the process the desk's page pool, as the desk's own does
// (CLINICDESK_BENCH_PAGE_POOL=MiB another size, 0 none: to compare serve's); after the run
// it removes the large clinic's copy and stops the PostgreSQL floor's server if the run
// started one.
func TestMain(m *testing.M) {
	pool := store.DeskPagePoolMiB
	if mib, err := strconv.Atoi(os.Getenv("CLINICDESK_BENCH_PAGE_POOL")); err == nil {
		pool = mib
	}
	if err := store.UsePagePool(pool); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	stopPGFloor()
	if large.s != nil {
		large.s.Close()
	}
	if large.dir != "" {
		os.RemoveAll(large.dir)
	}
	os.Exit(code)
}

// largeClinic returns the large clinic, copying (or building) it on first use. It skips
// under -short and when no -bench pattern was given, so `go test ./...` never builds it.
func largeClinic(b *testing.B) (*store.Store, demo.Summary) {
	b.Helper()
	if f := flag.Lookup("test.bench"); testing.Short() || f == nil || f.Value.String() == "" {
		b.Skip("the large clinic is built only for -bench runs without -short")
	}
	large.once.Do(func() { large.s, large.sum, large.dir, large.err = openLargeClinic() })
	if large.err != nil {
		b.Fatalf("build the large clinic: %v", large.err)
	}
	return large.s, large.sum
}

// openLargeClinic opens a fresh copy of the kept large clinic, building it first when
// it is missing, and returns the copy's directory for removal.
func openLargeClinic() (*store.Store, demo.Summary, string, error) {
	ctx := context.Background()
	opts := []store.Option{store.WithBcryptCost(bcrypt.MinCost), store.WithClock(func() time.Time { return benchClock })}
	kept := keptClinic()
	sum := demo.Summary{Password: demo.Password}
	if _, err := os.Stat(kept); err != nil || os.Getenv("CLINICDESK_BENCH_REBUILD") != "" {
		if err := buildLargeClinic(ctx, kept, opts); err != nil {
			return nil, sum, "", err
		}
	}
	dir, err := os.MkdirTemp("", "clinicdesk-bench-")
	if err != nil {
		return nil, sum, "", err
	}
	path := filepath.Join(dir, "large.db")
	if err := copyClinicTo(kept, path); err != nil {
		return nil, sum, dir, err
	}
	s, err := store.Open(ctx, path, opts...)
	if err != nil {
		return nil, sum, dir, err
	}
	sum, err = largeSummary(ctx, s)
	return s, sum, dir, err
}

// keptClinic is where the large clinic is kept between runs, named by its size, the
// schema it was built with and its seed.
func keptClinic() string {
	schema := sha256.Sum256([]byte(clinicdesk.Schema))
	return filepath.Join(os.TempDir(), fmt.Sprintf("clinicdesk-bench-%s-%x-seed%d.db", benchSize(), schema[:6], benchSeed))
}

// buildLargeClinic builds the large clinic into a file beside kept and renames it into
// place when complete, so that a run stopped half-way (or another run building at the
// same time) never leaves a partial file under the kept name.
func buildLargeClinic(ctx context.Context, kept string, opts []store.Option) error {
	tmp := fmt.Sprintf("%s.%d.tmp", kept, os.Getpid())
	defer func() {
		for _, name := range []string{tmp, tmp + "-wal", tmp + "-shm", store.AuditKeyPath(tmp), store.AuditWitnessPath(tmp), store.LockPath(tmp)} {
			os.Remove(name)
		}
	}()
	s, err := store.Open(ctx, tmp, opts...)
	if err != nil {
		return err
	}
	started := time.Now()
	sum, err := demo.Build(ctx, s, benchSize(), benchSeed, nil)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%s demo clinic built in %.1fs: %d patients, %d appointments, %d prescriptions (kept as %s)\n",
		benchSize(), time.Since(started).Seconds(), sum.Patients, sum.Appointments, sum.Prescriptions, kept)
	// The key and the witness first: the database under the kept name marks it complete.
	for _, name := range []func(string) string{store.AuditKeyPath, store.AuditWitnessPath, dbFile} {
		if err := os.Rename(name(tmp), name(kept)); err != nil {
			return err
		}
	}
	return nil
}

// dbFile is the database's own path, beside AuditKeyPath and AuditWitnessPath.
func dbFile(path string) string { return path }

// largeSummary reads back from the clinic what demo.Build reported: the staff accounts
// (by role, as Summary lists them) and the counts.
func largeSummary(ctx context.Context, s *store.Store) (demo.Summary, error) {
	sum := demo.Summary{Password: demo.Password}
	users, err := s.ListUsers(ctx, store.System("bench"), "")
	if err != nil {
		return sum, err
	}
	for _, role := range []store.Role{store.RoleAdmin, store.RoleReceptionist, store.RoleDoctor, store.RolePharmacist} {
		for _, u := range users {
			if u.Role == role {
				sum.Accounts = append(sum.Accounts, demo.Account{Email: u.Email, Role: u.Role, FullName: u.FullName})
			}
		}
	}
	counts := benchSize().Counts()
	sum.Patients, sum.Appointments, sum.Items = counts.Patients, counts.Appointments, counts.InventoryItems
	return sum, nil
}

// copyClinicTo copies a clinic's database with its audit key and witness.
func copyClinicTo(from, to string) error {
	for _, name := range []func(string) string{dbFile, store.AuditKeyPath, store.AuditWitnessPath} {
		if err := copyFile(name(from), name(to)); err != nil {
			return err
		}
	}
	return nil
}

// copyFile copies the file at from to a new file at to.
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

// asDesk runs op under the context the desk gives each call into the store
// (tui/common.Ctx), one with a ten-second timeout: under a context that can end, the
// driver and database/sql take another path than under context.Background (see
// store/unwatched.go), and the benchmarks of the store measure the desk's. The floors
// keep context.Background: they are the engine's least.
func asDesk(op func(ctx context.Context, i int) error) func(i int) error {
	return func(i int) error {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return op(ctx, i)
	}
}

// timed runs op b.N times and reports the median and 99th percentile of one op.
func timed(b *testing.B, op func(i int) error) {
	b.Helper()
	took := make([]time.Duration, 0, b.N)
	var costs []opCost
	var meter *costMeter
	if tailWanted() {
		costs, meter = make([]opCost, 0, b.N), newCostMeter()
		defer meter.stop()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var mark costMark
		if meter != nil {
			mark = meter.mark()
		}
		start := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		if meter != nil {
			costs = append(costs, meter.since(i, mark))
		}
	}
	b.StopTimer()
	if costs != nil {
		printSlowest(b, took, costs)
	}
	report(b, took)
}

// opCost is what one timed op cost its thread besides wall time, for the ten slowest
// that CLINICDESK_BENCH_TAIL prints: CPU time (user+system), switches away from the
// CPU (voluntary: it waited for I/O, a lock or another goroutine; involuntary: the
// machine's load took the core), blocks read and written, the memory pages it touched
// for the first time (minor faults: SQLite's page cache and the Go heap growing), garbage
// collections that ended during it, and which iteration it was (cold pages show as early
// ones). On this 2-core virtual machine a minor fault costs 11-15 µs.
type opCost struct {
	i                  int
	cpu                time.Duration
	waits, preempts    int64
	blocksIn, blocksOu int64
	faults             int64
	gcs                uint64
}

// tailWanted reports whether CLINICDESK_BENCH_TAIL asks for the slowest runs.
func tailWanted() bool { return os.Getenv("CLINICDESK_BENCH_TAIL") != "" }

// printSlowest prints the ten slowest ops with what they cost their thread: a slow op
// with little CPU waited (for the disk, a lock, the core), one with much CPU worked.
func printSlowest(b *testing.B, took []time.Duration, costs []opCost) {
	order := make([]int, len(took))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return int(took[y] - took[x]) })
	var cpu []time.Duration
	var faults []int64
	for _, c := range costs {
		cpu, faults = append(cpu, c.cpu), append(faults, c.faults)
	}
	slices.Sort(cpu)
	slices.Sort(faults)
	fmt.Fprintf(os.Stderr, "%s: median CPU %v, minor faults %d; the ten slowest (wall, CPU, waits, preempted, blocks in/out, minor faults, GCs, iteration):\n",
		b.Name(), cpu[len(cpu)/2], faults[len(faults)/2])
	for _, i := range order[:min(10, len(order))] {
		c := costs[i]
		fmt.Fprintf(os.Stderr, "  %9v %9v w%d p%d io%d/%d f%d gc%d #%d\n", took[i].Round(time.Microsecond),
			c.cpu.Round(time.Microsecond), c.waits, c.preempts, c.blocksIn, c.blocksOu, c.faults, c.gcs, c.i)
	}
}

// report reports the median and 99th percentile of took, and with CLINICDESK_BENCH_TAIL
// its ten slowest.
func report(b *testing.B, took []time.Duration) {
	b.Helper()
	slices.Sort(took)
	at := func(p int) float64 { return float64(took[(len(took)-1)*p/100].Nanoseconds()) / 1e3 }
	// The slowest runs say what a 99th percentile is made of (a wait for the log, a cold
	// page): CLINICDESK_BENCH_TAIL=1 prints the ten slowest.
	if tailWanted() && len(took) > 10 {
		fmt.Fprintln(os.Stderr, b.Name(), "slowest:", took[len(took)-10:])
	}
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
	timed(b, asDesk(func(ctx context.Context, i int) error {
		_, err := s.Patient(ctx, desk, int64(1+(i*7919)%sum.Patients))
		return err
	}))
}

func BenchmarkSearchPatients(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	prefixes := searchPrefixes()
	timed(b, asDesk(func(ctx context.Context, i int) error {
		_, err := s.SearchPatients(ctx, desk, prefixes[i%len(prefixes)], 50)
		return err
	}))
}

// searchPrefixes are what the search benchmarks type: the first three letters of each of
// the demo's last names.
func searchPrefixes() []string {
	var prefixes []string
	for _, name := range gen.LastNames() {
		prefixes = append(prefixes, name[:min(3, len(name))])
	}
	return prefixes
}

func BenchmarkDoctorDay(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	doctors, err := s.Doctors(context.Background(), desk)
	if err != nil {
		b.Fatal(err)
	}
	today := s.Now()
	timed(b, asDesk(func(ctx context.Context, i int) error {
		day := today.AddDate(0, 0, i%30-15)
		_, err := s.DoctorDay(ctx, desk, doctors[i%len(doctors)].ID, day)
		return err
	}))
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
	timed(b, asDesk(func(ctx context.Context, i int) error {
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
	}))
}
