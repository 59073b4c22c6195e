package store

import (
	"strings"
	"testing"
)

// unread returns the titles of a user's unread in-app notifications of a kind.
func unreadOfKind(t *testing.T, s *Store, u User, kind string) []string {
	t.Helper()
	ns, err := s.Notifications(calCtx, u.Actor(), true, 50)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, n := range ns {
		if n.Kind == kind {
			titles = append(titles, n.Title)
		}
	}
	return titles
}

func TestCheckInNotifiesTheAppointmentsDoctorOnly(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	id := f.book(t, f.asha, f.rao, f.at(3, 11, 0))
	if err := f.s.CheckIn(calCtx, f.desk.Actor(), id); err != nil {
		t.Fatal(err)
	}
	if got := unreadOfKind(t, f.s, f.raoUser, KindPatientCheckedIn); len(got) != 1 || !strings.Contains(got[0], "Asha Patel") {
		t.Fatalf("Dr. Rao's check-in notifications: %q", got)
	}
	if got := unreadOfKind(t, f.s, f.mehta, KindPatientCheckedIn); len(got) != 0 {
		t.Fatalf("another doctor was told: %q", got)
	}
}

func TestCheckInRefusedRaisesNoNotification(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	tomorrow := f.book(t, f.asha, f.rao, f.at(5+5, 10, 0))
	if err := f.s.CheckIn(calCtx, f.desk.Actor(), tomorrow); err == nil {
		t.Fatal("checked in on another day")
	}
	if got := unreadOfKind(t, f.s, f.raoUser, KindPatientCheckedIn); len(got) != 0 {
		t.Fatalf("a refused check-in notified: %q", got)
	}
}

func TestSubmittingAPrescriptionNotifiesEveryPharmacist(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	second := mustUser(t, w.s, RolePharmacist, "pharm2@clinic.test", "Pat Second")
	item := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	rx, _ := w.prescribe(t, w.patientID, amoxicillin(item))
	for _, ph := range []User{w.pharmacist, second} {
		got := unreadOfKind(t, w.s, ph, KindPrescriptionSubmitted)
		if len(got) != 1 || !strings.Contains(got[0], "RX") {
			t.Fatalf("%s: %q (prescription %d)", ph.Email, got, rx)
		}
	}
	if got := unreadOfKind(t, w.s, w.frontDesk, KindPrescriptionSubmitted); len(got) != 0 {
		t.Fatalf("the front desk was told: %q", got)
	}
}

func TestFulfillingTellsTheDoctorAndThePatientThroughEveryChannel(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	w.sql(t, `UPDATE patients SET email = 'jane@example.com', phone = '+15550100' WHERE id = ?`, w.patientID)
	item := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	w.receive(t, item, "A1", w.day(100), 100)
	rx, meds := w.prescribe(t, w.patientID, amoxicillin(item))
	if _, err := w.s.Dispense(w.ctx, w.pharmacist.Actor(), DispenseInput{PrescriptionID: rx,
		Lines: []DispenseLine{{PrescriptionMedicationID: meds[0], Quantity: 15}}}); err != nil {
		t.Fatal(err)
	}
	if got := unreadOfKind(t, w.s, w.doctor, KindPrescriptionDispensed); len(got) != 1 {
		t.Fatalf("doctor: %q", got)
	}
	// The patient has no account: the e-mail and SMS outbox keep the message.
	n := w.count(t, `SELECT count(*) FROM notifications WHERE kind = ? AND entity = 'patients' AND entity_id = ?
		AND channel IN ('email', 'sms') AND sent_at IS NULL`, KindPrescriptionReady, w.patientID)
	if n != 2 {
		t.Fatalf("outbox rows for the patient: %d, want 2", n)
	}
	if n := w.count(t, `SELECT count(*) FROM notifications WHERE kind = ? AND channel = 'in_app'`, KindPrescriptionReady); n != 0 {
		t.Fatalf("in-app rows for a patient without an account: %d", n)
	}
}

func TestLockoutNotifiesTheAdmins(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	admin := mustUser(t, s, RoleAdmin, "ada@clinic.test", "Ada Admin")
	mustUser(t, s, RoleReceptionist, "rita@clinic.test", "Rita Desk")
	for i := 0; i < 4; i++ {
		s.Login(calCtx, "rita@clinic.test", "wrong")
	}
	if got := unreadOfKind(t, s, admin, KindAccountLocked); len(got) != 0 {
		t.Fatalf("told before the lockout: %q", got)
	}
	s.Login(calCtx, "rita@clinic.test", "wrong")
	if got := unreadOfKind(t, s, admin, KindAccountLocked); len(got) != 1 || !strings.Contains(got[0], "rita@clinic.test") {
		t.Fatalf("admin after the lockout: %q", got)
	}
}
