package chart

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// Two changes to the chart committed close together start two reloads; when the first
// one's answer (one allergy) arrives last, it must not replace the second's two.
func TestAnOlderReloadArrivingLastIsDropped(t *testing.T) {
	m := New(&common.Common{Store: tuitest.NewStore(t), User: store.User{ID: 1, Role: store.RoleDoctor},
		Styles: theme.New(tuitest.Renderer(), true)}, store.Appointment{ID: 1, PatientID: 5})
	m.SetSize(80, 20)
	m.load()
	m.load()
	one := []store.Allergy{{ID: 1, Allergen: "penicillin"}}
	two := append([]store.Allergy{{ID: 2, Allergen: "latex"}}, one...)
	m.Update(loadedMsg{stamp: 2, patientID: 5, chart: store.Chart{Allergies: two}})
	m.Update(loadedMsg{stamp: 1, patientID: 5, chart: store.Chart{Allergies: one}})
	if len(m.data.Allergies) != 2 {
		t.Fatalf("the older reload's %d allergy replaced the newer reload's two", len(m.data.Allergies))
	}
}
