package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestAnOpenStoreKeepsARestoreOffItsFileAndSaysWhoHoldsIt(t *testing.T) {
	s := newTestStore(t)
	_, err := LockExclusive(s.Path())
	var inUse *InUseError
	if !errors.As(err, &inUse) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d (", os.Getpid())) {
		t.Fatalf("exclusive lock on an open store: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	lock, err := LockExclusive(s.Path())
	if err != nil {
		t.Fatalf("exclusive lock once the store is closed: %v", err)
	}
	if _, err := Open(context.Background(), s.Path()); !errors.Is(err, ErrRestoring) {
		t.Errorf("open while a restore holds the file: %v, want ErrRestoring", err)
	}
	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(LockPath(s.Path()))
	if err != nil || info.Mode().Perm() != FileMode {
		t.Errorf("lock file: %v, %v", info, err)
	}
	closed, err := Open(context.Background(), s.Path(), WithBcryptCost(4))
	if err != nil {
		t.Fatalf("open after the restore released the file: %v", err)
	}
	closed.Close()
	again, err := Open(context.Background(), s.Path(), WithBcryptCost(4))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	second, err := Open(context.Background(), s.Path(), WithBcryptCost(4))
	if err != nil {
		t.Fatalf("a second store on the same file: %v", err)
	}
	defer second.Close()
	// An open alone on the file dropped the closed store's line; the second kept the first's.
	data, err := os.ReadFile(LockPath(s.Path()))
	if want := strings.Repeat(holderLine(), 2); err != nil || string(data) != want {
		t.Errorf("lock file %q, %v; want %q", data, err, want)
	}
}
