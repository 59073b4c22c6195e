// Package testfixture holds what tests of every package share and that needs nothing of
// the store: a settable clock and a database file built once and copied for each test.
// Only tests import it. The store's own tests use it too, which is why it does not
// import the store; tui/tuitest builds the clinics on top of it.
package testfixture

import (
	"os"
	"path/filepath"
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
		dir, err := os.MkdirTemp("", "clinicdesk-template-")
		if err != nil {
			tp.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, name)
		if tp.err = tp.Build(path); tp.err == nil {
			tp.data, tp.err = os.ReadFile(path)
		}
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
