package sketch

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestPen(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 8, 3)
	c.Pen(Point{0, 0}, '*')
	c.Pen(Point{3, 1}, '李')    // wide: refused
	c.Pen(Point{4, 1}, '\x1b') // control: blank
	c.Pen(Point{5, 1}, '#')
	c.Pen(Point{20, -4}, 'o') // clamped to the top right
	want := lines("*      o", "   ? #")
	if got := c.Encode(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// connected reports whether the cells holding r form one 8-connected path
// from a to b with exactly n cells.
func connected(c *Canvas, a, b Point, r rune, n int) error {
	count := 0
	for y := range c.Height() {
		for x := range c.Width() {
			if c.At(Point{x, y}) == r {
				count++
			}
		}
	}
	if count != n {
		return fmt.Errorf("%d cells drawn, want %d", count, n)
	}
	seen := map[Point]bool{a: true}
	queue := []Point{a}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				q := Point{p.X + dx, p.Y + dy}
				if !seen[q] && c.inside(q) && c.At(q) == r {
					seen[q] = true
					queue = append(queue, q)
				}
			}
		}
	}
	if c.At(a) != r || !seen[b] {
		return fmt.Errorf("no path of %q from %v to %v", r, a, b)
	}
	if len(seen) != n {
		return fmt.Errorf("%d cells are off the path", n-len(seen))
	}
	return nil
}

func TestStrokeNoGaps(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		c := newCanvas(t, DefaultWidth, DefaultHeight)
		a := Point{rng.IntN(c.Width()), rng.IntN(c.Height())}
		b := Point{rng.IntN(c.Width()), rng.IntN(c.Height())}
		c.Stroke(a, b, '#')
		n := max(abs(b.X-a.X), abs(b.Y-a.Y)) + 1
		if err := connected(c, a, b, '#', n); err != nil {
			t.Fatalf("case %d, Stroke(%v, %v): %v\n%s", i, a, b, err, c.Encode())
		}
	}
}

func TestStrokeDrag(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 12, 5)
	drag := []Point{{1, 1}, {6, 1}, {9, 4}, {2, 4}}
	for i := 1; i < len(drag); i++ {
		c.Stroke(drag[i-1], drag[i], '*')
	}
	want := lines(
		"",
		" ******",
		"       *",
		"        *",
		"  ********",
	)
	if got := c.Encode(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestStrokeClamped(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 5, 3)
	c.Stroke(Point{-3, 1}, Point{99, 1}, '=')
	if got, want := c.Encode(), lines("", "====="); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestLineSlopes(t *testing.T) {
	t.Parallel()
	o := Point{10, 6}
	tests := []struct {
		name       string
		to         Point
		ascii, box rune
	}{
		{"right", Point{20, 6}, '-', '─'},
		{"left", Point{0, 6}, '-', '─'},
		{"shallow", Point{20, 10}, '-', '─'},
		{"down", Point{10, 12}, '|', '│'},
		{"up", Point{10, 0}, '|', '│'},
		{"steep", Point{12, 0}, '|', '│'},
		{"down right", Point{15, 11}, '\\', '╲'},
		{"up left", Point{5, 1}, '\\', '╲'},
		{"down right 2:1", Point{14, 8}, '\\', '╲'},
		{"up right", Point{15, 1}, '/', '╱'},
		{"down left", Point{5, 11}, '/', '╱'},
		{"up right 1:2", Point{12, 2}, '/', '╱'},
		{"one cell", o, '+', '┼'},
	}
	for _, tt := range tests {
		for _, st := range []struct {
			style Style
			want  rune
		}{{ASCII, tt.ascii}, {Box, tt.box}} {
			t.Run(fmt.Sprintf("%s/%c", tt.name, st.want), func(t *testing.T) {
				c := newCanvas(t, 30, 13)
				c.Line(o, tt.to, st.style)
				n := max(abs(tt.to.X-o.X), abs(tt.to.Y-o.Y)) + 1
				if err := connected(c, o, tt.to, st.want, n); err != nil {
					t.Errorf("Line(%v, %v): %v\n%s", o, tt.to, err, c.Encode())
				}
			})
		}
	}
}

func TestLinePicture(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 10, 4)
	c.Line(Point{0, 0}, Point{3, 3}, ASCII)
	c.Line(Point{9, 0}, Point{6, 3}, Box)
	c.Line(Point{4, 0}, Point{5, 0}, Box)
	want := lines(
		`\   ──   ╱`,
		` \      ╱`,
		`  \    ╱`,
		`   \  ╱`,
	)
	if got := c.Encode(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestLineClamped(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 6, 3)
	c.Line(Point{2, -5}, Point{2, 50}, ASCII)
	if got, want := c.Encode(), lines("  |", "  |", "  |"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestRect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		a, b  Point
		style Style
		want  string
	}{
		{"ascii", Point{1, 0}, Point{5, 3}, ASCII, lines(" +---+", " |   |", " |   |", " +---+")},
		{"box from bottom right", Point{5, 3}, Point{1, 0}, Box, lines(" ┌───┐", " │   │", " │   │", " └───┘")},
		{"box from bottom left", Point{1, 2}, Point{3, 1}, Box, lines("", " ┌─┐", " └─┘")},
		{"smallest", Point{0, 0}, Point{1, 1}, ASCII, lines("++", "++")},
		{"one row", Point{1, 2}, Point{4, 2}, ASCII, lines("", "", " ----")},
		{"one column", Point{2, 0}, Point{2, 2}, Box, lines("  │", "  │", "  │")},
		{"one cell", Point{3, 1}, Point{3, 1}, Box, lines("", "   ┼")},
		{"clamped", Point{-4, -4}, Point{40, 40}, ASCII, lines("+------+", "|      |", "|      |", "+------+")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCanvas(t, 8, 4)
			c.Rect(tt.a, tt.b, tt.style)
			if got := c.Encode(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		at     Point
		text   string
		want   string
		cursor Point
	}{
		{"word", Point{1, 1}, "knee", lines("", " knee"), Point{5, 1}},
		{"stops at the edge, last cell overwritten", Point{5, 0}, "abcdef", "     abf", Point{7, 0}},
		{"lines keep their start column", Point{2, 0}, "L1\nL2\r\nL3\rL4", lines("  L1", "  L2", "  L3", "  L4"), Point{4, 3}},
		{"newline on the bottom row stays there", Point{0, 3}, "ab\ncd", lines("", "", "", "cd"), Point{2, 3}},
		{"refused and control runes", Point{0, 0}, "a李\tb", "a? b", Point{4, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCanvas(t, 8, 4)
			c.MoveTo(tt.at)
			c.Type(tt.text)
			if got := c.Encode(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if got := c.Cursor(); got != tt.cursor {
				t.Errorf("cursor at %v, want %v", got, tt.cursor)
			}
		})
	}
}

func TestTypeKeyByKeyAtTheEdge(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 4, 1)
	c.MoveTo(Point{2, 0})
	for _, k := range []string{"x", "y", "z"} {
		c.Type(k)
	}
	if got := c.Encode(); got != "  xz" {
		t.Errorf("got %q, want %q", got, "  xz")
	}
}

func TestErase(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 6, 3)
	c.Rect(Point{0, 0}, Point{5, 2}, ASCII)
	c.Erase(Point{0, 0})
	c.Erase(Point{99, 99}) // clamped to the bottom right corner
	c.EraseStroke(Point{2, 0}, Point{3, 0})
	want := lines(" -  -+", "|    |", "+----")
	if got := c.Encode(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestClear(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 6, 3)
	c.Rect(Point{0, 0}, Point{5, 2}, ASCII)
	c.ClearRect(Point{4, 2}, Point{1, 1})
	if got, want := c.Encode(), lines("+----+", "|    |", "+    +"); got != want {
		t.Errorf("ClearRect: got\n%s\nwant\n%s", got, want)
	}
	c.ClearRect(Point{-9, -9}, Point{0, 99})
	if got, want := c.Encode(), lines(" ----+", "     |", "     +"); got != want {
		t.Errorf("ClearRect clamped: got\n%s\nwant\n%s", got, want)
	}
	c.Clear()
	if got := c.Encode(); got != "" {
		t.Errorf("Clear: got %q", got)
	}
	if !c.Undo() || c.Encode() != lines(" ----+", "     |", "     +") {
		t.Errorf("Clear is not one undo step: got\n%s", c.Encode())
	}
}
