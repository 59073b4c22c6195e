package sketchpad

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/sketch"
)

// key applies one key press.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	m.message = ""
	if m.choosing {
		m.choosing = false
		if len(msg.Runes) == 1 {
			r := sketch.CellRune(msg.Runes[0])
			if r == sketch.Empty || r == sketch.Refused {
				m.message = "That character cannot be drawn in one cell; the pen is unchanged."
				return nil
			}
			m.pen, m.tool = r, Pen
			return nil
		}
		m.message = "The pen is unchanged."
		return nil
	}
	if m.tool == Text && m.typeKey(msg) {
		return nil
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Done):
		return m.escape()
	case key.Matches(msg, k.Up):
		m.move(0, -1)
	case key.Matches(msg, k.Down):
		m.move(0, 1)
	case key.Matches(msg, k.Left):
		m.move(-1, 0)
	case key.Matches(msg, k.Right):
		m.move(1, 0)
	case key.Matches(msg, k.Apply):
		m.apply()
	case key.Matches(msg, k.Pen):
		m.choose(Pen)
	case key.Matches(msg, k.Line):
		m.choose(Line)
	case key.Matches(msg, k.Rect):
		m.choose(Rect)
	case key.Matches(msg, k.Text):
		m.choose(Text)
	case key.Matches(msg, k.Eraser):
		m.choose(Eraser)
	case key.Matches(msg, k.PenChar):
		m.choosing = true
		m.message = "Type the pen's character."
	case key.Matches(msg, k.Style):
		m.style = 1 - m.style
	case key.Matches(msg, k.ClearArea):
		if mark, ok := m.canvas.Mark(); ok {
			m.canvas.ClearRect(mark, m.canvas.Cursor())
			m.canvas.ClearMark()
		} else {
			m.canvas.Erase(m.canvas.Cursor())
		}
	case key.Matches(msg, k.ClearAll):
		m.liftPen()
		m.canvas.Clear()
		m.message = "Cleared; u brings it back."
	case key.Matches(msg, k.Undo):
		m.liftPen()
		if !m.canvas.Undo() {
			m.message = "Nothing to undo."
		}
	case key.Matches(msg, k.Redo):
		m.liftPen()
		if !m.canvas.Redo() {
			m.message = "Nothing to redo."
		}
	}
	return nil
}

// typeKey handles a key of the text tool and reports whether it was one.
func (m *Model) typeKey(msg tea.KeyMsg) bool {
	switch msg.Type {
	case tea.KeyRunes:
		if msg.Alt {
			return false
		}
		m.canvas.Type(string(msg.Runes))
	case tea.KeySpace:
		m.canvas.Type(" ")
	case tea.KeyEnter:
		m.canvas.Type("\n")
	case tea.KeyBackspace:
		m.canvas.Move(-1, 0)
		m.canvas.Erase(m.canvas.Cursor())
	case tea.KeyUp:
		m.move(0, -1)
	case tea.KeyDown:
		m.move(0, 1)
	case tea.KeyLeft:
		m.move(-1, 0)
	case tea.KeyRight:
		m.move(1, 0)
	default:
		return false
	}
	return true
}

// escape steps back: out of the text tool, off a mark, pen up, and then out of the pad.
func (m *Model) escape() tea.Cmd {
	if _, ok := m.canvas.Mark(); ok {
		m.canvas.ClearMark()
		return nil
	}
	switch {
	case m.tool == Text:
		m.tool = Pen
		return nil
	case m.penDown:
		m.liftPen()
		return nil
	}
	return done
}

func (m *Model) choose(t Tool) {
	m.liftPen()
	m.canvas.ClearMark()
	m.tool = t
	if t == Text {
		m.message = "Type on the canvas; esc stops typing."
	}
}

// move moves the cursor; with the pen or eraser down it draws the way.
func (m *Model) move(dx, dy int) {
	from := m.canvas.Cursor()
	m.canvas.Move(dx, dy)
	if !m.penDown {
		return
	}
	if m.tool == Eraser {
		m.canvas.EraseStroke(from, m.canvas.Cursor())
	} else {
		m.canvas.Stroke(from, m.canvas.Cursor(), m.pen)
	}
}

// apply is space: the pen and eraser go down (drawing the cell) or up; line and
// rectangle set the mark, then draw from it to the cursor.
func (m *Model) apply() {
	cur := m.canvas.Cursor()
	switch m.tool {
	case Pen, Eraser:
		if m.penDown {
			m.liftPen()
			return
		}
		m.penDown = true
		m.canvas.BeginGroup()
		if m.tool == Eraser {
			m.canvas.Erase(cur)
		} else {
			m.canvas.Pen(cur, m.pen)
		}
	case Line, Rect:
		mark, ok := m.canvas.Mark()
		if !ok {
			m.canvas.SetMark()
			m.message = fmt.Sprintf("Marked; move and press space to draw the %s.", m.tool)
			return
		}
		m.shape(mark, cur)
	}
}

// shape draws the line or rectangle from a to b and drops the mark.
func (m *Model) shape(a, b sketch.Point) {
	if m.tool == Rect {
		m.canvas.Rect(a, b, m.style)
	} else {
		m.canvas.Line(a, b, m.style)
	}
	m.canvas.ClearMark()
}

// liftPen ends a pen-down stroke, making it one undo step.
func (m *Model) liftPen() {
	if m.penDown {
		m.penDown = false
		m.canvas.EndGroup()
	}
}

// cellAt turns a mouse position into a canvas cell, and false when it is off the canvas.
func (m *Model) cellAt(x, y int) (sketch.Point, bool) {
	vw, vh := m.visible()
	cx, cy := x-m.originX-canvasLeft, y-m.originY-canvasTop
	p := sketch.Point{X: cx + m.offX, Y: cy + m.offY}
	return p, cx >= 0 && cy >= 0 && cx < vw && cy < vh
}

// mouse draws with a click and drag: the pen and eraser along the way, line and
// rectangle from the press to the release; the text tool moves its cursor.
func (m *Model) mouse(msg tea.MouseMsg) {
	p, inside := m.cellAt(msg.X, msg.Y)
	switch {
	case msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft:
		if !inside {
			return
		}
		m.liftPen()
		m.message = ""
		m.dragging, m.last = true, p
		m.canvas.MoveTo(p)
		switch m.tool {
		case Pen:
			m.canvas.BeginGroup()
			m.canvas.Pen(p, m.pen)
		case Eraser:
			m.canvas.BeginGroup()
			m.canvas.Erase(p)
		case Line, Rect:
			m.canvas.SetMark()
		}
	case msg.Action == tea.MouseActionMotion && m.dragging:
		m.canvas.MoveTo(p)
		p = m.canvas.Cursor()
		switch m.tool {
		case Pen:
			m.canvas.Stroke(m.last, p, m.pen)
		case Eraser:
			m.canvas.EraseStroke(m.last, p)
		}
		m.last = p
	case msg.Action == tea.MouseActionRelease && m.dragging:
		m.dragging = false
		m.canvas.MoveTo(p)
		switch m.tool {
		case Pen, Eraser:
			m.canvas.EndGroup()
		case Line, Rect:
			if mark, ok := m.canvas.Mark(); ok {
				m.shape(mark, m.canvas.Cursor())
			}
		}
	}
}
