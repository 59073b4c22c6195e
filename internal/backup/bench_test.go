package backup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"filippo.io/age"

	clinicdesk "github.com/clinicdesk/clinicdesk"
	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/internal/replica"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// The benchmarks run on the clinic-size demo (5,000 patients, 50,000 appointments;
// the large one with CLINICDESK_LARGE=1), built on the first -bench run and kept in the
// temporary directory, named by a hash of the schema, like the store's benchmarks'.
// Each measures the floor in the same run: SQLite's online backup of the same file
// (what `sqlite3 .backup` does; the sqlite3 shell itself too when it is installed).
//
//	go test ./internal/backup -run '^$' -bench . -benchtime 3x
var benchDB struct {
	once sync.Once
	path string
	err  error
}

func benchClinic(b *testing.B) string {
	b.Helper()
	if f := flag.Lookup("test.bench"); testing.Short() || f == nil || f.Value.String() == "" {
		b.Skip("the demo clinic is built only for -bench runs without -short")
	}
	benchDB.once.Do(func() {
		size := gen.Clinic
		if os.Getenv("CLINICDESK_LARGE") != "" {
			size = gen.Large
		}
		schema := sha256.Sum256([]byte(clinicdesk.Schema))
		benchDB.path = filepath.Join(os.TempDir(), fmt.Sprintf("clinicdesk-bench-backup-%s-%x.db", size, schema[:6]))
		if _, err := os.Stat(benchDB.path); err == nil {
			return
		}
		ctx := context.Background()
		s, err := store.Open(ctx, benchDB.path)
		if err != nil {
			benchDB.err = err
			return
		}
		_, benchDB.err = demo.Build(ctx, s, size, 1, nil)
		if err := s.Close(); benchDB.err == nil {
			benchDB.err = err
		}
	})
	if benchDB.err != nil {
		b.Fatal(benchDB.err)
	}
	return benchDB.path
}

// floor takes the floor's copy of db into dir and returns how long it took, with the
// sqlite3 shell's time when it is installed.
func floor(b *testing.B, db, dir string) (api, shell time.Duration) {
	b.Helper()
	out := filepath.Join(dir, "floor.db")
	start := time.Now()
	if err := Snapshot(context.Background(), db, out); err != nil {
		b.Fatal(err)
	}
	api = time.Since(start)
	os.Remove(out)
	if path, err := exec.LookPath("sqlite3"); err == nil {
		start = time.Now()
		if out, err := exec.Command(path, db, ".backup "+filepath.Join(dir, "shell.db")).CombinedOutput(); err != nil {
			b.Fatalf("sqlite3 .backup: %v %s", err, out)
		}
		shell = time.Since(start)
		os.Remove(filepath.Join(dir, "shell.db"))
	}
	return api, shell
}

// BenchmarkBackup makes a whole backup (snapshot, checks, archive, age) to a
// passphrase (scrypt at age's default work factor) and to a recipient, each next to the
// floor; x_floor is the backup's throughput over the floor's (the goal: at least 0.5).
func BenchmarkBackup(b *testing.B) {
	db := benchClinic(b)
	info, err := os.Stat(db)
	if err != nil {
		b.Fatal(err)
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		o    Options
	}{
		{"passphrase", Options{Passphrase: passphrase}},
		{"recipient", Options{Recipients: []age.Recipient{id.Recipient()}}},
		{"plain", Options{Plain: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(info.Size())
			var took, floorAPI, floorShell time.Duration
			for i := 0; b.Loop(); i++ {
				dir := b.TempDir()
				api, shell := floor(b, db, dir)
				start := time.Now()
				if _, err := Create(context.Background(), db, filepath.Join(dir, "b.cdbackup"), c.o); err != nil {
					b.Fatal(err)
				}
				took += time.Since(start)
				floorAPI += api
				floorShell += shell
			}
			n := float64(b.N)
			b.ReportMetric(took.Seconds()/n, "s/backup")
			b.ReportMetric(floorAPI.Seconds()/n, "s/floor")
			if floorShell > 0 {
				b.ReportMetric(floorShell.Seconds()/n, "s/sqlite3")
			}
			b.ReportMetric(floorAPI.Seconds()/took.Seconds(), "x_floor")
		})
	}
}

// BenchmarkBackupSteps times each part of a backup on its own, to say where the time
// goes: the snapshot, SQLite's integrity check, the audit chain, scrypt, the stream.
func BenchmarkBackupSteps(b *testing.B) {
	db := benchClinic(b)
	ctx := context.Background()
	for b.Loop() {
		dir := b.TempDir()
		snap := filepath.Join(dir, dbName)
		t := time.Now()
		if err := snapshot(ctx, db, snap); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(t).Seconds(), "s/snapshot")
		t = time.Now()
		var sum Summary
		raw, err := openRaw(snap)
		if err != nil {
			b.Fatal(err)
		}
		if err := rawChecks(ctx, raw, &sum); err != nil {
			b.Fatal(err)
		}
		raw.Close()
		b.ReportMetric(time.Since(t).Seconds(), "s/sqlite-checks")
		t = time.Now()
		if _, err := verifyDir(ctx, snap); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(t).Seconds(), "s/checks+audit")
		t = time.Now()
		r, _ := age.NewScryptRecipient("x")
		if w, err := age.Encrypt(discard{}, r); err != nil || w.Close() != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(t).Seconds(), "s/scrypt18")
	}
}

func openRaw(path string) (*sql.DB, error) { return sql.Open("sqlite", rawDSN(path, true)) }

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkRestore restores a backup (decrypt, checks, swap) next to the floor's copy.
func BenchmarkRestore(b *testing.B) {
	db := benchClinic(b)
	id, err := age.GenerateX25519Identity()
	if err != nil {
		b.Fatal(err)
	}
	in := filepath.Join(b.TempDir(), "b.cdbackup")
	if _, err := Create(context.Background(), db, in, Options{Recipients: []age.Recipient{id.Recipient()}}); err != nil {
		b.Fatal(err)
	}
	var took, floorAPI time.Duration
	for b.Loop() {
		dir := b.TempDir()
		api, _ := floor(b, db, dir)
		start := time.Now()
		if _, err := Restore(context.Background(), in, filepath.Join(dir, "restored.db"), Keys{Identities: []age.Identity{id}}); err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		floorAPI += api
	}
	b.ReportMetric(took.Seconds()/float64(b.N), "s/restore")
	b.ReportMetric(floorAPI.Seconds()/float64(b.N), "s/floor")
}

// BenchmarkReplicaLag books from 8 writers on a copy of the clinic under a running
// replica and measures, for each booking, how long until the replica holds a newer
// Litestream transaction than the database had written out when the booking
// committed: the sync that carries it (or, rarely, one that read the log just before
// it, which makes the figure a little low).
func BenchmarkReplicaLag(b *testing.B) {
	src := benchClinic(b)
	ctx := context.Background()
	dir := b.TempDir()
	db := filepath.Join(dir, "clinic.db")
	if err := Snapshot(ctx, src, db); err != nil {
		b.Fatal(err)
	}
	for _, p := range [][2]string{{keyPath(src), keyPath(db)}, {witnessPath(src), witnessPath(db)}} {
		if err := copyFile(p[0], p[1], false); err != nil {
			b.Fatal(err)
		}
	}
	s, err := store.Open(ctx, db, store.WithCheckpointsByReplica(), store.WithBcryptCost(4))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.PrepareReplica(ctx); err != nil {
		b.Fatal(err)
	}
	const writers = 8
	desk := newBookingDesk(b, s, writers)
	r, err := replica.Start(ctx, db, filepath.Join(dir, "replica"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	if err := r.Sync(ctx); err != nil { // the first sync carries the whole file
		b.Fatal(err)
	}
	var (
		mu   sync.Mutex
		lags []time.Duration
		wg   sync.WaitGroup
	)
	per := max(1, b.N/writers)
	b.ResetTimer()
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range per {
				if _, err := s.Book(ctx, clerk, desk.slot(w, n)); err != nil {
					b.Error(err)
					return
				}
				committed := time.Now()
				_, local := r.Position()
				for {
					replicated, _ := r.Position()
					if replicated > local {
						break
					}
					time.Sleep(5 * time.Millisecond)
				}
				mu.Lock()
				lags = append(lags, time.Since(committed))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(lags)
	if len(lags) > 0 {
		b.ReportMetric(lags[len(lags)/2].Seconds(), "s/p50-lag")
		b.ReportMetric(lags[len(lags)*99/100].Seconds(), "s/p99-lag")
	}
}
