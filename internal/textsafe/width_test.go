package textsafe

import "testing"

func TestWidth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"Ann", 3},
		{"李小龍", 6},
		{"e\u0301", 1},
		{"a\u200bb", 2},
		{"👍", 2},
		{"👩‍⚕️", 2},
		{"🇬🇧", 2},
		{"Ann\x1b[2J\x1b]52;c;ZXZpbA==\x07", 3},
		{"a\tb", 3},
	}
	for _, tt := range tests {
		if got := Width(tt.in); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"Ann Smith", 20, "Ann Smith"},
		{"Ann Smith", 9, "Ann Smith"},
		{"Ann Smith", 8, "Ann Smi…"},
		{"Ann Smith", 1, "…"},
		{"Ann Smith", 0, ""},
		{"Ann Smith", -3, ""},
		{"", 0, ""},
		{"李小龍", 6, "李小龍"},
		{"李小龍", 5, "李小…"},
		{"李小龍", 4, "李…"},
		{"李小龍", 2, "…"},
		{"Rene\u0301e Dupont", 6, "Rene\u0301e…"},
		{"Rene\u0301e Dupont", 5, "Rene\u0301…"},
		{"ok 👩‍⚕️ doc", 6, "ok 👩‍⚕️…"},
		{"ok 👩‍⚕️ doc", 5, "ok …"},
		{"Ann\x1b[2J Smith", 5, "Ann …"},
		{"a\x1b]0;title", 5, "a"},
	}
	for _, tt := range tests {
		got := Truncate(tt.in, tt.width)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		if tt.width >= 0 && Width(got) > tt.width {
			t.Errorf("Truncate(%q, %d) = %q is %d cells wide", tt.in, tt.width, got, Width(got))
		}
	}
}
