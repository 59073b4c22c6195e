package frontdesk

import (
	"errors"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

type calendarFormKind int

const (
	formHours calendarFormKind = iota
	formLeave
	formHoliday
)

// calendarForm adds working hours (to several weekdays at once), a leave or a holiday.
type calendarForm struct {
	kind     calendarFormKind
	doctor   store.Doctor
	form     *huh.Form
	weekdays []time.Weekday
	start    string
	end      string
	slot     string
	from     string
	to       string
	text     string
	err      string
	busy     bool
	initial  string  // the fields as the form opened, for dirty
	rebook   *rebook // the appointments a leave or holiday moves, once looked up
	height   int     // the body's rows the form is drawn in
}

// fields are the form's values in one string, to compare with how it opened.
func (f *calendarForm) fields() string {
	return strings.Join([]string{weekdaysText(f.weekdays), f.start, f.end, f.slot, f.from, f.to, f.text}, "\x00")
}

func weekdaysText(days []time.Weekday) string {
	var b strings.Builder
	for _, d := range days {
		b.WriteString(strconv.Itoa(int(d)))
	}
	return b.String()
}

// dirty reports a change since the form opened.
func (f *calendarForm) dirty() bool { return f.fields() != f.initial }

var weekdayOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday,
	time.Saturday, time.Sunday}

func (m *Calendars) openForm(kind calendarFormKind) tea.Cmd {
	d, ok := m.doctor()
	if !ok && kind != formHoliday {
		m.message, m.failed = "Choose a doctor first.", true
		return nil
	}
	f := &calendarForm{kind: kind, doctor: d, start: "09:00", end: "13:00", slot: "15", height: m.height}
	f.initial = f.fields()
	m.form, m.message = f, ""
	return f.rebuild(m.c)
}

func validClock(s string) error {
	if _, ok := parseClock(s); !ok {
		return errors.New("Write a time of day such as 09:00.")
	}
	return nil
}

func validDate(s string) error {
	if _, err := time.Parse("2006-01-02", strings.TrimSpace(s)); err != nil {
		return errors.New("Write a date such as 2025-03-07.")
	}
	return nil
}

func (f *calendarForm) rebuild(c *common.Common) tea.Cmd {
	var fields []huh.Field
	switch f.kind {
	case formHours:
		days := make([]huh.Option[time.Weekday], len(weekdayOrder))
		for i, d := range weekdayOrder {
			days[i] = huh.NewOption(d.String(), d)
		}
		fields = []huh.Field{
			huh.NewMultiSelect[time.Weekday]().Key("weekday").Title("Days").Description("space: choose · enter: next").
				Options(days...).Value(&f.weekdays).Height(9).Validate(func(d []time.Weekday) error {
				if len(d) == 0 {
					return errors.New("Choose at least one day.")
				}
				return nil
			}),
			huh.NewInput().Key("start").Title("From").Value(&f.start).Validate(validClock),
			huh.NewInput().Key("end").Title("To").Value(&f.end).Validate(validClock),
			huh.NewInput().Key("slot_minutes").Title("Slot length (minutes)").Value(&f.slot).Validate(func(s string) error {
				n, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil {
					return errors.New("Type the slot length in whole minutes.")
				}
				return store.CheckSlotMinutes(n)
			}),
		}
	case formLeave:
		fields = []huh.Field{
			huh.NewInput().Key("from").Title("First day of leave").Placeholder("YYYY-MM-DD").Value(&f.from).Validate(validDate),
			huh.NewInput().Key("to").Title("Last day of leave").Placeholder("YYYY-MM-DD").Value(&f.to).Validate(validDate),
			huh.NewInput().Key("reason").Title("Reason").Value(&f.text),
		}
	case formHoliday:
		fields = []huh.Field{
			huh.NewInput().Key("day").Title("Day the clinic is closed").Placeholder("YYYY-MM-DD").Value(&f.from).Validate(validDate),
			huh.NewInput().Key("name").Title("Holiday").Value(&f.text),
		}
	}
	f.form = huh.NewForm(huh.NewGroup(fields...)).WithTheme(c.Styles.Form).WithShowHelp(false).WithWidth(50).
		WithHeight(f.fieldRows())
	return f.form.Init()
}

// fieldRows is the rows the form's fields have: the body less the title, a field's
// error (a blank line and the error, under the fields) and the line under the form,
// two rows for a refusal that wraps. A taller form scrolls to the focused field.
func (f *calendarForm) fieldRows() int { return max(5, f.height-1-2-2) }

// setHeight fits an open form to a new body height.
func (f *calendarForm) setHeight(h int) {
	f.height = h
	f.form = f.form.WithHeight(f.fieldRows())
}

func (m *Calendars) updateForm(msg tea.Msg) tea.Cmd {
	f := m.form
	if f.rebook != nil {
		// The finished form's own messages (a cursor's blink) must not reach it:
		// a completed form would be looked up, and the choices made, all over again.
		if k, ok := msg.(tea.KeyMsg); ok {
			return m.rebookKey(k)
		}
		return nil
	}
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc {
		m.form = nil
		return nil
	}
	if f.busy {
		return nil
	}
	model, cmd := f.form.Update(msg)
	f.form = model.(*huh.Form)
	if f.form.State != huh.StateCompleted {
		return cmd
	}
	f.busy, f.err = true, ""
	if f.kind == formHours {
		return f.save(m.c, m.owner)
	}
	return f.findClashes(m.c, m.owner)
}

// save runs the form's store calls. Hours go to each chosen day in turn; the first
// refusal stops there and says which day it was, and the days before it are kept. A
// leave or holiday is saved with the moves chosen for the appointments booked in it,
// in one change.
func (f *calendarForm) save(c *common.Common, owner int64) tea.Cmd {
	s, actor := c.Store, c.Actor()
	kind, d := f.kind, f.doctor
	weekdays, start, end, text := append([]time.Weekday(nil), f.weekdays...), f.start, f.end, strings.TrimSpace(f.text)
	slot, _ := strconv.Atoi(strings.TrimSpace(f.slot))
	from, to := f.fromDate(c), f.toDate(c)
	var moves []store.Move
	if f.rebook != nil {
		moves = f.rebook.moves()
	}
	moved := ""
	if len(moves) > 0 {
		moved = "; " + plural.S(len(moves), "appointment") + " moved, each patient told"
	}
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := calendarSavedMsg{owner: owner}
		switch kind {
		case formHours:
			var done []string
			for _, w := range weekdays {
				_, err := s.AddScheduleBlock(ctx, actor, store.ScheduleBlock{DoctorID: d.ID, Weekday: w, Start: start, End: end, SlotMinutes: slot})
				if err != nil {
					if len(done) > 0 {
						err = errors.Join(err, errors.New("Added to "+strings.Join(done, ", ")+" before that."))
					}
					msg.err = err
					return msg
				}
				done = append(done, w.String()+"s")
			}
			msg.text = "Added " + start + "–" + end + " on " + strings.Join(done, ", ") + " for " + doctorName(d.Name) + "."
		case formLeave:
			_, msg.err = s.AddLeaveMoving(ctx, actor, d.ID, from, to, text, moves)
			msg.text = "Leave added for " + doctorName(d.Name) + moved + "."
		case formHoliday:
			_, msg.err = s.AddHolidayMoving(ctx, actor, from, text, moves)
			msg.text = "The clinic is closed on " + from.Format("Mon 2 Jan 2006") + moved + "."
		}
		return msg
	}
}

// title names what the form adds.
func (f *calendarForm) title() string {
	return map[calendarFormKind]string{formHours: "Working hours for " + doctorName(f.doctor.Name),
		formLeave: "Leave for " + doctorName(f.doctor.Name), formHoliday: "Close the clinic for a day"}[f.kind]
}

func (f *calendarForm) view(c *common.Common, width, height int) string {
	st := c.Styles
	if f.rebook != nil {
		return f.rebook.view(c, f, width, height)
	}
	out := []string{st.Title.Render(f.title()), f.form.View()}
	switch {
	case f.busy:
		out = append(out, st.Faint.Render("Saving…"))
	case f.err != "":
		out = append(out, st.Error.Width(width).Render(common.Safe(f.err)))
	default:
		out = append(out, st.Faint.Render("enter: next / save · esc: leave"))
	}
	return strings.Join(out, "\n")
}
