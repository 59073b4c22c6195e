package doctor_test

import (
	"context"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// clinic is a small clinic for the doctor's screens: Dr. Asha Rao, a receptionist and
// a pharmacist; Ann Lee (allergic to penicillin) and Ben Okafor booked this morning;
// amoxicillin and paracetamol in stock, ibuprofen out of stock. Its clock stands at
// Monday 2 March 2026, 09:00 UTC, and tests move it on.
type clinic struct {
	*tuitest.Clinic
	s                        *store.Store
	clock                    *testfixture.Clock
	doctor, desk, pharmacist store.User
	doctorID                 int64
	ann, ben                 store.Patient
	annVisit, benVisit       int64
	amoxicillin, paracetamol int64
}

func newClinic(t testing.TB) *clinic {
	t.Helper()
	f := tuitest.NewClinic(t, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	c := &clinic{Clinic: f, s: f.S, clock: f.Clock}
	c.doctor = c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Asha Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS, MD", LicenceNumber: "MCI-12345",
			Specialisations: []string{"General Practice"}, FeeCents: 50000}})
	c.desk = c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Maya Desk", Role: store.RoleReceptionist})
	c.pharmacist = c.User(store.NewUser{Email: "ph@clinic.test", FullName: "Omar Pharm", Role: store.RolePharmacist,
		Pharmacist: &store.PharmacistProfile{LicenceNumber: "PH-1"}})
	c.doctorID = c.DoctorID(c.doctor)
	c.Block(tuitest.System, store.ScheduleBlock{DoctorID: c.doctorID, Weekday: time.Monday, Start: "08:00",
		End: "17:00", SlotMinutes: 15})
	desk := c.desk.Actor()
	c.ann = c.Patient(desk, store.PatientInput{FirstName: "Ann", LastName: "Lee",
		DateOfBirth: time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), Sex: "female", Phone: "+91 98765 43210"})
	c.ben = c.Patient(desk, store.PatientInput{FirstName: "Ben", LastName: "Okafor",
		DateOfBirth: time.Date(1985, 5, 6, 0, 0, 0, 0, time.UTC), Sex: "male", Phone: "+91 98765 43211"})
	if _, err := c.s.AddAllergy(context.Background(), c.doctor.Actor(), c.ann.ID, store.AllergyInput{
		Allergen: "Penicillin", Reaction: "hives", Severity: "severe"}); err != nil {
		t.Fatal(err)
	}
	c.annVisit = c.Book(desk, store.BookingInput{PatientID: c.ann.ID, DoctorID: c.doctorID,
		Start: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), Reason: "sore throat"})
	c.benVisit = c.Book(desk, store.BookingInput{PatientID: c.ben.ID, DoctorID: c.doctorID,
		Start: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), Reason: "check-up"})
	c.amoxicillin = c.item(store.ItemInput{Name: "Amoxicillin 500 mg capsule", GenericName: "amoxicillin",
		DrugClass: "penicillin", Strength: "500 mg", Form: "capsule", Unit: "capsule", UnitPriceCents: 300}, 120)
	c.paracetamol = c.item(store.ItemInput{Name: "Paracetamol 500 mg tablet", GenericName: "paracetamol",
		Strength: "500 mg", Form: "tablet", Unit: "tablet", UnitPriceCents: 50}, 500)
	c.item(store.ItemInput{Name: "Ibuprofen 400 mg tablet", GenericName: "ibuprofen", Strength: "400 mg",
		Form: "tablet", Unit: "tablet"}, 0)
	return c
}

// item adds a catalogue item with stock (none when qty is 0) and returns its id.
func (c *clinic) item(in store.ItemInput, qty int) int64 {
	c.T.Helper()
	id := c.Item(tuitest.System, in)
	if qty > 0 {
		c.Receive(tuitest.System, id, store.ReceiveInput{BatchNumber: "B-" + in.Name[:3],
			ExpiresOn: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), Quantity: qty, UnitCostCents: 10})
	}
	return id
}

// count runs a count query straight on the clinic's file, as the sqlite3 shell would.
func (c *clinic) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	return c.Count(query, args...)
}

// openAnnsPrescription checks Ann in, logs the doctor in at width×height, starts her
// consultation and opens its prescription.
func openAnnsPrescription(t *testing.T, c *clinic, width, height int) *tuitest.Program {
	t.Helper()
	if err := c.s.CheckIn(context.Background(), c.desk.Actor(), c.annVisit); err != nil {
		t.Fatal(err)
	}
	p := login(t, c, width, height)
	p.WaitFor("Ann Lee", "1 waiting")
	p.Type("s")
	p.WaitFor("Allergies: Penicillin (severe)")
	p.Type("p")
	p.WaitFor("Medications (0)")
	return p
}
