// Package sketch is the model of the prescription sketchpad: a small grid of
// character cells a doctor draws on in the terminal, with pen, line,
// rectangle, text and eraser tools, undo and redo, and a plain-text encoding
// that reads well in the sqlite3 shell and on a printout.
//
// The package is pure: it knows nothing of Bubble Tea, the database or the
// terminal. The editor turns keys and mouse events into calls on a [Canvas]
// and draws [Canvas.Rows], highlighting [Canvas.Cursor].
package sketch

import (
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
	"github.com/rivo/uniseg"
)

// DefaultWidth and DefaultHeight are the size of the prescription sketchpad.
const (
	DefaultWidth  = 60
	DefaultHeight = 16
)

// Empty is the rune of a blank cell.
const Empty = ' '

// Refused is what a cell holds instead of a rune that cannot fill exactly one
// terminal cell (see [CellRune]).
const Refused = '?'

// ErrSize is returned for a canvas size that is not positive or whose full
// encoding could exceed [MaxEncodedBytes].
var ErrSize = errors.New("sketch: canvas size out of range")

// Point is a cell position: X counts columns from 0 at the left, Y counts rows
// from 0 at the top.
type Point struct{ X, Y int }

// Canvas is a fixed-size grid of cells, each holding one rune that fills one
// terminal cell, plus a cursor, an optional mark and the undo history.
// Methods that change cells each make one undo step (see [Canvas.BeginGroup]).
// A Canvas is not safe for concurrent use.
type Canvas struct {
	w, h   int
	cells  []rune // row-major, len w*h
	cursor Point
	mark   Point
	marked bool
	hist   history
}

// New returns an empty w×h canvas with the cursor at the top left. The size
// must be positive and small enough that a canvas full of 4-byte runes still
// encodes within [MaxEncodedBytes] (so 60×16 and 80×24 fit); otherwise it
// returns an error wrapping [ErrSize].
func New(w, h int) (*Canvas, error) {
	if w < 1 || h < 1 || w > MaxEncodedBytes || h > MaxEncodedBytes ||
		w*h*utf8.UTFMax+h-1 > MaxEncodedBytes {
		return nil, fmt.Errorf("%w: %d×%d", ErrSize, w, h)
	}
	cells := make([]rune, w*h)
	for i := range cells {
		cells[i] = Empty
	}
	return &Canvas{w: w, h: h, cells: cells}, nil
}

// Width returns the number of columns.
func (c *Canvas) Width() int { return c.w }

// Height returns the number of rows.
func (c *Canvas) Height() int { return c.h }

// At returns the rune in the cell at p, or [Empty] if p is off the canvas.
func (c *Canvas) At(p Point) rune {
	if !c.inside(p) {
		return Empty
	}
	return c.cells[c.index(p)]
}

// Rows returns the canvas for drawing: one string per row, each exactly
// Width runes long, blanks included. Every rune fills one cell, so rune x of
// row y is the cell (x, y) the editor highlights for the cursor.
func (c *Canvas) Rows() []string {
	rows := make([]string, c.h)
	for y := range rows {
		rows[y] = string(c.cells[y*c.w : (y+1)*c.w])
	}
	return rows
}

// Cursor returns the cell the cursor is on.
func (c *Canvas) Cursor() Point { return c.cursor }

// MoveTo puts the cursor on p, clamped to the canvas, so a click or a drag
// past the edge stops at the edge.
func (c *Canvas) MoveTo(p Point) { c.cursor = c.clamp(p) }

// Move moves the cursor by dx columns and dy rows, clamped to the canvas.
func (c *Canvas) Move(dx, dy int) {
	c.MoveTo(Point{c.cursor.X + dx, c.cursor.Y + dy})
}

// SetMark marks the cursor's cell as the start of a line or rectangle, so the
// editor can draw from the mark to the cursor and highlight both meanwhile.
func (c *Canvas) SetMark() { c.mark, c.marked = c.cursor, true }

// Mark returns the marked cell and whether a mark is set.
func (c *Canvas) Mark() (Point, bool) { return c.mark, c.marked }

// ClearMark removes the mark.
func (c *Canvas) ClearMark() { c.marked = false }

// CellRune returns what a cell stores when asked to hold r, so that one rune
// is always one terminal cell and nothing in a cell can control the terminal.
// Printable runes one cell wide are kept. Control characters (C0, DEL, C1)
// become [Empty]. Everything else becomes [Refused]: wide runes (CJK, most
// emoji), combining and other zero-width marks, format characters such as
// bidi controls, unassigned and private-use code points, and runes that would
// join a neighbour into one grapheme (Hangul jamo, regional indicators).
func CellRune(r rune) rune {
	switch {
	case r >= 0x20 && r < 0x7f:
		return r
	case (r >= 0 && r < 0x20) || (r >= 0x7f && r <= 0x9f):
		return Empty
	case oneCell(r):
		return r
	}
	return Refused
}

// narrow measures runes without East Asian ambiguous widening, whatever the
// locale, so what a canvas accepts does not depend on the environment.
var narrow = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}

// oneCell reports whether r is graphic, one cell wide by both width tables the
// UI may use, and never merges with a neighbour into one grapheme cluster.
func oneCell(r rune) bool {
	if !unicode.IsGraphic(r) || narrow.RuneWidth(r) != 1 {
		return false
	}
	s := string([]rune{'a', r, r, 'a'})
	return uniseg.GraphemeClusterCount(s) == 4 && ansi.StringWidth(s) == 4
}

func (c *Canvas) inside(p Point) bool {
	return p.X >= 0 && p.X < c.w && p.Y >= 0 && p.Y < c.h
}

func (c *Canvas) index(p Point) int { return p.Y*c.w + p.X }

func (c *Canvas) clamp(p Point) Point {
	return Point{min(max(p.X, 0), c.w-1), min(max(p.Y, 0), c.h-1)}
}
