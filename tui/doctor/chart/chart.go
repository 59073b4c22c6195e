// Package chart is a patient's chart as the doctor sees it: demographics, allergies
// (severity coloured), history, current medications, vital signs with a trend of the
// last readings, past visits and prescriptions; with forms to add vitals and to add and
// edit allergies, history and medications. Each opening is written to the access log
// by the store.
package chart

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// BackMsg says the doctor left the chart.
type BackMsg struct{}

// OpenRxMsg asks for the prescription of the visit the chart was opened from.
type OpenRxMsg struct{ Appointment store.Appointment }

type loadedMsg struct {
	stamp     uint64
	patientID int64
	chart     store.Chart
	rxs       []store.Prescription
	visits    []store.Appointment
	err       error
}

type savedMsg struct {
	what string
	err  error
}

// Model is one patient's chart.
type Model struct {
	c    *common.Common
	keys keys.Chart
	appt store.Appointment

	data    store.Chart
	rxs     []store.Prescription
	visits  []store.Appointment
	loaded  bool
	reloads common.Reloads

	items  []item // what can be selected, in drawing order
	sel    int
	scroll int

	form    *huh.Form
	kind    formKind
	editID  int64
	f       fields
	startF  fields
	busy    bool
	message string
	failed  bool
	width   int
	height  int
}

// New returns the chart of an appointment's patient; Init loads it.
func New(c *common.Common, appt store.Appointment) *Model {
	return &Model{c: c, keys: keys.NewChart(), appt: appt}
}

// PatientID is whose chart this is.
func (m *Model) PatientID() int64 { return m.appt.PatientID }

// Init loads the chart.
func (m *Model) Init() tea.Cmd { return m.load() }

// pastRows bounds the visits and prescriptions the chart lists.
const pastRows = 10

func (m *Model) load() tea.Cmd {
	s, actor, id, stamp := m.c.Store, m.c.Actor(), m.appt.PatientID, m.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := loadedMsg{stamp: stamp, patientID: id}
		if msg.chart, msg.err = s.Chart(ctx, actor, id); msg.err != nil {
			return msg
		}
		if msg.visits, msg.err = s.PatientAppointments(ctx, actor, id, false, pastRows); msg.err != nil {
			return msg
		}
		msg.rxs, msg.err = s.PatientPrescriptions(ctx, actor, id, pastRows)
		return msg
	}
}

// SetSize sets the space the chart draws in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.form != nil {
		m.form = m.form.WithWidth(min(70, w)).WithHeight(m.formHeight())
	}
	m.follow()
}

// Typing reports whether a form has focus.
func (m *Model) Typing() bool { return m.form != nil }

// Dirty reports a form with something typed.
func (m *Model) Dirty() bool { return m.form != nil && m.f != m.startF }

// Update handles the chart's keys, its loads and saves, and store changes.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.patientID != m.appt.PatientID || !m.reloads.Newest(msg.stamp) {
			return nil
		}
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			return nil
		}
		m.data, m.rxs, m.visits, m.loaded = msg.chart, msg.rxs, msg.visits, true
		m.buildItems()
		m.follow()
		return nil
	case savedMsg:
		return m.saved(msg)
	case common.StoreChangedMsg:
		if m.form == nil && !m.busy && touchesChart(msg) {
			return m.load()
		}
		return nil
	}
	if m.form != nil {
		return m.updateForm(msg)
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		return m.key(k)
	}
	return nil
}

func touchesChart(msg common.StoreChangedMsg) bool {
	return msg.Touches(store.TopicPatients, store.TopicAllergies, store.TopicChart, store.TopicPrescriptions,
		store.TopicAppointments)
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return BackMsg{} }
	case key.Matches(msg, k.Up):
		m.sel = max(0, m.sel-1)
		m.follow()
	case key.Matches(msg, k.Down):
		m.sel = min(len(m.items)-1, m.sel+1)
		m.follow()
	case key.Matches(msg, k.Rx):
		a := m.appt
		return func() tea.Msg { return OpenRxMsg{Appointment: a} }
	case !m.loaded:
	case key.Matches(msg, k.AddVitals):
		return m.open(formVitals, 0)
	case key.Matches(msg, k.AddAllergy):
		return m.open(formAllergy, 0)
	case key.Matches(msg, k.AddHistory):
		return m.open(formHistory, 0)
	case key.Matches(msg, k.AddMed):
		return m.open(formMedication, 0)
	case key.Matches(msg, k.Pregnancy):
		return m.open(formPregnancy, 0)
	case key.Matches(msg, k.Edit):
		if m.sel >= 0 && m.sel < len(m.items) {
			it := m.items[m.sel]
			return m.open(it.kind, it.id)
		}
	}
	return nil
}

// ShortHelp lists the chart's main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.form != nil {
		return []key.Binding{k.Back}
	}
	return []key.Binding{k.AddVitals, k.AddAllergy, k.AddHistory, k.AddMed, k.Pregnancy, k.Edit, k.Rx, k.Back}
}

// FullHelp lists every key of the chart.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{{k.Up, k.Down, k.Edit, k.Back}, {k.AddVitals, k.AddAllergy, k.AddHistory, k.AddMed, k.Pregnancy}, {k.Rx}}
}
