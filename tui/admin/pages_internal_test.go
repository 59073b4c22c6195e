package admin

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
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

// A page that failed (here a filter naming no account) is not read again by itself:
// not at once for its size (its answer says the size it was tried at), nor when the
// trail changes; so its error stays on the screen until the admin acts.
func TestAFailedPageIsNotReadAgainByItself(t *testing.T) {
	c := tuitest.NewClinic(t, time.Now())
	m := NewAudit(c.Common(c.User(store.NewUser{Email: "grace@clinic.test", FullName: "Grace Admin", Role: store.RoleAdmin})))
	m.SetSize(80, 20)
	m.fields.User = "nobody@clinic.test"
	answer := m.fetch(m.fields, 0)()
	if _, cmd := m.Update(answer); cmd != nil || m.loading {
		t.Fatal("the failed page was read again at once")
	}
	if !strings.Contains(m.View(), "No account matches nobody@clinic.test.") {
		t.Fatalf("the error is not shown:\n%s", m.View())
	}
	if _, cmd := m.Update(common.StoreChangedMsg{Events: []store.Event{{Topic: store.TopicAudit}}}); cmd != nil {
		t.Fatal("the trail changing read the page again, clearing the error")
	}
}
