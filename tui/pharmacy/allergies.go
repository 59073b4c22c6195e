package pharmacy

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicdesk/clinicdesk/store"
)

// flag asks the store which of the patient's allergies a prescription line's
// medication, with the item chosen for it, matches, and how it interacts with the
// prescription's other lines and the patient's other medications.
func (m *fulfil) flag(l *line) {
	if l.med == nil {
		return
	}
	this := store.DispensedLine(*l.med, l.item)
	l.allergies = store.MedicationWarnings(m.allergies, this)[0]
	l.warnings = store.LineWarnings(m.patient, store.PrescriptionContext(m.rx, l.med.ID, m.others), this)[0]
}

// allergyRows are a line's warnings, drawn under it: each matching allergy and each
// interaction in its severity's style, "not checked" for a line the drug table does not
// recognise, a dose above the adult maximum, a child's dose to confirm, then the doctor's override reason, wrapped to the width so no
// word of a warning is cut off.
func (m *fulfil) allergyRows(l *line, width int) []string {
	st := m.c.Styles
	var out []string
	add := func(style lipgloss.Style, text string) {
		wrapped := strings.Split(ansi.Wordwrap(text, max(20, width-6), ""), "\n")
		for i, w := range wrapped {
			indent := "    "
			if i > 0 {
				indent = "      "
			}
			out = append(out, style.Render(cell(indent+w, width)))
		}
	}
	needsOverride := len(l.allergies) > 0
	for _, match := range l.allergies {
		add(st.Severity(match.Severity), "⚠ ALLERGY: "+safe(match.String()))
	}
	for _, w := range l.warnings {
		switch w.Kind {
		case store.WarnInteraction:
			add(st.Severity(w.Severity), "⚠ INTERACTION: "+safe(w.String()))
		case store.WarnDose:
			add(st.Warning, "⚠ DOSE: "+safe(w.String()))
		case store.WarnPaediatric:
			add(st.Warning, "⚠ PAEDIATRIC: "+safe(w.String()))
		case store.WarnPregnancy:
			add(st.Warning, "⚠ PREGNANCY: "+safe(w.String()))
		default:
			add(st.Warning, "⚠ NOT CHECKED: "+safe(w.String()))
		}
		needsOverride = needsOverride || w.NeedsOverride()
	}
	if l.med != nil && l.med.AllergyOverrideReason != "" {
		if needsOverride {
			add(st.Warning, "Doctor's override: "+safe(l.med.AllergyOverrideReason))
		} else {
			add(st.Warning, "⚠ Override by the doctor: "+safe(l.med.AllergyOverrideReason))
		}
	}
	return out
}
