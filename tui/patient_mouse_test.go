package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// busyPatient is Asha with three upcoming visits, two past ones each with a
// prescription of its own medicine, and one more prescription from a visit under way.
type busyPatient struct {
	s        *store.Store
	desk     store.User
	patient  store.User
	upcoming []store.Appointment // nearest first, as the tab lists them
}

func newBusyPatient(t *testing.T) busyPatient {
	t.Helper()
	ctx := context.Background()
	c := tuitest.NewClinic(t, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	desk := c.User(store.NewUser{Email: "rita@clinic.test", FullName: "Rita Desk", Role: store.RoleReceptionist})
	doc := c.User(store.NewUser{Email: "dan@clinic.test", FullName: "Dan Doctor", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{LicenceNumber: "MC-1"}})
	asha := c.Patient(desk.Actor(), store.PatientInput{FirstName: "Asha", LastName: "Patel",
		DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
	u, err := c.S.GivePatientAccount(ctx, desk.Actor(), asha.ID, "asha@example.com", tuitest.Password)
	if err != nil {
		t.Fatal(err)
	}
	book := func(start time.Time, status store.AppointmentStatus) int64 {
		var id int64
		if err := c.S.Batch(ctx, desk.Actor(), func(tx *store.Tx) (err error) {
			id, err = tx.ImportAppointment(ctx, store.ImportedAppointment{PatientID: asha.ID, DoctorID: c.DoctorID(doc),
				Start: start, End: start.Add(15 * time.Minute), Status: status})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	now := c.Clock.Now()
	for day := 1; day <= 3; day++ {
		book(now.AddDate(0, 0, day), store.AppointmentScheduled)
	}
	for i, medicine := range []string{"Amoxicillin", "Cetirizine", "Ibuprofen"} {
		visit := book(now.AddDate(0, 0, -10+3*i), store.AppointmentInConsultation)
		rx, err := c.S.CreatePrescription(ctx, doc.Actor(), visit)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.S.AddMedication(ctx, doc.Actor(), rx, store.MedicationInput{Name: medicine, Strength: "10 mg",
			Dosage: "1 tablet", Frequency: "OD", Quantity: 10}); err != nil {
			t.Fatal(err)
		}
		if err := c.S.SubmitPrescription(ctx, doc.Actor(), rx); err != nil {
			t.Fatal(err)
		}
	}
	up, err := c.S.MyAppointments(ctx, u.Actor(), true, 10)
	if err != nil || len(up) != 3 {
		t.Fatalf("upcoming: %d, %v", len(up), err)
	}
	return busyPatient{s: c.S, desk: desk, patient: u, upcoming: up}
}

// On "My appointments" a click selects exactly the visit under it (c then asks to
// cancel that one, as the store's notice to the desk shows), a click on a title selects
// nothing, and the wheel moves on from the clicked visit.
func TestAClickOnThePatientsVisitsSelectsTheVisitUnderIt(t *testing.T) {
	t.Parallel()
	c := newBusyPatient(t)
	p := tuitest.Start(t, New(Options{Store: c.s, Renderer: tuitest.Renderer(), User: &c.patient}), 80, 24)
	screen := p.WaitFor("Asha Patel · patient", c.upcoming[0].Code, c.upcoming[2].Code, "Past", "in consultation")
	p.Click(20, tuitest.LineOf(screen, "Past")) // a title: the selection stays on the first visit
	p.Click(20, tuitest.LineOf(screen, c.upcoming[2].Code))
	p.Wheel(20, tuitest.LineOf(screen, c.upcoming[2].Code), false)
	p.Type("c")
	p.WaitFor("Ask the front desk to cancel " + c.upcoming[1].Code)
	p.Type("y")
	p.WaitFor("The front desk has your request to cancel " + c.upcoming[1].Code)
	ns, err := c.s.Notifications(context.Background(), c.desk.Actor(), true, 10)
	if err != nil || len(ns) != 1 || ns[0].EntityID != c.upcoming[1].ID {
		t.Fatalf("the desk's notifications: %v %+v, want the request for %s", err, ns, c.upcoming[1].Code)
	}
	screen = p.WaitFor("Past", "in consultation")
	p.Click(20, tuitest.LineOf(screen, "in consultation"))
	p.Type("c")
	p.WaitFor("Only an upcoming appointment can be cancelled.")
}

// On "My prescriptions" a click selects exactly the prescription under it (its
// medicines show below), and the wheel moves on from it.
func TestAClickOnThePatientsPrescriptionsSelectsTheOneUnderIt(t *testing.T) {
	t.Parallel()
	c := newBusyPatient(t)
	list, err := c.s.MyPrescriptions(context.Background(), c.patient.Actor(), 10)
	if err != nil || len(list) != 3 {
		t.Fatalf("prescriptions: %d, %v", len(list), err)
	}
	p := tuitest.Start(t, New(Options{Store: c.s, Renderer: tuitest.Renderer(), User: &c.patient}), 80, 24)
	p.WaitFor("Asha Patel · patient", "2 My prescriptions")
	p.Type("2")
	screen := p.WaitFor(list[0].Code, list[2].Code, list[0].Medications[0].Name)
	p.Click(20, tuitest.LineOf(screen, list[2].Code))
	screen = p.WaitFor(list[2].Code+" · sent to the pharmacy", list[2].Medications[0].Name)
	if strings.Contains(screen, list[0].Medications[0].Name) {
		t.Fatalf("the first prescription's medicine is still shown:\n%s", screen)
	}
	p.Wheel(20, tuitest.LineOf(screen, list[2].Code), false)
	p.WaitFor(list[1].Code+" · sent to the pharmacy", list[1].Medications[0].Name)
}
