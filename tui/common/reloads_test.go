package common

import "testing"

// An answer is kept only when no reload started after it: the later one carries newer rows.
func TestReloadsKeepsOnlyTheNewestAnswer(t *testing.T) {
	var r Reloads
	first := r.Start()
	second := r.Start()
	if r.Newest(first) {
		t.Fatal("the first reload's answer was kept after a second reload started")
	}
	if !r.Newest(second) {
		t.Fatal("the newest reload's answer was dropped")
	}
	third := r.Start()
	if r.Newest(second) || !r.Newest(third) {
		t.Fatal("a third reload did not supersede the second")
	}
}
