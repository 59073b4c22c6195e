package backup

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/replica"
	"github.com/clinicdesk/clinicdesk/store"
)

// Write, note T, write more, restore at T: exactly the writes before T, and the sealed
// trail verifies.
func TestAReplicaRestoresTheMomentAsked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	live := filepath.Join(t.TempDir(), "clinic.db")
	// A clinic's data directory is often readable by others; what we make in it is not.
	if err := os.Chmod(filepath.Dir(live), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, live, store.WithCheckpointsByReplica())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.PrepareReplica(ctx); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "replica")
	r, err := replica.Start(ctx, live, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i := range 3 {
		if _, err := s.AddPatient(ctx, clerk, patient(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	at := time.Now()
	// The replica stamps its files to the millisecond: the next writes start in a later one.
	for !time.Now().Truncate(time.Millisecond).After(at) {
	}
	for i := 3; i < 5; i++ {
		if _, err := s.AddPatient(ctx, clerk, patient(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	// The witness copy in the replica names the later writes too.
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}

	target := filepath.Join(t.TempDir(), "restored.db")
	res, err := RestoreReplica(ctx, dir, at, target)
	if err != nil {
		t.Fatalf("restore at T: %v", err)
	}
	if ids := patientIDs(t, target); len(ids) != 3 || !ids[1] || !ids[3] || res.Patients != 3 {
		t.Errorf("restored at T: patients %v (summary %d), want exactly the 3 written before T", ids, res.Patients)
	}
	wantMode0600(t, target, store.AuditKeyPath(target), store.AuditWitnessPath(target))

	latest := filepath.Join(t.TempDir(), "latest.db")
	if _, err := RestoreReplica(ctx, dir, time.Time{}, latest); err != nil {
		t.Fatalf("restore the newest state: %v", err)
	}
	if ids := patientIDs(t, latest); len(ids) != 5 {
		t.Errorf("restored the newest state: patients %v, want 5", ids)
	}
	if _, err := RestoreReplica(ctx, dir, at.Add(-time.Hour), filepath.Join(t.TempDir(), "early.db")); err == nil {
		t.Error("a restore to before the replica began succeeded")
	}
	for _, d := range []string{dir, filepath.Join(filepath.Dir(live), ".clinic.db-litestream")} {
		if info, err := os.Stat(d); err != nil || info.Mode().Perm() != 0o700 {
			t.Errorf("the replica's directory %s: %v, %v", d, info, err)
		}
	}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil && info.Mode().Perm()&0o077 != 0 {
				t.Errorf("replica file %s has mode %v", path, info.Mode().Perm())
			}
		}
		return nil
	})
}
