package tui

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// keptClinicPrefix names the directories keptClinic keeps in the temporary directory.
const keptClinicPrefix = "clinicdesk-hostile-"

// keptClinic returns a new directory of the test holding the clinic files build
// writes into an empty directory. The files are kept in the temporary directory under
// the hash of the test binary, which built them from a fixed clock and seed, and the
// next run of the same binary (a warm `go test` links the same bytes again) copies them
// instead of building: building the hostile clinic, a small demo and its poisoning, is a
// fifth of this package's tests' CPU. Any change to the code changes the binary, and so
// builds again; kept files an hour old are removed then.
func keptClinic(t *testing.T, build func(dir string) error) string {
	t.Helper()
	key, err := executableHash()
	if err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(os.TempDir(), keptClinicPrefix+key)
	if dir := t.TempDir(); copyFiles(kept, dir) == nil {
		return dir
	}
	// Not kept yet, or removed by another binary meanwhile: build, then keep a copy.
	dir := t.TempDir()
	if err := build(dir); err != nil {
		t.Fatal(err)
	}
	keep(dir, kept)
	return dir
}

// keep copies the files of dir to kept, whole or not at all (another binary copying
// from kept finds either nothing or every file), and removes kept files an hour old.
// It is best effort: a run that cannot keep them only builds again next time.
func keep(dir, kept string) {
	older, _ := filepath.Glob(filepath.Join(os.TempDir(), keptClinicPrefix+"*"))
	for _, o := range older {
		if info, err := os.Stat(o); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.RemoveAll(o)
		}
	}
	tmp, err := os.MkdirTemp(os.TempDir(), "clinicdesk-keeping-")
	if err != nil {
		return
	}
	defer os.RemoveAll(tmp)
	if copyFiles(dir, tmp) == nil {
		os.Rename(tmp, kept)
	}
}

// executableHash is the hex SHA-256 of the running test binary, shortened.
func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:24], nil
}

// copyFiles copies the regular files of from into to, owner-only (a lock file left by
// the build is not needed: each store makes its own).
func copyFiles(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasSuffix(e.Name(), ".lock") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o600); err != nil {
			return err
		}
	}
	return nil
}
