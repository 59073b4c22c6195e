package notify

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// detailRows is the height of the selected notification's text under the list.
const detailRows = 4

// rows is how many notifications fit on the screen.
func (m *Model) rows() int { return max(1, m.height-detailRows-2) }

// View draws the visible page of notifications and the selected one's text.
func (m *Model) View() string {
	st := m.c.Styles
	var b strings.Builder
	head := st.Bold.Render("Notifications")
	if m.unread > 0 {
		head += "  " + st.Badge.Render(m.Badge())
	} else if len(m.items) > 0 {
		head += "  " + st.Faint.Render("Nothing unread")
	}
	b.WriteString(head + "\n")
	if m.err != "" {
		b.WriteString(st.Error.Render(common.Safe(m.err)) + "\n")
	}
	if len(m.items) == 0 {
		b.WriteString(st.Faint.Render("Nothing yet. Notifications for you appear here."))
		return b.String()
	}
	rows := m.rows()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+rows {
		m.top = m.cursor - rows + 1
	}
	end := min(len(m.items), m.top+rows)
	for i := m.top; i < end; i++ {
		b.WriteString(m.row(i) + "\n")
	}
	for i := end - m.top; i < rows; i++ {
		b.WriteString("\n")
	}
	n := m.items[m.cursor]
	b.WriteString(st.Faint.Render(strings.Repeat("─", max(1, m.width))) + "\n")
	body := textsafe.Block(n.Body)
	b.WriteString(lipgloss.NewStyle().Width(max(10, m.width)).MaxHeight(detailRows - 1).Render(body))
	return b.String()
}

func (m *Model) row(i int) string {
	st := m.c.Styles
	n := m.items[i]
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
	// y is in the body's cells (the frame translated it); the tab's heading takes a row.
	i := m.top + y - 1
	if i >= 0 && i < len(m.items) && i < m.top+m.rows() {
		m.cursor = i
	}
}
