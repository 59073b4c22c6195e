package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// MoveCursor moves a list's cursor over n rows by the list's up, down, home and end
// keys, and reports whether k was one of them.
func MoveCursor(l keys.List, k tea.KeyMsg, cursor, n int) (int, bool) {
	last := max(0, n-1)
	switch {
	case key.Matches(k, l.Up):
		return max(0, cursor-1), true
	case key.Matches(k, l.Down):
		return min(last, cursor+1), true
	case key.Matches(k, l.Home):
		return 0, true
	case key.Matches(k, l.End):
		return last, true
	}
	return cursor, false
}
