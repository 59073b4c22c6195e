package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// TestSettledRunsOnlyFocusCommands: huh's focus command in a batch is run at once and
// its message handed back; a command beside it (a cursor's blink, here one that must not
// run) and a sequence (whose order counts) are returned unrun.
func TestSettledRunsOnlyFocusCommands(t *testing.T) {
	var got []tea.Msg
	ran := false
	blink := func() tea.Msg { ran = true; return nil }
	seq := tea.Sequence(huh.PrevField, blink)
	update := func(msg tea.Msg) tea.Cmd {
		got = append(got, msg)
		if _, ok := msg.(tea.KeyMsg); ok {
			return tea.Batch(blink, huh.NextField, seq)
		}
		return nil
	}
	rest := settled(update, tabKey)
	if len(got) != 2 || got[1] != huh.NextField() {
		t.Fatalf("the model had %#v; want the key, then the focus message", got)
	}
	if ran {
		t.Fatal("settled ran a command that moves no focus")
	}
	batch, ok := rest().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("left %#v; want the blink and the sequence", batch)
	}
	if ran {
		t.Fatal("settled ran a command that moves no focus")
	}
}
