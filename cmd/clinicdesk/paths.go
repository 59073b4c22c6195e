package main

import (
	"context"
	"fmt"
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

// resolveDB returns the path to use, creating its directory so a first run just works.
func resolveDB(flagValue string) (string, error) {
	path := flagValue
	if path == "" {
		var err error
		if path, err = defaultDBPath(); err != nil {
			return "", err
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("cannot create the database's directory: %w", err)
	}
	return path, nil
}

// storeOptions are given to every store the commands open. Production gives none; the
// tests lower the password hashing cost (TestMain).
var storeOptions []store.Option

// openStore opens the clinic database named by a --db flag (or the default).
func openStore(ctx context.Context, dbFlag string) (*store.Store, error) {
	path, err := resolveDB(dbFlag)
	if err != nil {
		return nil, err
	}
	return store.Open(ctx, path, storeOptions...)
}
