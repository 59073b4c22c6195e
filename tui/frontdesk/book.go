package frontdesk

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// bookMode is what the book shows over its grid.
type bookMode int

const (
	modeGrid         bookMode = iota
	modeWizard                // booking or rescheduling
	modePrompt                // a one-line question: a date, a reason for cancelling, a file name
	modePayment               // the payment form
	modeReceipt               // a receipt
	modeSeries                // the follow-up form
	modeSeriesResult          // what the follow-up series booked and what it could not
	modeWaiting               // the waiting room, full size on a narrow terminal
)

// waitingPanelWidth is the waiting room's column beside the grid, shown when the
// terminal is wide enough for both.
const (
	waitingPanelWidth = 30
	sidePanelMinWidth = 96
)

// Book is the appointment book tab: the day's grid (or a doctor's week) with the
// waiting room, and everything the desk does to appointments.
type Book struct {
	c     *common.Common
	owner int64
	keys  keys.Book

	day      time.Time // local midnight of the day shown (the week's first day in week view)
	week     bool
	doctorID int64  // the doctor of the week view
	weekOf   string // and their name
	// wantDoctor is the doctor whose column the cursor goes to when the next day arrives.
	wantDoctor int64
	seq        int
	grid       grid
	loaded     bool
	// shown is the day (or doctor's week) whose rows the grid holds: while another is
	// read the grid offers none of them (stale).
	shown gridView
	// loading is true while a read of the grid is on its way; the spinner turns
	// (ticking while one of its ticks is on its way) until it arrives.
	loading bool
	spin    spinner.Model
	ticking bool
	// names are the patients' names and codes read for the day view (book_names.go),
	// by patient id, and asked the ids whose names are on their way.
	// nameEpoch counts the times they were forgotten, when a patient was renamed.
	names     map[int64][2]string
	asked     map[int64]bool
	nameEpoch uint64
	// doctorUsers are the accounts of the day's doctors; nil (the week view) means any.
	doctorUsers map[int64]bool
	// booked counts the shown appointments that hold their time, those of the day's
	// columns not read yet included; reading are the doctors whose day columns are on
	// their way (readVisible).
	booked  int
	reading map[int64]bool

	waiting      []store.Appointment
	waitingLoads common.Reloads
	showWait     bool
	mode         bookMode
	wizard       *booker
	prompt       *prompt
	payment      *payment
	receipt      *common.Printout
	series       *series
	legend       string // the status marks explained, drawn once in NewBook
	panel        waitingPanel
	message      string
	failed       bool
	width        int
	height       int
}

// gridView names what the grid shows: a day of every doctor, or a doctor's week.
type gridView struct {
	day      time.Time
	week     bool
	doctorID int64
}

func (b *Book) wants() gridView {
	v := gridView{day: b.day, week: b.week}
	if b.week {
		v.doctorID = b.doctorID
	}
	return v
}

// stale reports that the grid still holds another day (or week) than the one the
// heading names, the one asked for not having arrived: its rows must not be acted on.
func (b *Book) stale() bool { return b.loaded && b.shown != b.wants() }

// NewBook returns the appointment book, on today.
func NewBook(c *common.Common) *Book {
	b := &Book{c: c, owner: newOwner(), keys: keys.NewBook(), legend: legend(c)}
	b.spin = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(c.Styles.Faint))
	b.day = localDay(c.Store.Now(), c.Settings.Location())
	return b
}

// Title is the tab's name.
func (b *Book) Title() string { return "Book" }

// Init loads today and the waiting room, and starts the waiting-time clock.
func (b *Book) Init() tea.Cmd {
	return tea.Batch(b.reload(), b.loadWaiting(), waitTick(b.c, b.owner))
}

// SetSize lays the grid out for the body's size.
func (b *Book) SetSize(width, height int) {
	b.width, b.height = width, height
	gw := width
	if width >= sidePanelMinWidth {
		gw = width - waitingPanelWidth - 1
	}
	b.grid.width, b.grid.height = gw, max(2, height-3)
	b.grid.scroll()
	if b.receipt != nil {
		b.receipt.SetSize(width, height)
	}
	if b.payment != nil {
		b.payment.setHeight(height)
	}
}

// Typing reports whether a text field has focus.
func (b *Book) Typing() bool {
	switch b.mode {
	case modeWizard:
		return b.wizard.typing()
	case modePrompt, modePayment, modeSeries:
		return true
	}
	return false
}

// Dirty reports a booking or a form in progress.
func (b *Book) Dirty() bool {
	switch b.mode {
	case modeWizard:
		return b.wizard.dirty()
	case modePrompt:
		return b.prompt.input.Value() != ""
	case modePayment:
		return b.payment.dirty()
	case modeSeries:
		return true
	}
	return false
}

// EscKeeps reports that esc keeps the unsaved input: in the booking wizard past its
// first step, esc goes back a step.
func (b *Book) EscKeeps() bool { return b.mode == modeWizard && b.wizard.escKeeps() }

// reload reads what the grid shows: the day, or the doctor's week, with the spinner
// turning until it arrives.
func (b *Book) reload() tea.Cmd {
	b.seq++
	b.loading = true
	load := b.loadView()
	if b.ticking {
		return load
	}
	b.ticking = true
	return tea.Batch(load, b.spin.Tick)
}

// loadView reads the doctor's week, or the day with the columns of its read window.
func (b *Book) loadView() tea.Cmd {
	if b.week {
		return loadWeek(b.c, b.owner, b.seq, b.wants())
	}
	lo, hi := b.grid.readWindow()
	return loadDay(b.c, b.owner, b.seq, b.wants(), [2]int{lo, hi})
}

// goTo shows another day (in week view, the week starting on the Monday of that day).
func (b *Book) goTo(day time.Time) tea.Cmd {
	if b.week {
		day = addDays(day, -((int(day.Weekday()) + 6) % 7))
	}
	b.day = day
	return b.reload()
}

func (b *Book) setMessage(text string, failed bool) { b.message, b.failed = text, failed }

// Update routes messages to the part of the book that has focus, then offers only the
// keys that work on the appointment now selected.
func (b *Book) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	cmd := b.update(msg)
	b.syncKeys()
	if b.mode == modeGrid && b.loaded {
		if read := b.readVisible(); read != nil {
			cmd = tea.Batch(cmd, read)
		}
		if names := b.nameVisible(); names != nil {
			cmd = tea.Batch(cmd, names)
		}
	}
	return b, cmd
}

func (b *Book) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		if msg.ID != b.spin.ID() {
			return nil
		}
		if !b.loading {
			b.ticking = false
			return nil
		}
		var cmd tea.Cmd
		b.spin, cmd = b.spin.Update(msg)
		return cmd
	case gridMsg:
		if msg.owner == b.owner && msg.seq == b.seq {
			b.loading = false
			if msg.err != nil {
				b.setMessage(common.ErrorText(msg.err), true)
				return nil
			}
			b.grid.layout(msg.cols, b.c.Settings.Location(), msg.busy)
			b.booked, b.reading = msg.booked, nil
			b.shown = msg.view
			b.fillNames()
			b.doctorUsers = msg.doctorUsers
			if b.wantDoctor != 0 {
				b.grid.toColumn(b.wantDoctor)
				b.wantDoctor = 0
			}
			if !b.loaded {
				b.loaded = true
				b.grid.toMinute(minuteOf(b.c.Store.Now(), b.c.Settings.Location()))
			}
		}
		return nil
	case entriesMsg:
		if msg.owner == b.owner && msg.seq == b.seq {
			b.columnsArrived(msg)
		}
		return nil
	case namesMsg:
		if msg.owner == b.owner {
			b.namesArrived(msg)
		}
		return nil
	case waitingMsg:
		if msg.owner == b.owner && b.waitingLoads.Newest(msg.stamp) {
			b.waiting = msg.list
			if msg.err != nil {
				b.setMessage(common.ErrorText(msg.err), true)
			}
		}
		return nil
	case waitTickMsg:
		if msg.owner == b.owner {
			return waitTick(b.c, b.owner)
		}
		return nil
	case common.StoreChangedMsg:
		return b.storeChanged(msg)
	case actionMsg:
		if msg.owner == b.owner {
			return b.actionDone(msg)
		}
		return nil
	case openMsg:
		return b.open(msg)
	case receiptMsg:
		if msg.owner == b.owner {
			b.showReceipt(msg)
		}
		return nil
	case tea.MouseMsg:
		if b.mode == modeGrid {
			b.click(msg)
		}
		return nil
	}
	switch b.mode {
	case modeWizard:
		return b.updateWizard(msg)
	case modePrompt:
		return b.updatePrompt(msg)
	case modePayment:
		return b.updatePayment(msg)
	case modeReceipt:
		return b.updateReceipt(msg)
	case modeSeries, modeSeriesResult:
		return b.updateSeries(msg)
	case modeWaiting:
		return b.updateWaiting(msg)
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		return b.gridKey(k)
	}
	return nil
}

// storeChanged reloads the book when appointments or calendars changed, keeping the
// cursor and anything being typed.
func (b *Book) storeChanged(msg common.StoreChangedMsg) tea.Cmd {
	waiting := msg.Touches(store.TopicAppointments)
	grid := waiting || b.doctorAccountChanged(msg) ||
		msg.Touches(store.TopicPatients, store.TopicStaff, store.TopicCalendars)
	var cmds []tea.Cmd
	if msg.Touches(store.TopicPatients) {
		b.forgetNames() // a patient renamed: read the names again
	}
	if grid {
		cmds = append(cmds, b.reload())
	}
	if waiting {
		cmds = append(cmds, b.loadWaiting())
	}
	if b.mode == modeWizard {
		cmds = append(cmds, b.wizard.storeChanged(msg))
	}
	return tea.Batch(cmds...)
}

// doctorAccountChanged reports whether an account whose name the book shows changed: a
// doctor's. Every login updates the account of whoever logs in, and reloading every open
// book for each of those was a burst of work on every desk of the clinic.
func (b *Book) doctorAccountChanged(msg common.StoreChangedMsg) bool {
	for _, e := range msg.Events {
		if e.Topic == store.TopicAny || (e.Topic == store.TopicAccounts && (b.doctorUsers == nil || b.doctorUsers[e.RowID])) {
			return true
		}
	}
	return false
}

func (b *Book) gridKey(msg tea.KeyMsg) tea.Cmd {
	k, g := b.keys, &b.grid
	loc := b.c.Settings.Location()
	if b.message != "" {
		b.message = ""
	}
	if b.stale() && !b.dayKey(msg) {
		return nil // the rows in the grid are another day's
	}
	switch {
	case key.Matches(msg, k.Up):
		g.move(-1, 0)
	case key.Matches(msg, k.Down):
		g.move(1, 0)
	case key.Matches(msg, k.Left):
		g.move(0, -1)
	case key.Matches(msg, k.Right):
		g.move(0, 1)
	case key.Matches(msg, k.PageUp):
		g.move(-g.visibleRows(), 0)
	case key.Matches(msg, k.PageDown):
		g.move(g.visibleRows(), 0)
	case key.Matches(msg, k.Home):
		g.move(-g.rows, 0)
	case key.Matches(msg, k.End):
		g.move(g.rows, 0)
	case key.Matches(msg, k.PrevDay):
		if b.week {
			return b.goTo(addDays(b.day, -7))
		}
		return b.goTo(addDays(b.day, -1))
	case key.Matches(msg, k.NextDay):
		if b.week {
			return b.goTo(addDays(b.day, 7))
		}
		return b.goTo(addDays(b.day, 1))
	case key.Matches(msg, k.Today):
		now := b.c.Store.Now()
		g.toMinute(minuteOf(now, loc))
		cmd := b.goTo(localDay(now, loc))
		if b.week {
			g.col = (int(now.In(loc).Weekday()) + 6) % 7
		}
		return cmd
	case key.Matches(msg, k.GoToDate):
		b.openPrompt(promptDate, "Go to date: ", "2025-03-07, today, tomorrow, +3", "")
		return b.prompt.input.Focus()
	case key.Matches(msg, k.Week):
		return b.toggleWeek()
	case key.Matches(msg, k.Waiting):
		if b.width < sidePanelMinWidth {
			b.mode = modeWaiting
		} else {
			b.showWait = !b.showWait
		}
		return nil
	case key.Matches(msg, k.New), key.Matches(msg, k.Open) && !b.hasSelection():
		return b.startBooking()
	default:
		return b.appointmentKey(msg)
	}
	return nil
}

// dayKey reports the keys that choose which day to show, the only ones that work
// while the grid still holds another day.
func (b *Book) dayKey(msg tea.KeyMsg) bool {
	k := b.keys
	return key.Matches(msg, k.PrevDay, k.NextDay, k.Today, k.GoToDate, k.Waiting)
}

func (b *Book) hasSelection() bool { _, ok := b.selected(); return ok }

// selected is the appointment under the cursor, none while another day is read.
func (b *Book) selected() (store.BookEntry, bool) {
	if b.stale() {
		return store.BookEntry{}, false
	}
	return b.grid.selected()
}

// toggleWeek switches between the day of every doctor and the week of the doctor under
// the cursor.
func (b *Book) toggleWeek() tea.Cmd {
	if b.week {
		_, at := b.grid.cursorTime()
		b.week = false
		b.day = localDay(at, b.c.Settings.Location())
		b.wantDoctor = b.doctorID
		return b.reload()
	}
	doctor, at := b.grid.cursorTime()
	if doctor == 0 {
		return nil
	}
	b.week, b.doctorID, b.weekOf = true, doctor, b.grid.cols[b.grid.col].title
	b.grid.col = (int(at.Weekday()) + 6) % 7
	return b.goTo(b.day)
}

func (b *Book) startBooking() tea.Cmd {
	doctor, at := b.grid.cursorTime()
	from := at
	if now := b.c.Store.Now(); from.Before(now) {
		from = now
	}
	w, cmd := bookFor(b.c, nil, doctor, from)
	b.wizard, b.mode = w, modeWizard
	return cmd
}

func (b *Book) updateWizard(msg tea.Msg) tea.Cmd {
	cmd := b.wizard.update(msg)
	switch {
	case b.wizard.done != nil:
		d := b.wizard.done
		b.mode, b.wizard = modeGrid, nil
		b.setMessage(d.text, false)
		return tea.Batch(cmd, b.show(d.doctorID, d.start))
	case b.wizard.closed:
		b.mode, b.wizard = modeGrid, nil
	}
	return cmd
}

// show moves the book to an appointment's day, doctor and time.
func (b *Book) show(doctorID int64, at time.Time) tea.Cmd {
	loc := b.c.Settings.Location()
	day := localDay(at, loc)
	b.grid.toMinute(minuteOf(at, loc))
	if b.week && b.doctorID == doctorID {
		b.grid.col = (int(day.Weekday()) + 6) % 7
	} else if !b.week {
		b.wantDoctor = doctorID
	}
	return b.goTo(day)
}

// click selects the cell under a mouse click, given in the body's cells (the frame
// translated it): the grid's cells start below the book's two heading rows and
// the time gutter.
func (b *Book) click(msg tea.MouseMsg) {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft || b.stale() {
		return
	}
	g := &b.grid
	r := msg.Y - 2
	c := (msg.X - gutter) / g.colWidth()
	if r < 0 || msg.X < gutter || r >= g.visibleRows() || c >= g.visibleCols() {
		return
	}
	g.row, g.col = min(g.rowOff+r, g.rows-1), min(g.colOff+c, max(0, len(g.cols)-1))
	g.scroll()
}

// ShortHelp lists the keys that matter now.
func (b *Book) ShortHelp() []key.Binding {
	k := b.keys
	switch b.mode {
	case modeWizard:
		return b.wizard.help()
	case modePrompt, modePayment, modeSeries:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "ok")), k.Back}
	case modeReceipt:
		return b.receipt.Help()
	case modeSeriesResult:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "place by hand")), k.Back}
	case modeWaiting:
		return []key.Binding{k.Back}
	}
	if b.stale() {
		return []key.Binding{k.PrevDay, k.NextDay, k.Today, k.GoToDate}
	}
	if b.hasSelection() {
		return []key.Binding{k.CheckIn, k.Confirm, k.NoShow, k.Pay, k.Reschedule, k.Cancel, k.New}
	}
	return []key.Binding{k.New, k.PrevDay, k.NextDay, k.Today, k.GoToDate, k.Week}
}

// FullHelp lists every key of the book.
func (b *Book) FullHelp() [][]key.Binding {
	k := b.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.PageUp, k.PageDown},
		{k.PrevDay, k.NextDay, k.Today, k.GoToDate, k.Week, k.Waiting},
		{k.New, k.Confirm, k.CheckIn, k.NoShow, k.Cancel},
		{k.Reschedule, k.Pay, k.FollowUp},
	}
}

// View draws the book.
func (b *Book) View() string {
	switch b.mode {
	case modeWizard:
		return b.wizard.view(b.width, b.height)
	case modePayment:
		return b.payment.view(b.c)
	case modeReceipt:
		return b.receipt.View()
	case modeSeries, modeSeriesResult:
		return b.series.view(b.c, b.width, b.height)
	case modeWaiting:
		return b.waitingView(b.width, b.height)
	}
	st := b.c.Styles
	main := b.grid.view(b.c)
	switch {
	case !b.loaded && b.loading:
		// Nothing is known of the day yet: not even whether the clinic has doctors.
		main = b.spin.View() + st.Faint.Render(" Opening the book…")
	case !b.loaded:
		main = st.Faint.Render("The book could not be read: t reads today again.")
	case b.stale() && b.loading:
		// The grid holds the day before: none of its rows is offered under this heading.
		main = b.spin.View() + st.Faint.Render(" Reading "+dayTitle(b.day)+"…")
	case b.stale():
		main = st.Faint.Render("This day could not be read: t reads today again.")
	}
	if b.width >= sidePanelMinWidth {
		panel := b.waitingView(waitingPanelWidth, b.grid.height)
		main = lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(b.grid.width+1).Render(main), panel)
	}
	lines := []string{b.heading(), main, b.detail()}
	switch {
	case b.mode == modePrompt:
		if b.prompt.err != "" {
			// The error takes the detail's line, so it shows inside the body at 80×24.
			lines[2] = st.Error.Render(fit(common.Safe(b.prompt.err), b.width))
		}
		lines = append(lines, b.prompt.input.View())
	case b.message != "" && b.failed:
		lines = append(lines, st.Error.Render(fit(b.message, b.width)))
	case b.message != "":
		lines = append(lines, st.Success.Render(fit(b.message, b.width)))
	default:
		lines = append(lines, fit(b.legend, b.width))
	}
	return strings.Join(lines, "\n")
}

func (b *Book) heading() string {
	st := b.c.Styles
	title := dayTitle(b.day)
	if b.week {
		title = "Week of " + title
		title += " · " + b.weekOf
	}
	if today := localDay(b.c.Store.Now(), b.c.Settings.Location()); !b.week && b.day.Equal(today) {
		title += " (today)"
	}
	right := fmt.Sprintf("%d booked · %d waiting", b.booked, len(b.waiting))
	switch {
	case !b.loaded || b.stale():
		right = ""
	case b.loading:
		right = b.spin.View() + " " + right
	}
	gap := max(1, b.width-lipgloss.Width(title)-lipgloss.Width(right))
	return st.Bold.Render(title) + strings.Repeat(" ", gap) + st.Faint.Render(right)
}

// detail describes the selected appointment in words.
func (b *Book) detail() string {
	st := b.c.Styles
	if b.stale() {
		return ""
	}
	a, ok := b.selected()
	if c, unread := b.grid.cursorColumn(); !ok && unread {
		return st.Faint.Render(fit("Reading "+c.title+"'s appointments…", b.width))
	}
	if !ok {
		_, at := b.grid.cursorTime()
		if at.IsZero() {
			return ""
		}
		return st.Faint.Render(fit(at.Format("15:04")+" free · enter or b: book here", b.width))
	}
	loc := b.c.Settings.Location()
	pay := string(a.PaymentStatus)
	if a.FeeCents > 0 {
		pay = money.Cents(a.FeeCents).Format(b.c.Settings.Currency) + " " + pay
	}
	head := fmt.Sprintf("%s %s–%s ", a.Code, a.Start.In(loc).Format("15:04"), a.End.In(loc).Format("15:04"))
	tail := fmt.Sprintf(" (%s) · %s · %s · %s", a.PatientCode, doctorName(a.DoctorName), a.Status.Label(), pay)
	// A long name is shortened before the status and payment, which the desk acts on.
	name := patientName(a)
	if room := b.width - lipgloss.Width(head) - lipgloss.Width(tail); lipgloss.Width(name) > room {
		name = textsafe.Truncate(name, max(room, 12))
	}
	text := head + name + tail
	if a.Status == store.AppointmentCancelled && a.CancelReason != "" {
		text += " · " + common.Safe(a.CancelReason)
	}
	return st.StatusColour(string(a.Status)).Render(fit(text, b.width))
}
