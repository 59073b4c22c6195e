package pharmacy

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// view draws the open prescription, or the form, search or printout over it.
func (m *fulfil) view(width, height int) string {
	st := m.c.Styles
	switch {
	case m.mode == fulfilPrinting:
		return m.print.View()
	case !m.ready && m.failed:
		return st.Error.Render(common.Safe(m.message))
	case !m.ready:
		return st.Faint.Render("Opening the prescription…")
	}
	message := ansi.Wordwrap(common.Safe(m.message), max(20, width), "")
	var b strings.Builder
	b.WriteString(m.header(width))
	switch m.mode {
	case fulfilPaying, fulfilCancelling, fulfilReviewing:
		b.WriteString(m.form.View() + "\n")
		if m.busy {
			b.WriteString(st.Faint.Render("Saving…") + "\n")
		}
	case fulfilAcking:
		b.WriteString(m.form.View() + "\n")
		b.WriteString(m.ack.view(st, ackRows(m.c, m.lines, width), height-lineCount(b.String()), m.keys))
	case fulfilPicking:
		b.WriteString(st.Bold.Render("Dispense which item for "+safeMed(m.lines[m.cursor].med)+"?") + "\n")
		b.WriteString(m.picker.view(width) + "\n")
	default:
		// the column titles, the totals and the message's rows are under and over the lines
		below := 2 + max(1, lineCount(message)+1)
		b.WriteString(m.table(width, max(2, height-lineCount(b.String())-below)))
		b.WriteString(m.totals(width) + "\n")
	}
	if m.message != "" {
		if m.failed {
			b.WriteString(st.Error.Render(message))
		} else {
			b.WriteString(st.Success.Render(message))
		}
	}
	return b.String()
}

func lineCount(s string) int { return strings.Count(s, "\n") }

func safeMed(med *store.PrescribedMedication) string {
	name := med.Name
	if med.Strength != "" && !strings.Contains(strings.ToLower(name), strings.ToLower(med.Strength)) {
		name += " " + med.Strength
	}
	return textsafe.Truncate(name, 60)
}

func (m *fulfil) header(width int) string {
	st, rx := m.c.Styles, m.rx
	var b strings.Builder
	status := string(rx.Status)
	if m.f.ID != 0 {
		status += " · bill " + m.f.PaymentStatus
	}
	head := rx.Code + "  " + safe(rx.PatientName) + " (" + rx.PatientCode + ")  · " + safe(rx.DoctorName)
	b.WriteString(st.Bold.Render(cell(head, max(10, width-lipWidth(status)-1))) + " " +
		st.StatusColour(string(rx.Status)).Render(status) + "\n")
	b.WriteString(common.AllergyLine(st, m.allergies, width) + "\n")
	if line, warn := m.validityLine(); line != "" {
		style := st.Faint
		if warn {
			style = st.Error
		}
		b.WriteString(style.Render(cell(safe(line), width)) + "\n")
	}
	if rx.Diagnosis != "" {
		b.WriteString(st.Faint.Render(cell("Diagnosis: "+safe(rx.Diagnosis), width)) + "\n")
	}
	for _, t := range rx.Tests {
		if t.Priority != store.TestRoutine {
			b.WriteString(st.Warning.Render(cell("! "+strings.ToUpper(string(t.Priority))+" test: "+safe(t.Name), width)) + "\n")
		}
	}
	return b.String() + "\n"
}

// table draws two rows per medication: what and how much, then directions and batches;
// under it, its warnings, the doctor's override and the pharmacist's review
// (warningRows). The window ends at the cursor's line when it does not fit.
func (m *fulfil) table(width, rows int) string {
	st := m.c.Styles
	nameW := max(12, width-44)
	var b strings.Builder
	b.WriteString(st.Faint.Render(cell("  Medication", nameW+2)+rcell("Dispensed", 12)+rcell("Now", 6)+rcell("Line total", 16)+
		rcell("Stock", 8)) + "\n")
	warnings := fitWarnings(st, m.lines, m.cursor, width, rows)
	height := func(i int) int { return 2 + len(warnings[i]) }
	offset, used := m.cursor, 0
	for offset > 0 && used+height(offset)+height(offset-1) <= rows {
		used += height(offset)
		offset--
	}
	used = 0
	for i := offset; i < len(m.lines) && (i == offset || used+height(i) <= rows); i++ {
		l := m.lines[i]
		used += height(i)
		marker := "  "
		if i == m.cursor {
			marker = "> "
		}
		done := fmt.Sprintf("%d of %d", l.med.Dispensed, l.med.Quantity*max(1, l.med.Fills))
		stock := "—"
		if l.item.ID != 0 {
			stock = fmt.Sprint(l.plan.Available())
		}
		name := safeMed(l.med)
		if l.item.ID == 0 && store.Unrecognised(*l.med) {
			// not checked for allergies or interactions (a mapped line is checked as its item)
			name = "⚠ " + name
		}
		row := marker + cell(name, nameW) + rcell(done, 12) + rcell(fmt.Sprint(l.qty()), 6) +
			rcell(money.Cents(l.totalCents()).Format(m.c.Settings.Currency), 16) + rcell(stock, 8)
		if i == m.cursor {
			row = st.Selected.Render(row)
		}
		b.WriteString(row + "\n")
		b.WriteString(st.Faint.Render(cell("    "+m.detail(l), width)) + "\n")
		for _, w := range warnings[i] {
			b.WriteString(w + "\n")
		}
	}
	return b.String()
}

// detail is a line's second row: directions, the item and where the stock comes from.
func (m *fulfil) detail(l *line) string {
	dir := strings.TrimSpace(strings.Join([]string{l.med.Dosage, drugs.FrequencyText(l.med.Frequency), days(l.med.DurationDays)}, " "))
	switch {
	case l.med.Quantity <= l.med.Dispensed:
		return safe(dir) + " · all dispensed"
	case l.item.ID == 0:
		if l.med.Review != nil {
			return safe(dir) + " · written as free text, confirmed as written"
		}
		return safe(dir) + " · written as free text: " + m.keys.Item.Help().Key + " chooses the item, " +
			m.keys.AsWritten.Help().Key + " confirms it as written"
	case l.med.InventoryItemID == 0:
		return safe(dir) + " · " + itemLabel(l.item) + " · " + safe(l.batchText())
	}
	return safe(dir) + " · " + safe(l.batchText())
}

func days(n int) string {
	if n <= 0 {
		return ""
	}
	if n == 1 {
		return "for 1 day"
	}
	return fmt.Sprintf("for %d days", n)
}

func (m *fulfil) totals(width int) string {
	cur := m.c.Settings.Currency
	out := "This dispense: " + money.Cents(linesTotal(m.lines)).Format(cur)
	if m.f.ID != 0 {
		out += fmt.Sprintf(" · bill so far %s, paid %s (%s)", money.Cents(m.f.TotalCents).Format(cur),
			money.Cents(m.f.AmountPaidCents).Format(cur), m.f.PaymentStatus)
		if m.f.Status == store.FulfilmentCancelled {
			out += " · cancelled: " + safe(m.f.CancelReason)
		}
	}
	return m.c.Styles.Bold.Render(cell(out, width))
}

// validityLine says whether the prescription can still be dispensed: withdrawn by the
// doctor, expired, or valid until when with its refills; warn marks the first two.
func (m *fulfil) validityLine() (text string, warn bool) {
	rx := m.rx
	switch {
	case rx.Status == store.PrescriptionCancelled:
		return "WITHDRAWN by the doctor: " + rx.CancelReason + ". Nothing more can be dispensed.", true
	case rx.ValidUntil.IsZero():
		return "", false
	case m.expired():
		return "EXPIRED on " + m.c.Local(rx.ValidUntil).Format("2006-01-02 15:04") +
			": it cannot be dispensed; the doctor must write a new prescription.", true
	}
	text = "Valid until " + m.c.Local(rx.ValidUntil).Format("2006-01-02 15:04")
	if rx.RefillsAllowed > 0 {
		left := rx.RefillsAllowed
		for _, med := range rx.Medications {
			if med.InventoryItemID != 0 {
				left = min(left, med.RefillsLeft())
			}
		}
		text += " · " + plural.S(rx.RefillsAllowed, "refill") + ", " + strconv.Itoa(left) + " left"
	}
	return text, false
}
