package till

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

func methodName(m store.PaymentMethod) string {
	switch m {
	case store.PaymentUPI:
		return "UPI"
	case store.PaymentCash:
		return "Cash"
	case store.PaymentCard:
		return "Card"
	case store.PaymentInsurance:
		return "Insurance"
	}
	return "Other"
}

func number(n int64) string { return fmt.Sprintf("%06d", n) }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// View draws the day's till, or the count, or a closed till's report.
func (m *Model) View() string {
	if m.mode == modeReport {
		return m.report.View()
	}
	st := m.c.Styles
	lines := []string{m.titleLine()}
	if m.mode == modeCount {
		lines = append(lines, st.Faint.Render("Count each method's takings. enter: next · esc: discard"),
			"", m.form.View())
	} else {
		lines = append(m.aboveCloses(), m.closedList()...)
	}
	if m.message != "" {
		style := st.Success
		if m.isError {
			style = st.Error
		}
		lines = append(lines, "", style.Render(common.Safe(m.message)))
	}
	return lipgloss.NewStyle().MaxHeight(max(1, m.height)).Render(strings.Join(lines, "\n"))
}

func (m *Model) cash(c int64) string { return money.Cents(c).Format(m.c.Settings.Currency) }

// aboveCloses is every line above the closed tills' rows: the day's till, the list's
// title, its filter when it is typed or applies, and its columns' names.
func (m *Model) aboveCloses() []string {
	st := m.c.Styles
	lines := append(append([]string{m.titleLine(), ""}, m.table()...), "", st.Title.Render("Closed tills"))
	if f := m.filter.View(); f != "" {
		lines = append(lines, f+st.Faint.Render(fmt.Sprintf("  %d of %d", len(m.shown), len(m.closes))))
	}
	if len(m.shown) > 0 {
		// Named, as a bare "INR 0.00" after the day's takings read as nothing counted.
		lines = append(lines, st.Faint.Render(closedRow("Report", "Day", "Expected", "Difference")))
	}
	return lines
}

// closedRow lays out a closed till's line: its report, day, expected and difference.
func closedRow(report, day, expected, difference string) string {
	return fmt.Sprintf("%-10s  %-15s %16s %16s", report, day, expected, difference)
}

// closesTop is the body's line of the first closed till drawn: a click there selects it.
func (m *Model) closesTop() int { return len(m.aboveCloses()) }

// titleLine names the desk and the day, and says how its till stands.
func (m *Model) titleLine() string {
	st := m.c.Styles
	state := "open"
	switch {
	case !m.loaded:
		state = "reading…"
	case m.till.Closed:
		state = "closed · report No. " + number(m.till.Number)
	case m.till.OpenDayNow:
		state = "open · takes today's money"
	case !m.till.CanClose:
		state = "not begun"
	}
	return st.Title.Render("Till · "+m.desk.String()+" · "+m.day.Format("Mon 2 Jan 2006")) + "  " + st.Faint.Render(state)
}

// table is the day's methods: expected, and once closed counted and difference.
func (m *Model) table() []string {
	st, cash := m.c.Styles, m.cash
	row := func(a, b, c, d string) string { return fmt.Sprintf("%-12s %16s %16s %16s", a, b, c, d) }
	out := []string{st.Faint.Render(row("Method", "Expected", "Counted", "Difference"))}
	for _, l := range m.till.Lines {
		counted, diff := "", ""
		if m.till.Closed {
			counted, diff = cash(l.Counted), cash(l.Difference())
		}
		out = append(out, row(methodName(l.Method), cash(l.Expected), counted, diff))
	}
	total := row("Total", cash(m.till.Expected()), "", "")
	if m.till.Closed {
		total = row("Total", cash(m.till.Expected()), cash(m.till.Counted()), cash(m.till.Counted()-m.till.Expected()))
	}
	out = append(out, st.Faint.Render(strings.Repeat("─", 63)), total)
	facts := plural(m.till.Payments, "payment", "payments")
	if m.till.Refunds != 0 {
		facts += " · refunded " + cash(m.till.Refunds)
	}
	if m.till.Waived != 0 {
		facts += " · waived " + cash(m.till.Waived) + " (not in the till)"
	}
	out = append(out, st.Faint.Render(facts))
	if m.till.Closed {
		out = append(out, st.Faint.Render("Closed by "+common.Safe(m.till.ClosedBy)+" at "+
			m.c.Local(m.till.ClosedAt).Format("15:04 on 2 Jan")))
		if m.till.Reason != "" {
			out = append(out, st.Faint.Render("Reason: ")+common.Safe(m.till.Reason))
		}
	}
	return out
}

// closesWindow is the first closed till drawn and how many fit below the lines above
// them and above a message: the list scrolls to keep the selected one near the middle.
func (m *Model) closesWindow() (top, room int) {
	room = m.height - len(m.aboveCloses())
	if m.message != "" {
		room -= 2 // a blank line and the message
	}
	room = max(2, room)
	return max(0, min(m.cursor-room/2, len(m.shown)-room)), room
}

// closedList is the closed tills the filter lets through, newest first, as many as fit.
func (m *Model) closedList() []string {
	st, cash := m.c.Styles, m.cash
	switch {
	case len(m.closes) == 0:
		return []string{st.Faint.Render("No till of this desk has been closed yet.")}
	case len(m.shown) == 0:
		return []string{st.Faint.Render("No closed till matches the filter.")}
	}
	top, room := m.closesWindow()
	var out []string
	for i := top; i < min(len(m.shown), top+room); i++ {
		t := m.shown[i]
		line := closedRow("No. "+number(t.Number), t.Day.Format("Mon 2 Jan 2006"), cash(t.Expected()),
			cash(t.Counted()-t.Expected()))
		if i == m.cursor {
			line = st.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}
