package tui

import (
	"reflect"
	"testing"
	"unsafe"
)

// A body laid out after the one before it at the same width is laid out as it would
// be afresh, its unchanged lines taken as they were (not measured again: a key that
// moves a cursor measured every line of the body, issue 17).
func TestABodyLaidOutAfterAnotherIsLaidOutAsAfresh(t *testing.T) {
	t.Parallel()
	before := "PAT000001  Asha Patel\n\x1b[7mPAT000002  Ravi Kumar\x1b[0m\nPAT000003  Ωmar Haddad\n"
	after := "PAT000001  Asha Patel\nPAT000002  Ravi Kumar\n\x1b[7mPAT000003  Ωmar Haddad\x1b[0m\nmore"
	last, ok := padBody(before, 40, 6)
	if !ok {
		t.Fatal("the first body was not laid out")
	}
	got, ok := padBodyAfter(last, after, 40, 6)
	want, _ := padBody(after, 40, 6)
	if !ok || !reflect.DeepEqual(got.lines, want.lines) || !reflect.DeepEqual(got.widths, want.widths) {
		t.Errorf("laid out after the other:\n%q\nafresh:\n%q", got.lines, want.lines)
	}
	if unsafe.StringData(got.lines[0]) != unsafe.StringData(last.lines[0]) {
		t.Error("an unchanged line was laid out again")
	}
	if _, ok := padBodyAfter(last, "a line far wider than the body is, which lipgloss wraps", 40, 6); ok {
		t.Error("a line too wide was laid out")
	}
}
