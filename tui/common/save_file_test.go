package common

import (
	"os"
	"path/filepath"
	"testing"
)

// A relative name is written in the working directory and reported as the absolute
// path; surrounding spaces typed in the name are dropped.
func TestSaveTextReportsTheAbsolutePath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	abs, err := SaveText("  receipt-APT000001.txt ", "RECEIPT\n")
	want := filepath.Join(dir, "receipt-APT000001.txt")
	if err != nil || abs != want {
		t.Fatalf("SaveText = %q, %v; want %q", abs, err, want)
	}
	if text, err := os.ReadFile(want); err != nil || string(text) != "RECEIPT\n" {
		t.Fatalf("file: %q, %v", text, err)
	}
	if _, err := SaveText(filepath.Join(dir, "missing", "x.txt"), "x"); err == nil {
		t.Fatal("a file in a missing folder was reported saved")
	}
}

// A printout is readable by its owner only: a new file is made 0600, and a file that
// was there, readable by all, is replaced by one that is 0600 too. Nothing else is left
// in the folder.
func TestSaveTextMakesTheFileOwnerOnly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fresh, old := filepath.Join(dir, "labels.txt"), filepath.Join(dir, "receipt.txt")
	if err := os.WriteFile(old, []byte("an older receipt, longer than the new one\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(old, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	for _, path := range []string{fresh, old} {
		if _, err := SaveText(path, "RECEIPT\n"); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v, want 0600", filepath.Base(path), info.Mode().Perm())
		}
		if text, _ := os.ReadFile(path); string(text) != "RECEIPT\n" {
			t.Errorf("%s holds %q", filepath.Base(path), text)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d files, want 2: %v", len(entries), entries)
	}
}
