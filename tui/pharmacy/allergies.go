package pharmacy

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// warningRows are a line's warnings as the store works them out for the counter
// (store.DispenseWarnings), drawn under it: each matching allergy and each interaction
// in its severity's style, "not checked" for a medicine the drug table does not
// recognise, a dose above the adult maximum, a child's dose to confirm; then the
// doctor's override with what it was given against, and the pharmacist's review of a
// free-text line. Each is wrapped to the width so no word of a warning is cut off.
func warningRows(st *theme.Styles, l *line, width int) []string {
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
	for _, w := range l.warnings {
		switch w.Kind {
		case store.WarnAllergy:
			add(st.Severity(w.Severity), "⚠ ALLERGY: "+safe(w.Text))
		case store.WarnInteraction:
			add(st.Severity(w.Severity), "⚠ INTERACTION: "+safe(w.Text))
		case store.WarnDose:
			add(st.Warning, "⚠ DOSE: "+safe(w.Text))
		case store.WarnPaediatric:
			add(st.Warning, "⚠ PAEDIATRIC: "+safe(w.Text))
		case store.WarnPregnancy:
			add(st.Warning, "⚠ PREGNANCY: "+safe(w.Text))
		default:
			add(st.Warning, "⚠ NOT CHECKED: "+safe(w.Text))
		}
	}
	if l.med == nil {
		return out
	}
	if reason := l.med.AllergyOverrideReason; reason != "" {
		head := "Doctor's override"
		var what []string
		for _, o := range l.med.Overrides {
			what = append(what, store.WarningSummary(o.Kind, o.Text))
		}
		if len(what) > 0 {
			head += " (despite " + strings.Join(what, "; ") + ")"
		}
		add(st.Warning, head+": "+safe(reason))
	}
	switch r := l.med.Review; {
	case r != nil && r.ItemID != 0:
		add(st.Faint, "Mapped to "+safe(r.ItemName)+" by "+safe(r.PharmacistName)+": checked as that item.")
	case r != nil:
		add(st.Warning, "Confirmed as written by "+safe(r.PharmacistName)+": "+safe(r.Reason))
	case store.Unreviewed(*l.med):
		add(st.Error, "Review it before dispensing: i chooses the catalogue item it is, f confirms it as written.")
	}
	return out
}
