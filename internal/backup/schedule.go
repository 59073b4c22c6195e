package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
)

// Schedule backs the database up every Every into Dir and keeps the newest Keep
// backups there. Every backup is verified before it is renamed into place, so every
// file the schedule keeps is a verified one. Each run is recorded beside the database
// (store.RecordBackupRun), where desks and the System tab read it; a failed run is
// handed to Failed (serve notifies the admins).
type Schedule struct {
	DB      string
	Dir     string
	Every   time.Duration
	Keep    int
	Options Options
	// Failed is told of a run that failed, after it was recorded.
	Failed func(ctx context.Context, run store.BackupRun)
	// Ran, when set, is told of every run (tests await it).
	Ran func(run store.BackupRun)
	Now func() time.Time // time.Now when nil
}

// Extension is the backup files' extension in a schedule's directory.
const Extension = ".cdbackup"

func (s Schedule) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Run backs up when the last good backup is older than Every (at once when there is
// none), then every Every, until ctx ends.
func (s Schedule) Run(ctx context.Context) {
	wait := time.Duration(0)
	if st, err := store.ReadBackupStatus(s.DB); err == nil && st.LastGood != nil {
		wait = max(0, st.LastGood.At.Add(s.Every).Sub(s.now()))
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		run := s.RunOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if s.Ran != nil {
			s.Ran(run)
		}
		t.Reset(s.Every)
	}
}

// RunOnce makes one backup into Dir, records it, prunes the directory to the newest
// Keep, and tells Failed when it failed.
func (s Schedule) RunOnce(ctx context.Context) store.BackupRun {
	start := s.now()
	run := store.BackupRun{At: start, Scheduled: true}
	err := os.MkdirAll(s.Dir, store.DirMode)
	if err == nil {
		run.Path, err = s.freeName(start)
	}
	var sum Summary
	if err == nil {
		sum, err = Create(ctx, s.DB, run.Path, s.Options)
	}
	run.Took = s.now().Sub(start)
	if err != nil {
		run.Error = err.Error()
		if run.Path == "" {
			run.Path = s.Dir
		}
	} else {
		run.OK, run.Size, run.SHA256, run.Encrypted = true, sum.Size, sum.SHA256, sum.Encrypted
		run.Patients, run.Appointments = sum.Patients, sum.Appointments
		if perr := s.prune(); perr != nil {
			run.Error = "the backup was made, but older ones could not be removed: " + perr.Error()
		}
	}
	if rerr := store.RecordBackupRun(s.DB, run); rerr != nil && run.Error == "" {
		run.Error = rerr.Error()
	}
	if !run.OK && s.Failed != nil && ctx.Err() == nil {
		s.Failed(ctx, run)
	}
	return run
}

// prefix is the name every backup of this database in Dir starts with.
func (s Schedule) prefix() string {
	return strings.TrimSuffix(filepath.Base(s.DB), filepath.Ext(s.DB)) + "-"
}

// freeName is Dir/NAME-YYYYMMDD-HHMMSS.cdbackup, with -2, -3… when taken.
func (s Schedule) freeName(at time.Time) (string, error) {
	base := filepath.Join(s.Dir, s.prefix()+at.Format("20060102-150405"))
	name := base + Extension
	for n := 2; n < 100; n++ {
		if _, err := os.Lstat(name); os.IsNotExist(err) {
			return name, nil
		}
		name = fmt.Sprintf("%s-%d%s", base, n, Extension)
	}
	return "", fmt.Errorf("too many backups named %s… in %s", filepath.Base(base), s.Dir)
}

var scheduledName = regexp.MustCompile(`^\d{8}-\d{6}(-\d+)?` + regexp.QuoteMeta(Extension) + `$`)

// Backups lists the schedule's backups in Dir, newest first. Only files it names
// count: nothing else in the directory is touched.
func (s Schedule) Backups() ([]string, error) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return nil, err
	}
	type found struct{ name, stamp string }
	var list []found
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), s.prefix())
		if !ok || !e.Type().IsRegular() || !scheduledName.MatchString(rest) {
			continue
		}
		list = append(list, found{e.Name(), strings.TrimSuffix(rest, Extension)})
	}
	slices.SortFunc(list, func(a, b found) int { return strings.Compare(b.stamp, a.stamp) })
	names := make([]string, len(list))
	for i, f := range list {
		names[i] = filepath.Join(s.Dir, f.name)
	}
	return names, nil
}

// prune removes all but the newest Keep backups.
func (s Schedule) prune() error {
	if s.Keep <= 0 {
		return nil
	}
	names, err := s.Backups()
	if err != nil || len(names) <= s.Keep {
		return err
	}
	for _, old := range names[s.Keep:] {
		if err := os.Remove(old); err != nil {
			return err
		}
	}
	return nil
}
