package queue

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

// headerRows are the lines above the list: the title, the filter while it is typed or
// applies, and the column heads.
func (m *Model) headerRows() int {
	if m.filter.View() != "" {
		return 3
	}
	return 2
}

// rows is how many appointments fit on screen.
func (m *Model) rows() int { return max(1, m.height-m.headerRows()-1) }

// scroll keeps the cursor's row on screen.
func (m *Model) scroll() {
	n := m.rows()
	m.top = min(max(m.top, m.cursor-n+1), m.cursor)
	m.top = max(0, min(m.top, len(m.list)-n))
}

// click selects the row under a left click; y is relative to the queue's top.
func (m *Model) click(msg tea.MouseMsg) {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
		return
	}
	top := m.headerRows()
	i := m.top + msg.Y - top
	if msg.Y >= top && i >= 0 && i < len(m.list) {
		m.cursor = i
	}
}

// Waiting is how long a checked-in patient has waited, in words.
func Waiting(since, now time.Time) string {
	d := now.Sub(since)
	switch {
	case d < time.Minute:
		return "just arrived"
	case d < time.Hour:
		return fmt.Sprintf("waiting %d min", int(d.Minutes()))
	}
	return fmt.Sprintf("waiting %dh %02dm", int(d.Hours()), int(d.Minutes())%60)
}

// View draws the day's list, windowed to the rows on screen.
func (m *Model) View() string {
	st := m.c.Styles
	var b strings.Builder
	waiting := 0
	for _, a := range m.all {
		if a.Status == store.AppointmentCheckedIn {
			waiting++
		}
	}
	title := fmt.Sprintf("Today, %s · %s · %d waiting", m.c.Local(m.now).Format("Mon 2 Jan"), plural.S(len(m.all), "appointment"), waiting)
	if !m.loaded {
		title = "Today's queue"
	}
	b.WriteString(st.Bold.Render(title) + "\n")
	if f := m.filter.View(); f != "" {
		b.WriteString(f + st.Faint.Render(fmt.Sprintf("  %d of %d", len(m.list), len(m.all))) + "\n")
	}
	w := max(20, m.width)
	b.WriteString(st.Faint.Render(textsafe.Truncate(columns(w, "  ", "Time", "Code", "Patient", "Status", "Reason"), w)) + "\n")
	switch {
	case !m.loaded && !m.failed:
		b.WriteString(st.Faint.Render("Loading…") + "\n")
	case m.loaded && len(m.all) == 0:
		b.WriteString(st.Faint.Render("No appointments today.") + "\n")
	case m.loaded && len(m.list) == 0:
		b.WriteString(st.Faint.Render("No appointment today matches the filter.") + "\n")
	}
	end := min(len(m.list), m.top+m.rows())
	for i := m.top; i < end; i++ {
		b.WriteString(m.row(i, w) + "\n")
	}
	switch {
	case m.busy:
		b.WriteString(st.Faint.Render("Working…"))
	case m.failed:
		b.WriteString(st.Error.Render(textsafe.Truncate(m.message, w)))
	case m.message != "":
		b.WriteString(st.Success.Render(textsafe.Truncate(m.message, w)))
	}
	return b.String()
}

// columns lays out a row of the day's list. Below 100 columns the appointment code
// gives way, so that the visit's reason still shows at 80.
func columns(w int, marker, at, code, patient, status, reason string) string {
	if w < 100 {
		return fmt.Sprintf("%s%-5s  %-24s  %-28s  %s", marker, at, patient, status, reason)
	}
	return fmt.Sprintf("%s%-5s  %-10s  %-24s  %-28s  %s", marker, at, code, patient, status, reason)
}

func (m *Model) row(i, w int) string {
	st := m.c.Styles
	a := m.list[i]
	status := a.Status.Label()
	marker := "  "
	switch a.Status {
	case store.AppointmentCheckedIn:
		status += " · " + Waiting(a.CheckedInAt, m.now)
		marker = "● "
	case store.AppointmentInConsultation:
		marker = "▶ "
	}
	patient := textsafe.Truncate(a.PatientName, 24)
	text := columns(w, marker, m.c.Local(a.Start).Format("15:04"), a.Code, patient, status, textsafe.Line(a.Reason))
	text = textsafe.Truncate(text, w)
	if i == m.cursor {
		return st.Selected.Render(text + strings.Repeat(" ", max(0, w-lipgloss.Width(text))))
	}
	return st.StatusColour(string(a.Status)).Render(text)
}

// ShortHelp lists the queue's main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.filter.Typing() {
		return m.filter.Help()
	}
	return append([]key.Binding{k.Open, k.Start, k.Rx, k.Complete}, m.filter.Help()...)
}

// FullHelp lists every key of the queue.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	if m.filter.Typing() {
		return [][]key.Binding{m.filter.Help()}
	}
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End}, {k.Open, k.Start, k.Rx, k.Complete}, m.filter.Help()}
}
