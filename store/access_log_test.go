package store

import "testing"

// An access to a record has no audit row of its own, so the store announces it as a
// change of the access log (TopicAudit): the access logs on screen show it as it
// happens.
func TestAnAccessIsAnnouncedAsAChangeOfTheAccessLog(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	events, unsubscribe := w.s.Subscribe()
	defer unsubscribe()
	if _, err := w.s.Chart(w.ctx, w.doctor.Actor(), w.patientID); err != nil {
		t.Fatal(err)
	}
	// A later write's batch marks the end: the access's batch, published first, came
	// before it.
	marker := mustUser(t, w.s, RoleReceptionist, "mark@clinic.test", "Mark Later")
	announced := false
	for batch := range events {
		for _, e := range batch {
			if e.Table == "access_log" && e.Topic == TopicAudit && e.Action == "INSERT" && e.RowID > 0 {
				announced = true
			}
			if e.Topic == TopicAccounts && e.RowID == marker.ID {
				if !announced {
					t.Fatal("the doctor's opening of the chart was not announced as a change of the access log")
				}
				return
			}
		}
	}
	t.Fatal("the subscription closed")
}
