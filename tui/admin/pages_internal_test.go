package admin

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// The access log reads a page of the body's height, reads it again when the body is
// resized, and turns to older rows after a full page whatever the size is now.
func TestAccessLogPagesFollowTheBodysSize(t *testing.T) {
	m := newAccess(adminCommon())
	m.SetSize(80, 20)
	m.Init()
	if cmd := m.Update(accessPageMsg{stamp: 1, limit: m.pageSize(), rows: accessRows(m.pageSize())}); cmd != nil || m.loading {
		t.Fatal("a page read for the body's size was read again")
	}
	m.SetSize(80, 40)
	if cmd := m.Update(common.ResizedMsg{}); cmd == nil || !m.loading {
		t.Fatal("made taller, the access log kept the page read for the shorter body")
	}
	full := accessRows(m.pageSize())
	m.Update(accessPageMsg{stamp: 2, limit: m.pageSize(), rows: full})
	if m.loading {
		t.Fatal("the page read for the new size was read once more")
	}
	// Sized again while hidden, with no message: ] still turns the full page.
	m.SetSize(80, 30)
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("]")})
	if m.pg.number() != 2 || m.pg.before() != full[len(full)-1].ID {
		t.Fatalf("] after a full page read at another size: page %d before %d", m.pg.number(), m.pg.before())
	}
	// A page shorter than it was read for is the oldest: ] does not turn it.
	m.Update(accessPageMsg{stamp: 3, limit: m.pageSize(), rows: full[:3]})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("]")})
	if m.pg.number() != 2 {
		t.Fatalf("] turned past the oldest page, to page %d", m.pg.number())
	}
}

// accessRows are n access rows, newest first.
func accessRows(n int) []store.AccessRecord {
	rows := make([]store.AccessRecord, n)
	for i := range rows {
		rows[i].ID = int64(1000 - i)
	}
	return rows
}

// A terminal taller than the store's page reads pages the store fills, so they turn.
func TestAuditPagesAreNoLongerThanTheStoresPage(t *testing.T) {
	m := NewAudit(adminCommon())
	m.SetSize(200, 400)
	if m.pageSize() != store.AuditPageSize || m.access.pageSize() != store.AccessPageSize {
		t.Fatalf("at 400 lines the pages are %d and %d rows; the store reads at most %d and %d",
			m.pageSize(), m.access.pageSize(), store.AuditPageSize, store.AccessPageSize)
	}
}
