package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

// helpOverlay is every key of the shown screen and of the frame, drawn over the body
// in place of the screen. esc, ? or f1 closes it; ↑ and ↓ (or the wheel) scroll it when
// it is taller than the body. Switching tabs cannot happen under it, so it never
// outlives the screen it describes.
type helpOverlay struct {
	open bool
	top  int // the first line of the keys drawn
}

func (m *Model) openHelp() { m.overlay = helpOverlay{open: true} }

// helpKey handles a key while the overlay is open; every other key is ignored, so a key
// pressed to close it does nothing underneath.
func (m *Model) helpKey(msg tea.KeyMsg) {
	page := max(1, m.bodyHeight()-2)
	switch {
	case key.Matches(msg, m.keys.Back, m.keys.Help, m.keys.HelpAnywhere):
		m.overlay = helpOverlay{}
	case key.Matches(msg, m.list.Up):
		m.scrollHelp(-1)
	case key.Matches(msg, m.list.Down):
		m.scrollHelp(1)
	case key.Matches(msg, m.list.PageUp):
		m.scrollHelp(-page)
	case key.Matches(msg, m.list.PageDown):
		m.scrollHelp(page)
	}
}

func (m *Model) overlayMouse(msg tea.MouseMsg) {
	if k, ok := wheelKey(msg); ok {
		m.helpKey(k)
	}
}

// scrollHelp moves the overlay's first line, keeping the last page full.
func (m *Model) scrollHelp(by int) {
	lines := len(m.fullHelpBlock().lines)
	m.overlay.top = max(0, min(m.overlay.top+by, lines-m.helpRows()))
}

// helpRows is how many lines of keys the overlay shows: the body less its title line.
func (m *Model) helpRows() int { return max(1, m.bodyHeight()-1) }

// helpView draws the overlay: a title, then the window of keys at the overlay's top.
func (m *Model) helpView() string {
	keys := m.fullHelpBlock().lines
	rows := m.helpRows()
	top := max(0, min(m.overlay.top, len(keys)-rows))
	end := min(len(keys), top+rows)
	title := "Keys of " + helpTitle(m.screens[m.active]) + " · esc or ? closes"
	if top > 0 || end < len(keys) {
		title += " · ↑↓ more"
	}
	st := m.styles
	return st.Title.Render(textsafe.Truncate(title, max(10, m.width-2))) + "\n" + strings.Join(keys[top:end], "\n")
}

// helpTitle names what the help lists the keys of: the view on top of a screen that
// stacks views (the doctor's chart, prescription and sketchpad), else the tab.
func helpTitle(s interface{ Title() string }) string {
	if h, ok := s.(interface{ HelpTitle() string }); ok {
		return h.HelpTitle()
	}
	return s.Title()
}
