package notify

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// detailRows is the height of the selected notification's text under the list.
const detailRows = 4

// headRows are the lines above the list: the heading and the filter (or a note).
const headRows = 2

// rows is how many notifications fit on the screen.
func (m *Model) rows() int { return max(1, m.height-detailRows-headRows-1) }

// View draws the visible page of notifications and the selected one's text.
func (m *Model) View() string {
	st := m.c.Styles
	var b strings.Builder
	head := st.Bold.Render("Notifications")
	if m.unread > 0 || m.waiting > 0 {
		head += "  " + st.Badge.Render(m.Badge())
	} else if len(m.items) > 0 {
		head += "  " + st.Faint.Render("Nothing unread")
	}
	b.WriteString(head + "\n")
	switch {
	case m.err != "":
		b.WriteString(st.Error.Render(common.Safe(m.err)) + "\n")
	case m.filter.Typing():
		b.WriteString(m.filter.View() + "\n")
	case m.note != "":
		b.WriteString(st.Success.Render(common.Safe(m.note)) + "\n")
	case m.filter.On():
		b.WriteString(m.filter.View() + "\n")
	default:
		b.WriteString(st.Faint.Render(hints(m.filter.Keys.Start, m.keys.Open, m.keys.MarkRead, m.keys.MarkAllRead)) + "\n")
	}
	if len(m.items) == 0 {
		b.WriteString(st.Faint.Render("Nothing yet. Notifications for you appear here."))
		return b.String()
	}
	if len(m.shown) == 0 {
		b.WriteString(st.Faint.Render("No notification holds that text."))
		return b.String()
	}
	rows := m.rows()
	end := min(len(m.shown), m.top+rows)
	for i := m.top; i < end; i++ {
		b.WriteString(m.row(i) + "\n")
	}
	for i := end - m.top; i < rows; i++ {
		b.WriteString("\n")
	}
	n, _ := m.selected()
	b.WriteString(st.Faint.Render(strings.Repeat("─", max(1, m.width))) + "\n")
	body := textsafe.Block(n.Body)
	b.WriteString(lipgloss.NewStyle().Width(max(10, m.width)).MaxHeight(detailRows - 1).Render(body))
	return b.String()
}

// row draws the i-th shown notification.
func (m *Model) row(i int) string {
	st := m.c.Styles
	n := m.items[m.shown[i]]
	mark := "  "
	if n.ReadAt.IsZero() {
		mark = "● "
	}
	when := m.c.Local(n.CreatedAt).Format("02 Jan 15:04")
	title := textsafe.Truncate(common.Safe(n.Title), max(10, m.width-len(when)-5))
	line := mark + when + "  " + title
	switch {
	case i == m.cursor:
		return st.Selected.Render(line)
	case n.ReadAt.IsZero():
		return st.Bold.Render(line)
	}
	return st.Faint.Render(line)
}

// clickRow selects the notification under a click in the body.
func (m *Model) clickRow(y int) {
	// y is in the body's cells (the frame translated it), below the heading rows.
	i := m.top + y - headRows
	if y >= headRows && i < len(m.shown) && i < m.top+m.rows() {
		m.cursor = i
	}
}

// hints writes bindings' help on one line, drawn from the bindings themselves.
func hints(bs ...key.Binding) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = b.Help().Key + " " + b.Help().Desc
	}
	return strings.Join(parts, " · ")
}
