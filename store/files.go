package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// FileMode is the mode of every file the desk creates: the database, and through it
// SQLite's -wal and -shm files, which SQLite creates with the database file's own
// permissions. Patient data is for the clinic's account only.
const FileMode os.FileMode = 0o600

// DirMode is the mode of every directory the desk creates for its data.
const DirMode os.FileMode = 0o700

// createDBFile makes the database file, mode 0600 whatever the umask, when there is
// none yet, so that neither it nor the -wal and -shm files SQLite derives from it are
// ever readable by other accounts. An existing file is left as it is.
func createDBFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, FileMode)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot create the database %s: %w", path, err)
	}
	// The umask may have taken bits away; set exactly 0600 (it never adds any).
	if err := f.Chmod(FileMode); err != nil {
		f.Close()
		return fmt.Errorf("cannot set the mode of the database %s: %w", path, err)
	}
	return f.Close()
}

// CheckWritable tries a write on the database and rolls it back, so that a server
// refuses to start on a file it could only read, instead of refusing every login
// later. The error says why in a sentence.
func (s *Store) CheckWritable(ctx context.Context) error {
	defer s.timed("CheckWritable")()
	conn, err := s.writer.Conn(ctx)
	if err != nil {
		return fmt.Errorf("cannot open the clinic database %s: %w", s.path, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return s.notWritable(err)
	}
	var version int
	err = conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	if err == nil {
		// Setting the version to itself changes nothing but needs a write transaction.
		_, err = conn.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version))
	}
	_, _ = conn.ExecContext(ctx, "ROLLBACK")
	if err != nil {
		return s.notWritable(err)
	}
	return nil
}

// notWritable explains a failed write probe: the file or its directory, when the
// system says which, else SQLite's own words.
func (s *Store) notWritable(cause error) error {
	reason := cause.Error()
	if f, err := os.OpenFile(s.path, os.O_RDWR, 0); err != nil {
		reason = "the file cannot be opened for writing: " + errors.Unwrap(err).Error()
	} else {
		f.Close()
		if err := syscall.Access(filepath.Dir(s.path), 2 /* W_OK */); err != nil {
			reason = "its directory is not writable (SQLite keeps the -wal and -shm files there): " + err.Error()
		}
	}
	return fmt.Errorf("cannot write the clinic database %s: %s; run as the account that owns it, "+
		"or give this account write access to the file and its directory", s.path, reason)
}
