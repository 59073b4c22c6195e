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
	cur := m.c.Settings.Currency
	cash := func(c int64) string { return money.Cents(c).Format(cur) }
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
	lines := []string{st.Title.Render("Till · "+m.desk.String()+" · "+m.day.Format("Mon 2 Jan 2006")) +
		"  " + st.Faint.Render(state)}
	if m.mode == modeCount {
		lines = append(lines, st.Faint.Render("Count each method's takings. enter: next · esc: discard"),
			"", m.form.View())
	} else {
		lines = append(append(lines, ""), m.table(cash)...)
		lines = append(lines, "", st.Title.Render("Closed tills"))
		lines = append(lines, m.closedList(cash)...)
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

// table is the day's methods: expected, and once closed counted and difference.
func (m *Model) table(cash func(int64) string) []string {
	st := m.c.Styles
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

// closedList is the closed tills, newest first, as many as fit.
func (m *Model) closedList(cash func(int64) string) []string {
	st := m.c.Styles
	if len(m.closes) == 0 {
		return []string{st.Faint.Render("No till of this desk has been closed yet.")}
	}
	room := max(2, m.height-len(m.till.Lines)-12)
	top := max(0, min(m.cursor-room/2, len(m.closes)-room))
	var out []string
	for i := top; i < min(len(m.closes), top+room); i++ {
		t := m.closes[i]
		line := fmt.Sprintf("No. %s  %-15s %16s %16s", number(t.Number), t.Day.Format("Mon 2 Jan 2006"),
			cash(t.Expected()), cash(t.Counted()-t.Expected()))
		if i == m.cursor {
			line = st.Selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}
