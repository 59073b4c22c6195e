package login

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A message that reaches the screen between a successful login and the desk replacing
// it (a resize, a store event) must not log in again: each login is one audit event.
func TestASuccessfulLoginIsNotRepeated(t *testing.T) {
	t.Parallel()
	m := New(tuitest.NewStore(t), theme.New(tuitest.Renderer(), true), "Riverside Clinic", "")
	m.form.State = huh.StateCompleted
	m.busy = true
	m, cmd := m.Update(resultMsg{user: store.User{ID: 1}})
	if cmd == nil {
		t.Fatal("a successful login sent no LoggedInMsg")
	}
	if _, ok := cmd().(LoggedInMsg); !ok {
		t.Fatal("a successful login's command is not the LoggedInMsg")
	}
	if _, cmd := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24}); cmd != nil {
		t.Fatalf("a message after the login started another command: %T", cmd())
	}
}
