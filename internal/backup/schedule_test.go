package backup

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
)

// A schedule's runs land in its directory, each recorded beside the database; it keeps
// the newest Keep and touches no other file there; a failed run is recorded and handed
// on (serve notifies the admins), and the last good one stays the last good one.
func TestAScheduleKeepsTheNewestBackupsAndReportsAFailure(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	live := clinic(t, 2)
	dir := filepath.Join(t.TempDir(), "backups")
	clock := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	var failed []store.BackupRun
	sch := Schedule{DB: live, Dir: dir, Every: 6 * time.Hour, Keep: 2, Options: encrypted(),
		Now:    func() time.Time { return clock },
		Failed: func(_ context.Context, run store.BackupRun) { failed = append(failed, run) }}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "clinic-notes.txt")
	if err := os.WriteFile(other, []byte("not a backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	var made []string
	for range 3 {
		run := sch.RunOnce(ctx)
		if !run.OK || run.Error != "" || run.Size == 0 || !run.Encrypted || run.Patients != 2 {
			t.Fatalf("run: %+v", run)
		}
		made = append(made, run.Path)
		clock = clock.Add(6 * time.Hour)
	}
	kept, err := sch.Backups()
	if err != nil || len(kept) != 2 || kept[0] != made[2] || kept[1] != made[1] {
		t.Fatalf("kept %v (%v), made %v", kept, err, made)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("pruning removed a file that is not a backup: %v", err)
	}
	if _, err := Verify(ctx, kept[0], testKeys); err != nil {
		t.Errorf("the newest backup: %v", err)
	}
	st, err := store.ReadBackupStatus(live)
	if err != nil || st.LastGood == nil || st.LastGood.Path != made[2] || st.Stale(clock) {
		t.Fatalf("record: %+v, %v", st, err)
	}
	if info, err := os.Stat(store.BackupStatusPath(live)); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the record's file: %v, %v", info, err)
	}

	// The directory becomes a file: the next run fails.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	run := sch.RunOnce(ctx)
	if run.OK || run.Error == "" || len(failed) != 1 || failed[0].Error != run.Error {
		t.Fatalf("a run into a file: %+v, told %+v", run, failed)
	}
	st, err = store.ReadBackupStatus(live)
	if err != nil || st.Last.OK || st.LastGood.Path != made[2] || !strings.Contains(st.Last.Error, "backups") {
		t.Errorf("record after the failure: %+v, %v", st, err)
	}
	if !st.Stale(clock.Add(store.BackupStaleAfter)) {
		t.Error("a day after the last good backup, the record is not stale")
	}
}
