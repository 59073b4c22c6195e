package textsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// tabStop is the tab width Block expands tabs to.
const tabStop = 4

// Line returns s as a single terminal-safe line.
//
// Tabs become one space and each line break (\r\n, \r, \n, U+2028, U+2029)
// becomes one space, so a pasted address stays on one row. Escape sequences
// (CSI, OSC, DCS, SOS, PM, APC and single-character ESC sequences, in their
// 7-bit ESC form and their 8-bit C1 form) are removed whole, payload included;
// an unterminated string sequence swallows the rest of s, as the terminal
// would. All other C0 and C1 controls, DEL and the bidirectional controls of
// Unicode (overrides, embeddings, isolates and marks, which could reorder
// what staff read) are removed. Invalid UTF-8 bytes become U+FFFD.
// Line is idempotent: Line(Line(s)) == Line(s).
func Line(s string) string {
	return sanitize(s, false)
}

// Block returns s as terminal-safe multi-line text for notes and addresses.
//
// It removes what [Line] removes but keeps line breaks, normalised to \n
// (\r\n, \r, U+2028 and U+2029 all become \n), and expands each tab to spaces
// up to the next tab stop of 4 cells, so columns line up as they were typed.
// Block is idempotent: Block(Block(s)) == Block(s).
func Block(s string) string {
	return sanitize(s, true)
}

// writer collects sanitized output and, in block mode, tracks the display
// column so tabs can be expanded.
type writer struct {
	b     strings.Builder
	block bool
	col   int // display width of the current line up to seg
	seg   int // byte offset in b where the unmeasured part of the line starts
}

func (w *writer) lineBreak() {
	if !w.block {
		w.b.WriteByte(' ')
		return
	}
	w.b.WriteByte('\n')
	w.col, w.seg = 0, w.b.Len()
}

func (w *writer) tab() {
	if !w.block {
		w.b.WriteByte(' ')
		return
	}
	w.col += ansi.StringWidth(w.b.String()[w.seg:])
	pad := tabStop - w.col%tabStop
	w.b.WriteString(strings.Repeat(" ", pad))
	w.col += pad
	w.seg = w.b.Len()
}

func sanitize(s string, block bool) string {
	w := &writer{block: block}
	w.b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == 0x1b: // ESC
			i = skipEscape(s, i)
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i)
		case r == 0x9d: // 8-bit OSC
			i = skipString(s, i, true)
		case r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // 8-bit DCS, SOS, PM, APC
			i = skipString(s, i, false)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			w.lineBreak()
		case r == '\n' || r == '\u2028' || r == '\u2029':
			w.lineBreak()
		case r == '\t':
			w.tab()
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || unicode.Is(unicode.Bidi_Control, r):
			// other controls are dropped
		default:
			// invalid UTF-8 decodes as utf8.RuneError, which is U+FFFD
			w.b.WriteRune(r)
		}
	}
	return w.b.String()
}
