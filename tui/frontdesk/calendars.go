package frontdesk

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// calendarItem is a line of the right-hand pane: a block of hours, a leave or a holiday.
type calendarItem struct {
	block   *store.ScheduleBlock
	leave   *store.Leave
	holiday *store.Holiday
}

type (
	doctorsMsg struct {
		stamp   uint64
		owner   int64
		doctors []store.Doctor
		err     error
	}
	calendarMsg struct {
		stamp    uint64
		owner    int64
		doctorID int64
		blocks   []store.ScheduleBlock
		leaves   []store.Leave
		holidays []store.Holiday
		err      error
	}
	calendarSavedMsg struct {
		owner int64
		text  string
		err   error
	}
)

// Calendars is the doctors' calendars tab: weekly working hours (several blocks a day),
// slot lengths, leaves, and the clinic's holidays. The front desk and the administrator
// keep them.
type Calendars struct {
	c     *common.Common
	owner int64
	keys  keys.Calendars

	all     []store.Doctor // every doctor, as read
	doctors []store.Doctor // those the filter lets through, as listed
	filter  common.Filter
	dCursor int
	items   []calendarItem
	iCursor int
	// doctorLoads and calendarLoads keep the newest reload's answer of each list.
	doctorLoads, calendarLoads common.Reloads
	inItems                    bool // the cursor is in the right-hand pane

	form    *calendarForm
	confirm *calendarItem // an item waiting for y/n before removal

	message string
	failed  bool
	width   int
	height  int
}

// NewCalendars returns the calendars tab.
func NewCalendars(c *common.Common) *Calendars {
	return &Calendars{c: c, owner: newOwner(), keys: keys.NewCalendars(),
		filter: common.NewFilter("filter by name or speciality")}
}

// Title is the tab's name.
func (m *Calendars) Title() string { return "Calendars" }

// Init lists the doctors.
func (m *Calendars) Init() tea.Cmd { return m.loadDoctors() }

// SetSize remembers the body's size.
func (m *Calendars) SetSize(width, height int) {
	m.width, m.height = width, height
	if m.form != nil {
		m.form.setHeight(height)
	}
}

// Typing reports whether a form's field (the list of appointments to move has none) or
// the filter has focus.
func (m *Calendars) Typing() bool {
	return (m.form != nil && m.form.rebook == nil) || m.filter.Typing()
}

// Dirty reports a form changed since it opened, or a leave's moves waiting to be saved.
func (m *Calendars) Dirty() bool { return m.form != nil && (m.form.dirty() || m.form.rebook != nil) }

func (m *Calendars) loadDoctors() tea.Cmd {
	s, actor, owner, stamp := m.c.Store, m.c.Actor(), m.owner, m.doctorLoads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		ds, err := s.Doctors(ctx, actor)
		return doctorsMsg{stamp: stamp, owner: owner, doctors: ds, err: err}
	}
}

func (m *Calendars) doctor() (store.Doctor, bool) {
	if m.dCursor < len(m.doctors) {
		return m.doctors[m.dCursor], true
	}
	return store.Doctor{}, false
}

func (m *Calendars) loadCalendar() tea.Cmd {
	d, ok := m.doctor()
	if !ok {
		return nil
	}
	s, actor, owner, now, stamp := m.c.Store, m.c.Actor(), m.owner, m.c.Store.Now(), m.calendarLoads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := calendarMsg{stamp: stamp, owner: owner, doctorID: d.ID}
		if msg.blocks, msg.err = s.Schedule(ctx, actor, d.ID); msg.err != nil {
			return msg
		}
		if msg.leaves, msg.err = s.Leaves(ctx, actor, d.ID, now); msg.err != nil {
			return msg
		}
		msg.holidays, msg.err = s.Holidays(ctx, actor, now)
		return msg
	}
}

// Update handles the calendars' keys, forms and data.
func (m *Calendars) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case doctorsMsg:
		if msg.owner == m.owner && m.doctorLoads.Newest(msg.stamp) {
			m.all = msg.doctors
			m.refilter()
			m.setError(msg.err)
			return m, m.loadCalendar()
		}
		return m, nil
	case calendarMsg:
		if d, ok := m.doctor(); msg.owner == m.owner && ok && d.ID == msg.doctorID && m.calendarLoads.Newest(msg.stamp) {
			m.setError(msg.err)
			m.items = m.items[:0]
			for i := range msg.blocks {
				m.items = append(m.items, calendarItem{block: &msg.blocks[i]})
			}
			for i := range msg.leaves {
				m.items = append(m.items, calendarItem{leave: &msg.leaves[i]})
			}
			for i := range msg.holidays {
				m.items = append(m.items, calendarItem{holiday: &msg.holidays[i]})
			}
			m.iCursor = max(0, min(m.iCursor, len(m.items)-1))
		}
		return m, nil
	case clashesMsg:
		return m, m.gotClashes(msg)
	case calendarSavedMsg:
		if msg.owner != m.owner {
			return m, nil
		}
		if msg.err != nil {
			text := common.ErrorText(msg.err)
			if m.form != nil && m.form.rebook != nil { // every move chosen stays as it was
				m.form.err, m.form.busy = text, false
				return m, nil
			}
			if m.form != nil {
				m.form.err, m.form.busy = text, false
				return m, m.form.rebuild(m.c)
			}
			m.message, m.failed = text, true
			return m, nil
		}
		m.form, m.message, m.failed = nil, msg.text, false
		return m, m.loadCalendar()
	case common.StoreChangedMsg:
		var cmds []tea.Cmd
		if msg.Touches(store.TopicStaff, store.TopicAccounts) {
			cmds = append(cmds, m.loadDoctors())
		}
		if msg.Touches(store.TopicCalendars) {
			cmds = append(cmds, m.loadCalendar())
		}
		return m, tea.Batch(cmds...)
	}
	if m.form != nil {
		return m, m.updateForm(msg)
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		if m.confirm != nil {
			return m, nil
		}
		m.clickItem(msg)
		return m, m.click(msg)
	}
	return m, nil
}

// leftWidth is the doctors' pane's width.
func (m *Calendars) leftWidth() int { return min(30, max(20, m.width/4)) }

// doctorsTop is the doctors' pane's first row: under its title and the filter, when
// one is typed or applies.
func (m *Calendars) doctorsTop() int {
	if m.filter.View() != "" {
		return 2
	}
	return 1
}

// firstDoctor is the first doctor drawn: the list scrolls to keep the chosen one in view.
func (m *Calendars) firstDoctor() int {
	return max(0, m.dCursor-(max(1, m.height-3)+1-m.doctorsTop())+1)
}

// click chooses the doctor under a click in the left pane (the frame gives the body's
// own cells) and shows their calendar.
func (m *Calendars) click(msg tea.MouseMsg) tea.Cmd {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft || msg.X >= m.leftWidth() ||
		msg.Y < m.doctorsTop() || msg.Y > max(1, m.height-3) {
		return nil
	}
	i := m.firstDoctor() + msg.Y - m.doctorsTop()
	if i >= len(m.doctors) || i == m.dCursor {
		return nil
	}
	m.dCursor, m.inItems, m.message = i, false, ""
	return m.loadCalendar()
}

// rightPane is the chosen doctor's calendar as drawn, line by line, with the item each
// line shows (-1 for a title), so a click finds the item under it.
func (m *Calendars) rightPane() (lines []string, items []int) {
	st := m.c.Styles
	rows := max(1, m.height-3)
	rightW := max(20, m.width-m.leftWidth()-1)
	add := func(line string, item int) { lines, items = append(lines, line), append(items, item) }
	if d, ok := m.doctor(); ok {
		add(st.Bold.Render(fit(doctorName(d.Name)+" — weekly hours, leave, clinic holidays", rightW)), -1)
	}
	section := ""
	firstItem := max(0, m.iCursor-rows+2)
	for i := firstItem; i < len(m.items) && len(lines) < rows; i++ {
		item := m.items[i]
		name := map[bool]string{true: "Weekly hours"}[item.block != nil]
		if item.leave != nil {
			name = "Leave"
		}
		if item.holiday != nil {
			name = "Clinic holidays"
		}
		if name != section {
			section = name
			add(st.Faint.Render(name), -1)
		}
		line := fit(m.itemText(item), rightW-3)
		if m.inItems && i == m.iCursor {
			line = st.Selected.Render("› " + line)
		} else {
			line = "  " + line
		}
		add(line, i)
	}
	if len(m.items) == 0 && len(m.doctors) > 0 {
		add(st.Faint.Render("No working hours yet: a adds a block of hours."), -1)
	}
	return lines, items
}

// clickItem selects the hours, leave or holiday under a click in the right-hand pane.
func (m *Calendars) clickItem(msg tea.MouseMsg) {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft || msg.X <= m.leftWidth() {
		return
	}
	_, items := m.rightPane()
	if msg.Y >= 0 && msg.Y < len(items) && items[msg.Y] >= 0 {
		m.iCursor, m.inItems, m.message = items[msg.Y], true, ""
	}
}

// refilter lists the doctors the filter lets through, keeping the chosen one chosen
// while listed.
func (m *Calendars) refilter() {
	m.doctors, m.dCursor = common.Narrow(&m.filter, m.all, m.doctors, m.dCursor,
		func(d store.Doctor) int64 { return d.ID },
		func(d store.Doctor) []string { return append([]string{d.Name}, d.Specialisations...) })
}

func (m *Calendars) setError(err error) {
	if err != nil {
		m.message, m.failed = common.ErrorText(err), true
	}
}

func (m *Calendars) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if m.confirm != nil {
		item := *m.confirm
		m.confirm = nil
		if msg.String() == "y" {
			return m.remove(item)
		}
		return nil
	}
	m.message = ""
	switch {
	case m.filter.Typing():
	case key.Matches(msg, k.AddHours):
		return m.openForm(formHours)
	case key.Matches(msg, k.AddLeave):
		return m.openForm(formLeave)
	case key.Matches(msg, k.AddHoliday):
		return m.openForm(formHoliday)
	}
	if !m.inItems {
		if handled, changed, cmd := m.filter.Key(msg); handled {
			if changed {
				m.refilter()
				m.items = nil
				return tea.Batch(cmd, m.loadCalendar())
			}
			return cmd
		}
		switch {
		case key.Matches(msg, k.Up):
			if m.dCursor > 0 {
				m.dCursor--
				return m.loadCalendar()
			}
		case key.Matches(msg, k.Down):
			if m.dCursor < len(m.doctors)-1 {
				m.dCursor++
				return m.loadCalendar()
			}
		case key.Matches(msg, k.Open), msg.String() == "right", msg.String() == "l":
			m.inItems = len(m.items) > 0
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Up):
		m.iCursor = max(0, m.iCursor-1)
	case key.Matches(msg, k.Down):
		m.iCursor = min(len(m.items)-1, m.iCursor+1)
	case key.Matches(msg, k.Back), msg.String() == "left", msg.String() == "h":
		m.inItems = false
	case key.Matches(msg, k.Remove):
		if m.iCursor < len(m.items) {
			item := m.items[m.iCursor]
			m.confirm = &item
		}
	}
	return nil
}

func (m *Calendars) remove(item calendarItem) tea.Cmd {
	s, actor, owner := m.c.Store, m.c.Actor(), m.owner
	text := "Removed " + m.itemText(item) + "."
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		var err error
		switch {
		case item.block != nil:
			err = s.RemoveScheduleBlock(ctx, actor, item.block.ID)
		case item.leave != nil:
			err = s.RemoveLeave(ctx, actor, item.leave.ID)
		default:
			err = s.RemoveHoliday(ctx, actor, item.holiday.ID)
		}
		return calendarSavedMsg{owner: owner, text: text, err: err}
	}
}

func (m *Calendars) itemText(item calendarItem) string {
	switch {
	case item.block != nil:
		b := item.block
		return fmt.Sprintf("%-9s %s–%s  %d-minute slots", b.Weekday, b.Start, b.End, b.SlotMinutes)
	case item.leave != nil:
		l := item.leave
		text := "leave " + l.From.Format("Mon 2 Jan")
		if !l.To.Equal(l.From) {
			text += " – " + l.To.Format("Mon 2 Jan")
		}
		text += l.To.Format(" 2006")
		if l.Reason != "" {
			text += " · " + common.Safe(l.Reason)
		}
		return text
	}
	h := item.holiday
	return "closed " + h.Day.Format("Mon 2 Jan 2006") + " · " + common.Safe(h.Name)
}

// ShortHelp lists the keys that matter now.
func (m *Calendars) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.form != nil && m.form.rebook != nil:
		return []key.Binding{k.Rebook.Save, k.Rebook.Next, k.Rebook.Down, k.Rebook.Back}
	case m.form != nil:
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / save")), k.Back}
	case m.inItems:
		return []key.Binding{k.Remove, k.AddHours, k.AddLeave, k.AddHoliday, k.Back}
	case m.filter.Typing():
		return m.filter.Help()
	}
	return append([]key.Binding{k.Up, k.Down, k.Open, k.AddHours, k.AddLeave, k.AddHoliday}, m.filter.Help()...)
}

// FullHelp lists every key of the tab.
func (m *Calendars) FullHelp() [][]key.Binding {
	k := m.keys
	if m.form != nil && m.form.rebook != nil {
		r := k.Rebook
		return [][]key.Binding{{r.Up, r.Down}, {r.Prev, r.Next}, {r.Save, r.Back}}
	}
	if m.filter.Typing() {
		return [][]key.Binding{m.filter.Help()}
	}
	return [][]key.Binding{{k.Up, k.Down, k.Open, k.Back}, {k.AddHours, k.AddLeave, k.AddHoliday, k.Remove},
		m.filter.Help()}
}

// View draws the doctors on the left and the chosen doctor's calendar on the right.
func (m *Calendars) View() string {
	st := m.c.Styles
	if m.form != nil {
		return m.form.view(m.c, m.width, m.height)
	}
	leftW := m.leftWidth()
	rows := max(1, m.height-3)
	var left []string
	left = append(left, st.Bold.Render("Doctors"))
	if f := m.filter.View(); f != "" {
		left = append(left, fit(f, leftW))
	}
	for i := m.firstDoctor(); i < len(m.doctors) && len(left) <= rows; i++ {
		line := fit(doctorName(m.doctors[i].Name), leftW-3)
		switch {
		case i == m.dCursor && !m.inItems:
			line = st.Selected.Render("› " + line)
		case i == m.dCursor:
			line = st.Bold.Render("› " + line)
		default:
			line = "  " + line
		}
		left = append(left, line)
	}
	switch {
	case len(m.all) == 0:
		left = append(left, st.Faint.Render("No doctors yet."))
	case len(m.doctors) == 0:
		left = append(left, st.Faint.Render("No doctor matches."))
	}
	right, _ := m.rightPane()
	body := lipgloss.JoinHorizontal(lipgloss.Top,
		lipgloss.NewStyle().Width(leftW+1).Render(strings.Join(left, "\n")), strings.Join(right, "\n"))
	lines := []string{body}
	switch {
	case m.confirm != nil:
		lines = append(lines, st.Warning.Render(fit("Remove "+m.itemText(*m.confirm)+"? y: yes · any other key: no", m.width)))
	case m.message != "" && m.failed:
		lines = append(lines, st.Error.Width(m.width).Render(common.Safe(m.message)))
	case m.message != "":
		lines = append(lines, st.Success.Render(fit(m.message, m.width)))
	}
	return strings.Join(lines, "\n")
}
