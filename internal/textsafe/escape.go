package textsafe

import "unicode/utf8"

// The skip functions below take the index just past a sequence introducer and
// return the index where ordinary text resumes. They follow the ECMA-48 / DEC
// VT500 grammar closely enough that no part of a sequence a terminal would
// act on is left behind; a malformed sequence ends at the first character
// that cannot belong to it, and that character is then read as ordinary text
// (where, if it is a control, it is dropped in turn).

// skipEscape skips what follows an ESC: a CSI or string sequence, or a
// single-character sequence (optional intermediates 0x20–0x2F, then a final
// 0x30–0x7E). An ESC followed by anything else is dropped on its own.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']':
		return skipString(s, i+1, true)
	case c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1, false)
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI skips a control sequence's parameter and intermediate bytes
// (0x20–0x3F) and its final byte (0x40–0x7E).
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString skips the payload of an OSC, DCS, SOS, PM or APC string. The
// string ends at BEL (OSC only, consumed), or just before ESC (whose "ESC \"
// is the string terminator ST, and any other ESC starts a new sequence), a C1
// control (0x9C is the 8-bit ST) or CAN/SUB (which abort it). A string with
// no end runs to the end of s.
func skipString(s string, i int, osc bool) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x07 && osc:
			return i + n
		case r == 0x1b || r == 0x18 || r == 0x1a || (r >= 0x80 && r <= 0x9f):
			return i
		}
		i += n
	}
	return i
}
