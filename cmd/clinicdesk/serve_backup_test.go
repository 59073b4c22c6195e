package main

import (
	"context"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/backup"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// serve's backup schedule as it runs beside the server: a run that cannot write its
// backup is logged and reaches every admin as a notification (not the front desk); a
// run into a good directory leaves a verified, encrypted backup there and records it
// as the last good one, which the System tab reads.
func TestServeScheduledBackupsLandOrNotifyTheAdmins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	admin, err := s.Setup(ctx, store.ClinicSetup{Name: "Riverside Clinic"}, store.NewUser{Email: "ana@clinic.test", FullName: "Ana Admin",
		Password: tuitest.Password})
	if err != nil {
		t.Fatal(err)
	}
	desk, err := s.CreateUser(ctx, admin.Actor(), store.NewUser{Email: "rita@clinic.test", FullName: "Rita Desk",
		Role: store.RoleReceptionist, Password: tuitest.Password})
	if err != nil {
		t.Fatal(err)
	}
	opts := backup.Options{Passphrase: []byte("correct horse battery staple"), WorkFactor: 10}

	// The backup directory is a file: the first run, at once, fails.
	notADir := filepath.Join(t.TempDir(), "backups")
	if err := os.WriteFile(notADir, []byte("a file, not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	stop, err := startBackups(ctx, s, &backup.Schedule{DB: s.Path(), Dir: notADir, Every: time.Hour, Keep: 2, Options: opts},
		"", log.New(logs, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	logs.waitFor(t, "scheduled backup failed")
	if !strings.Contains(logs.String(), "(the admins are notified)") {
		t.Errorf("the log: %s", logs)
	}
	stop()
	notes, err := s.Notifications(ctx, admin.Actor(), true, 10)
	if err != nil || len(notes) != 1 || !strings.Contains(notes[0].Title+notes[0].Body, "backup") {
		t.Fatalf("the admin's unread notifications: %+v, %v", notes, err)
	}
	if theirs, err := s.Notifications(ctx, desk.Actor(), true, 10); err != nil || len(theirs) != 0 {
		t.Errorf("the front desk was told of the failed backup: %+v, %v", theirs, err)
	}
	st, err := s.BackupStatus(ctx, admin.Actor())
	if err != nil || st.Last == nil || st.Last.OK || st.LastGood != nil {
		t.Fatalf("the record after the failure: %+v, %v", st, err)
	}

	// A good directory: the run lands a verified backup and records it.
	dir := filepath.Join(t.TempDir(), "backups")
	logs = &syncBuffer{}
	stop, err = startBackups(ctx, s, &backup.Schedule{DB: s.Path(), Dir: dir, Every: time.Hour, Keep: 2, Options: opts},
		"", log.New(logs, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	logs.waitFor(t, "backed up into")
	stop()
	st, err = s.BackupStatus(ctx, admin.Actor())
	if err != nil || st.LastGood == nil || !st.Last.OK || filepath.Dir(st.LastGood.Path) != dir {
		t.Fatalf("the record after a good run: %+v, %v", st, err)
	}
	info, err := os.Stat(st.LastGood.Path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the backup file: %v, %v", info, err)
	}
	sum, err := backup.Verify(ctx, st.LastGood.Path, backup.Keys{Passphrase: opts.Passphrase})
	if err != nil || !sum.Encrypted {
		t.Errorf("the scheduled backup does not verify: %+v, %v", sum, err)
	}
}
