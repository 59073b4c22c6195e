package notify

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// Two notifications committed close together start two reloads; when the first one's
// answer (one row, but a count read after the second commit) arrives last, it must not
// replace the second's two rows. CI once showed "2 unread" over a list of one.
func TestAnOlderReloadArrivingLastIsDropped(t *testing.T) {
	m := New(&common.Common{User: store.User{ID: 1, Role: store.RolePharmacist}})
	m.SetSize(80, 20)
	// Start two reloads; their commands would query the store, their answers are made here.
	m.load()
	m.load()
	one := []store.Notification{{ID: 1, Title: "RX000001 to dispense"}}
	two := []store.Notification{{ID: 2, Title: "RX000002 to dispense"}, one[0]}
	m.Update(loadedMsg{stamp: 2, items: two, unread: 2})
	m.Update(loadedMsg{stamp: 1, items: one, unread: 2})
	if len(m.items) != 2 {
		t.Fatalf("the older reload's %d row replaced the newer reload's two", len(m.items))
	}
}
