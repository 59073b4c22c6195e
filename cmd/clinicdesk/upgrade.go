package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/backup"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

// openDB opens the existing clinic database at path. When this binary would upgrade
// its schema, it first takes a checked backup of the file as it is, beside it, and says
// where: a failed upgrade is then one `clinicdesk restore` away. Without that backup
// the file is not upgraded.
func openDB(ctx context.Context, path string, w io.Writer, opts ...store.Option) (*store.Store, error) {
	if err := backupBeforeUpgrade(ctx, path, w); err != nil {
		return nil, err
	}
	return store.Open(ctx, path, opts...)
}

func backupBeforeUpgrade(ctx context.Context, path string, w io.Writer) error {
	if info, err := os.Stat(path); err != nil || info.Size() == 0 {
		return nil // a new clinic: nothing to upgrade
	}
	needs, from, err := store.NeedsUpgrade(ctx, path)
	if err != nil || !needs {
		return err // an unreadable file: Open says why
	}
	out := fmt.Sprintf("%s.before-upgrade-v%d-%s%s", path, from, time.Now().Format("20060102-150405"), backup.Extension)
	fmt.Fprintf(w, "This ClinicDesk upgrades %s from schema version %d to %d; backing it up first…\n",
		textsafe.Line(path), from, store.SchemaVersion())
	// Unencrypted, beside the database and under the same protection (0600 in its
	// directory, which already holds the audit key): it never leaves the machine.
	start := time.Now().UTC()
	sum, err := backup.Create(ctx, path, out, backup.Options{Plain: true, AsIs: true})
	recordRun(path, out, start, sum, err, w)
	if err != nil {
		return fmt.Errorf("the backup before the upgrade failed, so %s was not upgraded: %w", path, err)
	}
	fmt.Fprintf(w, "The file as it was is backed up (checked) in %s.\nIf the upgrade goes wrong: clinicdesk restore --in %s --db %s\n",
		textsafe.Line(out), textsafe.Line(out), textsafe.Line(path))
	return nil
}
