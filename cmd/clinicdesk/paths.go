package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/clinicdesk/clinicdesk/store"
)

// defaultDBPath is $CLINICDESK_DB, else clinic.db in the user's data directory
// ($XDG_DATA_HOME/clinicdesk, or ~/.local/share/clinicdesk).
func defaultDBPath() (string, error) {
	if p := os.Getenv("CLINICDESK_DB"); p != "" {
		return p, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cannot find a place for the database (no home directory); pass --db")
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "clinicdesk", "clinic.db"), nil
}

// resolveDB returns the path to use: the --db flag's value, or the default.
func resolveDB(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	return defaultDBPath()
}

// newDBPath returns the path of a database that may be created here (the desk's
// first-run setup, a demo), creating its directory, mode 0700, so a first run just works.
func newDBPath(flagValue string) (string, error) {
	path, err := resolveDB(flagValue)
	if err != nil {
		return "", err
	}
	if err := mkdirPrivate(filepath.Dir(path)); err != nil {
		return "", fmt.Errorf("cannot create the database's directory: %w", err)
	}
	return path, nil
}

// mkdirPrivate makes dir and any missing parents, each mode 0700 whatever the umask;
// directories that already exist are left as they are.
func mkdirPrivate(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := mkdirPrivate(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, store.DirMode); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return os.Chmod(dir, store.DirMode)
}

// existingDBPath returns the path of a database that must already exist: every command
// but the desk's first run and demo refuses a --db that names no file, so a typo never
// leaves an empty clinic behind.
func existingDBPath(flagValue string) (string, error) {
	path, err := resolveDB(flagValue)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("there is no clinic database at %s; check --db, or create one by "+
			"running clinicdesk (first-run setup) or clinicdesk demo", path)
	case err != nil:
		return "", fmt.Errorf("cannot read the clinic database at %s: %w", path, err)
	case info.IsDir():
		return "", fmt.Errorf("%s is a directory, not a clinic database; check --db", path)
	}
	return path, nil
}

// storeOptions are given to every store the commands open. Production gives none; the
// tests lower the password hashing cost (TestMain).
var storeOptions []store.Option

// openStore opens the existing clinic database named by a --db flag (or the default).
func openStore(ctx context.Context, dbFlag string, notes io.Writer) (*store.Store, error) {
	path, err := existingDBPath(dbFlag)
	if err != nil {
		return nil, err
	}
	return openDB(ctx, path, notes, storeOptions...)
}
