package frontdesk

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

type (
	// gridMsg brings the columns of a day (or of a doctor's week), and for a day the
	// accounts of the doctors whose names head them.
	gridMsg struct {
		owner       int64
		seq         int
		view        gridView // what was read
		cols        []gridColumn
		doctorUsers map[int64]bool
		err         error
	}
	// waitingMsg brings the waiting room.
	waitingMsg struct {
		stamp uint64
		owner int64
		list  []store.Appointment
		err   error
	}
	// waitTickMsg redraws the waiting times.
	waitTickMsg struct{ owner int64 }
)

// calendarFacts is what decides whether a doctor works on a day.
type calendarFacts struct {
	blocks   []store.ScheduleBlock
	leaves   []store.Leave
	holidays []store.Holiday
}

func readFacts(ctx context.Context, s store.Calendars, actor store.Actor, doctorID int64, from time.Time) (calendarFacts, error) {
	var f calendarFacts
	var err error
	if f.blocks, err = s.Schedule(ctx, actor, doctorID); err != nil {
		return f, err
	}
	if f.leaves, err = s.Leaves(ctx, actor, doctorID, from); err != nil {
		return f, err
	}
	return f, nil
}

// column builds a column for one doctor on one day from the doctor's calendar.
func (f calendarFacts) column(title string, doctorID int64, day time.Time, appts []store.BookEntry) gridColumn {
	c := gridColumn{title: title, doctorID: doctorID, day: day, appts: appts}
	for _, h := range f.holidays {
		if h.Day.Equal(day) {
			c.closed = "closed: " + common.Safe(h.Name)
			return c
		}
	}
	for _, l := range f.leaves {
		if !day.Before(l.From) && !day.After(l.To) {
			c.closed = "on leave"
			return c
		}
	}
	for _, b := range f.blocks {
		if b.Weekday != day.Weekday() {
			continue
		}
		from, ok1 := parseClock(b.Start)
		to, ok2 := parseClock(b.End)
		if ok1 && ok2 {
			c.hours = append(c.hours, [2]int{from, to})
		}
	}
	return c
}

// loadDay reads a day of the book: a column per active doctor, with the doctors' hours.
func loadDay(c *common.Common, owner int64, seq int, view gridView) tea.Cmd {
	s, actor, day := c.Store, c.Actor(), view.day
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := gridMsg{owner: owner, seq: seq, view: view, doctorUsers: map[int64]bool{}}
		doctors, err := s.Doctors(ctx, actor)
		if err != nil {
			msg.err = err
			return msg
		}
		for _, d := range doctors {
			msg.doctorUsers[d.UserID] = true
		}
		// The names of the appointments in view follow (book_names.go).
		appts, err := s.DayBook(ctx, actor, day)
		if err != nil {
			msg.err = err
			return msg
		}
		holidays, err := s.Holidays(ctx, actor, day)
		if err != nil {
			msg.err = err
			return msg
		}
		blocks, err := s.SchedulesOn(ctx, actor, day.Weekday())
		if err != nil {
			msg.err = err
			return msg
		}
		leaves, err := s.LeavesByDoctor(ctx, actor, day)
		if err != nil {
			msg.err = err
			return msg
		}
		byDoctor := map[int64][]store.BookEntry{}
		for _, a := range appts {
			byDoctor[a.DoctorID] = append(byDoctor[a.DoctorID], a)
		}
		for _, d := range doctors {
			f := calendarFacts{blocks: blocks[d.ID], leaves: leaves[d.ID], holidays: holidays}
			msg.cols = append(msg.cols, f.column(doctorName(d.Name), d.ID, day, byDoctor[d.ID]))
			delete(byDoctor, d.ID)
		}
		// Appointments of doctors no longer active still show, in columns of their own.
		for _, a := range appts {
			if rest, ok := byDoctor[a.DoctorID]; ok {
				msg.cols = append(msg.cols, gridColumn{title: doctorName(a.DoctorName), doctorID: a.DoctorID, day: day, appts: rest})
				delete(byDoctor, a.DoctorID)
			}
		}
		return msg
	}
}

// loadWeek reads seven days of one doctor from the view's day, a column per day.
func loadWeek(c *common.Common, owner int64, seq int, view gridView) tea.Cmd {
	s, actor, doctorID, weekStart := c.Store, c.Actor(), view.doctorID, view.day
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := gridMsg{owner: owner, seq: seq, view: view}
		appts, err := s.DoctorWeek(ctx, actor, doctorID, weekStart)
		if err != nil {
			msg.err = err
			return msg
		}
		f, err := readFacts(ctx, s, actor, doctorID, weekStart)
		if err != nil {
			msg.err = err
			return msg
		}
		if f.holidays, err = s.Holidays(ctx, actor, weekStart); err != nil {
			msg.err = err
			return msg
		}
		loc := weekStart.Location()
		for i := range 7 {
			day := addDays(weekStart, i)
			var mine []store.BookEntry
			for _, a := range appts {
				if localDay(a.Start, loc).Equal(day) {
					mine = append(mine, a)
				}
			}
			msg.cols = append(msg.cols, f.column(day.Format("Mon 2 Jan"), doctorID, day, mine))
		}
		return msg
	}
}

// loadWaiting reads the waiting room.
func (b *Book) loadWaiting() tea.Cmd {
	s, actor, owner, stamp := b.c.Store, b.c.Actor(), b.owner, b.waitingLoads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		list, err := s.WaitingRoom(ctx, actor)
		return waitingMsg{stamp: stamp, owner: owner, list: list, err: err}
	}
}

// waitTick redraws waiting times every 30 seconds.
func waitTick(c *common.Common, owner int64) tea.Cmd {
	return c.Tick(30*time.Second, func(time.Time) tea.Msg { return waitTickMsg{owner: owner} })
}
