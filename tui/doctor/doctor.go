// Package doctor is the doctor's tab: today's queue first, and from it a patient's
// chart and the visit's prescription (with its sketchpad). The views stack: esc goes
// back one.
package doctor

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/doctor/chart"
	"github.com/clinicdesk/clinicdesk/tui/doctor/queue"
	"github.com/clinicdesk/clinicdesk/tui/doctor/rx"
)

type doctorMsg struct {
	doctor store.Doctor
	err    error
}

// Model is the doctor's tab.
type Model struct {
	c      *common.Common
	doctor store.Doctor
	queue  *queue.Model
	chart  *chart.Model // nil unless a chart is open
	rx     *rx.Model    // nil unless a prescription is open
	width  int
	height int
}

// New returns the doctor's tab.
func New(c *common.Common) *Model {
	return &Model{c: c, queue: queue.New(c)}
}

// Title is the tab's name.
func (m *Model) Title() string { return "Today" }

// HelpTitle names the view on top, which the help overlay lists the keys of.
func (m *Model) HelpTitle() string {
	switch {
	case m.rx != nil:
		return m.rx.Name()
	case m.chart != nil:
		return "the chart"
	}
	return m.Title()
}

// Init finds the logged-in doctor's record, then loads the day.
func (m *Model) Init() tea.Cmd {
	s, actor, userID := m.c.Store, m.c.Actor(), m.c.User.ID
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		d, err := s.DoctorByUser(ctx, actor, userID)
		return doctorMsg{doctor: d, err: err}
	}
}

// SetSize passes the body's size to every open view.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.queue.SetSize(w, h)
	if m.chart != nil {
		m.chart.SetSize(w, h)
	}
	if m.rx != nil {
		m.rx.SetSize(w, h)
	}
}

// Typing reports whether the view on top has a text field (the sketchpad's text tool, the queue's filter) focused.
func (m *Model) Typing() bool {
	switch {
	case m.rx != nil:
		return m.rx.Typing()
	case m.chart != nil:
		return m.chart.Typing()
	}
	return m.queue.Typing()
}

// Dirty reports unsaved input in an open chart form or prescription.
func (m *Model) Dirty() bool {
	return (m.chart != nil && m.chart.Dirty()) || (m.rx != nil && m.rx.Dirty())
}

// EscKeeps reports that esc keeps the unsaved input (the sketchpad's esc).
func (m *Model) EscKeeps() bool { return m.rx != nil && m.rx.EscKeeps() }

// ShortHelp is the top view's keys.
func (m *Model) ShortHelp() []key.Binding {
	switch {
	case m.rx != nil:
		return m.rx.ShortHelp()
	case m.chart != nil:
		return m.chart.ShortHelp()
	}
	return m.queue.ShortHelp()
}

// FullHelp is every key of the top view.
func (m *Model) FullHelp() [][]key.Binding {
	switch {
	case m.rx != nil:
		return m.rx.FullHelp()
	case m.chart != nil:
		return m.chart.FullHelp()
	}
	return m.queue.FullHelp()
}

// Update routes keys and mouse to the view on top and everything else to every open
// view, which ignore what is not theirs.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case doctorMsg:
		if msg.err != nil {
			m.queue.Fail(msg.err)
			return m, nil
		}
		m.doctor = msg.doctor
		return m, m.queue.SetDoctor(msg.doctor.ID)
	case queue.OpenChartMsg:
		m.rx = nil
		m.chart = chart.New(m.c, msg.Appointment)
		m.chart.SetSize(m.width, m.height)
		return m, m.chart.Init()
	case queue.OpenRxMsg:
		return m, m.openRx(msg.Appointment)
	case chart.OpenRxMsg:
		return m, m.openRx(msg.Appointment)
	case chart.BackMsg:
		m.chart = nil
		m.queue.ClearMessage()
		return m, nil
	case rx.BackMsg:
		m.rx = nil
		m.queue.ClearMessage()
		return m, nil
	case tea.KeyMsg:
		return m, m.top(msg)
	case tea.MouseMsg: // in the body's cells: the frame translated it
		return m, m.top(msg)
	}
	var cmds []tea.Cmd
	cmds = append(cmds, m.queue.Update(msg))
	if m.chart != nil {
		cmds = append(cmds, m.chart.Update(msg))
	}
	if m.rx != nil {
		cmds = append(cmds, m.rx.Update(msg))
	}
	return m, tea.Batch(cmds...)
}

func (m *Model) openRx(a store.Appointment) tea.Cmd {
	m.rx = rx.New(m.c, m.doctor, a)
	m.rx.SetSize(m.width, m.height)
	return m.rx.Init()
}

// top gives a key or mouse message to the view on top.
func (m *Model) top(msg tea.Msg) tea.Cmd {
	switch {
	case m.rx != nil:
		return m.rx.Update(msg)
	case m.chart != nil:
		return m.chart.Update(msg)
	}
	return m.queue.Update(msg)
}

// View draws the view on top.
func (m *Model) View() string {
	switch {
	case m.rx != nil:
		return m.rx.View()
	case m.chart != nil:
		return m.chart.View()
	}
	return m.queue.View()
}
