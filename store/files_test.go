package store

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// makeReadOnly makes the file unwritable for this process: by its mode, or for root,
// which ignores modes, by the immutable attribute.
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0o400); err != nil {
			t.Fatal(err)
		}
		return
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("running as root and cannot make %s immutable: %v %s", path, err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
}

func TestCheckWritableNamesTheReason(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clinic.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CheckWritable(ctx); err != nil {
		t.Fatalf("a writable database: %v", err)
	}
	s.Close()
	makeReadOnly(t, path)
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.CheckWritable(ctx)
	if err == nil || !strings.Contains(err.Error(), "cannot write the clinic database "+path+": the file cannot be opened for writing") {
		t.Fatalf("a read-only database: %v", err)
	}
}
