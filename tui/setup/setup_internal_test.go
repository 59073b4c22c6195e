package setup

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A message that reaches the wizard between a successful setup and the desk replacing
// it (a key typed ahead, a resize) must not run the setup again: a second bcrypt hash,
// and "This clinic is already set up" over a clinic just set up.
func TestASuccessfulSetupIsNotRepeated(t *testing.T) {
	t.Parallel()
	m := New(tuitest.NewStore(t), theme.New(tuitest.Renderer(), true))
	m.form.State = huh.StateCompleted
	m.busy = true
	m, cmd := m.Update(resultMsg{user: store.User{ID: 1}})
	if cmd == nil {
		t.Fatal("a successful setup sent no DoneMsg")
	}
	if _, ok := cmd().(DoneMsg); !ok {
		t.Fatal("a successful setup's command is not the DoneMsg")
	}
	for _, msg := range []tea.Msg{tea.KeyMsg{Type: tea.KeyEnter}, tea.WindowSizeMsg{Width: 80, Height: 24}} {
		if _, cmd := m.Update(msg); cmd != nil {
			t.Fatalf("a %T after the setup started another command: %T", msg, cmd())
		}
	}
}
