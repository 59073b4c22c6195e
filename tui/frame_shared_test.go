package tui

import (
	"fmt"
	"testing"

	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// Desks drawing with the same styles share their tab bars and key help as drawn: the
// second desk finds drawn what the first drew (each desk kept and drew its own, 14 KB
// of an idle SSH session's heap, issue 17). The header, which names the user, stays a
// desk's own, and desks drawing with other styles share nothing with them.
func TestDesksOfOneKindShareTheirTabsAndKeys(t *testing.T) {
	t.Parallel()
	a, b := New(Options{Renderer: tuitest.Renderer(), NoColor: true}), New(Options{Renderer: tuitest.Renderer(), NoColor: true})
	draws := 0
	draw := func() string { draws++; return "1 Book  2 Patients" }
	// The shared drawings outlive the test: a key of this run only, so -count=2 draws again.
	runKey := fmt.Sprintf("%s %p", t.Name(), &draws)
	for _, part := range []*cachedBlock{&a.cache.tabs, &b.cache.tabs, &a.cache.footer, &b.cache.footer} {
		part.get(runKey, draw)
	}
	if draws != 2 {
		t.Errorf("two desks drew one tab bar and one footer %d times; want once each", draws)
	}
	if &a.cache.header == &b.cache.header {
		t.Error("two desks share a header")
	}
	if c := New(Options{Renderer: tuitest.Renderer()}); c.cache.sharedParts == a.cache.sharedParts {
		t.Error("a desk with colour allowed shares the drawings of NO_COLOR desks")
	}
}
