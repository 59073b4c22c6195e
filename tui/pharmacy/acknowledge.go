package pharmacy

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// toAcknowledge counts the warnings of the lines about to be handed over, and whether
// any needs the pharmacist's note (a blocking one no doctor's override covers).
func toAcknowledge(lines []*line) (warnings int, needsNote bool) {
	for _, l := range lines {
		if l.item.ID == 0 || l.qty() == 0 {
			continue
		}
		warnings += len(l.warnings)
		for _, w := range l.warnings {
			needsNote = needsNote || w.NeedsNote()
		}
	}
	return warnings, needsNote
}

// ackForm asks the pharmacist, who has the warnings on screen, to acknowledge them: a
// note saying why the lines are handed over anyway, required when a warning needs one.
func ackForm(c *common.Common, warnings int, needsNote bool, note *string) *huh.Form {
	// The description stays within one row: the form sizes itself before it wraps.
	title := fmt.Sprintf("Acknowledge %s before handing over", plural.S(warnings, "warning"))
	desc := "Listed below. A note is optional; enter acknowledges them."
	if needsNote {
		desc = "No doctor's override covers one: say why you hand it over."
	}
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().Title(title).Description(desc).Value(note).Validate(func(s string) error {
			if needsNote && strings.TrimSpace(s) == "" {
				return errors.New("A note is required: say why it is handed over despite the warning.")
			}
			if len([]rune(strings.TrimSpace(s))) > 500 {
				return errors.New("The note must be at most 500 characters.")
			}
			return nil
		}),
	)).WithTheme(c.Styles.Form).WithShowHelp(false).WithWidth(min(70, max(30, c.Width)))
}

// ackPane is the list of warnings under the acknowledgement's form, scrolled when it
// is longer than the rows the form leaves (at 80×24 two lines with an allergy and
// interactions are), so the pharmacist can read every warning they acknowledge.
type ackPane struct{ top int }

// ackStep is how many rows a key scrolls the list.
const ackStep = 5

// scroll moves the list for the warnings' keys (false for any other key), keeping a
// few of its total rows in view; the view keeps the window within the list.
func (p *ackPane) scroll(msg tea.KeyMsg, k keys.Fulfil, total int) bool {
	switch {
	case key.Matches(msg, k.WarningsDown):
		p.top = min(p.top+ackStep, max(0, total-3))
	case key.Matches(msg, k.WarningsUp):
		p.top = max(0, p.top-ackStep)
	default:
		return false
	}
	return true
}

// view draws the rows of the list that fit in room, the last of them saying which rows
// are shown when the list is longer.
func (p ackPane) view(st *theme.Styles, rows []string, room int, k keys.Fulfil) string {
	if len(rows) <= room {
		return strings.Join(rows, "\n") + "\n"
	}
	fit := max(1, room-1)
	top := min(p.top, len(rows)-fit)
	where := fmt.Sprintf("  rows %d–%d of %d · %s %s", top+1, top+fit, len(rows), k.WarningsDown.Help().Key,
		k.WarningsDown.Help().Desc)
	return strings.Join(rows[top:top+fit], "\n") + "\n" + st.Faint.Render(where) + "\n"
}

// ackRows are the rows of ackList.
func ackRows(c *common.Common, lines []*line, width int) []string {
	return strings.Split(strings.TrimSuffix(ackList(c, lines, width), "\n"), "\n")
}

// ackList is the warnings of the lines about to be handed over, under the item each
// belongs to, for the acknowledgement form.
func ackList(c *common.Common, lines []*line, width int) string {
	var b strings.Builder
	for _, l := range lines {
		if l.item.ID == 0 || l.qty() == 0 || len(l.warnings) == 0 {
			continue
		}
		b.WriteString(c.Styles.Bold.Render(cell(itemLabel(l.item), width)) + "\n")
		for _, r := range warningRows(c.Styles, &line{warnings: l.warnings}, width, false) {
			b.WriteString(r + "\n")
		}
	}
	return b.String()
}

// acknowledged are the lines to hand over, each acknowledging its warnings with note
// where they need one.
func acknowledged(lines []*line, note string) []store.DispenseLine {
	var out []store.DispenseLine
	for _, l := range lines {
		if l.item.ID != 0 && l.qty() > 0 {
			d := l.dispenseLine()
			d.Acknowledgements = store.AcknowledgeAll(l.warnings, strings.TrimSpace(note))
			out = append(out, d)
		}
	}
	return out
}
