package textsafe

import "github.com/charmbracelet/x/ansi"

// ellipsis marks text that Truncate cut short.
const ellipsis = "…"

// Width returns how many terminal cells Line(s) occupies: wide characters
// (CJK, most emoji) count two, combining marks and other zero-width
// characters count nothing. It measures grapheme clusters the same way
// lipgloss lays out text, so columns built with it line up.
func Width(s string) int {
	return ansi.StringWidth(Line(s))
}

// Truncate returns Line(s) cut to at most width cells. Text that was cut ends
// in "…" (which counts within width); text that fits is returned whole. It
// never splits a grapheme cluster, so a wide character or an accented letter
// is either kept whole or dropped. A width below 1 gives "".
func Truncate(s string, width int) string {
	if width < 1 {
		return ""
	}
	return ansi.Truncate(Line(s), width, ellipsis)
}
