package queue

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// Two changes committed close together start two reloads of the day; when the first
// one's answer (one appointment) arrives last, it must not replace the second's two.
func TestAnOlderReloadArrivingLastIsDropped(t *testing.T) {
	m := New(&common.Common{User: store.User{ID: 1, Role: store.RoleDoctor}})
	m.SetSize(80, 20)
	m.doctorID = 1
	m.load()
	m.load()
	one := []store.Appointment{{ID: 1, PatientName: "Ada"}}
	two := append([]store.Appointment{{ID: 2, PatientName: "Ben"}}, one...)
	m.Update(loadedMsg{stamp: 2, list: two})
	m.Update(loadedMsg{stamp: 1, list: one})
	if len(m.all) != 2 {
		t.Fatalf("the older reload's %d appointment replaced the newer reload's two", len(m.all))
	}
}
