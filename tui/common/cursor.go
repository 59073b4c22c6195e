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

// ClickedRow is the row of a list under a left click: the list's rows are drawn from
// the body's line top, starting at row first, shown of them at most, of n in all. The
// frame gives the click in the body's own cells, so this is the whole arithmetic.
func ClickedRow(msg tea.MouseMsg, top, first, shown, n int) (int, bool) {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft || msg.Y < top || msg.Y >= top+shown {
		return 0, false
	}
	i := first + msg.Y - top
	return i, i >= 0 && i < n
}
