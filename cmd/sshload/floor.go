package main

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// floorList is the floor: a list of twenty rows moved with j/k, styled with the
// session's renderer, and nothing else.
type floorList struct {
	r      *lipgloss.Renderer
	cursor int
}

func (m *floorList) Init() tea.Cmd { return nil }

func (m *floorList) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "j", "down":
			m.cursor = min(19, m.cursor+1)
		case "k", "up":
			m.cursor = max(0, m.cursor-1)
		case "q", "ctrl+c":
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m *floorList) View() string {
	selected := m.r.NewStyle().Reverse(true)
	var b strings.Builder
	for i := 0; i < 20; i++ {
		line := fmt.Sprintf("row %02d", i)
		if i == m.cursor {
			line = selected.Render(line)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// twinDesk is the floor doing the desk's visible work, as plainly as Bubble Tea allows:
// a frame the size of the window (a header, a tab bar over a rule, a body, a footer,
// every line padded to the width, as the desk pads them), two tabs that tab and
// shift+tab switch between (a day's list, and a list of forty rows whose cursor j and k
// move), and a help page that ? opens and closes over the body. It takes the desk's keys
// and redraws as many lines per key as the desk, so what the desk costs beyond it is
// what the desk does beyond drawing its screens.
type twinDesk struct {
	r             *lipgloss.Renderer
	width, height int
	tab, cursor   int
	help          bool
}

func (m *twinDesk) Init() tea.Cmd { return nil }

func (m *twinDesk) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.KeyMsg:
		switch msg.String() {
		case "tab":
			m.tab = (m.tab + 1) % 2
		case "shift+tab":
			m.tab = (m.tab + 1) % 2
		case "j", "down":
			m.cursor = min(39, m.cursor+1)
		case "k", "up":
			m.cursor = max(0, m.cursor-1)
		case "?":
			m.help = !m.help
		case "q", "ctrl+c":
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m *twinDesk) View() string {
	if m.width == 0 {
		return ""
	}
	var b strings.Builder
	line := func(s string) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s)
		if pad := m.width - len(s); pad > 0 {
			b.WriteString(strings.Repeat(" ", pad))
		}
	}
	line(" Load Test Clinic · twin ready")
	if m.tab == 0 {
		line(" [1 Book]  2 Patients  3 Calendars  4 Till  5 Reports  6 Notifications")
	} else {
		line("  1 Book  [2 Patients] 3 Calendars  4 Till  5 Reports  6 Notifications")
	}
	line(strings.Repeat("-", m.width))
	body := max(1, m.height-4)
	switch {
	case m.help:
		for i := 0; i < body; i++ {
			line(fmt.Sprintf(" key %02d  what key %02d does on this tab", i, i))
		}
	case m.tab == 0:
		line(" Thursday 3 December (today)                                        0 booked · 0 waiting")
		for i := 1; i < body; i++ {
			line(fmt.Sprintf(" %02d:%02d  Dr. Load %02d  free · enter or b: book here", 9+i/4, i%4*15, i))
		}
	default:
		line(" / search by name, phone, code or email · newest first")
		line(" Code       Name                       Born       Phone            Email")
		for i := 0; i < min(40, body-2); i++ {
			row := fmt.Sprintf(" PAT%06d  Load%02d Patient              %d-01-01 +44 20 7946 %04d", i+1, i, 1960+i, i)
			if i == m.cursor {
				row = m.r.NewStyle().Reverse(true).Render(row)
			}
			line(row)
		}
	}
	line(" tab next tab · ? all keys · ctrl+x log out · q quit")
	return b.String()
}
