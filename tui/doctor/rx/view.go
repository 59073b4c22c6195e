package rx

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// View draws the editor in its mode. The patient's allergies are on every view but
// the sketchpad's, which needs the room.
func (m *Model) View() string {
	st := m.c.Styles
	w := max(20, m.width)
	if !m.loaded && m.mode == modeReason {
		a := m.appt
		title := fmt.Sprintf("New prescription · %s (%s) · %s", a.PatientName, a.PatientCode, a.Code)
		return st.Title.Render(textsafe.Truncate(title, w)) + "\n" +
			warning(st.Warning, textsafe.Line(m.message), w) + "\n" + m.form.View()
	}
	if !m.loaded {
		if m.failed {
			return st.Error.Render(textsafe.Truncate(m.message, w))
		}
		return st.Faint.Render("Opening the prescription…")
	}
	if m.mode == modeSketch {
		return m.pad.View()
	}
	var b strings.Builder
	r := m.rx
	title := fmt.Sprintf("%s · %s · %s (%s)", r.Code, r.Status, r.PatientName, r.PatientCode)
	b.WriteString(st.Title.Render(textsafe.Truncate(title, w)) + "\n")
	b.WriteString(common.AllergyLine(st, m.allergies, w) + "\n")
	switch m.mode {
	case modePick:
		m.pickView(&b, w)
	case modeMedication:
		m.medicationView(&b, w)
	case modeFavourites:
		m.favouritesView(&b, w)
	case modeDiagnosis, modeTest, modeFavName, modeSubmit, modeWithdraw:
		b.WriteString("\n" + m.form.View() + "\n")
	case modePrint:
		b.WriteString(m.printout.View() + "\n")
	default:
		m.mainView(&b, w)
	}
	switch {
	case m.busy:
		b.WriteString(st.Faint.Render("Saving…"))
	case m.failed:
		b.WriteString(st.Error.Render(textsafe.Truncate(m.message, w)))
	case m.message != "":
		b.WriteString(st.Success.Render(textsafe.Truncate(m.message, w)))
	}
	return strings.TrimRight(b.String(), "\n")
}

// mainView is the prescription: diagnosis, medication and test lines, the sketch.
func (m *Model) mainView(b *strings.Builder, w int) {
	st := m.c.Styles
	r := m.rx
	diagnosis := m.diagnosis
	if diagnosis == "" {
		diagnosis = st.Faint.Render("(none yet: d)")
	} else {
		diagnosis = textsafe.Truncate(diagnosis, w-12)
	}
	b.WriteString(st.Bold.Render("Diagnosis: ") + diagnosis + "\n")
	if v := validityText(r, m.c.Local); v != "" {
		b.WriteString(st.Faint.Render(textsafe.Truncate(v, w)) + "\n")
	}
	if r.NoConsultationReason != "" {
		b.WriteString(st.Warning.Render(textsafe.Truncate("Written outside a consultation: "+r.NoConsultationReason, w)) + "\n")
	}
	if r.Status == store.PrescriptionCancelled && r.CancelReason != "" {
		b.WriteString(st.Warning.Render(textsafe.Truncate("Withdrawn: "+r.CancelReason, w)) + "\n")
	}
	if m.notes != "" {
		b.WriteString(st.Faint.Render(textsafe.Truncate("Notes: "+m.notes, w)) + "\n")
	}
	b.WriteString(st.Bold.Render(fmt.Sprintf("Medications (%d)", len(r.Medications))) + "\n")
	if len(r.Medications) == 0 {
		b.WriteString(st.Faint.Render("  none yet: a adds one") + "\n")
	}
	for i, med := range r.Medications {
		b.WriteString(m.lineView(i, medicationText(med), w) + "\n")
	}
	b.WriteString(st.Bold.Render(fmt.Sprintf("Tests (%d)", len(r.Tests))) + "\n")
	for i, t := range r.Tests {
		text := fmt.Sprintf("%s · %s", t.Name, t.Priority)
		if t.Instructions != "" {
			text += " · " + t.Instructions
		}
		b.WriteString(m.lineView(len(r.Medications)+i, text, w) + "\n")
	}
	used := strings.Count(b.String(), "\n")
	if room := m.height - used - 2; room > 1 {
		sketch := m.sketch
		if sketch == "" {
			b.WriteString(st.Faint.Render("Sketch: empty (s opens the sketchpad)") + "\n")
			return
		}
		b.WriteString(st.Bold.Render("Sketch") + "\n")
		rows := strings.Split(sketch, "\n")
		for i, row := range rows {
			if i == room-1 && len(rows) > room {
				b.WriteString(st.Faint.Render(fmt.Sprintf("  … %d more rows (s)", len(rows)-i)) + "\n")
				break
			}
			b.WriteString("  " + textsafe.Truncate(row, w-2) + "\n")
		}
	}
}

// validityText says until when a submitted prescription may be dispensed and its
// refills; "" for a draft.
func validityText(r store.Prescription, local func(time.Time) time.Time) string {
	if r.ValidUntil.IsZero() {
		return ""
	}
	return fmt.Sprintf("Valid until %s · %s", local(r.ValidUntil).Format("2006-01-02 15:04"),
		plural.S(r.RefillsAllowed, "refill"))
}

// medicationText is a medication line in words.
func medicationText(med store.PrescribedMedication) string {
	parts := []string{FullName(med.Name, med.Strength, med.Form)}
	unrecognised := store.Unrecognised(med)
	if med.AllergyOverrideReason != "" || unrecognised {
		parts[0] = "⚠ " + parts[0]
	}
	if unrecognised {
		// first, so that a narrow screen's cut never hides it
		parts = append(parts, "not checked for allergies or interactions")
	}
	for _, s := range []string{med.Dosage, med.Frequency} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if med.DurationDays > 0 {
		parts = append(parts, plural.S(med.DurationDays, "day"))
	}
	parts = append(parts, med.Route, fmt.Sprintf("qty %d", med.Quantity))
	if med.InventoryItemID == 0 {
		parts = append(parts, "not stocked")
	}
	if med.Chronic {
		parts = append(parts, "chronic")
	}
	if med.Instructions != "" {
		parts = append(parts, med.Instructions)
	}
	if med.AllergyOverrideReason != "" {
		parts = append(parts, "override: "+med.AllergyOverrideReason)
	}
	return strings.Join(parts, " · ")
}

// lineView draws a medication or test line, highlighted under the cursor.
func (m *Model) lineView(i int, text string, w int) string {
	st := m.c.Styles
	if i == m.sel && m.mode == modeView {
		// The selected line shows all of itself, wrapped: its instructions and override
		// are what a line cut at the width would hide.
		return st.Selected.Width(max(10, w)).Render("▸ " + common.Safe(text))
	}
	return "  " + textsafe.Truncate(text, w-2)
}

// pickView is the catalogue search and its matches, in-stock first.
func (m *Model) pickView(b *strings.Builder, w int) {
	st := m.c.Styles
	b.WriteString("\n" + st.Bold.Render("Add a medication") + "\n")
	b.WriteString(m.search.View() + "\n")
	if len(m.results) == 0 {
		b.WriteString(st.Faint.Render("  No match in the catalogue. ctrl+t writes it as free text.") + "\n")
	}
	for i, it := range m.results {
		stock := fmt.Sprintf("stock %d %s", it.CurrentStock, it.Unit)
		if it.CurrentStock == 0 {
			stock = "out of stock"
		}
		if !it.NearestExpiry.IsZero() {
			stock += " · exp " + it.NearestExpiry.Format("2006-01-02")
		}
		text := fmt.Sprintf("%s (%s) · %s", FullName(it.Name, it.Strength, it.Form), it.GenericName, stock)
		if m.resultWarn[i] {
			text = "⚠ " + text
		}
		text = textsafe.Truncate(text, w-2)
		switch {
		case i == m.resultSel:
			text = "▸ " + text
			b.WriteString(st.Selected.Render(text+strings.Repeat(" ", max(0, w-lipgloss.Width(text)))) + "\n")
		case it.CurrentStock == 0:
			b.WriteString(st.Faint.Render("  "+text) + "\n")
		default:
			b.WriteString("  " + text + "\n")
		}
	}
}

// medicationView is the picked medicine, any allergy warning, and its form.
func (m *Model) medicationView(b *strings.Builder, w int) {
	b.WriteString(m.medicationHead(w))
	b.WriteString(m.form.View() + "\n")
}

// medicationHead is what the medication form is drawn under: the medicine's name and
// each of its warnings, wrapped to the width.
func (m *Model) medicationHead(w int) string {
	st := m.c.Styles
	f := m.med
	name := FullName(f.name, f.strength, f.form)
	if f.itemID == 0 {
		name += " (not stocked)"
	}
	var b strings.Builder
	b.WriteString("\n" + st.Bold.Render(textsafe.Truncate(name, w)) + "\n")
	for _, match := range m.matches {
		b.WriteString(warning(st.Severity(match.Severity), "⚠ ALLERGY: "+textsafe.Line(match.String()), w))
	}
	severe := false
	for _, lw := range m.warnings {
		b.WriteString(lineWarning(st, lw, w))
		severe = severe || lw.NeedsOverride()
	}
	if m.override && len(m.matches) == 0 && !severe {
		b.WriteString(warning(st.Error, "⚠ The store's records give this medicine a warning that needs a reason to prescribe it anyway.", w))
	}
	return b.String()
}

// lineWarning draws one of the store's line warnings, labelled by its kind.
func lineWarning(st *theme.Styles, lw store.LineWarning, w int) string {
	switch lw.Kind {
	case store.WarnInteraction:
		return warning(st.Severity(lw.Severity), "⚠ INTERACTION: "+textsafe.Line(lw.String()), w)
	case store.WarnDose:
		return warning(st.Warning, "⚠ DOSE: "+textsafe.Line(lw.String()), w)
	case store.WarnPaediatric:
		return warning(st.Warning, "⚠ PAEDIATRIC: "+textsafe.Line(lw.String()), w)
	case store.WarnPregnancy:
		return warning(st.Warning, "⚠ PREGNANCY: "+textsafe.Line(lw.String()), w)
	}
	return warning(st.Warning, "⚠ NOT CHECKED: "+textsafe.Line(lw.String()), w)
}

// warning draws a warning wrapped at word boundaries to the width, later lines indented
// under its text, so no part of it is cut off.
func warning(style lipgloss.Style, text string, w int) string {
	var b strings.Builder
	for i, line := range strings.Split(ansi.Wordwrap(text, max(20, w-2), ""), "\n") {
		if i > 0 {
			line = "  " + line
		}
		b.WriteString(style.Render(textsafe.Truncate(line, w)) + "\n")
	}
	return b.String()
}

// favouritesView lists the doctor's favourites.
func (m *Model) favouritesView(b *strings.Builder, w int) {
	st := m.c.Styles
	b.WriteString("\n" + st.Bold.Render("Favourites: enter adds every medication of one") + "\n")
	for i, f := range m.favs {
		var names []string
		for _, it := range f.Items {
			names = append(names, it.Name)
		}
		text := textsafe.Truncate(fmt.Sprintf("%s — %s", f.Name, strings.Join(names, ", ")), w-2)
		if i == m.favSel {
			text = "▸ " + text
			b.WriteString(st.Selected.Render(text+strings.Repeat(" ", max(0, w-lipgloss.Width(text)))) + "\n")
			continue
		}
		b.WriteString("  " + text + "\n")
	}
}

// FullName is a medicine's name with its strength and form, each unless the name
// already says it ("Amoxicillin 500 mg capsule" stays as it is).
func FullName(name, strength, form string) string {
	lower := strings.ToLower(name)
	for _, part := range []string{strength, form} {
		if part != "" && !strings.Contains(lower, strings.ToLower(part)) {
			name += " " + part
		}
	}
	return strings.TrimSpace(name)
}
