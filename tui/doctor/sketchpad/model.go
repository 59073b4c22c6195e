// Package sketchpad is the prescription's ASCII whiteboard: a canvas of at least 60×16
// cells drawn with the keys (arrows and vim keys move) or the mouse (click and drag),
// with pen, line, rectangle, text and eraser tools, clearing, and undo and redo. The
// drawing itself is internal/sketch; this package turns keys and mouse messages into
// calls on it and draws it.
package sketchpad

import (
	"fmt"
	"strings"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/sketch"
	"github.com/clinicdesk/clinicdesk/tui/keys"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// Tool is what a press of space or a drag of the mouse does.
type Tool int

// The pad's tools.
const (
	Pen Tool = iota
	Line
	Rect
	Text
	Eraser
)

var toolNames = [...]string{Pen: "pen", Line: "line", Rect: "rectangle", Text: "text", Eraser: "eraser"}

func (t Tool) String() string { return toolNames[t] }

// The canvas's size: at least the sketch package's default, at most what fits the
// stored-text bound comfortably.
const (
	minWidth, maxWidth   = sketch.DefaultWidth, 80
	minHeight, maxHeight = sketch.DefaultHeight, 24
)

// The canvas's first cell sits below the status line and inside the border.
const (
	canvasLeft = 1
	canvasTop  = 2
)

// DoneMsg says the doctor left the pad; the sketch is read with Text.
type DoneMsg struct{}

// Model is the sketchpad.
type Model struct {
	styles *theme.Styles
	keys   keys.Sketch
	canvas *sketch.Canvas

	tool      Tool
	pen       rune
	style     sketch.Style
	penDown   bool // keys draw as the cursor moves
	choosing  bool // the next key is the pen's character
	dragging  bool
	last      sketch.Point // the previous drag position
	originX   int          // where the pad's top-left is on the terminal
	originY   int
	width     int
	height    int
	offX      int // the first canvas column and row on screen, when the pad is smaller
	offY      int
	message   string
	startText string
}

// New opens the pad on a stored sketch, with a canvas fitted to width×height (the
// space the pad may use) and large enough for the stored text. Text that no canvas of
// the pad's bounds can hold returns the sketch package's plain-sentence error.
func New(st *theme.Styles, text string, width, height int) (*Model, error) {
	cw := min(max(width-2, minWidth), maxWidth)
	ch := min(max(height-3, minHeight), maxHeight)
	if text != "" {
		lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
		ch = max(ch, min(len(lines), maxHeight))
		for _, l := range lines {
			cw = max(cw, min(utf8.RuneCountInString(l), maxWidth))
		}
	}
	c, err := sketch.Decode(text, cw, ch)
	if err != nil {
		return nil, err
	}
	m := &Model{styles: st, keys: keys.NewSketch(), canvas: c, pen: '*', startText: c.Encode()}
	m.SetSize(width, height)
	return m, nil
}

// Canvas is the drawing, for tests and the printout.
func (m *Model) Canvas() *sketch.Canvas { return m.canvas }

// Text is the sketch as stored: plain text rows, trailing blanks trimmed.
func (m *Model) Text() string { return m.canvas.Encode() }

// Changed reports whether the drawing differs from what the pad opened with.
func (m *Model) Changed() bool { return m.Text() != m.startText }

// Tool is the tool in hand.
func (m *Model) Tool() Tool { return m.tool }

// Typing reports whether the pad reads keys as text: in the text tool, or while the
// pen's character is being chosen. Otherwise its tools are its bindings, and the
// frame's keys work over it as over any screen (? opens the help).
func (m *Model) Typing() bool { return m.tool == Text || m.choosing }

// SetSize fits the visible part of the canvas into width×height.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.follow()
}

// SetOrigin tells the pad where its top-left cell is on the terminal, so mouse
// positions can be turned into canvas cells.
func (m *Model) SetOrigin(x, y int) { m.originX, m.originY = x, y }

// visible is how many canvas columns and rows are on screen.
func (m *Model) visible() (int, int) {
	return max(1, min(m.canvas.Width(), m.width-2)), max(1, min(m.canvas.Height(), m.height-3))
}

// follow scrolls the visible part so the cursor stays on screen.
func (m *Model) follow() {
	vw, vh := m.visible()
	cur := m.canvas.Cursor()
	m.offX = min(max(m.offX, cur.X-vw+1), cur.X)
	m.offY = min(max(m.offY, cur.Y-vh+1), cur.Y)
	m.offX = min(max(m.offX, 0), m.canvas.Width()-vw)
	m.offY = min(max(m.offY, 0), m.canvas.Height()-vh)
}

// Update handles a key or a mouse message.
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		cmd := m.key(msg)
		m.follow()
		return m, cmd
	case tea.MouseMsg:
		m.mouse(msg)
		m.follow()
	}
	return m, nil
}

func done() tea.Msg { return DoneMsg{} }

// status is the line above the canvas.
func (m *Model) status() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Tool: %s", m.tool)
	switch m.tool {
	case Pen:
		fmt.Fprintf(&b, " %q", m.pen)
		if m.penDown {
			b.WriteString(" (down)")
		}
	case Eraser:
		if m.penDown {
			b.WriteString(" (down)")
		}
	case Line, Rect:
		if m.style == sketch.Box {
			b.WriteString(" ┌─┘")
		} else {
			b.WriteString(" +-+")
		}
		if _, ok := m.canvas.Mark(); ok {
			b.WriteString(" from the mark")
		}
	case Text:
		b.WriteString(" (typing; esc stops)")
	}
	cur := m.canvas.Cursor()
	fmt.Fprintf(&b, " · %d,%d · %d×%d · %d/%d bytes", cur.X+1, cur.Y+1, m.canvas.Width(), m.canvas.Height(),
		len(m.canvas.Encode()), sketch.MaxEncodedBytes)
	return b.String()
}
