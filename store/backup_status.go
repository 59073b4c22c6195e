package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// The record of backup runs lives in a file beside the database (DB.backup-status,
// 0600), not in it: a backup that fails because the database cannot be written must
// still be recorded, and `serve`, the backup command and every desk on the file read
// the same record. The file holds the last good run and the last run, and what serve
// was told to do (directory, interval, how many to keep, the replica).
const backupStatusSuffix = ".backup-status"

// BackupStatusPath is where the record of backup runs of the database at dbPath lives.
func BackupStatusPath(dbPath string) string { return dbPath + backupStatusSuffix }

// BackupStaleAfter is how old the last good backup may be before every admin's header
// says so.
const BackupStaleAfter = 24 * time.Hour

// KindBackupFailed is the notification the admins get when a scheduled backup fails.
const KindBackupFailed = "backup_failed"

// BackupRun is one backup: when, where, and how it ended.
type BackupRun struct {
	At           time.Time     `json:"at"`
	Took         time.Duration `json:"took"`
	OK           bool          `json:"ok"`
	Path         string        `json:"path"`
	Size         int64         `json:"size,omitempty"`
	SHA256       string        `json:"sha256,omitempty"`
	Encrypted    bool          `json:"encrypted,omitempty"`
	Patients     int64         `json:"patients,omitempty"`
	Appointments int64         `json:"appointments,omitempty"`
	Scheduled    bool          `json:"scheduled,omitempty"` // made by serve's schedule, not by hand
	Error        string        `json:"error,omitempty"`
}

// BackupSchedule is what serve was started with.
type BackupSchedule struct {
	Dir     string        `json:"dir,omitempty"`
	Every   time.Duration `json:"every,omitempty"`
	Keep    int           `json:"keep,omitempty"`
	Replica string        `json:"replica,omitempty"` // the continuous replica's directory
	Since   time.Time     `json:"since"`             // when serve started with it
}

// BackupStatus is the record of backup runs of one database.
type BackupStatus struct {
	LastGood *BackupRun     `json:"last_good,omitempty"`
	Last     *BackupRun     `json:"last,omitempty"`
	Schedule BackupSchedule `json:"schedule"`
}

// Stale says whether the status calls for a warning at now: backups have been made or
// scheduled here, and the last good one is missing or older than BackupStaleAfter.
func (b BackupStatus) Stale(now time.Time) bool {
	if b.Last == nil && b.Schedule.Dir == "" {
		return false // this clinic has never backed up here: the System tab says so
	}
	if b.LastGood == nil {
		// A schedule just started has a day to make its first backup.
		return b.Schedule.Dir == "" || now.Sub(b.Schedule.Since) > BackupStaleAfter
	}
	return now.Sub(b.LastGood.At) > BackupStaleAfter
}

// ReadBackupStatus reads the record of backup runs of the database at dbPath; a
// database never backed up has an empty one.
func ReadBackupStatus(dbPath string) (BackupStatus, error) {
	var b BackupStatus
	data, err := os.ReadFile(BackupStatusPath(dbPath))
	if errors.Is(err, fs.ErrNotExist) {
		return b, nil
	}
	if err != nil {
		return b, fmt.Errorf("read the backup record: %w", err)
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return BackupStatus{}, fmt.Errorf("the backup record %s is damaged: %w", BackupStatusPath(dbPath), err)
	}
	return b, nil
}

// RecordBackupRun adds run to the record of the database at dbPath.
func RecordBackupRun(dbPath string, run BackupRun) error {
	return updateBackupStatus(dbPath, func(b *BackupStatus) {
		b.Last = &run
		if run.OK {
			b.LastGood = &run
		}
	})
}

// RecordBackupSchedule records what serve backs up and where, as it starts.
func RecordBackupSchedule(dbPath string, sch BackupSchedule) error {
	return updateBackupStatus(dbPath, func(b *BackupStatus) { b.Schedule = sch })
}

// backupStatusWrites serialises the record's read-change-write within the process:
// serve records its schedule while the schedule's first run records itself.
var backupStatusWrites sync.Mutex

// updateBackupStatus rewrites the record (0600, through a temporary file and a rename,
// so a reader never sees half of it).
func updateBackupStatus(dbPath string, change func(*BackupStatus)) error {
	backupStatusWrites.Lock()
	defer backupStatusWrites.Unlock()
	b, err := ReadBackupStatus(dbPath)
	if err != nil {
		b = BackupStatus{} // a damaged record is replaced by a good one
	}
	change(&b)
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	path := BackupStatusPath(dbPath)
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write the backup record: %w", err)
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(FileMode); err == nil {
		_, err = f.Write(append(data, '\n'))
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), path)
		}
		if err == nil {
			return nil
		}
	} else {
		f.Close()
	}
	return fmt.Errorf("write the backup record: %w", err)
}

// BackupStatus is the record of this database's backups, for the admin's System tab
// and header.
func (s *Store) BackupStatus(ctx context.Context, actor Actor) (BackupStatus, error) {
	if err := s.allow(ctx, actor, ActReadSystem); err != nil {
		return BackupStatus{}, err
	}
	return ReadBackupStatus(s.path)
}

// NotifyBackupFailed tells the admins that a scheduled backup failed, and why.
func (s *Store) NotifyBackupFailed(ctx context.Context, run BackupRun) error {
	return s.write(ctx, System("scheduled backup"), func(tx *Tx) error {
		return tx.Notify(ctx, NotificationInput{Role: RoleAdmin, Kind: KindBackupFailed,
			Title: "A scheduled backup failed",
			Body: fmt.Sprintf("The backup at %s into %s failed: %s. The System tab shows the last good backup.",
				run.At.UTC().Format("2006-01-02 15:04 MST"), run.Path, run.Error)})
	})
}
