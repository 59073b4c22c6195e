package demo_test

import (
	"context"
	"flag"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// The build benchmarks time a whole demo clinic of each size, built into a fresh file,
// and report the seconds it took (and, with -v, each stage's) and the CPU seconds the
// process spent meanwhile, which a machine shared with other work disturbs less. The large clinic's build (a million appointments)
// runs only when asked for by name: -bench BuildLarge.
func BenchmarkBuildSmall(b *testing.B)  { benchBuild(b, gen.Small) }
func BenchmarkBuildClinic(b *testing.B) { benchBuild(b, gen.Clinic) }
func BenchmarkBuildLarge(b *testing.B) {
	if f := flag.Lookup("test.bench"); f == nil || f.Value.String() != "BuildLarge" {
		b.Skip("the large build runs only with -bench BuildLarge")
	}
	benchBuild(b, gen.Large)
}

func benchBuild(b *testing.B, size gen.Size) {
	ctx := context.Background()
	var took time.Duration
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	for i := 0; i < b.N; i++ {
		s, err := store.Open(ctx, filepath.Join(b.TempDir(), "demo.db"), store.WithBcryptCost(bcrypt.MinCost),
			store.WithClock(func() time.Time { return testNow }))
		if err != nil {
			b.Fatal(err)
		}
		started := time.Now()
		stage, stageStarted := "", started
		progress := func(_, _ int, name string) {
			if name != stage {
				if stage != "" {
					b.Logf("%-32s %6.1fs", stage, time.Since(stageStarted).Seconds())
				}
				stage, stageStarted = name, time.Now()
			}
		}
		if _, err := demo.Build(ctx, s, size, 1, progress); err != nil {
			b.Fatal(err)
		}
		b.Logf("%-32s %6.1fs", stage, time.Since(stageStarted).Seconds())
		// Closing checkpoints the log into the file: part of what `clinicdesk demo` waits for.
		closing := time.Now()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.Logf("%-32s %6.1fs", "Closing the file", time.Since(closing).Seconds())
		took += time.Since(started)
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	b.ReportMetric(took.Seconds()/float64(b.N), "s/build")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/build")
}
