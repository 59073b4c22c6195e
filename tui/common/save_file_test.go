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
	abs, err := SaveText("  receipt-APT000001.txt ", "RECEIPT\n", 0o600)
	want := filepath.Join(dir, "receipt-APT000001.txt")
	if err != nil || abs != want {
		t.Fatalf("SaveText = %q, %v; want %q", abs, err, want)
	}
	if text, err := os.ReadFile(want); err != nil || string(text) != "RECEIPT\n" {
		t.Fatalf("file: %q, %v", text, err)
	}
	if _, err := SaveText(filepath.Join(dir, "missing", "x.txt"), "x", 0o600); err == nil {
		t.Fatal("a file in a missing folder was reported saved")
	}
}
