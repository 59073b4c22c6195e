package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
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
