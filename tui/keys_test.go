package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// runes is one key message carrying several runes, as a terminal delivers keys that
// arrive in one write (typed ahead, tmux send-keys, a slow SSH link).
func runes(s string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// auditDesk logs the admin in to a clinic with a few audit rows and shows the audit
// list; it returns the rows of its first page, newest first.
func auditDesk(t *testing.T) (*tuitest.Program, []store.AuditEntry) {
	t.Helper()
	s := tuitest.NewStore(t)
	admin := addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	for i := 1; i <= 6; i++ {
		addUser(t, s, store.RoleReceptionist, fmt.Sprintf("desk%d@clinic.test", i), fmt.Sprintf("Desk %d", i))
	}
	p := startDesk(t, s, 120, 30)
	logIn(p, "grace@clinic.test")
	p.WaitFor("Grace Admin · admin")
	p.Type("3")
	p.WaitFor("Page 1 · all rows", " login ")
	rows, err := s.AuditPage(context.Background(), admin.Actor(), store.AuditFilter{}, 0, 25)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 6 {
		t.Fatalf("want at least 6 audit rows, have %d", len(rows))
	}
	return p, rows
}

// TestSeveralRunesInOneMessageAreSeveralKeys: "jjjj" in one message moves the audit
// list's cursor four rows, so enter opens the fifth row, not the first.
func TestSeveralRunesInOneMessageAreSeveralKeys(t *testing.T) {
	t.Parallel()
	p, rows := auditDesk(t)
	p.Send(runes("jjjj"))
	p.Key("enter")
	p.WaitFor(fmt.Sprintf("Audit row %d ", rows[4].ID))
	p.Key("esc")
	// Digits typed together switch tabs one after the other, as typed slowly: "13"
	// ends on the third tab, the audit list, with its cursor where it was.
	p.Send(runes("13"))
	p.Key("enter")
	p.WaitFor(fmt.Sprintf("Audit row %d ", rows[4].ID))
}

// TestRunesInOneMessageReachAFocusedFieldAsText: a key that opens a text field takes
// its runes, and the rest of the message is the field's text; neither a digit nor q
// acts as a key of the frame. A focused field also gets a message's runes as text.
func TestRunesInOneMessageReachAFocusedFieldAsText(t *testing.T) {
	t.Parallel()
	p, _ := auditDesk(t)
	p.Send(runes("fq1j"))
	p.WaitFor("┃ User", "q1j")
	p.Send(runes("abc"))
	screen := p.WaitFor("┃ User", "q1jabc")
	if !strings.Contains(screen, "Filter the audit trail") {
		t.Fatalf("the runes left the filter form:\n%s", screen)
	}
}
