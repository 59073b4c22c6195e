// Package queue is the doctor's home: today's appointments in order, checked-in
// patients highlighted with their waiting time, live as the desk checks people in.
// From here the doctor starts and completes consultations and opens a patient's chart
// or the visit's prescription.
package queue

import (
	"context"
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// OpenChartMsg asks for the chart of an appointment's patient.
type OpenChartMsg struct{ Appointment store.Appointment }

// OpenRxMsg asks for the prescription of an appointment.
type OpenRxMsg struct{ Appointment store.Appointment }

type loadedMsg struct {
	stamp uint64
	list  []store.Appointment
	now   time.Time
	err   error
}

type tickMsg struct{ now time.Time }

type actionMsg struct {
	appt   store.Appointment
	verb   string
	err    error
	opened bool // open the chart once it worked
}

// tickEvery is how often the waiting times move on and the list is read again.
const tickEvery = 30 * time.Second

// Model is the queue of the day.
type Model struct {
	c        *common.Common
	keys     keys.Queue
	doctorID int64

	all     []store.Appointment // the day's appointments
	list    []store.Appointment // those the filter lets through, as listed
	filter  common.Filter
	reloads common.Reloads
	cursor  int
	top     int
	now     time.Time
	loaded  bool
	busy    bool
	message string
	failed  bool
	width   int
	height  int
}

// New returns the queue; it loads once SetDoctor names the doctor.
func New(c *common.Common) *Model {
	return &Model{c: c, keys: keys.NewQueue(), filter: common.NewFilter("filter by patient, code, status or reason")}
}

// SetDoctor sets whose day the queue shows and loads it.
func (m *Model) SetDoctor(id int64) tea.Cmd {
	m.doctorID = id
	return tea.Batch(m.load(), m.tick())
}

// Fail shows why the queue cannot be shown at all.
func (m *Model) Fail(err error) { m.message, m.failed = common.ErrorText(err), true }

// ClearMessage drops the last step's message ("consultation started"), stale once the
// doctor comes back from the chart or the prescription it opened.
func (m *Model) ClearMessage() { m.message, m.failed = "", false }

func (m *Model) tick() tea.Cmd {
	return m.c.Tick(tickEvery, func(t time.Time) tea.Msg { return tickMsg{now: t} })
}

// load reads today's appointments of the doctor.
func (m *Model) load() tea.Cmd {
	s, actor, id, stamp := m.c.Store, m.c.Actor(), m.doctorID, m.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		now := s.Now()
		list, err := s.DoctorDay(ctx, actor, id, now)
		return loadedMsg{stamp: stamp, list: list, now: now, err: err}
	}
}

// SetSize sets the space the queue draws in.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h; m.scroll() }

// Selected is the appointment under the cursor.
func (m *Model) Selected() (store.Appointment, bool) {
	if m.cursor < 0 || m.cursor >= len(m.list) {
		return store.Appointment{}, false
	}
	return m.list[m.cursor], true
}

// Update handles the queue's keys, loads, ticks and store changes.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		return m.loadedList(msg)
	case tickMsg:
		// The reload also catches up with writes of other processes on the same file.
		m.now = msg.now
		return tea.Batch(m.tick(), m.load())
	case actionMsg:
		m.busy = false
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			return nil
		}
		m.message, m.failed = msg.appt.PatientName+": consultation "+msg.verb+".", false
		cmds := []tea.Cmd{m.load()}
		if msg.opened {
			a := msg.appt
			cmds = append(cmds, func() tea.Msg { return OpenChartMsg{Appointment: a} })
		}
		return tea.Batch(cmds...)
	case common.StoreChangedMsg:
		if m.doctorID != 0 && msg.Touches(store.TopicAppointments, store.TopicPatients) {
			return m.load()
		}
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		m.click(msg)
	}
	return nil
}

// loadedList takes a fresh list, keeping the cursor on the same appointment.
func (m *Model) loadedList(msg loadedMsg) tea.Cmd {
	if !m.reloads.Newest(msg.stamp) {
		return nil
	}
	if msg.err != nil {
		m.message, m.failed = common.ErrorText(msg.err), true
		return nil
	}
	var keep int64
	if a, ok := m.Selected(); ok {
		keep = a.ID
	}
	m.all, m.now, m.loaded = msg.list, msg.now, true
	m.refilter()
	for i, a := range m.list {
		if a.ID == keep {
			m.cursor = i
		}
	}
	if keep == 0 {
		m.cursor = m.firstWaiting()
	}
	m.scroll()
	return nil
}

// refilter lists the appointments the filter lets through, keeping the selected one.
func (m *Model) refilter() {
	m.list, m.cursor = common.Narrow(&m.filter, m.all, m.list, m.cursor,
		func(a store.Appointment) int64 { return a.ID },
		func(a store.Appointment) []string { return []string{a.PatientName, a.Code, a.Status.Label(), a.Reason} })
}

// Typing reports whether the filter is being typed.
func (m *Model) Typing() bool { return m.filter.Typing() }

// firstWaiting is the first checked-in or in-consultation patient, else the first row.
func (m *Model) firstWaiting() int {
	for i, a := range m.list {
		if a.Status == store.AppointmentCheckedIn || a.Status == store.AppointmentInConsultation {
			return i
		}
	}
	return 0
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	m.message, m.failed = "", false // the last step's note is stale once the doctor moves on
	if handled, changed, cmd := m.filter.Key(msg); handled {
		if changed {
			m.refilter()
			m.scroll()
		}
		return cmd
	}
	switch {
	case key.Matches(msg, k.Up):
		m.cursor--
	case key.Matches(msg, k.Down):
		m.cursor++
	case key.Matches(msg, k.PageUp):
		m.cursor -= m.rows()
	case key.Matches(msg, k.PageDown):
		m.cursor += m.rows()
	case key.Matches(msg, k.Home):
		m.cursor = 0
	case key.Matches(msg, k.End):
		m.cursor = len(m.list) - 1
	case key.Matches(msg, k.Open):
		if a, ok := m.Selected(); ok {
			return func() tea.Msg { return OpenChartMsg{Appointment: a} }
		}
	case key.Matches(msg, k.Rx):
		if a, ok := m.Selected(); ok {
			return func() tea.Msg { return OpenRxMsg{Appointment: a} }
		}
	case key.Matches(msg, k.Start):
		return m.act("started", true, m.c.Store.StartConsultation)
	case key.Matches(msg, k.Complete):
		return m.act("completed", false, m.c.Store.Complete)
	}
	m.cursor = min(max(m.cursor, 0), max(0, len(m.list)-1))
	m.scroll()
	return nil
}

// act runs a consultation step on the selected appointment.
func (m *Model) act(verb string, open bool, step func(ctx context.Context, actor store.Actor, id int64) error) tea.Cmd {
	a, ok := m.Selected()
	if !ok || m.busy {
		return nil
	}
	if verb == "started" && a.Status == store.AppointmentInConsultation {
		return func() tea.Msg { return OpenChartMsg{Appointment: a} }
	}
	m.busy, m.message = true, ""
	actor := m.c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		err := step(ctx, actor, a.ID)
		if errors.Is(err, store.ErrNotFound) {
			err = errors.New("That appointment is no longer in the book.")
		}
		return actionMsg{appt: a, verb: verb, err: err, opened: open}
	}
}
