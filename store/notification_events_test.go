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

func TestThePharmacyQueueIsThePharmacistsNotice(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	item := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	w.prescribe(t, w.patientID, amoxicillin(item))
	w.prescribe(t, w.patientID, amoxicillin(item))
	if got := unreadOfKind(t, w.s, w.pharmacist, KindPrescriptionSubmitted); len(got) != 0 {
		t.Fatalf("a notification per prescription: %q", got)
	}
	if n, err := w.s.WaitingCount(w.ctx, w.pharmacist.Actor()); err != nil || n != 2 {
		t.Fatalf("the pharmacist's waiting count: %d, %v; want 2", n, err)
	}
	if n, err := w.s.WaitingCount(w.ctx, w.frontDesk.Actor()); err != nil || n != 0 {
		t.Fatalf("the front desk's waiting count: %d, %v", n, err)
	}
}

func TestFulfillingTellsTheDoctorAndThePatientThroughEveryChannel(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	w.sql(t, `UPDATE patients SET email = 'jane@example.com', phone = '' WHERE id = ?`, w.patientID)
	if _, err := w.s.UpdatePatient(w.ctx, w.frontDesk.Actor(), w.patientID, patientInputOf(t, w, ContactConsent{Email: true})); err != nil {
		t.Fatal(err)
	}
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
	// The patient has no account: the outbox keeps the message, by e-mail (consented,
	// with an address) and not by SMS (no phone), which says why.
	msgs := map[Channel]OutboxMessage{}
	for _, d := range Deliveries {
		list, err := w.s.Outbox(w.ctx, System("test"), d, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range list {
			if m.Kind == KindPrescriptionReady && m.PatientID == w.patientID {
				msgs[m.Channel] = m
			}
		}
	}
	if e := msgs[ChannelEmail]; e.Delivery != DeliveryPending || e.Address != "jane@example.com" || !strings.Contains(e.Title, "is ready") {
		t.Fatalf("the e-mail: %+v", e)
	}
	if m := msgs[ChannelSMS]; m.Delivery != DeliverySkipped || m.Note != "No phone number on the patient's record." {
		t.Fatalf("the SMS: %+v", m)
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

// patientInputOf is the patient's form as it stands, with the consent given.
func patientInputOf(t *testing.T, w *rxWorld, consent ContactConsent) PatientInput {
	t.Helper()
	p, err := w.s.Patient(w.ctx, w.frontDesk.Actor(), w.patientID)
	if err != nil {
		t.Fatal(err)
	}
	return PatientInput{FirstName: p.FirstName, LastName: p.LastName, DateOfBirth: p.DateOfBirth, Sex: p.Sex,
		Phone: p.Phone, Email: p.Email, Consent: &consent}
}
