package store_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// small is a small demo clinic built once per benchmark run, in the run's temporary
// directory: the month's reports are timed on it unless CLINICDESK_LARGE=1 asks for the
// large clinic (the target: p99 ≤ 200 ms for a month there).
var small struct {
	once sync.Once
	dir  string
	s    *store.Store
	sum  demo.Summary
	err  error
}

func reportClinic(b *testing.B) (*store.Store, demo.Summary) {
	b.Helper()
	if os.Getenv("CLINICDESK_LARGE") != "" {
		return largeClinic(b)
	}
	small.once.Do(func() {
		ctx := context.Background()
		if small.dir, small.err = os.MkdirTemp("", "clinicdesk-bench-small-"); small.err != nil {
			return
		}
		opts := []store.Option{store.WithBcryptCost(bcrypt.MinCost), store.WithClock(func() time.Time { return benchClock })}
		small.s, small.err = store.Open(ctx, filepath.Join(small.dir, "clinic.db"), opts...)
		if small.err == nil {
			small.sum, small.err = demo.Build(ctx, small.s, gen.Small, benchSeed, nil)
		}
	})
	if small.err != nil {
		b.Fatalf("build the small clinic: %v", small.err)
	}
	return small.s, small.sum
}

// BenchmarkMonthReport runs each report over the month up to the clinic's today, as the
// admin (who may read them all).
func BenchmarkMonthReport(b *testing.B) {
	s, sum := reportClinic(b)
	b.Cleanup(func() {
		if small.s != nil && os.Getenv("CLINICDESK_LARGE") == "" {
			small.s.Close()
			os.RemoveAll(small.dir)
			small.s, small.once = nil, sync.Once{}
		}
	})
	admin := account(b, s, sum, store.RoleAdmin).Actor()
	to := s.Now()
	from := to.AddDate(0, -1, 1)
	for _, name := range store.ReportNames() {
		b.Run(name, func(b *testing.B) {
			timed(b, func(int) error {
				_, err := s.Report(context.Background(), admin, name, from, to)
				return err
			})
		})
	}
}
