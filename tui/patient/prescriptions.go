package patient

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

type prescriptionsMsg struct {
	stamp uint64
	list  []store.Prescription
	err   error
}

// Prescriptions is the patient's prescriptions tab: each prescription's status and,
// for the one selected, its medicines with how much the pharmacy has handed over.
type Prescriptions struct {
	c       *common.Common
	keys    keys.List
	list    []store.Prescription
	reloads common.Reloads
	cursor  int
	err     string
	width   int
	height  int
}

// NewPrescriptions returns the prescriptions tab.
func NewPrescriptions(c *common.Common) *Prescriptions {
	return &Prescriptions{c: c, keys: keys.NewList()}
}

// Title is the tab's name.
func (m *Prescriptions) Title() string { return "My prescriptions" }

// Init loads the prescriptions.
func (m *Prescriptions) Init() tea.Cmd { return m.load() }

// SetSize sets the body's size.
func (m *Prescriptions) SetSize(w, h int) { m.width, m.height = w, h }

// Typing is false: the tab has no text field.
func (m *Prescriptions) Typing() bool { return false }

// Dirty is false: nothing is typed here.
func (m *Prescriptions) Dirty() bool { return false }

// ShortHelp lists the tab's keys for the footer.
func (m *Prescriptions) ShortHelp() []key.Binding { return []key.Binding{m.keys.Down} }

// FullHelp lists every key of the tab.
func (m *Prescriptions) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.Home, m.keys.End}}
}

func (m *Prescriptions) load() tea.Cmd {
	s, actor, stamp := m.c.Store, m.c.Actor(), m.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		list, err := s.MyPrescriptions(ctx, actor, pageSize)
		return prescriptionsMsg{stamp: stamp, list: list, err: err}
	}
}

// Update handles keys, loads and the store's changes.
func (m *Prescriptions) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.StoreChangedMsg:
		if msg.Touches(store.TopicPrescriptions, store.TopicDispensing) {
			return m, m.load()
		}
	case prescriptionsMsg:
		if !m.reloads.Newest(msg.stamp) {
			return m, nil
		}
		m.err = common.ErrorText(msg.err)
		if msg.err == nil {
			id := int64(0)
			if m.cursor < len(m.list) {
				id = m.list[m.cursor].ID
			}
			m.list, m.cursor = msg.list, min(m.cursor, max(0, len(msg.list)-1))
			for i, r := range m.list {
				if r.ID == id {
					m.cursor = i
				}
			}
		}
	case tea.MouseMsg:
		top, rows := m.window()
		if i, ok := common.ClickedRow(msg, m.listTop(), top, rows, len(m.list)); ok {
			m.cursor = i
		}
	case tea.KeyMsg:
		last := max(0, len(m.list)-1)
		switch {
		case key.Matches(msg, m.keys.Up):
			m.cursor = max(0, m.cursor-1)
		case key.Matches(msg, m.keys.Down):
			m.cursor = min(last, m.cursor+1)
		case key.Matches(msg, m.keys.Home):
			m.cursor = 0
		case key.Matches(msg, m.keys.End):
			m.cursor = last
		}
	}
	return m, nil
}

// statusText says a prescription's status in a patient's words.
func statusText(s store.PrescriptionStatus) string {
	switch s {
	case store.PrescriptionSubmitted:
		return "sent to the pharmacy"
	case store.PrescriptionDispensing:
		return "partly dispensed"
	case store.PrescriptionFulfilled:
		return "ready / dispensed"
	case store.PrescriptionCancelled:
		return "cancelled"
	}
	return string(s)
}

// window is the first prescription drawn and how many fit: the top half, scrolled to
// keep the selected one shown.
func (m *Prescriptions) window() (top, rows int) {
	rows = max(1, m.height/2-1)
	return max(0, m.cursor-rows+1), rows
}

// listTop is the body's line of the first prescription drawn, under the error if any.
func (m *Prescriptions) listTop() int {
	if m.err != "" {
		return 1
	}
	return 0
}

// View draws the list (the rows that fit in the top half) and the selected
// prescription's medicines.
func (m *Prescriptions) View() string {
	st := m.c.Styles
	var b strings.Builder
	if m.err != "" {
		b.WriteString(st.Error.Render(common.Safe(m.err)) + "\n")
	}
	if len(m.list) == 0 {
		b.WriteString(st.Faint.Render("No prescriptions yet."))
		return b.String()
	}
	top, rows := m.window()
	for i := top; i < min(len(m.list), top+rows); i++ {
		r := m.list[i]
		line := fmt.Sprintf("%-9s %s  %-22s %s", r.Code, m.c.Local(r.CreatedAt).Format("02 Jan 2006"),
			common.Safe(r.DoctorName), statusText(r.Status))
		line = textsafe.Truncate(line, max(10, m.width))
		if i == m.cursor {
			line = st.Selected.Render(line)
		}
		b.WriteString(line + "\n")
	}
	r := m.list[m.cursor]
	b.WriteString("\n" + st.Bold.Render(r.Code) + st.Faint.Render(" · "+statusText(r.Status)) + "\n")
	// Two lines a medicine, so a long name never pushes how much is dispensed off screen.
	for _, med := range r.Medications {
		name := med.Name
		if med.Strength != "" && !strings.Contains(strings.ToLower(name), strings.ToLower(med.Strength)) {
			name += " " + med.Strength
		}
		how := strings.TrimSpace(med.Dosage + " " + drugs.FrequencyText(med.Frequency))
		b.WriteString(textsafe.Truncate(common.Safe(name), max(10, m.width)) + "\n")
		b.WriteString(textsafe.Truncate(fmt.Sprintf("  %d of %d dispensed · %s", med.Dispensed, med.Quantity,
			common.Safe(how)), max(10, m.width)) + "\n")
	}
	for _, t := range r.Tests {
		b.WriteString(textsafe.Truncate("Test: "+common.Safe(t.Name), max(10, m.width)) + "\n")
	}
	return b.String()
}
