package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"Ann Smith",
	"Ann\x1b[2J\x1b]52;c;ZXZpbA==\x07",
	"a\x1b]0;unterminated",
	"\u009b31m\u009d0;x\u009c\u0090q\u009c",
	"\x1bP\x1b\\\x1b_\x1b^\x1bX",
	"李小龍\te\u0301\r\n👩‍⚕️\u202E",
	"\xff\xfe\xc3\x1b\x9b",
}

// checkSafe fails t if out could make a terminal do anything but print.
// allowNewline permits \n, which Block keeps.
func checkSafe(t *testing.T, in, out string, allowNewline bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("output of %q is not valid UTF-8: %q", in, out)
	}
	for i := 0; i < len(out); i++ {
		c := out[i]
		if (c < 0x20 && !(allowNewline && c == '\n')) || c == 0x7f {
			t.Fatalf("output of %q holds control byte %#x: %q", in, c, out)
		}
	}
	for _, r := range out {
		if r >= 0x80 && r <= 0x9f {
			t.Fatalf("output of %q holds C1 control %U: %q", in, r, out)
		}
		if (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Fatalf("output of %q holds bidi control %U: %q", in, r, out)
		}
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Line(in)
		checkSafe(t, in, out, false)
		if again := Line(out); again != out {
			t.Fatalf("Line is not idempotent on %q: %q then %q", in, out, again)
		}
		cut := Truncate(in, 7)
		checkSafe(t, in, cut, false)
		if Width(cut) > 7 {
			t.Fatalf("Truncate(%q, 7) = %q is %d cells wide", in, cut, Width(cut))
		}
		if !strings.HasSuffix(cut, ellipsis) && cut != out {
			t.Fatalf("Truncate(%q, 7) = %q cut without a %q", in, cut, ellipsis)
		}
	})
}

func FuzzBlock(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Block(in)
		checkSafe(t, in, out, true)
		if strings.ContainsRune(out, '\t') {
			t.Fatalf("Block(%q) kept a tab: %q", in, out)
		}
		if again := Block(out); again != out {
			t.Fatalf("Block is not idempotent on %q: %q then %q", in, out, again)
		}
		if !strings.ContainsRune(in, '\t') {
			if got, want := strings.ReplaceAll(out, "\n", " "), Line(in); got != want {
				t.Fatalf("Block and Line disagree on %q: %q vs %q", in, got, want)
			}
		}
	})
}
