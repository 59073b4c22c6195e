package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/tui/common"
)

// filterTo sets the filter to text with its keys, as a user does: esc clears what
// applies, / starts typing, enter keeps what was typed.
func filterTo(f *common.Filter, text string) {
	f.Key(tea.KeyMsg{Type: tea.KeyEsc})
	if text != "" {
		f.Key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
		f.Key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text)})
		f.Key(tea.KeyMsg{Type: tea.KeyEnter})
	}
}

// Narrow keeps the selected row selected while the filter lists it, and keeps the
// cursor inside the list when it does not.
func TestNarrowKeepsTheSelectedRowWhileListed(t *testing.T) {
	t.Parallel()
	f := common.NewFilter("")
	all := []string{"apple", "apricot", "banana", "cherry"}
	self := func(s string) string { return s }
	texts := func(s string) []string { return []string{s} }
	shown, cursor := common.Narrow(&f, all, nil, 0, self, texts)
	if len(shown) != 4 || cursor != 0 {
		t.Fatalf("no filter: %v at %d", shown, cursor)
	}
	filterTo(&f, "an") // banana, and nothing else
	if shown, cursor = common.Narrow(&f, all, shown, 2, self, texts); len(shown) != 1 || shown[cursor] != "banana" {
		t.Fatalf("filtered 'an' from banana: %v at %d", shown, cursor)
	}
	filterTo(&f, "ap")
	if shown, cursor = common.Narrow(&f, all, shown, 0, self, texts); len(shown) != 2 || cursor != 0 {
		t.Fatalf("filtered 'ap' from a row no longer listed: %v at %d", shown, cursor)
	}
	filterTo(&f, "")
	if shown, cursor = common.Narrow(&f, all, shown, 1, self, texts); shown[cursor] != "apricot" {
		t.Fatalf("cleared from apricot: %v at %d", shown, cursor)
	}
	filterTo(&f, "r") // apricot, now first, and cherry
	if shown, cursor = common.Narrow(&f, all, shown, cursor, self, texts); len(shown) != 2 || shown[cursor] != "apricot" {
		t.Fatalf("filtered 'r' from apricot: %v at %d", shown, cursor)
	}
	filterTo(&f, "zzz")
	if shown, cursor = common.Narrow(&f, all, shown, 3, self, texts); len(shown) != 0 || cursor != 0 {
		t.Fatalf("nothing matches: %v at %d", shown, cursor)
	}
}

// ClickedRow finds the row under a left click, and none above the rows, past the rows
// drawn, past the list's end, or for any other button.
func TestClickedRowIsTheRowUnderALeftClick(t *testing.T) {
	t.Parallel()
	click := func(y int) tea.MouseMsg {
		return tea.MouseMsg{Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft}
	}
	// Rows from body line 2, scrolled to row 10, 5 drawn of 13.
	for _, c := range []struct {
		msg  tea.MouseMsg
		row  int
		want bool
	}{{click(1), 0, false}, {click(2), 10, true}, {click(4), 12, true}, {click(5), 0, false}, {click(7), 0, false},
		{tea.MouseMsg{Y: 3, Action: tea.MouseActionPress, Button: tea.MouseButtonRight}, 0, false},
		{tea.MouseMsg{Y: 3, Action: tea.MouseActionRelease, Button: tea.MouseButtonLeft}, 0, false}} {
		if row, ok := common.ClickedRow(c.msg, 2, 10, 5, 13); ok != c.want || (ok && row != c.row) {
			t.Errorf("a click at line %d (%v): row %d %v, want %d %v", c.msg.Y, c.msg.Button, row, ok, c.row, c.want)
		}
	}
	if row, ok := common.ClickedRow(click(7), 2, 0, 5, 13); ok {
		t.Errorf("a click below the 5 rows drawn, with 8 more in the list, found row %d", row)
	}
}
