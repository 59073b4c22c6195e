package auth

import (
	"testing"
	"time"
)

type testClock struct{ t time.Time }

func (c *testClock) now() time.Time          { return c.t }
func (c *testClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestBackoffDoublesPerSourceUpToTheLimit(t *testing.T) {
	clock := &testClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	b := &Backoff{Now: clock.now}
	want := []time.Duration{0, 0, 1 * time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
	for i, w := range want {
		if got := b.Wait("203.0.113.9"); got != 0 {
			t.Fatalf("failure %d: still waiting %s", i+1, got)
		}
		if got := b.Failure("203.0.113.9"); got != w {
			t.Fatalf("failure %d: wait %s, want %s", i+1, got, w)
		}
		if got := b.Wait("203.0.113.9"); got != w {
			t.Fatalf("failure %d: Wait = %s, want %s", i+1, got, w)
		}
		if got := b.Wait("198.51.100.1"); got != 0 {
			t.Fatalf("another source waits %s", got)
		}
		clock.advance(w)
	}
	for range 20 {
		b.Failure("203.0.113.9")
	}
	if got := b.Wait("203.0.113.9"); got != DefaultBackoffMax {
		t.Fatalf("after many failures the wait is %s, want the cap %s", got, DefaultBackoffMax)
	}
	clock.advance(time.Minute)
	if got := b.Wait("203.0.113.9"); got != DefaultBackoffMax-time.Minute {
		t.Fatalf("a minute later the wait is %s", got)
	}
	b.Success("203.0.113.9")
	if got := b.Wait("203.0.113.9"); got != 0 {
		t.Fatalf("after a success the wait is %s", got)
	}
}

func TestBackoffForgetsQuietSources(t *testing.T) {
	clock := &testClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	b := &Backoff{Now: clock.now, FreeFailures: 1, Base: time.Minute, Max: time.Hour}
	b.Failure("a")
	b.Failure("a")
	b.Failure("a")
	clock.advance(3 * time.Hour)
	b.Failure("b")
	b.mu.Lock()
	_, kept := b.sources["a"]
	b.mu.Unlock()
	if kept {
		t.Fatal("a source quiet for longer than the longest wait is still kept")
	}
	if got := b.Failure("a"); got != 0 {
		t.Fatalf("a forgotten source starts again: wait %s, want none", got)
	}
}
