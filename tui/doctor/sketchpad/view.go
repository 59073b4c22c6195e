package sketchpad

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/clinicdesk/clinicdesk/internal/sketch"
)

// View draws the status line and the visible part of the canvas in a border, the
// cursor and the mark reversed. Only the cursor's and the mark's cells are styled, so
// a key costs the same on a full canvas as on an empty one.
func (m *Model) View() string {
	st := m.styles
	vw, vh := m.visible()
	var b strings.Builder
	b.Grow((vw + 8) * (vh + 4))
	status := m.status()
	if m.message != "" {
		status = m.message
	}
	b.WriteString(st.Faint.Render(truncate(status, max(10, m.width))))
	b.WriteByte('\n')
	edge := strings.Repeat("─", vw)
	b.WriteString("┌" + edge + "┐\n")
	cur := m.canvas.Cursor()
	mark, marked := m.canvas.Mark()
	cursor := st.Cursor()
	row := make([]rune, m.canvas.Width())
	for y := m.offY; y < m.offY+vh; y++ {
		for x := range row {
			row[x] = m.canvas.At(sketch.Point{X: x, Y: y})
		}
		vis := row[m.offX : m.offX+vw]
		b.WriteString("│")
		var hi []int
		if y == cur.Y {
			hi = append(hi, cur.X-m.offX)
		}
		if marked && y == mark.Y && mark != cur {
			hi = append(hi, mark.X-m.offX)
		}
		writeRow(&b, vis, hi, cursor.Render)
		b.WriteString("│\n")
	}
	b.WriteString("└" + edge + "┘")
	return b.String()
}

// writeRow writes a row with the cells at hi (visible columns) rendered by hl.
func writeRow(b *strings.Builder, row []rune, hi []int, hl func(...string) string) {
	if len(hi) == 2 && hi[1] < hi[0] {
		hi[0], hi[1] = hi[1], hi[0]
	}
	at := 0
	for _, x := range hi {
		if x < at || x >= len(row) {
			continue
		}
		b.WriteString(string(row[at:x]))
		b.WriteString(hl(string(row[x])))
		at = x + 1
	}
	b.WriteString(string(row[at:]))
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// ShortHelp lists the pad's main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.tool == Text {
		return []key.Binding{k.Done}
	}
	return []key.Binding{k.Up, k.Apply, k.Pen, k.Line, k.Rect, k.Text, k.Eraser, k.Undo, k.Done}
}

// FullHelp lists every key of the pad.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Apply, k.Done},
		{k.Pen, k.PenChar, k.Line, k.Rect, k.Style},
		{k.Text, k.Eraser, k.ClearArea, k.ClearAll},
		{k.Undo, k.Redo},
	}
}
