package admin

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// View draws the stage: the search and its matches, a patient's plan, the retention
// list; the reason, the question or the last outcome at the foot.
func (m *Erasure) View() string {
	var lines []string
	switch m.stage {
	case erasureRetention:
		lines = m.retentionLines()
	case erasureFind:
		lines = m.findLines()
	default:
		if m.retention {
			lines = m.retentionLines()
		} else {
			lines = m.planLines()
		}
	}
	return strings.Join(append(lines, m.footLines()...), "\n")
}

func (m *Erasure) findLines() []string {
	st := m.c.Styles
	lines := []string{st.Faint.Render("Erase a patient's details on request · r: those past the retention period"),
		m.search.View()}
	if len(m.found) == 0 {
		return append(lines, st.Faint.Render("No patient matches."))
	}
	rows := max(1, m.height-5)
	top := max(0, m.cursor-rows+1)
	for i := top; i < min(len(m.found), top+rows); i++ {
		p := m.found[i]
		line := fmt.Sprintf("%s  %-28s  born %s", common.Safe(p.Code), textsafe.Truncate(common.Safe(p.Name), 28),
			p.DateOfBirth.Format("2 Jan 2006"))
		if p.Erased {
			line += "  (erased)"
		}
		lines = append(lines, m.row(i == m.cursor, line))
	}
	return lines
}

func (m *Erasure) row(selected bool, line string) string {
	line = textsafe.Truncate(line, max(10, m.width-2))
	if selected {
		return m.c.Styles.Selected.Render("› " + line)
	}
	return "  " + line
}

func (m *Erasure) planLines() []string {
	st := m.c.Styles
	p := m.plan
	wrap := lipgloss.NewStyle().Width(max(20, m.width))
	seen := "never seen; registered " + p.Registered.Format("2 Jan 2006")
	if !p.LastVisit.IsZero() {
		seen = "last visit " + p.LastVisit.Format("2 Jan 2006")
	}
	lines := []string{
		st.Text.Render(common.Safe(p.Code) + "  " + common.Safe(p.Name) + ", born " + p.DateOfBirth.Format("2 Jan 2006") + " · " + seen),
		"",
		m.labelled("Kept", fmt.Sprintf("%s, %s and %s, under a pseudonym; the year of birth, sex and blood group",
			plural.S(p.Appointments, "visit"), plural.S(p.Prescriptions, "prescription"), plural.S(p.Payments, "payment"))),
	}
	out := "name, date of birth, phone, e-mail, address and emergency contact, everywhere: the record, " +
		"the search index, the audit trail's values, " + plural.S(p.Messages, "message")
	if p.Pending > 0 {
		out += " (" + plural.N(p.Pending, "pending one", "pending ones") + " cancelled)"
	}
	out += ", printouts"
	if p.PortalLogin {
		out += "; the portal login is closed"
	}
	lines = append(lines, m.labelled("Taken out", out+"."), "")
	if p.Allowed() {
		return append(lines, st.Faint.Render("Then the file is compacted, so none of it stays on disk. Backups made before keep it."))
	}
	lines = append(lines, st.Warning.Render("Not now:"))
	for _, b := range p.Blockers {
		lines = append(lines, wrap.Render(st.Warning.Render(common.Safe(b))))
	}
	return lines
}

// labelled draws text wrapped beside its label, every line indented under the first.
func (m *Erasure) labelled(label, text string) string {
	st := m.c.Styles
	return lipgloss.JoinHorizontal(lipgloss.Top, st.Label.Render(label),
		st.Text.Width(max(20, m.width-st.Label.GetWidth())).Render(text))
}

func (m *Erasure) retentionLines() []string {
	st := m.c.Styles
	r := m.report
	ready := r.Ready()
	lines := []string{st.Text.Render(fmt.Sprintf("%s last seen before %s (retention %s); %d with nothing open",
		plural.S(len(r.Patients), "patient"), r.Cutoff.Format("2 Jan 2006"), plural.S(r.Years, "year"), len(ready)))}
	rows := max(1, m.height-5)
	top := max(0, m.cursor-rows+1)
	for i := top; i < min(len(r.Patients), top+rows); i++ {
		p := r.Patients[i]
		seen := "registered " + p.Registered.Format("2 Jan 2006")
		if !p.LastVisit.IsZero() {
			seen = "last visit " + p.LastVisit.Format("2 Jan 2006")
		}
		line := fmt.Sprintf("%s  %-24s  %s", common.Safe(p.Code), textsafe.Truncate(common.Safe(p.Name), 24), seen)
		if !p.Allowed() {
			line += "  kept: " + common.Safe(strings.Join(p.Blockers, " "))
		}
		lines = append(lines, m.row(i == m.cursor && m.stage == erasureRetention, line))
	}
	return lines
}

func (m *Erasure) footLines() []string {
	st := m.c.Styles
	var out []string
	switch m.stage {
	case erasureReason:
		out = append(out, "", m.reason.View(), st.Faint.Render("10 to 500 characters, kept with the erasure · enter: next · esc: back"))
	case erasureConfirm:
		what := common.Safe(m.plan.Code)
		if m.retention {
			what = plural.S(len(m.report.Ready()), "patient")
		}
		out = append(out, "", st.Faint.Render("Reason: "+common.Safe(m.reason.Value())),
			st.Warning.Render("Erase "+what+" now? It cannot be undone. y: erase · any other key: no"))
	}
	switch {
	case m.busy:
		out = append(out, st.Faint.Render("Erasing and compacting the file…"))
	case m.message != "" && m.failed:
		out = append(out, st.Error.Width(max(10, m.width)).Render(common.Safe(m.message)))
	case m.message != "":
		out = append(out, st.Success.Width(max(10, m.width)).Render(common.Safe(m.message)))
	}
	return out
}

// erasedText says what the erasures did, and when a reader kept the write-ahead log
// from being emptied, that it still is to be.
func erasedText(done []store.Erasure) string {
	text := plural.S(len(done), "patient") + " past the retention period erased."
	if len(done) == 1 {
		e := done[0]
		text = fmt.Sprintf("%s erased: now %s; %s and %s scrubbed, %s deleted.", e.Code, e.Pseudonym,
			plural.N(e.AuditRows, "audit row", "audit rows"), plural.S(e.Messages, "message"), plural.S(e.Printouts, "printout"))
	}
	if !done[0].LogEmptied {
		text += " A desk was reading, so the write-ahead log still holds the old pages until the desks close."
	}
	return text
}
