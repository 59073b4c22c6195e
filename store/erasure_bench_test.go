package store_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	clinicdesk "github.com/clinicdesk/clinicdesk"
	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// BenchmarkErasePatient erases one patient with nothing open of the clinic-size demo
// (5,000 patients, 50,000 appointments; the large one with CLINICDESK_LARGE=1), each run
// on a fresh copy of the file. Its floor, measured in the same run on another copy, is
// what any erasure must pay whatever its own work: VACUUM and a TRUNCATE checkpoint of
// the same file on a plain connection.
//
//	go test ./store -run '^$' -bench ErasePatient -benchtime 3x
func BenchmarkErasePatient(b *testing.B) {
	kept := erasureClinic(b)
	ctx := context.Background()
	var took, floor []time.Duration
	for i := 0; i < b.N; i++ {
		path := copyClinic(b, kept)
		s, err := store.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		admin := store.System("bench")
		id := int64(0)
		for p := int64(1); id == 0; p++ {
			if plan, err := s.ErasurePlan(ctx, admin, p); err == nil && plan.Allowed() {
				id = p
			}
		}
		start := time.Now()
		if _, err := s.ErasePatient(ctx, admin, id, "Benchmark of an erasure on request"); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		s.Close()

		path = copyClinic(b, kept)
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)")
		if err != nil {
			b.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		start = time.Now()
		if _, err := db.Exec("VACUUM"); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			b.Fatal(err)
		}
		floor = append(floor, time.Since(start))
		db.Close()
	}
	report(b, took) // sorts took
	slices.Sort(floor)
	median := func(d []time.Duration) float64 { return float64(d[(len(d)-1)/2].Microseconds()) }
	b.ReportMetric(median(floor), "floor-p50-µs")
	b.ReportMetric(median(took)/median(floor), "x-floor")
}

var erasureDB struct {
	once sync.Once
	path string
	err  error
}

// erasureClinic builds the clinic-size demo once per schema, kept in the temporary
// directory like the other benchmarks' clinics.
func erasureClinic(b *testing.B) string {
	b.Helper()
	if f := flag.Lookup("test.bench"); testing.Short() || f == nil || f.Value.String() == "" {
		b.Skip("the demo clinic is built only for -bench runs without -short")
	}
	erasureDB.once.Do(func() {
		size := gen.Clinic
		if os.Getenv("CLINICDESK_LARGE") != "" {
			size = gen.Large
		}
		schema := sha256.Sum256([]byte(clinicdesk.Schema))
		erasureDB.path = filepath.Join(os.TempDir(), fmt.Sprintf("clinicdesk-bench-erase-%s-%x.db", size, schema[:6]))
		if _, err := os.Stat(erasureDB.path); err == nil {
			return
		}
		ctx := context.Background()
		s, err := store.Open(ctx, erasureDB.path)
		if err != nil {
			erasureDB.err = err
			return
		}
		_, erasureDB.err = demo.Build(ctx, s, size, 1, nil)
		if err := s.Close(); erasureDB.err == nil {
			erasureDB.err = err
		}
	})
	if erasureDB.err != nil {
		b.Fatal(erasureDB.err)
	}
	return erasureDB.path
}

// copyClinic copies the kept clinic, with its audit key and witness, into a new
// temporary directory.
func copyClinic(b *testing.B, kept string) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "clinic.db")
	if err := copyClinicTo(kept, path); err != nil {
		b.Fatal(err)
	}
	return path
}
