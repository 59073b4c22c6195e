package tui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// An admin's header says when the last good backup is more than a day old, and the
// System tab shows it (when, how old, how large, where); a failed scheduled backup
// reaches the tab through the admins' notification. Other roles have no System tab,
// and the store refuses them the record.
func TestTheSystemTabShowsTheBackupsAndTheHeaderWarnsWhenStale(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	desk := addUser(t, s, store.RoleReceptionist, "rita@clinic.test", "Rita Desk")
	good := store.BackupRun{At: time.Now().UTC().Add(-30 * time.Hour), OK: true, Path: "/srv/backups/clinic-20261201-0800.cdbackup",
		Size: 3 << 20, Encrypted: true, Patients: 12, Appointments: 1, Scheduled: true}
	if err := store.RecordBackupRun(s.Path(), good); err != nil {
		t.Fatal(err)
	}
	if err := store.RecordBackupSchedule(s.Path(), store.BackupSchedule{Dir: "/srv/backups", Every: 6 * time.Hour, Keep: 14,
		Since: time.Now().UTC().Add(-40 * time.Hour)}); err != nil {
		t.Fatal(err)
	}

	p := startDesk(t, s, 100, 30)
	logIn(p, "grace@clinic.test")
	p.WaitFor("5 System", "last good backup 30 hours ago")
	p.Type("5")
	p.WaitFor("Last good backup", "30 hours ago — older than a day", "3.0 MiB, encrypted",
		"/srv/backups/clinic-20261201-0800.cdbackup", "12 patients, 1 appointment", "every 6 hours into /srv/backups, keeping the newest 14")

	failed := store.BackupRun{At: time.Now().UTC(), Path: "/srv/backups", Error: "no space left on device \x1b[2J\x1b]0;owned\a", Scheduled: true}
	if err := store.RecordBackupRun(s.Path(), failed); err != nil {
		t.Fatal(err)
	}
	if err := s.NotifyBackupFailed(ctx, failed); err != nil {
		t.Fatal(err)
	}
	screen := p.WaitFor("Last attempt", "no space left on device", "1 unread")
	if strings.Contains(screen, "\x1b[2J") || strings.Contains(screen, "\x1b]0;") {
		t.Errorf("a recorded error's escape sequences reached the terminal: %q", screen)
	}

	if _, err := s.BackupStatus(ctx, desk.Actor()); !errors.Is(err, store.ErrForbidden) {
		t.Errorf("a receptionist read the backup record: %v", err)
	}
	if err := store.RecordBackupRun(s.Path(), store.BackupRun{At: time.Now().UTC(), OK: true, Path: "/srv/backups/new.cdbackup", Size: 10}); err != nil {
		t.Fatal(err)
	}
	st, err := s.BackupStatus(ctx, store.System("test"))
	if err != nil || st.Stale(time.Now()) || st.LastGood.Path != "/srv/backups/new.cdbackup" || st.Last.Error != "" {
		t.Errorf("the record after a good run: %+v, %v", st, err)
	}
}
