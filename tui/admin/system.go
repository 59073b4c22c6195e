package admin

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/tui/common"
)

// SystemPanel is one section of the System tab, in a file of its own: the tab stacks
// the panels' views and gives every message to each of them.
type SystemPanel interface {
	Init() tea.Cmd
	Update(tea.Msg) tea.Cmd
	View(width int) string
	// Badge is a warning for every admin's header; "" when all is well.
	Badge() string
}

// System is the admins' tab of the clinic's machinery: its backups and replica.
type System struct {
	c      *common.Common
	panels []SystemPanel
	width  int
}

// NewSystem returns the System tab with its panels.
func NewSystem(c *common.Common) *System {
	m := &System{c: c}
	m.panels = []SystemPanel{newBackupPanel(c), newDatabasePanel(c)}
	return m
}

// Title is the tab's name.
func (m *System) Title() string { return "System" }

// Init starts each panel.
func (m *System) Init() tea.Cmd {
	cmds := make([]tea.Cmd, len(m.panels))
	for i, p := range m.panels {
		cmds[i] = p.Init()
	}
	return tea.Batch(cmds...)
}

// Update gives the message to every panel.
func (m *System) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	cmds := make([]tea.Cmd, len(m.panels))
	for i, p := range m.panels {
		cmds[i] = p.Update(msg)
	}
	return m, tea.Batch(cmds...)
}

// View stacks the panels.
func (m *System) View() string {
	views := make([]string, len(m.panels))
	for i, p := range m.panels {
		views[i] = p.View(m.width)
	}
	return strings.Join(views, "\n\n")
}

// Badge joins the panels' warnings, for the frame's header.
func (m *System) Badge() string {
	var warnings []string
	for _, p := range m.panels {
		if b := p.Badge(); b != "" {
			warnings = append(warnings, b)
		}
	}
	return strings.Join(warnings, " · ")
}

// SetSize sets the body's size.
func (m *System) SetSize(w, _ int) { m.width = w }

// Typing is false: the tab has no text field.
func (m *System) Typing() bool { return false }

// Dirty is false: the tab only shows.
func (m *System) Dirty() bool { return false }

// ShortHelp is empty: the tab has no keys of its own.
func (m *System) ShortHelp() []key.Binding { return nil }

// FullHelp is empty too.
func (m *System) FullHelp() [][]key.Binding { return nil }
