package sketch

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEncode(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 8, 5)
	if got := c.Encode(); got != "" {
		t.Fatalf("empty canvas encodes to %q", got)
	}
	c.Pen(Point{2, 1}, 'a')
	c.Pen(Point{7, 3}, 'z')
	if got, want := c.Encode(), "\n  a\n\n       z"; got != want {
		t.Errorf("Encode() = %q, want %q", got, want)
	}
}

func TestDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only blanks", "   \n \n\n", ""},
		{"plain", "+--+\n|  |\n+--+", "+--+\n|  |\n+--+"},
		{"leading and inner blank rows kept", "\n\nx\n\ny", "\n\nx\n\ny"},
		{"trailing blanks and rows dropped", "ab   \n c \n\n  \n", "ab\n c"},
		{"CRLF and CR", "a\r\nb\rc", "a\nb\nc"},
		{"tab becomes one blank", "a\tb", "a b"},
		{"escape sequence defanged", "a\x1b[2J", "a [2J"},
		{"C1 controls blank", "a\u009b2J\u0085b", "a 2J b"},
		{"wide and zero-width refused", "李e\u0301x\u202e", "?e?x?"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"box drawing kept", "┌─┐\n└─┘", "┌─┐\n└─┘"},
		{"trailing blanks do not count toward width", "x" + strings.Repeat(" ", 200), "x"},
		{"full size", strings.Repeat(strings.Repeat("#", 60)+"\n", 16), strings.TrimSuffix(strings.Repeat(strings.Repeat("#", 60)+"\n", 16), "\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Decode(tt.in, DefaultWidth, DefaultHeight)
			if err != nil {
				t.Fatalf("Decode(%q): %v", tt.in, err)
			}
			if got := c.Encode(); got != tt.want {
				t.Errorf("Encode(Decode(%q)) = %q, want %q", tt.in, got, tt.want)
			}
			if c.CanUndo() || c.Cursor() != (Point{}) {
				t.Error("decoded canvas has history or a moved cursor")
			}
		})
	}
}

func TestDecodeTooLarge(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, msg string
	}{
		{"too many rows", strings.Repeat("x\n", 17), "sketch of 1×17 cells is larger than the 60×16 canvas"},
		{"row too wide", "ok\n" + strings.Repeat("x", 61), "sketch of 61×2 cells is larger than the 60×16 canvas"},
		{"too many bytes", strings.Repeat(" ", MaxEncodedBytes+1), "sketch of 8193 bytes is larger than the 8192-byte limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Decode(tt.in, DefaultWidth, DefaultHeight)
			if c != nil || !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Decode = %v, %v; want ErrTooLarge", c, err)
			}
			var tl *TooLargeError
			if !errors.As(err, &tl) || err.Error() != tt.msg {
				t.Errorf("error %q, want %q", err, tt.msg)
			}
		})
	}
	if _, err := Decode("x", 0, 16); !errors.Is(err, ErrSize) {
		t.Errorf("Decode into 0×16: %v, want ErrSize", err)
	}
}

// TestRoundTrip draws random canvases with every tool and checks that
// decoding the encoding gives the same cells.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	pens := []rune{'*', '#', 'o', '─', '╲', 'é', '李', '\t', 'µ', '\uFFFD'}
	pt := func(c *Canvas) Point { return Point{rng.IntN(c.Width()+4) - 2, rng.IntN(c.Height()+4) - 2} }
	for i := range 200 {
		c := newCanvas(t, 1+rng.IntN(80), 1+rng.IntN(24))
		for range rng.IntN(30) {
			switch rng.IntN(7) {
			case 0:
				c.Pen(pt(c), pens[rng.IntN(len(pens))])
			case 1:
				c.Stroke(pt(c), pt(c), pens[rng.IntN(len(pens))])
			case 2:
				c.Line(pt(c), pt(c), Style(rng.IntN(2)))
			case 3:
				c.Rect(pt(c), pt(c), Style(rng.IntN(2)))
			case 4:
				c.MoveTo(pt(c))
				c.Type("Rx: 5 mg/kg ≥ 2×")
			case 5:
				c.EraseStroke(pt(c), pt(c))
			case 6:
				c.ClearRect(pt(c), pt(c))
			}
		}
		text := c.Encode()
		d, err := Decode(text, c.Width(), c.Height())
		if err != nil {
			t.Fatalf("case %d: Decode(Encode(c)): %v\n%s", i, err, text)
		}
		if got, want := strings.Join(d.Rows(), "\n"), strings.Join(c.Rows(), "\n"); got != want {
			t.Fatalf("case %d: round trip changed the canvas:\n%s\nwant\n%s", i, got, want)
		}
	}
}

// reference normalises stored text as Decode documents, written
// independently of the package's own code.
func reference(text string) string {
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
	rows := strings.Split(text, "\n")
	for i, row := range rows {
		rows[i] = strings.TrimRight(strings.Map(CellRune, row), " ")
	}
	return strings.TrimRight(strings.Join(rows, "\n"), "\n")
}

func FuzzDecodeEncode(f *testing.F) {
	for _, s := range []string{
		"", "+--+\n|  |\n+--+", "a\r\nb\rc\n\n", "李e\u0301\x1b[2J\t\u202e", "\xff\xfe",
		"┌─┐\n└─┘   \n  ", strings.Repeat("x", 61), strings.Repeat("\n", 20) + "y",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, size := range [][2]int{{DefaultWidth, DefaultHeight}, {5, 3}} {
			w, h := size[0], size[1]
			want := reference(text)
			rows := strings.Split(want, "\n")
			wide := 0
			for _, row := range rows {
				wide = max(wide, utf8.RuneCountInString(row))
			}
			fits := len(text) <= MaxEncodedBytes && len(rows) <= h && wide <= w
			c, err := Decode(text, w, h)
			if !fits {
				if !errors.Is(err, ErrTooLarge) {
					t.Fatalf("%d×%d: Decode(%q) = %v, want ErrTooLarge", w, h, text, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%d×%d: Decode(%q): %v", w, h, text, err)
			}
			got := c.Encode()
			if got != want {
				t.Fatalf("%d×%d: Encode(Decode(%q)) = %q, want %q", w, h, text, got, want)
			}
			if len(got) > MaxEncodedBytes || !utf8.ValidString(got) {
				t.Fatalf("%d×%d: encoding %q is too long or invalid", w, h, got)
			}
			again, err := Decode(got, w, h)
			if err != nil || again.Encode() != got {
				t.Fatalf("%d×%d: encoding %q does not decode to itself: %v", w, h, got, err)
			}
		}
	})
}
