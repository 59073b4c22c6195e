package patient

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// Changes committed close together start reloads side by side; when the first one's
// answer (one row) arrives last, it must not replace the second's two rows. Each tab
// starts two loads (their commands would query the store; their answers are made here).
func TestAnOlderReloadArrivingLastIsDropped(t *testing.T) {
	c := &common.Common{User: store.User{ID: 1, Role: store.RolePatient}}
	t.Run("prescriptions", func(t *testing.T) {
		m := NewPrescriptions(c)
		m.load()
		m.load()
		m.Update(prescriptionsMsg{stamp: 2, list: []store.Prescription{{ID: 2}, {ID: 1}}})
		m.Update(prescriptionsMsg{stamp: 1, list: []store.Prescription{{ID: 1}}})
		if len(m.list) != 2 {
			t.Fatalf("the older reload's %d prescription replaced the newer reload's two", len(m.list))
		}
	})
	t.Run("visits", func(t *testing.T) {
		m := NewVisits(c)
		m.load()
		m.load()
		m.Update(visitsMsg{stamp: 2, upcoming: []store.Appointment{{ID: 2}, {ID: 1}}})
		m.Update(visitsMsg{stamp: 1, upcoming: []store.Appointment{{ID: 1}}})
		if len(m.upcoming) != 2 {
			t.Fatalf("the older reload's %d visit replaced the newer reload's two", len(m.upcoming))
		}
	})
	t.Run("who looked", func(t *testing.T) {
		m := NewAccesses(c)
		m.load()
		m.load()
		m.Update(accessesMsg{stamp: 2, list: []store.AccessRecord{{ID: 2}, {ID: 1}}})
		m.Update(accessesMsg{stamp: 1, list: []store.AccessRecord{{ID: 1}}})
		if len(m.list) != 2 {
			t.Fatalf("the older reload's %d access replaced the newer reload's two", len(m.list))
		}
	})
}
