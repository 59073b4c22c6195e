package textsafe

import "testing"

func TestLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Ann Smith", "Ann Smith"},
		{"empty", "", ""},
		{"clear screen and clipboard write", "Ann\x1b[2J\x1b]52;c;ZXZpbA==\x07", "Ann"},
		{"SGR colour", "\x1b[1;31mred\x1b[0m text", "red text"},
		{"CSI with private prefix and intermediate", "a\x1b[?25lb\x1b[0 qc", "abc"},
		{"OSC ended by ST", "a\x1b]0;title\x1b\\b", "ab"},
		{"OSC hyperlink", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"unterminated OSC swallows the rest", "Ann\x1b]0;pwned title", "Ann"},
		{"OSC ended by a new escape", "a\x1b]0;t\x1b[31mb", "ab"},
		{"OSC aborted by CAN", "a\x1b]0;t\x18b", "ab"},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"SOS PM APC", "a\x1bXsos\x1b\\b\x1b^pm\x1b\\c\x1b_Gf=24;AAAA\x1b\\d", "abcd"},
		{"BEL does not end DCS", "a\x1bPx\x07y\x1b\\b", "ab"},
		{"single-char escapes", "a\x1bcb\x1b7c\x1b(Bd\x1b#8e", "abcde"},
		{"ESC at end", "abc\x1b", "abc"},
		{"ESC before non-ASCII", "a\x1bé", "aé"},
		{"double ESC", "a\x1b\x1b[2Jb", "ab"},
		{"8-bit CSI", "Ann\u009b2J\u009b31mB", "AnnB"},
		{"8-bit OSC ended by 8-bit ST", "a\u009d52;c;ZXZpbA==\u009cb", "ab"},
		{"8-bit OSC unterminated", "a\u009d0;title", "a"},
		{"8-bit DCS SOS PM APC", "a\u0090x\u009cb\u0098x\u009cc\u009ex\u009cd\u009fx\u009ce", "abcde"},
		{"lone C1 controls", "a\u0085b\u009cc\u0080d", "abcd"},
		{"raw C1 byte is invalid UTF-8", "a\x9b2Jb", "a\uFFFD2Jb"},
		{"CSI aborted by control", "a\x1b[1\n;31mb", "a ;31mb"},
		{"C0 and DEL", "a\x00b\x07c\x08d\x7fe\x0cf", "abcdef"},
		{"tab and newlines become one space each", "a\tb\r\nc\rd\ne", "a b c d e"},
		{"unicode line separators", "a\u2028b\u2029c", "a b c"},
		{"bidi override and isolate", "abc\u202Edcba\u202C\u2066x\u2069\u200F", "abcdcbax"},
		{"invalid UTF-8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"wide and combining kept", "李小龍 e\u0301 👩‍⚕️", "李小龍 e\u0301 👩‍⚕️"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBlock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"plain", "line one\nline two", "line one\nline two"},
		{"line endings normalised", "a\r\nb\rc\nd\u2028e", "a\nb\nc\nd\ne"},
		{"blank lines kept", "a\n\n\nb\n", "a\n\n\nb\n"},
		{"tab at line start", "\tx", "    x"},
		{"tabs to stop 4", "a\tb\tc", "a   b   c"},
		{"tab on a stop", "abcd\te", "abcd    e"},
		{"tab column resets per line", "abc\n\tx", "abc\n    x"},
		{"tab after wide chars", "李\tx", "李  x"},
		{"tab after combining mark", "e\u0301\tx", "e\u0301   x"},
		{"escapes removed", "Dose:\x1b[2J 5mg\n\x1b]52;c;ZXZpbA==\x07ok", "Dose: 5mg\nok"},
		{"escape payload newlines swallowed", "a\x1b]0;x\ny\x07b", "ab"},
		{"controls dropped", "a\x00\x0b\x0cb\u0085c", "abc"},
		{"bidi dropped", "a\u202Eb\u2067c", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Block(tt.in); got != tt.want {
				t.Errorf("Block(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
