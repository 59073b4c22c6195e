package chart

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// item is a selectable chart entry: an allergy, a history entry or a medication.
type item struct {
	kind formKind
	id   int64
}

// buildItems lists the selectable entries in the order the chart draws them.
func (m *Model) buildItems() {
	var sel item
	if m.sel >= 0 && m.sel < len(m.items) {
		sel = m.items[m.sel]
	}
	m.items = m.items[:0]
	for _, a := range m.data.Allergies {
		m.items = append(m.items, item{formAllergy, a.ID})
	}
	for _, h := range m.data.History {
		m.items = append(m.items, item{formHistory, h.ID})
	}
	for _, c := range m.data.Medications {
		m.items = append(m.items, item{formMedication, c.ID})
	}
	m.sel = 0
	for i, it := range m.items {
		if it == sel {
			m.sel = i
		}
	}
}

// line is one drawn line of the chart's body; sel is its item's index, or -1.
type line struct {
	text string
	sel  int
}

// Age is whole years from a date of birth to now.
func Age(born, now time.Time) int {
	years := now.Year() - born.Year()
	if now.YearDay() < born.YearDay() {
		years--
	}
	return years
}

// header is the patient's line and the allergies, always on screen.
func (m *Model) header(w int) []string {
	st := m.c.Styles
	p := m.data.Patient
	who := fmt.Sprintf("%s %s · %s · %d y · %s · blood %s · %s", p.FirstName, p.LastName, p.Code,
		Age(p.DateOfBirth, m.c.Store.Now()), p.Sex, p.BloodGroup, p.Phone)
	lines := []string{st.Title.Render(textsafe.Truncate(who, w))}
	lines = append(lines, common.AllergyLine(st, m.data.Allergies, w))
	if p := m.data.Pregnancy; p.Status != "" {
		lines = append(lines, st.Warning.Render(textsafe.Truncate("⚠ "+capital(p.String())+": medicines to avoid warn", w)))
	}
	return lines
}

// capital is s with its first letter in upper case.
func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sectionTitle draws a section's heading.
func (m *Model) sectionTitle(lines []line, title string) []line {
	return append(lines, line{sel: -1}, line{text: m.c.Styles.Bold.Render(title), sel: -1})
}

// body builds the chart's scrolling part.
func (m *Model) body(w int) []line {
	st := m.c.Styles
	var lines []line
	idx := 0
	add := func(text string, selectable bool) {
		l := line{text: textsafe.Truncate(text, w-2), sel: -1}
		if selectable {
			l.sel = idx
			idx++
		}
		lines = append(lines, l)
	}
	lines = m.sectionTitle(lines, fmt.Sprintf("Allergies (%d)", len(m.data.Allergies)))
	if len(m.data.Allergies) == 0 {
		add("No known allergies.", false)
	}
	for _, a := range m.data.Allergies {
		l := line{text: st.Severity(a.Severity).Render(textsafe.Truncate(fmt.Sprintf("%-9s %s — %s", a.Severity, a.Allergen, a.Reaction), w-2)), sel: idx}
		idx++
		lines = append(lines, l)
	}
	lines = m.sectionTitle(lines, "Vital signs")
	for _, text := range m.vitalsLines() {
		add(text, false)
	}
	lines = m.sectionTitle(lines, fmt.Sprintf("Medical history (%d)", len(m.data.History)))
	for _, h := range m.data.History {
		text := fmt.Sprintf("%-8s %s", h.Status, h.Condition)
		if !h.DiagnosedOn.IsZero() {
			text += " · since " + h.DiagnosedOn.Format("Jan 2006")
		}
		if h.Notes != "" {
			text += " · " + h.Notes
		}
		add(text, true)
	}
	lines = m.sectionTitle(lines, fmt.Sprintf("Current medications (%d)", len(m.data.Medications)))
	for _, c := range m.data.Medications {
		text := strings.TrimSpace(fmt.Sprintf("%s %s %s", c.Name, c.Dosage, c.Frequency))
		if !c.EndedOn.IsZero() {
			text += " · until " + date(c.EndedOn)
		}
		if c.PrescribedBy != "" {
			text += " · by " + c.PrescribedBy
		}
		add(text, true)
	}
	lines = m.sectionTitle(lines, "Past visits")
	if len(m.visits) == 0 {
		add("None.", false)
	}
	for _, v := range m.visits {
		add(fmt.Sprintf("%s  %s  %-16s %s · %s", m.c.Local(v.Start).Format("2006-01-02 15:04"), v.Code,
			v.Status.Label(), v.DoctorName, v.Reason), false)
	}
	lines = m.sectionTitle(lines, "Prescriptions")
	if len(m.rxs) == 0 {
		add("None.", false)
	}
	for _, r := range m.rxs {
		var meds []string
		for _, med := range r.Medications {
			meds = append(meds, med.Name)
		}
		add(fmt.Sprintf("%s  %s  %-10s %s · %s", m.c.Local(r.CreatedAt).Format("2006-01-02"), r.Code, r.Status,
			r.Diagnosis, strings.Join(meds, ", ")), false)
	}
	return lines
}

// bodyRows is how many lines of the body fit under a header of head lines.
func (m *Model) bodyRows(head int) int { return max(1, m.height-head-1) }

// follow scrolls the body so that the selected entry is in view; Update and SetSize
// call it, so that View changes nothing.
func (m *Model) follow() {
	if !m.loaded {
		return
	}
	w := max(20, m.width)
	body := m.body(w)
	rows := m.bodyRows(len(m.header(w)))
	at := 0
	for i, l := range body {
		if l.sel == m.sel {
			at = i
		}
	}
	m.scroll = min(max(m.scroll, at-rows+1), at)
	m.scroll = max(0, min(m.scroll, len(body)-rows))
}

// View draws the chart, or the open form.
func (m *Model) View() string {
	st := m.c.Styles
	w := max(20, m.width)
	var b strings.Builder
	if !m.loaded {
		if m.failed {
			return st.Error.Render(textsafe.Truncate(m.message, w))
		}
		return st.Faint.Render("Opening the chart…")
	}
	head := m.header(w)
	for _, h := range head {
		b.WriteString(h + "\n")
	}
	if m.form != nil {
		b.WriteString("\n" + st.Bold.Render(formTitles[m.kind]) + "\n")
		b.WriteString(m.form.View() + "\n")
		m.writeMessage(&b, w)
		return b.String()
	}
	body := m.body(w)
	rows := m.bodyRows(len(head))
	for i := m.scroll; i < min(len(body), m.scroll+rows); i++ {
		l := body[i]
		if l.sel >= 0 && l.sel == m.sel {
			text := "▸ " + tuiPlain(l.text)
			b.WriteString(st.Selected.Render(text+strings.Repeat(" ", max(0, w-lipgloss.Width(text)))) + "\n")
			continue
		}
		b.WriteString("  " + l.text + "\n")
	}
	m.writeMessage(&b, w)
	return strings.TrimRight(b.String(), "\n")
}

func (m *Model) writeMessage(b *strings.Builder, w int) {
	st := m.c.Styles
	switch {
	case m.busy:
		b.WriteString(st.Faint.Render("Saving…"))
	case m.failed:
		b.WriteString(st.Error.Render(textsafe.Truncate(m.message, w)))
	case m.message != "":
		b.WriteString(st.Success.Render(textsafe.Truncate(m.message, w)))
	}
}
