package tui

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// Keys typed ahead into a form go to the field the user moved to, as typed slowly:
// huh moves a form's focus with a message that comes after keys already queued (see
// settled).

var (
	tabKey   = tea.KeyMsg{Type: tea.KeyTab}
	enterKey = tea.KeyMsg{Type: tea.KeyEnter}
)

// TestLoginTypedAheadInOneWriteLogsIn: "e-mail, tab, password, enter" in one write
// logs in; the e-mail field does not take the password.
func TestLoginTypedAheadInOneWriteLogsIn(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	u := addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := startDesk(t, s, 80, 24)
	p.WaitFor("┃ Email")
	p.SendTogether(runes("grace@clinic.test"), tabKey, runes(tuitest.Password), enterKey)
	p.WaitFor("Grace Admin · admin")
	got, err := s.User(context.Background(), store.System("test"), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.LastLoginAt.IsZero() {
		t.Fatal("the desk opened, but the store has no login for the user")
	}
}
