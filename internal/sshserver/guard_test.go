package sshserver

import (
	"strings"
	"testing"
)

// A frame goes out without the blanks at the end of its lines, which Bubble Tea's
// erase of the rest of a short line draws anyway: the desk pads every line to the
// width, a fifth of the bytes it sent at 50 SSH sessions pressing keys (issue 17).
// Blanks inside a line, and those a style draws before its end, stay; so do the lines.
func TestFramesGoOutWithoutTheBlanksAtTheirLinesEnds(t *testing.T) {
	t.Parallel()
	frame := " Riverside Clinic      Dee Desk · receptionist   \n" +
		" 1 Book  2 Patients                              \n" +
		"\x1b[7m PAT000001  Asha Patel        \x1b[0m          \n" +
		"                                                 \n" +
		" tab next tab"
	want := " Riverside Clinic      Dee Desk · receptionist\n" +
		" 1 Book  2 Patients\n" +
		"\x1b[7m PAT000001  Asha Patel        \x1b[0m\n" +
		"\n" +
		" tab next tab"
	var t1 trimmed
	if got := t1.trim(frame); got != want {
		t.Errorf("trimmed\n%q\nwant\n%q", got, want)
	}
	if got := t1.trim(frame); got != want || strings.Count(got, "\n") != 4 {
		t.Errorf("the same frame again: %q", got)
	}
	if got := t1.trim("row 01\nrow 02"); got != "row 01\nrow 02" {
		t.Errorf("a frame without blanks at the ends: %q", got)
	}
}
