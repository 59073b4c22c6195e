package admin

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

// change is one field of an audit row: its value before and after.
type change struct {
	field, old, new string
	changed         bool
}

// diff lists an audit row's fields, changed ones first, from its old and new JSON.
func diff(e store.AuditEntry) []change {
	old, new := decode(e.OldValues), decode(e.NewValues)
	fields := map[string]bool{}
	for k := range old {
		fields[k] = true
	}
	for k := range new {
		fields[k] = true
	}
	var out []change
	for f := range fields {
		o, oldOK := old[f]
		n, newOK := new[f]
		c := change{field: f, old: valueText(o, oldOK), new: valueText(n, newOK)}
		c.changed = c.old != c.new
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].changed != out[j].changed {
			return out[i].changed
		}
		return out[i].field < out[j].field
	})
	return out
}

func decode(s string) map[string]any {
	if s == "" {
		return nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) != nil {
		return map[string]any{"(value)": s}
	}
	return m
}

func valueText(v any, present bool) string {
	switch {
	case !present:
		return "—"
	case v == nil:
		return "(empty)"
	}
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return fmt.Sprint(v)
	case bool:
		return fmt.Sprint(v)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// diffView draws one audit row: who did what when, then each field old → new.
func (m *Audit) diffView(e store.AuditEntry) string {
	st := m.c.Styles
	var b strings.Builder
	b.WriteString(st.Bold.Render(fmt.Sprintf("Audit row %d · %s %s", e.ID, textsafe.Line(e.Action), textsafe.Line(e.Table))) + "\n")
	b.WriteString(st.Faint.Render(textsafeLine(fmt.Sprintf("%s by %s · row %s · patient %s",
		m.c.Local(e.At).Format("Mon 2 Jan 2006 15:04:05 MST"), actorName(e), idText(e.RowID), idText(e.PatientID)), m.width)) + "\n\n")
	changes := diff(e)
	fieldW := 22
	valueW := max(10, (m.width-fieldW-6)/2)
	limit := max(1, m.height-5)
	for i, c := range changes {
		if i >= limit {
			b.WriteString(st.Faint.Render(fmt.Sprintf("… %d more fields", len(changes)-i)) + "\n")
			break
		}
		line := pad(c.field, fieldW) + " " + pad(c.old, valueW) + " → " + textsafe.Truncate(c.new, valueW)
		if c.changed {
			line = st.Warning.Render(line)
		} else {
			line = st.Faint.Render(line)
		}
		b.WriteString(line + "\n")
	}
	switch {
	case e.ValuesHidden:
		b.WriteString(st.Faint.Render(textsafeWrapped("The values are a patient's record, which your role does not read: "+
			"this row shows who changed it, and when. v opens them, for a reason that is logged.", m.width)) + "\n")
	case len(changes) == 0:
		b.WriteString(st.Faint.Render("No values recorded.") + "\n")
	}
	return b.String()
}

// textsafeLine makes text safe and fits it to the width.
func textsafeLine(s string, width int) string { return textsafe.Truncate(s, max(10, width)) }

// textsafeWrapped makes text safe and wraps it at the width: for sentences the reader
// needs whole, such as why nothing can be saved.
func textsafeWrapped(s string, width int) string {
	return lipgloss.NewStyle().Width(max(10, width)).Render(textsafe.Line(s))
}
