package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// The lock file beside the database says who has it open. Every Store holds a shared
// flock on it for as long as it is open (desks and serve share the file); a restore
// takes it exclusively, so it never replaces a file someone is writing. Each holder
// appends a line naming itself (pid and command), which is how a refused restore can
// say who holds the file.
const lockSuffix = ".lock"

// LockPath is where the lock file of the database at dbPath lives.
func LockPath(dbPath string) string { return dbPath + lockSuffix }

// FileLock is a held lock on a database's lock file.
type FileLock struct{ f *os.File }

// Release gives the lock up.
func (l *FileLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the descriptor releases its flock
	l.f = nil
	return err
}

// InUseError is a database another process (or another store) has open.
type InUseError struct {
	Path    string
	Holders []string // "pid 1234 (clinicdesk serve)", for the holders still running
}

func (e *InUseError) Error() string {
	who := "another ClinicDesk process"
	if len(e.Holders) > 0 {
		who = strings.Join(e.Holders, ", ")
	}
	return fmt.Sprintf("%s is open by %s; stop it (close the desks, stop serve) and try again", e.Path, who)
}

// ErrRestoring is an Open refused because a restore is replacing the file.
var ErrRestoring = errors.New("the clinic database is being restored; open it again when the restore has finished")

// LockShared takes the shared lock a store holds while it has dbPath open, and records
// this process as a holder. It fails at once with ErrRestoring when a restore holds the
// file.
func LockShared(dbPath string) (*FileLock, error) {
	f, err := openLockFile(dbPath)
	if err != nil {
		return nil, err
	}
	// Alone on the file, the lines of earlier holders are history: drop them, so the
	// file does not grow with every open. Then share the lock.
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil {
		if err := f.Truncate(0); err != nil {
			f.Close()
			return nil, fmt.Errorf("write the lock file %s: %w", LockPath(dbPath), err)
		}
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", dbPath, ErrRestoring)
		}
		return nil, fmt.Errorf("lock %s: %w", LockPath(dbPath), err)
	}
	if _, err := f.WriteString(holderLine()); err != nil {
		f.Close()
		return nil, fmt.Errorf("write the lock file %s: %w", LockPath(dbPath), err)
	}
	return &FileLock{f}, nil
}

// LockExclusive takes the lock a restore holds while it replaces dbPath. When a store
// has the file open it fails with an *InUseError naming the holders still running.
func LockExclusive(dbPath string) (*FileLock, error) {
	f, err := openLockFile(dbPath)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &InUseError{Path: dbPath, Holders: lockHolders(LockPath(dbPath))}
		}
		return nil, fmt.Errorf("lock %s: %w", LockPath(dbPath), err)
	}
	// Nobody holds the file: the lines of earlier holders are history.
	if err := f.Truncate(0); err != nil {
		f.Close()
		return nil, fmt.Errorf("write the lock file %s: %w", LockPath(dbPath), err)
	}
	return &FileLock{f}, nil
}

func openLockFile(dbPath string) (*os.File, error) {
	f, err := os.OpenFile(LockPath(dbPath), os.O_RDWR|os.O_CREATE|os.O_APPEND, FileMode)
	if err != nil {
		return nil, fmt.Errorf("open the lock file: %w", err)
	}
	if err := f.Chmod(FileMode); err != nil {
		f.Close()
		return nil, fmt.Errorf("set the mode of the lock file: %w", err)
	}
	return f, nil
}

// holderLine is this process's line in the lock file: its pid and command.
func holderLine() string {
	cmd := filepath.Base(os.Args[0])
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		cmd += " " + os.Args[1]
	}
	return strconv.Itoa(os.Getpid()) + " " + strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return '?'
		}
		return r
	}, cmd) + "\n"
}

// lockHolders lists the holders recorded in the lock file whose process still runs,
// each once.
func lockHolders(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var holders []string
	seen := map[int]bool{}
	for _, line := range bytes.Split(data, []byte("\n")) {
		pidText, cmd, ok := strings.Cut(string(line), " ")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || seen[pid] {
			continue
		}
		seen[pid] = true
		if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
			continue // that holder has exited
		}
		holders = append(holders, fmt.Sprintf("pid %d (%s)", pid, cmd))
	}
	return holders
}
