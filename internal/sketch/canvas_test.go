package sketch

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// newCanvas returns an empty w×h canvas or fails the test.
func newCanvas(t *testing.T, w, h int) *Canvas {
	t.Helper()
	c, err := New(w, h)
	if err != nil {
		t.Fatalf("New(%d, %d): %v", w, h, err)
	}
	return c
}

// lines joins a drawing's rows, so expected pictures read like the canvas.
func lines(rows ...string) string { return strings.Join(rows, "\n") }

func TestNewSize(t *testing.T) {
	t.Parallel()
	for _, sz := range [][2]int{{1, 1}, {DefaultWidth, DefaultHeight}, {80, 24}, {2048, 1}} {
		c := newCanvas(t, sz[0], sz[1])
		if c.Width() != sz[0] || c.Height() != sz[1] {
			t.Errorf("New(%d, %d) is %d×%d", sz[0], sz[1], c.Width(), c.Height())
		}
		if got := c.Encode(); got != "" {
			t.Errorf("new %d×%d canvas encodes to %q", sz[0], sz[1], got)
		}
	}
	for _, sz := range [][2]int{{0, 16}, {60, 0}, {-1, 5}, {200, 50}, {1 << 40, 1 << 40}, {2049, 1}} {
		if _, err := New(sz[0], sz[1]); !errors.Is(err, ErrSize) {
			t.Errorf("New(%d, %d) error = %v, want ErrSize", sz[0], sz[1], err)
		}
	}
}

func TestCursorClamp(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 10, 5)
	if got := c.Cursor(); got != (Point{0, 0}) {
		t.Fatalf("new cursor at %v, want (0,0)", got)
	}
	steps := []struct {
		move func()
		want Point
	}{
		{func() { c.Move(3, 2) }, Point{3, 2}},
		{func() { c.Move(-10, 0) }, Point{0, 2}},
		{func() { c.Move(0, -10) }, Point{0, 0}},
		{func() { c.Move(100, 100) }, Point{9, 4}},
		{func() { c.Move(1, 1) }, Point{9, 4}},
		{func() { c.MoveTo(Point{-5, 3}) }, Point{0, 3}},
		{func() { c.MoveTo(Point{4, 99}) }, Point{4, 4}},
		{func() { c.MoveTo(Point{6, 1}) }, Point{6, 1}},
	}
	for i, s := range steps {
		s.move()
		if got := c.Cursor(); got != s.want {
			t.Errorf("step %d: cursor at %v, want %v", i, got, s.want)
		}
	}
}

func TestMark(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 10, 5)
	if _, ok := c.Mark(); ok {
		t.Fatal("new canvas has a mark")
	}
	c.MoveTo(Point{2, 3})
	c.SetMark()
	c.Move(4, -1)
	if p, ok := c.Mark(); !ok || p != (Point{2, 3}) {
		t.Errorf("Mark() = %v, %v; want (2,3), true", p, ok)
	}
	c.ClearMark()
	if _, ok := c.Mark(); ok {
		t.Error("mark still set after ClearMark")
	}
}

func TestRowsAndAt(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 6, 3)
	c.Pen(Point{1, 1}, '─')
	c.Pen(Point{5, 2}, 'x')
	want := []string{"      ", " ─    ", "     x"}
	got := c.Rows()
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Rows() = %q, want %q", got, want)
	}
	for _, row := range got {
		if n := utf8.RuneCountInString(row); n != c.Width() {
			t.Errorf("row %q has %d runes, want %d", row, n, c.Width())
		}
	}
	if r := c.At(Point{1, 1}); r != '─' {
		t.Errorf("At(1,1) = %q", r)
	}
	if r := c.At(Point{-1, 0}); r != Empty {
		t.Errorf("At(-1,0) = %q, want Empty", r)
	}
	if r := c.At(Point{6, 0}); r != Empty {
		t.Errorf("At(6,0) = %q, want Empty", r)
	}
}

func TestCellRune(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want rune
	}{
		{'a', 'a'}, {' ', ' '}, {'~', '~'}, {'é', 'é'}, {'µ', 'µ'}, {'─', '─'}, {'╲', '╲'},
		{'\uFFFD', '\uFFFD'},
		{'\t', Empty}, {'\n', Empty}, {0x1b, Empty}, {0x7f, Empty}, {0x85, Empty}, {0x9b, Empty},
		{'李', Refused}, {'👍', Refused}, {'\u0301', Refused}, {'\u200b', Refused},
		{'\u200d', Refused}, {'\u202e', Refused}, {'\u2066', Refused}, {'\u2028', Refused},
		{'\U0001F1EC', Refused}, {'\u1161', Refused}, {'\uE000', Refused}, {'\uFE0F', Refused},
		{0xD800, Refused}, {-1, Refused}, {unicode.MaxRune + 1, Refused},
	}
	for _, tt := range tests {
		if got := CellRune(tt.in); got != tt.want {
			t.Errorf("CellRune(%U) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCellRuneStable checks every rune: what a cell holds is printable, one
// rune encodes it, and storing it again keeps it (so decoding is lossless).
func TestCellRuneStable(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		got := CellRune(r)
		if got < 0x20 || (got >= 0x7f && got <= 0x9f) || !utf8.ValidRune(got) {
			t.Fatalf("CellRune(%U) = %U, a control or invalid rune", r, got)
		}
		if again := CellRune(got); again != got {
			t.Fatalf("CellRune(%U) = %U but CellRune(%U) = %U", r, got, got, again)
		}
	}
}
