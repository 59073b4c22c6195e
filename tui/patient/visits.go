// Package patient is what a patient sees of the clinic, locally or over SSH: their own
// appointments (and a request to cancel an upcoming one) and their prescriptions with
// what the pharmacy has dispensed. The store narrows every read to the patient's own
// record; these screens only draw it.
package patient

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// pageSize is how many appointments each list loads: the nearest upcoming and the most
// recent past ones.
const pageSize = 50

type visitsMsg struct {
	stamp          uint64
	upcoming, past []store.Appointment
	err            error
}

type cancelAskedMsg struct {
	code string
	err  error
}

// Visits is the patient's appointments tab.
type Visits struct {
	c        *common.Common
	keys     keys.PatientVisits
	upcoming []store.Appointment
	past     []store.Appointment
	reloads  common.Reloads
	cursor   int  // over upcoming, then past
	asking   bool // waiting for y/n to ask for a cancellation
	notice   string
	failed   bool
	width    int
	height   int
}

// NewVisits returns the appointments tab.
func NewVisits(c *common.Common) *Visits { return &Visits{c: c, keys: keys.NewPatientVisits()} }

// Title is the tab's name.
func (m *Visits) Title() string { return "My appointments" }

// Init loads the appointments.
func (m *Visits) Init() tea.Cmd { return m.load() }

// SetSize sets the body's size.
func (m *Visits) SetSize(w, h int) { m.width, m.height = w, h }

// Typing is false: the tab has no text field.
func (m *Visits) Typing() bool { return false }

// Dirty is false: nothing is typed here.
func (m *Visits) Dirty() bool { return false }

// ShortHelp lists the tab's keys for the footer.
func (m *Visits) ShortHelp() []key.Binding {
	if m.asking {
		return []key.Binding{m.keys.Yes, m.keys.No}
	}
	return []key.Binding{m.keys.Cancel}
}

// FullHelp lists every key of the tab.
func (m *Visits) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.Home, m.keys.End, m.keys.Cancel}}
}

func (m *Visits) load() tea.Cmd {
	s, actor, stamp := m.c.Store, m.c.Actor(), m.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		up, err := s.MyAppointments(ctx, actor, true, pageSize)
		if err != nil {
			return visitsMsg{stamp: stamp, err: err}
		}
		past, err := s.MyAppointments(ctx, actor, false, pageSize)
		return visitsMsg{stamp: stamp, upcoming: up, past: past, err: err}
	}
}

func (m *Visits) askCancel(a store.Appointment) tea.Cmd {
	s, actor, id, code := m.c.Store, m.c.Actor(), a.ID, a.Code
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		return cancelAskedMsg{code: code, err: s.RequestCancellation(ctx, actor, id, "")}
	}
}

// Update handles keys, loads and the store's changes.
func (m *Visits) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.StoreChangedMsg:
		if msg.Touches(store.TopicAppointments, store.TopicPatients) {
			return m, m.load()
		}
	case visitsMsg:
		if !m.reloads.Newest(msg.stamp) {
			return m, nil
		}
		if msg.err != nil {
			m.notice, m.failed = common.ErrorText(msg.err), true
			return m, nil
		}
		m.keepCursor(msg.upcoming, msg.past)
		m.upcoming, m.past = msg.upcoming, msg.past
	case cancelAskedMsg:
		if msg.err != nil {
			m.notice, m.failed = common.ErrorText(msg.err), true
		} else {
			m.notice, m.failed = fmt.Sprintf("The front desk has your request to cancel %s; they will confirm it.", msg.code), false
		}
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		_, rows := m.lines()
		if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft && !m.asking &&
			msg.Y >= 0 && msg.Y < len(rows) && rows[msg.Y] >= 0 {
			m.cursor = rows[msg.Y]
		}
	}
	return m, nil
}

func (m *Visits) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if m.asking {
		switch {
		case key.Matches(msg, k.Yes):
			m.asking = false
			return m.askCancel(m.upcoming[m.cursor])
		case key.Matches(msg, k.No):
			m.asking, m.notice = false, ""
		}
		return nil
	}
	last := max(0, len(m.upcoming)+len(m.past)-1)
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(msg, k.Down):
		m.cursor = min(last, m.cursor+1)
	case key.Matches(msg, k.Home):
		m.cursor = 0
	case key.Matches(msg, k.End):
		m.cursor = last
	case key.Matches(msg, k.Cancel):
		if m.cursor >= len(m.upcoming) {
			m.notice, m.failed = "Only an upcoming appointment can be cancelled.", true
			return nil
		}
		a := m.upcoming[m.cursor]
		m.asking = true
		m.notice, m.failed = fmt.Sprintf("Ask the front desk to cancel %s on %s? y: yes · n: no", a.Code,
			m.c.Local(a.Start).Format("Mon 2 Jan 15:04")), false
	}
	return nil
}

// keepCursor keeps the cursor on the same appointment across a reload.
func (m *Visits) keepCursor(up, past []store.Appointment) {
	all := append(append([]store.Appointment{}, m.upcoming...), m.past...)
	next := append(append([]store.Appointment{}, up...), past...)
	if m.cursor < len(all) {
		for i, a := range next {
			if a.ID == all[m.cursor].ID {
				m.cursor = i
				return
			}
		}
	}
	m.cursor = min(m.cursor, max(0, len(next)-1))
}

// View draws the two lists, each cut to the rows that fit.
func (m *Visits) View() string {
	lines, _ := m.lines()
	return strings.Join(lines, "\n") + "\n"
}

// lines is the tab as drawn, line by line, with the appointment each line shows (its
// place over upcoming then past; -1 for any other line), so a click finds the
// appointment under it.
func (m *Visits) lines() (lines []string, rows []int) {
	st := m.c.Styles
	add := func(line string, row int) { lines, rows = append(lines, line), append(rows, row) }
	if m.notice != "" {
		style := st.Success
		if m.failed {
			style = st.Error
		} else if m.asking {
			style = st.Warning
		}
		add(style.Render(common.Safe(m.notice)), -1)
	}
	half := max(2, (m.height-4)/2)
	add(st.Bold.Render("Upcoming"), -1)
	m.list(add, m.upcoming, 0, half, "No upcoming appointments.")
	add("", -1)
	add(st.Bold.Render("Past"), -1)
	m.list(add, m.past, len(m.upcoming), half, "No past appointments.")
	return lines, rows
}

// list adds the rows of one list that fit, scrolled to keep the cursor on screen.
func (m *Visits) list(add func(string, int), items []store.Appointment, offset, rows int, empty string) {
	st := m.c.Styles
	if len(items) == 0 {
		add(st.Faint.Render(empty), -1)
		return
	}
	top := 0
	if c := m.cursor - offset; c >= rows && c < len(items) {
		top = c - rows + 1
	}
	for i := top; i < min(len(items), top+rows); i++ {
		a := items[i]
		line := fmt.Sprintf("%-10s %s  %-24s %s", a.Code, m.c.Local(a.Start).Format("Mon 02 Jan 2006 15:04"),
			common.Safe(a.DoctorName), a.Status.Label())
		line = textsafe.Truncate(line, max(10, m.width))
		if i+offset == m.cursor {
			line = st.Selected.Render(line)
		} else {
			line = st.Text.Render(line)
		}
		add(line, i+offset)
	}
}
