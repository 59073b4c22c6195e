package patient

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// accessRows is how many of the latest accesses the tab loads.
const accessRows = 200

type accessesMsg struct {
	stamp uint64
	list  []store.AccessRecord
	err   error
}

// Accesses is the patient's "Who looked" tab: who at the clinic opened their record and
// when, newest first, by name and role; the selected one's reason (an emergency's) below.
type Accesses struct {
	c       *common.Common
	keys    keys.List
	list    []store.AccessRecord
	loaded  bool
	reloads common.Reloads
	cursor  int
	err     string
	width   int
	height  int
}

// NewAccesses returns the "Who looked" tab.
func NewAccesses(c *common.Common) *Accesses {
	return &Accesses{c: c, keys: keys.NewList()}
}

// Title is the tab's name.
func (m *Accesses) Title() string { return "Who looked" }

// Init loads the accesses.
func (m *Accesses) Init() tea.Cmd { return m.load() }

func (m *Accesses) load() tea.Cmd {
	s, actor, stamp := m.c.Store, m.c.Actor(), m.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		list, err := s.MyRecordAccesses(ctx, actor, accessRows)
		return accessesMsg{stamp: stamp, list: list, err: err}
	}
}

// SetSize sets the body's size.
func (m *Accesses) SetSize(w, h int) { m.width, m.height = w, h }

// Typing is false: the tab has no text field.
func (m *Accesses) Typing() bool { return false }

// Dirty is false: nothing is typed here.
func (m *Accesses) Dirty() bool { return false }

// ShortHelp lists the tab's keys for the footer.
func (m *Accesses) ShortHelp() []key.Binding { return []key.Binding{m.keys.Down} }

// FullHelp lists every key of the tab.
func (m *Accesses) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.Home, m.keys.End}}
}

// Update handles keys, clicks, the load, and the store's changes: an access to the
// record is written to the access log (TopicAudit), so the tab shows it as it happens.
func (m *Accesses) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.StoreChangedMsg:
		if msg.Touches(store.TopicAudit) {
			return m, m.load()
		}
	case tea.MouseMsg:
		top, rows := m.window()
		if i, ok := common.ClickedRow(msg, m.listTop(), top, rows, len(m.list)); ok {
			m.cursor = i
		}
	case accessesMsg:
		if !m.reloads.Newest(msg.stamp) {
			return m, nil
		}
		m.err, m.loaded = common.ErrorText(msg.err), true
		if msg.err == nil {
			m.keepCursor(msg.list)
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

// keepCursor shows a new read of the accesses, keeping the selected one selected (a new
// access comes in on top).
func (m *Accesses) keepCursor(list []store.AccessRecord) {
	var selected int64
	if m.cursor < len(m.list) {
		selected = m.list[m.cursor].ID
	}
	m.list, m.cursor = list, min(m.cursor, max(0, len(list)-1))
	for i, r := range list {
		if r.ID == selected {
			m.cursor = i
		}
	}
}

// window is the first access drawn and how many fit, scrolled to keep the selected
// one shown.
func (m *Accesses) window() (top, rows int) {
	rows = max(1, m.height-6)
	return max(0, m.cursor-rows+1), rows
}

// listTop is the body's line of the first access drawn: under the error if any, and
// the line that says what the list is.
func (m *Accesses) listTop() int {
	if m.err != "" {
		return 2
	}
	return 1
}

// roleWords names a staff role as a patient knows it.
var roleWords = map[store.Role]string{
	store.RoleAdmin:        "administrator",
	store.RoleReceptionist: "front desk",
	store.RoleDoctor:       "doctor",
	store.RolePharmacist:   "pharmacy",
}

func roleText(r store.AccessRecord) string {
	if r.UserName == "" {
		return "command line" // an admin's export on the clinic's server
	}
	if w, ok := roleWords[r.UserRole]; ok {
		return w
	}
	return string(r.UserRole)
}

// whoText names who opened the record: the staff member, or the clinic for the
// server's command line, which names no one.
func whoText(r store.AccessRecord) string {
	if r.UserName == "" {
		return "Clinic staff"
	}
	return r.UserName
}

// View draws the list, windowed around the cursor, and the selected access whole.
func (m *Accesses) View() string {
	st := m.c.Styles
	var b strings.Builder
	if m.err != "" {
		b.WriteString(st.Error.Render(common.Safe(m.err)) + "\n")
	}
	if len(m.list) == 0 {
		if m.loaded {
			b.WriteString(st.Faint.Render("No one at the clinic has opened your record."))
		}
		return b.String()
	}
	head := "Who at the clinic opened your record, newest first: " + plural.S(len(m.list), "time")
	if len(m.list) == accessRows {
		head = fmt.Sprintf("Who at the clinic opened your record: the latest %d times", accessRows)
	}
	b.WriteString(st.Faint.Render(textsafe.Truncate(head, max(10, m.width))) + "\n")
	top, rows := m.window()
	for i := top; i < min(len(m.list), top+rows); i++ {
		r := m.list[i]
		who := textsafe.Truncate(whoText(r), 16)
		line := fmt.Sprintf("%s  %s %-12s %s", m.c.Local(r.At).Format("02 Jan 2006 15:04"),
			who+strings.Repeat(" ", 16-textsafe.Width(who)), roleText(r), r.What)
		line = textsafe.Truncate(line, max(10, m.width))
		if i == m.cursor {
			line = st.Selected.Render(line)
		}
		b.WriteString(line + "\n")
	}
	// An emergency's reason is the patient's to read; other reasons are the desk's
	// bookkeeping (where a printout was saved).
	if why, ok := strings.CutPrefix(m.list[m.cursor].Reason, "emergency access: "); ok {
		b.WriteString("\n" + lipgloss.NewStyle().Width(max(10, m.width)).Render(textsafe.Line("Reason given: "+why)) + "\n")
	}
	return b.String()
}
