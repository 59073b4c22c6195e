// Package testfixture holds what tests of every package share and that needs nothing of
// the store: a settable clock, and a database file (or a whole world of files and
// values) built once and copied for each test.
// Only tests import it. The store's own tests use it too, which is why it does not
// import the store; tui/tuitest builds the clinics on top of it.
package testfixture

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Clock is a settable clock, safe to read from the goroutines of the code under test.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time; pass it where the code under test takes a clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Set puts the clock at t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Template is a database file built once per test binary, by Build, and copied for
// each test that asks for one: a fresh clinic file costs a file copy instead of
// running the whole schema again.
type Template struct {
	// Build writes the file at path and closes it (leaving no -wal file beside it).
	Build func(path string) error

	once sync.Once
	data []byte
	err  error
}

// Copy writes a copy of the template into a new temporary directory of the test, as
// name, and returns its path. The copy is the test's own: owner-only, like every
// database file ClinicDesk writes.
func (tp *Template) Copy(t testing.TB, name string) string {
	t.Helper()
	tp.once.Do(func() {
		var files map[string][]byte
		files, tp.err = buildFiles(name, func(path string) error { return tp.Build(path) })
		tp.data = files[name]
	})
	if tp.err != nil {
		t.Fatalf("build the template database: %v", tp.err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, tp.data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// World is a clinic built once per test binary and copied for each test that asks for
// one: the accounts, settings and records a fixture always makes cost a copy of files
// instead of the same writes (and bcrypt hashes) in every test. Unlike Template it keeps
// every file Build leaves beside the database (the store's audit key and witness, without
// which a database holding sealed rows does not open), and the value Build returns
// (accounts, ids) that the tests need. Every copy shares Build's audit key, so a test of
// the key, the witness or what a fresh key changes takes Template or its own files.
type World[T any] struct {
	// Build makes the world at path, failing tb (the test that first asked for a copy)
	// when it cannot, and closes it: no -wal file is left.
	Build func(tb testing.TB, path string) T

	once  sync.Once
	built bool
	name  string            // the database's name in files
	files map[string][]byte // by name
	value T
	err   error
}

// Copy writes a copy of the world's files into a new temporary directory of the test,
// owner-only, and returns the database's path (named name) and Build's value.
func (w *World[T]) Copy(t testing.TB, name string) (string, T) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	return path, w.CopyTo(t, path)
}

// CopyTo writes a copy of the world's files beside path, the database at path, and
// returns Build's value: a world built on another starts from its copy.
func (w *World[T]) CopyTo(t testing.TB, path string) T {
	t.Helper()
	name := filepath.Base(path)
	w.once.Do(func() {
		w.name = name
		w.files, w.err = buildFiles(name, func(path string) error {
			w.value = w.Build(t, path)
			w.built = true
			return nil
		})
	})
	switch {
	case w.err != nil:
		t.Fatalf("build the world: %v", w.err)
	case !w.built:
		t.Fatal("the world failed to build, in the test that asked for it first")
	}
	for n, data := range w.files { // the database's name, and the names made from it
		if rest, ok := strings.CutPrefix(n, w.name); ok {
			n = name + rest
		}
		if err := os.WriteFile(filepath.Join(filepath.Dir(path), n), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return w.value
}

// buildFiles runs build on a file named name in a new directory and reads back every
// file it left there.
func buildFiles(name string, build func(path string) error) (map[string][]byte, error) {
	dir, err := os.MkdirTemp("", "clinicdesk-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := build(filepath.Join(dir, name)); err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	files := make(map[string][]byte, len(entries))
	for _, e := range entries {
		if files[e.Name()], err = os.ReadFile(filepath.Join(dir, e.Name())); err != nil {
			return nil, err
		}
	}
	return files, nil
}
