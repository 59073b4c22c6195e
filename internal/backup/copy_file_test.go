package backup

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// A database is copied as a stream, never read into memory whole: before an upgrade the
// backup copies the snapshot of the clinic's file, gigabytes on a large clinic. Not
// parallel: it reads the process's allocation count.
func TestCopyFileStreamsTheFile(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "big.db"), filepath.Join(dir, "copy.db")
	data := bytes.Repeat([]byte("a page of a database file.\n"), 600_000) // 16 MB
	if err := os.WriteFile(src, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := copyFile(src, dst, false); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
		t.Errorf("copying a %d MB file allocated %d MB", len(data)>>20, grew>>20)
	}
	got, err := os.ReadFile(dst)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("the copy differs: %d bytes, want %d", len(got), len(data))
	}
	if info, err := os.Stat(dst); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the copy's mode: %v, %v", info.Mode(), err)
	}
}

// The witness is copied up to its last complete line: a writer may be half-way through
// appending one.
func TestCopyFileOfWholeLinesLeavesAHalfWrittenLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "witness"), filepath.Join(dir, "copy")
	if err := os.WriteFile(src, []byte("one\ntwo\nthr"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(src, dst, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(dst); string(got) != "one\ntwo\n" {
		t.Fatalf("copied %q, want the two whole lines", got)
	}
	if err := copyFile(src, dst, true); !os.IsExist(err) {
		t.Fatalf("copying onto an existing file: %v, want it refused", err)
	}
}
