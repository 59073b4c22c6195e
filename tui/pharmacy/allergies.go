package pharmacy

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicdesk/clinicdesk/store"
)

// flag asks the store which of the patient's allergies a prescription line's
// medication, with the item chosen for it, matches.
func (m *fulfil) flag(l *line) {
	if l.med == nil {
		return
	}
	l.allergies = store.MedicationWarnings(m.allergies, store.DispensedLine(*l.med, l.item))[0]
}

// allergyRows are a line's warnings, drawn under it: each matching allergy in its
// severity's style, then the doctor's override reason, wrapped to the width so no
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
	for _, match := range l.allergies {
		add(st.Severity(match.Severity), "⚠ ALLERGY: "+safe(match.String()))
	}
	if l.med != nil && l.med.AllergyOverrideReason != "" {
		if len(l.allergies) == 0 {
			add(st.Warning, "⚠ Allergy override by the doctor: "+safe(l.med.AllergyOverrideReason))
		} else {
			add(st.Warning, "Doctor's override: "+safe(l.med.AllergyOverrideReason))
		}
	}
	return out
}
