package pharmacy

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
)

// A read of a prescription closed at the counter can arrive after the pharmacist has
// opened the next one (a colleague's change reloaded it just before esc): the open
// prescription keeps its own and never shows the other's lines (a refill test caught
// RX000001's lines under RX000002's dispense).
func TestFulfilIgnoresAReadOfAnotherPrescription(t *testing.T) {
	t.Parallel()
	m := newFulfil(nil, 2, 0)
	stale := fulfilLoadedMsg{rxID: 1, rx: store.Prescription{ID: 1, Code: "RX000001", Status: store.PrescriptionFulfilled,
		Medications: []store.PrescribedMedication{{ID: 10, Name: "Metformin", Quantity: 10}}}}
	m.update(stale)
	if m.ready || len(m.lines) != 0 || m.rx.Code != "" {
		t.Fatalf("prescription 2 took prescription 1's read: %s, %d lines", m.rx.Code, len(m.lines))
	}
	own := stale
	own.rxID, own.rx.ID, own.rx.Code = 2, 2, "RX000002"
	m.update(own)
	if !m.ready || m.rx.Code != "RX000002" || len(m.lines) != 1 {
		t.Fatalf("its own read: ready %v, %s, %d lines", m.ready, m.rx.Code, len(m.lines))
	}
}
