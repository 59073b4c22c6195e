package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// withUmask runs the test under a permissive umask, so that modes come from the code
// and not from the machine's defaults.
func withUmask(t *testing.T, mask int) {
	t.Helper()
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

func TestDatabaseWALAndSHMAreCreated0600UnderAnyUmask(t *testing.T) {
	withUmask(t, 0)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clinic.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.PutSetting(ctx, System("test"), SettingClinicName, "Riverside Clinic"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
		if got := info.Mode().Perm(); got != FileMode {
			t.Errorf("%s has mode %o, want %o", filepath.Base(p), got, FileMode)
		}
	}
}

func TestOpenLeavesAnExistingFilesModeAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "clinic.db")
	if err := os.WriteFile(path, nil, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o640 {
		t.Fatalf("mode after open: %v, %v", info.Mode().Perm(), err)
	}
}
