package common

import (
	"fmt"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// AllergyLine is the patient's allergies on one line of w columns, each in its
// severity's style: at the top of the chart, the prescription editor and the
// pharmacist's fulfilment, so whoever prescribes or dispenses always sees them.
func AllergyLine(st *theme.Styles, allergies []store.Allergy, w int) string {
	if len(allergies) == 0 {
		return st.Faint.Render("Allergies: none known")
	}
	out := st.Bold.Render("Allergies:")
	used := len("Allergies:")
	for i, a := range allergies {
		text := fmt.Sprintf(" %s (%s)", textsafe.Line(a.Allergen), a.Severity)
		if i < len(allergies)-1 {
			text += ","
		}
		if used+len([]rune(text)) > w {
			out += st.Faint.Render(fmt.Sprintf(" +%d more", len(allergies)-i))
			break
		}
		out += st.Severity(a.Severity).Render(text)
		used += len([]rune(text))
	}
	return out
}
