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
