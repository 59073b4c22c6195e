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
	// accounts of the doctors whose names head them. A day's columns outside the read
	// window are unread: entriesMsg brings them as they come into view.
	gridMsg struct {
		owner       int64
		seq         int
		view        gridView // what was read
		cols        []gridColumn
		busy        [2]int // the minutes the day's appointments span (see grid.layout)
		booked      int    // appointments holding their time, read or not
		doctorUsers map[int64]bool
		err         error
	}
	// entriesMsg brings the appointments of day columns read after their grid (seq).
	entriesMsg struct {
		owner   int64
		seq     int
		doctors []int64
		list    []store.BookEntry
		err     error
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

// loadDay reads a day of the book: a column per active doctor, with the doctors'
// hours, and the appointments of the columns from window[0] up to window[1]; the
// others are read as they come into view (readColumns).
func loadDay(c *common.Common, owner int64, seq int, view gridView, window [2]int) tea.Cmd {
	s, actor, day := c.Store, c.Actor(), view.day
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := gridMsg{owner: owner, seq: seq, view: view, busy: noSpan, doctorUsers: map[int64]bool{}}
		doctors, err := s.Doctors(ctx, actor)
		if err != nil {
			msg.err = err
			return msg
		}
		outline, err := s.DayOutline(ctx, actor, day)
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
		active := map[int64]bool{}
		for _, d := range doctors {
			msg.doctorUsers[d.UserID] = true
			active[d.ID] = true
			f := calendarFacts{blocks: blocks[d.ID], leaves: leaves[d.ID], holidays: holidays}
			msg.cols = append(msg.cols, f.column(doctorName(d.Name), d.ID, day, nil))
		}
		// Appointments of doctors no longer active still show, in columns of their own.
		for _, d := range outline.Doctors {
			if !active[d.ID] {
				msg.cols = append(msg.cols, gridColumn{title: doctorName(d.Name), doctorID: d.ID, day: day})
			}
		}
		if !outline.First.IsZero() {
			msg.busy = span(outline.First, outline.Last, day.Location())
		}
		msg.booked = outline.Booked()
		var read []int64
		for i := range msg.cols {
			if i >= window[0] && i < window[1] {
				read = append(read, msg.cols[i].doctorID)
			} else {
				msg.cols[i].unread = true
			}
		}
		appts, err := s.DayBook(ctx, actor, day, read)
		if err != nil {
			msg.err = err
			return msg
		}
		byDoctor := entriesByDoctor(appts)
		for i := range msg.cols {
			msg.cols[i].appts = byDoctor[msg.cols[i].doctorID]
		}
		// The names of the appointments in view follow (book_names.go).
		return msg
	}
}

// readColumns reads the appointments of the day's columns of these doctors.
func readColumns(c *common.Common, owner int64, seq int, day time.Time, doctors []int64) tea.Cmd {
	s, actor := c.Store, c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		list, err := s.DayBook(ctx, actor, day, doctors)
		return entriesMsg{owner: owner, seq: seq, doctors: doctors, list: list, err: err}
	}
}

// readVisible asks for the appointments of the day's columns in the read window that
// the book has not read nor asked for.
func (b *Book) readVisible() tea.Cmd {
	g := &b.grid
	if b.week || b.stale() {
		return nil
	}
	lo, hi := g.readWindow()
	var want []int64
	for _, c := range g.cols[min(lo, len(g.cols)):min(hi, len(g.cols))] {
		if c.unread && !b.reading[c.doctorID] {
			if b.reading == nil {
				b.reading = map[int64]bool{}
			}
			b.reading[c.doctorID] = true
			want = append(want, c.doctorID)
		}
	}
	if len(want) == 0 {
		return nil
	}
	return readColumns(b.c, b.owner, b.seq, b.day, want)
}

// columnsArrived fills the columns read; their names follow as they come into view.
func (b *Book) columnsArrived(msg entriesMsg) {
	for _, id := range msg.doctors {
		delete(b.reading, id)
	}
	if msg.err != nil {
		b.setMessage(common.ErrorText(msg.err), true) // asked again by the next key
		return
	}
	byDoctor := entriesByDoctor(msg.list)
	for _, id := range msg.doctors {
		b.grid.fill(id, byDoctor[id])
	}
	b.fillNames()
}

// entriesByDoctor groups a day's entries by their doctor.
func entriesByDoctor(list []store.BookEntry) map[int64][]store.BookEntry {
	byDoctor := map[int64][]store.BookEntry{}
	for _, a := range list {
		byDoctor[a.DoctorID] = append(byDoctor[a.DoctorID], a)
	}
	return byDoctor
}

// loadWeek reads seven days of one doctor from the view's day, a column per day.
func loadWeek(c *common.Common, owner int64, seq int, view gridView) tea.Cmd {
	s, actor, doctorID, weekStart := c.Store, c.Actor(), view.doctorID, view.day
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := gridMsg{owner: owner, seq: seq, view: view, busy: noSpan}
		appts, err := s.DoctorWeek(ctx, actor, doctorID, weekStart)
		if err != nil {
			msg.err = err
			return msg
		}
		for _, a := range appts {
			if !inactive(a.Status) {
				msg.booked++
			}
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
