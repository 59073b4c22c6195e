package till

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// Two payments committed close together start two reloads of the till; when the first
// one's answer (one payment) arrives last, it must not replace the second's two.
func TestAnOlderReloadArrivingLastIsDropped(t *testing.T) {
	m := New(&common.Common{Store: tuitest.NewStore(t), User: store.User{ID: 1, Role: store.RoleReceptionist}}, store.Desk("desk 1"))
	m.load()
	m.load()
	m.Update(loadedMsg{stamp: 2, day: m.day, till: store.Till{Payments: 2}})
	m.Update(loadedMsg{stamp: 1, day: m.day, till: store.Till{Payments: 1}})
	if m.till.Payments != 2 {
		t.Fatalf("the till counts %d payments, an older reload's", m.till.Payments)
	}
}
