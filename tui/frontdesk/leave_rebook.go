package frontdesk

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// clashesMsg answers the leave or holiday form: the appointments booked in the span.
type clashesMsg struct {
	owner   int64
	clashes []store.LeaveClash
	err     error
}

// rebook is the step between a leave's (or holiday's) form and its save: the
// appointments booked in the span, each with where it will move. The first offer is
// chosen for each; the receptionist may pick another, and one save adds the leave,
// moves them all and tells each patient.
type rebook struct {
	clashes []store.LeaveClash
	choice  []int // the chosen offer of each clash; -1 when none was found
	cursor  int
}

func newRebook(clashes []store.LeaveClash) *rebook {
	r := &rebook{clashes: clashes, choice: make([]int, len(clashes))}
	for i, c := range clashes {
		if len(c.Options) == 0 {
			r.choice[i] = -1
		}
	}
	return r
}

// moves are the chosen places, one per clash that has one. A clash with none is left
// out, and the store refuses the save naming it.
func (r *rebook) moves() []store.Move {
	var out []store.Move
	for i, c := range r.clashes {
		if r.choice[i] >= 0 {
			sl := c.Options[r.choice[i]]
			out = append(out, store.Move{AppointmentID: c.Appointment.ID, DoctorID: sl.DoctorID, Start: sl.Start})
		}
	}
	return out
}

// findClashes asks the store which appointments the form's leave or holiday would
// leave stranded.
func (f *calendarForm) findClashes(c *common.Common, owner int64) tea.Cmd {
	s, actor := c.Store, c.Actor()
	doctorID, from, to := f.doctor.ID, f.fromDate(c), f.toDate(c)
	if f.kind == formHoliday {
		doctorID, to = 0, from
	}
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		clashes, err := s.LeaveClashes(ctx, actor, doctorID, from, to)
		return clashesMsg{owner: owner, clashes: clashes, err: err}
	}
}

// gotClashes saves at once when nothing is booked in the span, and otherwise shows
// the appointments to move.
func (m *Calendars) gotClashes(msg clashesMsg) tea.Cmd {
	f := m.form
	if f == nil || msg.owner != m.owner {
		return nil
	}
	if msg.err != nil {
		f.err, f.busy = common.ErrorText(msg.err), false
		return f.rebuild(m.c)
	}
	if len(msg.clashes) == 0 {
		return f.save(m.c, m.owner)
	}
	f.busy, f.rebook = false, newRebook(msg.clashes)
	return nil
}

// rebookKey moves over the appointments, changes where the one under the cursor goes,
// or saves. Esc reaches here only once the frame has asked, and discards it all.
func (m *Calendars) rebookKey(msg tea.KeyMsg) tea.Cmd {
	f, r, k := m.form, m.form.rebook, m.keys.Rebook
	if key.Matches(msg, k.Back) {
		m.form = nil
		return nil
	}
	if f.busy {
		return nil
	}
	switch {
	case key.Matches(msg, k.Up):
		r.cursor = max(0, r.cursor-1)
	case key.Matches(msg, k.Down):
		r.cursor = min(len(r.clashes)-1, r.cursor+1)
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		n := len(r.clashes[r.cursor].Options)
		if n > 1 {
			step := 1
			if key.Matches(msg, k.Prev) {
				step = n - 1
			}
			r.choice[r.cursor] = (r.choice[r.cursor] + step) % n
			f.err = ""
		}
	case key.Matches(msg, k.Save):
		f.busy, f.err = true, ""
		return f.save(m.c, m.owner)
	}
	return nil
}

// slotText is where and when an offer is, as the list shows it.
func slotText(c *common.Common, sl store.Slot) string {
	return c.Local(sl.Start).Format("Mon 2 Jan 15:04") + "  " + doctorName(sl.DoctorName)
}

// view lists the appointments and their moves, the one under the cursor with every
// offer, windowed to the body's height around the cursor.
func (r *rebook) view(c *common.Common, f *calendarForm, width, height int) string {
	st := c.Styles
	head := []string{
		st.Title.Render(fit(f.title()+": "+plural.S(len(r.clashes), "appointment")+" to move first", width)),
		st.Faint.Render(fit("Each moves to its ● slot; the patient is told by e-mail and SMS as agreed.", width)),
	}
	var lines []string
	top, bottom := 0, 0
	for i, cl := range r.clashes {
		a := cl.Appointment
		if i == r.cursor {
			top = len(lines)
		}
		line := fit(c.Local(a.Start).Format("Mon 2 Jan 15:04")+"  "+common.Safe(a.PatientName)+" · "+
			common.Safe(a.Code)+" · "+doctorName(a.DoctorName), width-2)
		if i == r.cursor {
			lines = append(lines, st.Selected.Render("› "+line))
		} else {
			lines = append(lines, "  "+line)
		}
		switch {
		case r.choice[i] < 0:
			lines = append(lines, st.Warning.Render(fit("    No free slot in the next 90 days: move or cancel it on the Book tab.", width)))
		case i == r.cursor:
			for j, sl := range cl.Options {
				mark := "○ "
				if j == r.choice[i] {
					mark = "● "
				}
				lines = append(lines, "    "+mark+fit(slotText(c, sl), width-6))
			}
		default:
			lines = append(lines, st.Faint.Render("    → ")+fit(slotText(c, cl.Options[r.choice[i]]), width-6))
		}
		if i == r.cursor {
			bottom = len(lines)
		}
	}
	var foot []string
	switch {
	case f.busy:
		foot = []string{st.Faint.Render("Saving…")}
	case f.err != "":
		foot = strings.Split(st.Error.Width(width).Render(common.Safe(f.err)), "\n")
	}
	rows := max(1, height-len(head)-len(foot))
	first := 0
	if bottom > rows {
		first = min(top, bottom-rows)
	}
	lines = lines[first:min(len(lines), first+rows)]
	return strings.Join(append(append(head, lines...), foot...), "\n")
}

// fromDate and toDate are the form's days as midnights in the clinic's time zone.
func (f *calendarForm) fromDate(c *common.Common) time.Time { return formDate(c, f.from) }
func (f *calendarForm) toDate(c *common.Common) time.Time   { return formDate(c, f.to) }

func formDate(c *common.Common, s string) time.Time {
	d, _ := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), c.Settings.Location())
	return d
}
