package demo_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// testNow is a Monday at 11:00 in the clinic, so today's queue is busy.
var testNow = time.Date(2025, time.March, 3, 5, 30, 0, 0, time.UTC)

// buildSmall builds a small demo clinic for seed into a fresh file and returns the open
// store and the summary.
func buildSmall(t testing.TB, seed int64) (*store.Store, demo.Summary) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	started := time.Now()
	sum, err := demo.Build(ctx, s, gen.Small, seed, nil)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	t.Logf("small demo built in %v", time.Since(started))
	return s, sum
}

func TestBuildSmall(t *testing.T) {
	s, sum := buildSmall(t, 1)
	t.Logf("%+v", sum)
	_ = s
}
