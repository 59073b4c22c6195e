package store

import (
	"errors"
	"testing"
	"time"
)

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

// A screen rereads an open record whenever the clinic changes something on it: the
// same user reading the same record the same way within RereadWindow is one access, so
// the log shows openings, not redraws. Another user, another record, a read after the
// window, and every refusal are rows of their own.
func TestARereadWithinTheWindowIsTheSameAccess(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	other := w.patient(t, "Omar", "Other")
	chart := func(u User, patientID int64) {
		t.Helper()
		if _, err := w.s.Chart(w.ctx, u.Actor(), patientID); err != nil {
			t.Fatal(err)
		}
	}
	reads := func(u User, patientID int64) int {
		t.Helper()
		return accessRows(t, w.s, u.Actor(), string(ActReadChart), patientID, true)
	}

	chart(w.doctor, w.patientID)
	chart(w.doctor, w.patientID)
	w.clock.advance(RereadWindow - time.Second)
	chart(w.doctor, w.patientID)
	if n := reads(w.doctor, w.patientID); n != 1 {
		t.Fatalf("three reads within the window wrote %d rows, want 1", n)
	}
	if _, err := w.s.PatientPrescriptions(w.ctx, w.doctor.Actor(), w.patientID, 10); err != nil {
		t.Fatal(err)
	}
	if n := accessRows(t, w.s, w.doctor.Actor(), "list_prescriptions", w.patientID, true); n != 1 {
		t.Fatalf("listing the prescriptions after reading the chart wrote %d rows, want 1 of its own", n)
	}

	chart(w.doctor2, w.patientID)
	chart(w.doctor, other)
	if reads(w.doctor2, w.patientID) != 1 || reads(w.doctor, other) != 1 {
		t.Fatal("another user's read, or a read of another record, was taken for the first read")
	}

	w.clock.advance(time.Second)
	chart(w.doctor, w.patientID)
	if n := reads(w.doctor, w.patientID); n != 2 {
		t.Fatalf("a read a window after the first wrote %d rows in all, want 2", n)
	}

	for range 2 {
		if _, err := w.s.Chart(w.ctx, w.pharmacist.Actor(), w.patientID); !errors.Is(err, ErrForbidden) {
			t.Fatalf("a pharmacist read the chart: %v", err)
		}
	}
	if n := accessRows(t, w.s, w.pharmacist.Actor(), string(ActReadChart), 0, false); n != 2 {
		t.Fatalf("two refusals wrote %d rows, want 2", n)
	}
}

// The memory of recent reads stays bounded when the clinic reads more records within the
// window than it keeps: the oldest are forgotten (a reread of one is logged again), and a
// read just claimed is still remembered.
func TestRecentReadsStayBounded(t *testing.T) {
	t.Parallel()
	var r recentReads
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for i := range 3 * recentReadsKept {
		if !r.claim(readKey{userID: 1, action: "read_chart", patientID: int64(i)}, now) {
			t.Fatalf("read %d of a new record was taken for a reread", i)
		}
		if len(r.last) > recentReadsKept {
			t.Fatalf("%d reads remembered, more than %d", len(r.last), recentReadsKept)
		}
	}
	last := readKey{userID: 1, action: "read_chart", patientID: int64(3*recentReadsKept - 1)}
	if r.claim(last, now) {
		t.Fatal("the read just logged was forgotten")
	}
}
