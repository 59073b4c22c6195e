package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// TestAuditPagesFollowTheTerminalsSize: the audit trail's page holds the rows the body
// fits, read again when the terminal is resized, and older pages turn at any size. A
// page read at 80×24 held 15 rows; made 45 lines tall the desk kept showing 15, and ]
// did nothing, as it turned only after a page of the new size.
func TestAuditPagesFollowTheTerminalsSize(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	for i := range 80 {
		addUser(t, s, store.RoleReceptionist, fmt.Sprintf("desk%02d@clinic.test", i), fmt.Sprintf("Desk %02d", i))
	}
	p := openAuditTrail(t, s, 80, 24)
	p.WaitUntil("page 1 with 15 rows", auditPageOf(1, 15))
	p.Send(tea.WindowSizeMsg{Width: 120, Height: 45})
	p.WaitUntil("page 1 with 36 rows", auditPageOf(1, 36))
	p.Type("]")
	p.WaitUntil("page 2 with 36 rows", auditPageOf(2, 36))
	p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	p.WaitUntil("page 2 cut to 15 rows", auditPageOf(2, 15))
	p.Type("]")
	p.WaitUntil("page 3 with 15 rows", auditPageOf(3, 15))
}

// auditPageOf reports whether the screen shows the audit trail's page number with n
// rows.
func auditPageOf(number, n int) func(string) bool {
	return func(screen string) bool {
		rows := 0
		for _, line := range strings.Split(screen, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "20") {
				rows++
			}
		}
		return rows == n && strings.Contains(screen, fmt.Sprintf("Page %d · all rows", number))
	}
}
