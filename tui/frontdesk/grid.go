package frontdesk

import (
	"fmt"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// gridColumn is one column of the book: a doctor on a day (the day view has one per
// doctor, the week view one per day of a doctor).
type gridColumn struct {
	title    string
	doctorID int64
	day      time.Time // local midnight
	hours    [][2]int  // working spans in minutes after midnight; none when closed
	closed   string    // why the doctor does not work that day, if they would
	appts    []store.BookEntry
	// unread is set on a day's column whose appointments are not read yet: the book
	// reads the columns in and around view (Book.readVisible).
	unread bool
	cells  []int32 // per row: index into appts, or -1
	extra  []int8  // per row: how many more active visits share the row (overbooked on purpose)
}

// Grid geometry: a time gutter, then columns of at least minColumn cells.
const (
	gutter    = 6
	minColumn = 18
	maxColumn = 32
)

// grid is the time grid of the book. It keeps the layout worked out when data arrives,
// so a key only moves the cursor and drawing touches only the visible cells.
type grid struct {
	cols           []gridColumn
	start, step    int // the first row's minute and the minutes per row
	rows           int
	row, col       int
	rowOff, colOff int
	width, height  int // the grid's area, header included
	loc            *time.Location

	// rows drawn before, but for the cursor's: a key redraws only the rows it changed.
	drawn    map[int]string
	drawnFor [3]int // colOff, width and column width the drawn rows were drawn for
}

// layout places the appointments of cols on rows of step minutes covering the working
// hours, busy (the minutes the day's appointments span, read or not; noSpan when
// unknown or none) and every appointment read (08:00–18:00 when the day is empty), and
// keeps the cursor where it was when it still fits.
func (g *grid) layout(cols []gridColumn, loc *time.Location, busy [2]int) {
	g.loc = loc
	first, last, step := -1, -1, 0
	widen := func(s [2]int) {
		if first < 0 || s[0] < first {
			first = s[0]
		}
		if s[1] > last {
			last = s[1]
		}
	}
	if busy != noSpan {
		widen(busy)
	}
	for _, c := range cols {
		for _, h := range c.hours {
			widen(h)
		}
		for _, a := range c.appts {
			widen(span(a.Start, a.End, loc))
		}
	}
	if first < 0 {
		first, last = 8*60, 18*60
	}
	step = 15
	first -= first % step
	g.start, g.step = first, step
	g.rows = max(1, (last-first+step-1)/step)
	for i := range cols {
		g.place(&cols[i])
	}
	g.cols = cols
	g.drawn = nil
	g.row = min(g.row, g.rows-1)
	g.col = min(g.col, max(0, len(cols)-1))
	g.scroll()
}

// noSpan is layout's busy span of a day without appointments, or of a view whose
// appointments are all read.
var noSpan = [2]int{-1, -1}

// span is the minutes after midnight of from's day from from to to, cut at the end of
// the day.
func span(from, to time.Time, loc *time.Location) [2]int {
	m := minuteOf(from, loc)
	return [2]int{m, min(m+int(to.Sub(from)/time.Minute), 24*60)}
}

// place works out which appointment of c each row shows, and how many more share it.
func (g *grid) place(c *gridColumn) {
	c.cells, c.extra = make([]int32, g.rows), make([]int8, g.rows)
	for r := range c.cells {
		c.cells[r] = -1
	}
	for j, a := range c.appts {
		from := minuteOf(a.Start, g.loc)
		to := from + max(1, int(a.End.Sub(a.Start)/time.Minute))
		for r := (from - g.start) / g.step; r < g.rows && g.start+r*g.step < to; r++ {
			if r < 0 {
				continue
			}
			switch k := c.cells[r]; {
			case k < 0 || inactive(c.appts[k].Status):
				c.cells[r] = int32(j)
			case !inactive(a.Status) && c.extra[r] < 99:
				c.extra[r]++
			}
		}
	}
}

// fill gives the day's column of a doctor its appointments, read after the column.
func (g *grid) fill(doctorID int64, appts []store.BookEntry) {
	for i := range g.cols {
		if c := &g.cols[i]; c.doctorID == doctorID && c.unread {
			c.appts, c.unread = appts, false
			g.place(c)
			g.drawn = nil
		}
	}
}

// readWindow is the columns the book reads the appointments of, from lo up to (not
// including) hi, which may pass the last column: those in view and a screen's worth to
// either side, so that moving along the doctors finds the next column read.
func (g *grid) readWindow() (lo, hi int) {
	screen := max(g.visibleCols(), (g.width-gutter)/minColumn)
	return max(0, g.colOff-screen), g.colOff + 2*screen
}

// inactive statuses free their time: another visit may take it.
func inactive(s store.AppointmentStatus) bool {
	return s == store.AppointmentCancelled || s == store.AppointmentNoShow
}

// toMinute puts the cursor on the row of a wall-clock minute.
func (g *grid) toMinute(m int) {
	if g.step == 0 {
		return
	}
	g.row = min(max(0, (m-g.start)/g.step), g.rows-1)
	g.rowOff = g.row - 2 // the time asked for near the top, what follows it below
	g.scroll()
}

// toColumn puts the cursor on the column of a doctor, if shown.
func (g *grid) toColumn(doctorID int64) {
	for i, c := range g.cols {
		if c.doctorID == doctorID {
			g.col = i
			g.scroll()
			return
		}
	}
}

func (g *grid) visibleRows() int { return max(1, g.height-1) }

// colWidth shares the width between the columns that fit, at least minColumn each.
func (g *grid) colWidth() int {
	room := max(minColumn, g.width-gutter)
	shown := min(max(1, len(g.cols)), max(1, room/minColumn))
	return min(maxColumn, room/shown)
}

func (g *grid) visibleCols() int { return max(1, (g.width-gutter)/g.colWidth()) }

// move moves the cursor by rows and columns, scrolling to keep it in view.
func (g *grid) move(dRow, dCol int) {
	g.row = min(max(0, g.row+dRow), g.rows-1)
	if len(g.cols) > 0 {
		g.col = min(max(0, g.col+dCol), len(g.cols)-1)
	}
	g.scroll()
}

func (g *grid) scroll() {
	vr, vc := g.visibleRows(), g.visibleCols()
	if g.row < g.rowOff {
		g.rowOff = g.row
	}
	if g.row >= g.rowOff+vr {
		g.rowOff = g.row - vr + 1
	}
	g.rowOff = max(0, min(g.rowOff, g.rows-vr))
	if g.col < g.colOff {
		g.colOff = g.col
	}
	if g.col >= g.colOff+vc {
		g.colOff = g.col - vc + 1
	}
	g.colOff = max(0, min(g.colOff, len(g.cols)-vc))
}

// selected is the appointment under the cursor.
func (g *grid) selected() (store.BookEntry, bool) {
	if g.col >= len(g.cols) {
		return store.BookEntry{}, false
	}
	c := g.cols[g.col]
	if g.row >= len(c.cells) || c.cells[g.row] < 0 {
		return store.BookEntry{}, false
	}
	return c.appts[c.cells[g.row]], true
}

// cursorColumn is the column under the cursor, and whether its appointments are not
// read yet.
func (g *grid) cursorColumn() (gridColumn, bool) {
	if g.col >= len(g.cols) {
		return gridColumn{}, false
	}
	return g.cols[g.col], g.cols[g.col].unread
}

// cursorTime is the instant of the cursor's row on its column's day.
func (g *grid) cursorTime() (int64, time.Time) {
	if g.col >= len(g.cols) {
		return 0, time.Time{}
	}
	c := g.cols[g.col]
	m := g.start + g.row*g.step
	y, mo, d := c.day.Date()
	return c.doctorID, time.Date(y, mo, d, m/60, m%60, 0, 0, c.day.Location())
}

func (c gridColumn) working(m int) bool {
	for _, h := range c.hours {
		if m >= h[0] && m < h[1] {
			return true
		}
	}
	return false
}

// view draws the header and the visible rows of the visible columns.
func (g *grid) view(cm *common.Common) string {
	st := cm.Styles
	if len(g.cols) == 0 {
		return st.Faint.Render("No doctors yet: an administrator adds them as users.")
	}
	cw, vc := g.colWidth(), g.visibleCols()
	last := min(len(g.cols), g.colOff+vc)
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", gutter))
	for i := g.colOff; i < last; i++ {
		title := g.cols[i].title
		if i == g.colOff && g.colOff > 0 {
			title = "‹ " + title
		}
		if i == last-1 && last < len(g.cols) {
			title = fit(title, cw-3) + " ›"
		}
		b.WriteString(st.Bold.Render(fit(title, cw-1)) + " ")
	}
	b.WriteString("\n")
	if key := [3]int{g.colOff, g.width, cw}; g.drawn == nil || g.drawnFor != key {
		g.drawn, g.drawnFor = make(map[int]string), key
	}
	end := min(g.rows, g.rowOff+g.visibleRows())
	for r := g.rowOff; r < end; r++ {
		m := g.start + r*g.step
		label := "      "
		if m%60 == 0 || r == g.rowOff || r == g.row {
			label = clock(m) + " "
		}
		b.WriteString(st.Faint.Render(label))
		cells, ok := g.drawn[r]
		if !ok || r == g.row {
			var row strings.Builder
			for i := g.colOff; i < last; i++ {
				row.WriteString(g.cell(cm, i, r, m, cw-1) + " ")
			}
			cells = row.String()
			if r != g.row {
				g.drawn[r] = cells
			} else {
				delete(g.drawn, r)
			}
		}
		b.WriteString(cells)
		if r < end-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// cell draws one cell: an appointment's first row names the patient, its next rows
// the reason and the status; free working time is a dot; off hours are blank.
func (g *grid) cell(cm *common.Common, ci, r, m, w int) string {
	st := cm.Styles
	c := g.cols[ci]
	k := c.cells[r]
	var text string
	style := st.Faint
	switch {
	case k >= 0:
		a := c.appts[k]
		style = st.StatusColour(string(a.Status))
		first := r == 0 || c.cells[r-1] != k
		next := r+1 < len(c.cells) && c.cells[r+1] == k
		mark := statusMark(a.Status) + " "
		switch {
		case c.extra[r] > 0:
			mark += fmt.Sprintf("+%d overbooked · ", c.extra[r])
		case a.Overbooked:
			mark += "overbooked · "
		}
		switch {
		case first && !next:
			text = mark + patientName(a)
			if a.Reason != "" {
				text += " · " + common.Safe(a.Reason)
			}
		case first:
			text = mark + patientName(a)
		case r > 0 && c.cells[r-1] == k && (r < 2 || c.cells[r-2] != k):
			text = "  " + common.Safe(a.Reason)
			if a.Reason == "" {
				text = "  " + a.Status.Label()
			}
		default:
			text = "  │"
		}
	case c.closed != "" && m%60 == 0:
		text = c.closed
	case c.working(m) && c.unread:
		text = pendingName
	case c.working(m):
		text = "·"
	}
	text = fit(text, w)
	if ci == g.col && r == g.row {
		return st.Selected.Render(text)
	}
	return style.Render(text)
}
