package pharmacy

import (
	"fmt"
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
// free-text line. Each is wrapped to the width so no word of a warning is cut off, or,
// compact, takes one row cut at the width with the doctor's override first, so that a
// cut list keeps the reason (see fitWarnings).
func warningRows(st *theme.Styles, l *line, width int, compact bool) []string {
	var out []string
	add := func(style lipgloss.Style, text string) {
		if compact {
			out = append(out, style.Render(cell("    "+text, width)))
			return
		}
		wrapped := strings.Split(ansi.Wordwrap(text, max(20, width-6), ""), "\n")
		for i, w := range wrapped {
			indent := "    "
			if i > 0 {
				indent = "      "
			}
			out = append(out, style.Render(cell(indent+w, width)))
		}
	}
	if compact {
		overrideRow(st, l, add, true)
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
	if !compact {
		overrideRow(st, l, add, false)
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

// overrideRow adds the doctor's override of a prescribed line, with what it was given
// against: after the reason when compact (the reason must survive the cut), else before.
func overrideRow(st *theme.Styles, l *line, add func(lipgloss.Style, string), compact bool) {
	if l.med == nil || l.med.AllergyOverrideReason == "" {
		return
	}
	var what []string
	for _, o := range l.med.Overrides {
		what = append(what, store.WarningSummary(o.Kind, o.Text))
	}
	reason := safe(l.med.AllergyOverrideReason)
	switch {
	case len(what) == 0:
		add(st.Warning, "Doctor's override: "+reason)
	case compact:
		add(st.Warning, "Doctor's override: "+reason+" (despite "+strings.Join(what, "; ")+")")
	default:
		add(st.Warning, "Doctor's override (despite "+strings.Join(what, "; ")+"): "+reason)
	}
}

// fitWarnings are the warning rows of each line, wrapped; when the cursor's line (its
// two rows and its warnings) is taller than room, its warnings take one row each, cut
// at the width, and the last rows say how many more there are: the rows below the
// lines (the totals, the counter's message) stay on screen. Every warning is shown in
// full where the pharmacist acknowledges it.
func fitWarnings(st *theme.Styles, lines []*line, cursor, width, room int) [][]string {
	out := make([][]string, len(lines))
	for i, l := range lines {
		out[i] = warningRows(st, l, width, false)
	}
	if cursor >= len(lines) || 2+len(out[cursor]) <= room {
		return out
	}
	rows := warningRows(st, lines[cursor], width, true)
	if fit := max(2, room-2); len(rows) > fit {
		keep := fit - 1
		rows = append(rows[:keep], st.Warning.Render(cell(fmt.Sprintf("    … %d more; d lists every warning in full", len(rows)-keep), width)))
	}
	out[cursor] = rows
	return out
}
