package store

import (
	"unicode/utf8"
)

// unsafeRune reports whether r could act on a terminal or change the order in which
// text is shown, rather than being shown: the C0 controls (tab and newline only where
// the field holds several lines), DEL, the C1 controls (an 8-bit CSI or OSC), and the
// bidirectional controls that reorder a line (marks, embeddings, overrides, isolates).
func unsafeRune(r rune, multiline bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !multiline
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// checkText refuses text that is not valid UTF-8 or holds a character unsafeRune
// names, with an error for the field. Names, codes and every other one-line field
// take multiline false; notes and addresses true. It matches ErrUnsafeText.
func checkText(field, label, text string, multiline bool) error {
	if !utf8.ValidString(text) {
		return &FieldError{Field: field, Message: label + " is not valid text (UTF-8).", unsafeText: true}
	}
	for _, r := range text {
		if unsafeRune(r, multiline) {
			what := "control characters"
			if r == '\n' || r == '\t' {
				what = "line breaks or tabs"
			} else if r > 0x9f {
				what = "hidden direction marks"
			}
			return &FieldError{Field: field, Message: label + " cannot contain " + what + ".", unsafeText: true}
		}
	}
	return nil
}
