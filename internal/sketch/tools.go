package sketch

import "strings"

// Every tool clamps its points to the canvas, as the cursor is clamped, and
// makes one undo step (several when called inside a BeginGroup/EndGroup pair
// become one). Runes pass through CellRune before they reach a cell.

// Style chooses the characters lines and rectangles are drawn with; it must
// be ASCII or Box.
type Style int

const (
	// ASCII draws with - | / \ and + corners, which print on anything.
	ASCII Style = iota
	// Box draws with the box-drawing characters ─ │ ╱ ╲ ┌ ┐ └ ┘.
	Box
)

// glyphs are a style's characters, indexed by the glyph constants below.
var glyphs = [...][8]rune{
	ASCII: {'-', '|', '\\', '/', '+', '+', '+', '+'},
	Box:   {'─', '│', '╲', '╱', '┌', '┐', '└', '┘'},
}

const (
	horizontal = iota
	vertical
	fall // down to the right: \
	rise // up to the right: /
	topLeft
	topRight
	bottomLeft
	bottomRight
)

// dot is what a line or rectangle of a single cell draws.
var dot = [...]rune{ASCII: '+', Box: '┼'}

// Pen puts r in the cell at p: one dab of the freehand pen.
func (c *Canvas) Pen(p Point, r rune) {
	c.Stroke(p, p, r)
}

// Stroke draws r on every cell of the straight path from one point to the
// next, ends included. The editor calls it with each pair of consecutive
// mouse-drag positions, so a fast drag leaves a connected trail, not dots.
func (c *Canvas) Stroke(from, to Point, r rune) {
	r = CellRune(r)
	c.BeginGroup()
	defer c.EndGroup()
	bresenham(c.clamp(from), c.clamp(to), func(p Point) { c.set(p, r) })
}

// Erase blanks the cell at p.
func (c *Canvas) Erase(p Point) { c.Stroke(p, p, Empty) }

// EraseStroke blanks every cell on the path between two drag positions,
// like Stroke.
func (c *Canvas) EraseStroke(from, to Point) { c.Stroke(from, to, Empty) }

// Line draws a straight line from one point (usually the mark) to another
// with one character chosen from the whole segment's slope in cells:
// horizontal (- or ─) when it is less than 1:2 steep, vertical (| or │) when
// it is more than 2:1 steep, and otherwise a diagonal (\ or ╲ falling to the
// right, / or ╱ rising to the right). A line of one cell draws + or ┼.
func (c *Canvas) Line(from, to Point, s Style) {
	from, to = c.clamp(from), c.clamp(to)
	r := lineRune(to.X-from.X, to.Y-from.Y, s)
	c.BeginGroup()
	defer c.EndGroup()
	bresenham(from, to, func(p Point) { c.set(p, r) })
}

func lineRune(dx, dy int, s Style) rune {
	adx, ady := abs(dx), abs(dy)
	switch {
	case adx == 0 && ady == 0:
		return dot[s]
	case 2*ady < adx:
		return glyphs[s][horizontal]
	case 2*adx < ady:
		return glyphs[s][vertical]
	case (dx > 0) == (dy > 0):
		return glyphs[s][fall]
	}
	return glyphs[s][rise]
}

// Rect draws the outline of the rectangle with corners a and b (in any
// order): + corners with - and | sides in ASCII, ┌ ┐ └ ┘ ─ │ in Box. A
// rectangle one cell high or wide is drawn as a horizontal or vertical Line.
func (c *Canvas) Rect(a, b Point, s Style) {
	a, b = c.clamp(a), c.clamp(b)
	if a.X == b.X || a.Y == b.Y {
		c.Line(a, b, s)
		return
	}
	x0, x1 := min(a.X, b.X), max(a.X, b.X)
	y0, y1 := min(a.Y, b.Y), max(a.Y, b.Y)
	g := glyphs[s]
	c.BeginGroup()
	defer c.EndGroup()
	for x := x0 + 1; x < x1; x++ {
		c.set(Point{x, y0}, g[horizontal])
		c.set(Point{x, y1}, g[horizontal])
	}
	for y := y0 + 1; y < y1; y++ {
		c.set(Point{x0, y}, g[vertical])
		c.set(Point{x1, y}, g[vertical])
	}
	c.set(Point{x0, y0}, g[topLeft])
	c.set(Point{x1, y0}, g[topRight])
	c.set(Point{x0, y1}, g[bottomLeft])
	c.set(Point{x1, y1}, g[bottomRight])
}

// Type writes text at the cursor, one rune per cell, moving the cursor right
// after each. Text stops at the right edge: the cursor stays on the last
// column, so each further rune overwrites that cell (nothing wraps onto the
// next row by surprise). A newline (\n, \r\n or \r) moves the cursor to the
// next row, back to the column where this call started, so pasted lines stay
// aligned; on the bottom row it stays on that row.
func (c *Canvas) Type(text string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	startX := c.cursor.X
	c.BeginGroup()
	defer c.EndGroup()
	for _, r := range text {
		if r == '\n' || r == '\r' {
			c.MoveTo(Point{startX, c.cursor.Y + 1})
			continue
		}
		c.set(c.cursor, CellRune(r))
		c.Move(1, 0)
	}
}

// Clear blanks the whole canvas as one undoable step.
func (c *Canvas) Clear() {
	c.ClearRect(Point{0, 0}, Point{c.w - 1, c.h - 1})
}

// ClearRect blanks every cell of the rectangle with corners a and b (in any
// order, edges included).
func (c *Canvas) ClearRect(a, b Point) {
	a, b = c.clamp(a), c.clamp(b)
	c.BeginGroup()
	defer c.EndGroup()
	for y := min(a.Y, b.Y); y <= max(a.Y, b.Y); y++ {
		for x := min(a.X, b.X); x <= max(a.X, b.X); x++ {
			c.set(Point{x, y}, Empty)
		}
	}
}

// bresenham calls visit for each cell of the line from a to b, ends
// included. Consecutive cells touch by a side or a corner, so the line has
// no gaps.
func bresenham(a, b Point, visit func(Point)) {
	dx, dy := abs(b.X-a.X), -abs(b.Y-a.Y)
	sx, sy := 1, 1
	if b.X < a.X {
		sx = -1
	}
	if b.Y < a.Y {
		sy = -1
	}
	err := dx + dy
	for p := a; ; {
		visit(p)
		if p == b {
			return
		}
		e2 := 2 * err
		if e2 >= dy {
			err += dy
			p.X += sx
		}
		if e2 <= dx {
			err += dx
			p.Y += sy
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
