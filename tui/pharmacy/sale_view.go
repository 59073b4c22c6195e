package pharmacy

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"

	"github.com/clinicdesk/clinicdesk/internal/money"
)

// View draws the counter: the patient, the items with their batches and the total.
func (s *Sale) View() string {
	st := s.c.Styles
	if s.mode == salePrinting {
		return s.print.View()
	}
	var b strings.Builder
	who := "Anonymous sale (P: patient)"
	if s.patient.ID != 0 {
		who = "Patient: " + safe(s.patient.FirstName+" "+s.patient.LastName) + " (" + s.patient.Code + ")"
	}
	b.WriteString(st.Bold.Render("Walk-in sale · over-the-counter items") + "  " + st.Faint.Render(cell(who, max(10, s.width-40))) + "\n\n")
	switch s.mode {
	case salePicking:
		b.WriteString(s.picker.view(s.width) + "\n")
	case salePatient, salePaying:
		b.WriteString(s.form.View() + "\n")
		if s.busy {
			b.WriteString(st.Faint.Render("Saving…") + "\n")
		}
	case saleAcking:
		b.WriteString(s.form.View() + "\n")
		b.WriteString(s.ack.view(st, ackRows(s.c, s.lines, s.width), s.height-lineCount(b.String()), s.keys))
	default:
		s.drawLines(&b)
	}
	if s.message != "" {
		if s.failed {
			b.WriteString(st.Error.Render(safe(s.message)))
		} else {
			b.WriteString(st.Success.Render(safe(s.message)))
		}
	}
	return b.String()
}

func (s *Sale) drawLines(b *strings.Builder) {
	st := s.c.Styles
	if len(s.lines) == 0 {
		b.WriteString(st.Faint.Render("Nothing on the counter. Press a to add an item.") + "\n")
		return
	}
	nameW := max(12, s.width-40)
	b.WriteString(st.Faint.Render(cell("  Item", nameW+2)+rcell("Qty", 6)+rcell("Stock", 8)+rcell("Line total", 16)) + "\n")
	room := max(2, s.height-6)
	warnings := fitWarnings(st, s.lines, s.cursor, s.width, room)
	offset, used := s.cursor, 2+len(warnings[s.cursor])
	for offset > 0 && used+2+len(warnings[offset-1]) <= room {
		offset--
		used += 2 + len(warnings[offset])
	}
	used = 0
	for i := offset; i < len(s.lines) && (i == offset || used+2+len(warnings[i]) <= room); i++ {
		used += 2 + len(warnings[i])
		l := s.lines[i]
		marker := "  "
		if i == s.cursor {
			marker = "> "
		}
		row := marker + cell(itemLabel(l.item), nameW) + rcell(fmt.Sprint(l.qty()), 6) + rcell(fmt.Sprint(l.plan.Available()), 8) +
			rcell(money.Cents(l.totalCents()).Format(s.c.Settings.Currency), 16)
		if i == s.cursor {
			row = st.Selected.Render(row)
		}
		b.WriteString(row + "\n" + st.Faint.Render(cell("    "+l.batchText(), s.width)) + "\n")
		for _, w := range warnings[i] {
			b.WriteString(w + "\n")
		}
	}
	b.WriteString(st.Bold.Render("Total "+money.Cents(linesTotal(s.lines)).Format(s.c.Settings.Currency)) + "\n")
}

// ShortHelp lists the keys for the footer.
func (s *Sale) ShortHelp() []key.Binding {
	back := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	switch s.mode {
	case saleLines:
	case saleAcking:
		return []key.Binding{s.keys.WarningsDown, back}
	default:
		return []key.Binding{back}
	}
	out := []key.Binding{s.keys.Add, s.keys.Patient}
	if len(s.lines) > 0 {
		out = append(out, s.keys.More, s.keys.Digits, s.keys.Batch, s.keys.Remove, s.keys.Dispense)
	}
	if s.last != 0 {
		out = append(out, s.keys.Receipt, s.keys.Labels)
	}
	return out
}

// FullHelp lists every key of the sale.
func (s *Sale) FullHelp() [][]key.Binding {
	keys := [][]key.Binding{{s.keys.Add, s.keys.Patient, s.keys.More, s.keys.Batch, s.keys.Remove, s.keys.Dispense},
		{s.list.Up, s.list.Down, s.keys.Receipt, s.keys.Labels}}
	if s.mode == saleLines && len(s.lines) > 0 {
		// With a line selected, digits are its quantity, not a tab.
		keys = append(keys, []key.Binding{s.keys.Digits, s.keys.Erase})
	}
	return keys
}
