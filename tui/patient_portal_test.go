package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// portalClinic is a patient with an account, an appointment tomorrow, a past visit with a
// prescription sent to the pharmacy, and another patient who must never show.
type portalClinic struct {
	s            *store.Store
	desk         store.User
	patient      store.User
	tomorrow     int64
	otherVisitID int64
}

func newPortalClinic(t *testing.T) portalClinic {
	t.Helper()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	sys := store.System("test")
	mk := func(n store.NewUser) store.User {
		t.Helper()
		n.Password = tuitest.Password
		u, err := s.CreateUser(ctx, sys, n)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	desk := mk(store.NewUser{Email: "rita@clinic.test", FullName: "Rita Desk", Role: store.RoleReceptionist})
	doc := mk(store.NewUser{Email: "dan@clinic.test", FullName: "Dan Doctor", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{LicenceNumber: "MC-1"}})
	d, err := s.DoctorByUser(ctx, desk.Actor(), doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	add := func(first string) int64 {
		p, err := s.AddPatient(ctx, desk.Actor(), store.PatientInput{FirstName: first, LastName: "Patel",
			DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	asha, ravi := add("Asha"), add("Ravi")
	u, err := s.GivePatientAccount(ctx, desk.Actor(), asha, "asha@example.com", tuitest.Password)
	if err != nil {
		t.Fatal(err)
	}
	now := s.Now().Truncate(time.Hour)
	book := func(patient int64, start time.Time, status store.AppointmentStatus) int64 {
		var id int64
		err := s.Batch(ctx, desk.Actor(), func(tx *store.Tx) (err error) {
			id, err = tx.ImportAppointment(ctx, store.ImportedAppointment{PatientID: patient, DoctorID: d.ID,
				Start: start, End: start.Add(15 * time.Minute), Status: status})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	c := portalClinic{s: s, desk: desk, patient: u}
	c.tomorrow = book(asha, now.Add(24*time.Hour), store.AppointmentScheduled)
	c.otherVisitID = book(ravi, now.Add(26*time.Hour), store.AppointmentScheduled)
	past := book(asha, now.Add(-48*time.Hour), store.AppointmentInConsultation)
	rx, err := s.CreatePrescription(ctx, doc.Actor(), past)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMedication(ctx, doc.Actor(), rx, store.MedicationInput{Name: "Amoxicillin", Strength: "500 mg",
		Dosage: "1 tablet", Frequency: "TDS", Quantity: 15}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddMedication(ctx, doc.Actor(), rx, store.MedicationInput{
		Name: "Calcium carbonate + vitamin D3 500 mg/250 IU tablet", Strength: "500 mg/250 IU",
		Dosage: "1 tablet", Frequency: "BD after food", Quantity: 60}); err != nil {
		t.Fatal(err)
	}
	if err := s.SubmitPrescription(ctx, doc.Actor(), rx); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPatientSeesOwnVisitsAndPrescriptionsAndAsksToCancel(t *testing.T) {
	t.Parallel()
	c := newPortalClinic(t)
	p := tuitest.Start(t, New(Options{Store: c.s, Renderer: tuitest.Renderer(), User: &c.patient}), 100, 30)
	screen := p.WaitFor("Asha Patel · patient", "1 My appointments", "Upcoming", "Past", "Dan Doctor", "in consultation")
	if strings.Contains(screen, "Ravi") {
		t.Fatalf("another patient's visit is shown:\n%s", screen)
	}
	for _, tab := range []string{"Notifications", "My account", "My prescriptions"} {
		if !strings.Contains(screen, tab) {
			t.Errorf("no %q tab:\n%s", tab, screen)
		}
	}
	p.Type("c")
	p.WaitFor("Ask the front desk to cancel")
	p.Type("y")
	p.WaitFor("The front desk has your request to cancel")
	ns, err := c.s.Notifications(context.Background(), c.desk.Actor(), true, 10)
	if err != nil || len(ns) != 1 || ns[0].Kind != store.KindCancelRequested || ns[0].EntityID != c.tomorrow {
		t.Fatalf("the desk's notifications: %v %+v", err, ns)
	}
	p.Type("2")
	p.WaitFor("RX", "sent to the pharmacy", "Amoxicillin 500 mg", "0 of 15 dispensed")
}

func TestPatientViewAt80x24(t *testing.T) {
	t.Parallel()
	c := newPortalClinic(t)
	p := tuitest.Start(t, New(Options{Store: c.s, Renderer: tuitest.Renderer(), User: &c.patient}), 80, 24)
	screen := p.WaitFor("Asha Patel · patient", "Upcoming", "Dan Doctor")
	for _, line := range strings.Split(screen, "\n") {
		if w := len([]rune(line)); w > 80 {
			t.Errorf("a line of %d columns: %q", w, line)
		}
	}
	// A long medicine name keeps how much is dispensed on screen, its strength once.
	p.Type("2")
	screen = p.WaitFor("Calcium carbonate + vitamin D3 500 mg/250 IU tablet", "0 of 60 dispensed · 1 tablet BD after food")
	if n := strings.Count(screen, "500 mg/250 IU"); n != 1 {
		t.Errorf("the strength shows %d times:\n%s", n, screen)
	}
}
