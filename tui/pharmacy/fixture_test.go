package pharmacy_test

import (
	"context"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// clinic is a small clinic on a fixed clock (Tuesday 10 March 2026, 09:00 UTC): a
// doctor with Tuesday hours, a receptionist, a pharmacist and a patient.
type clinic struct {
	*tuitest.Clinic
	t                        *testing.T
	s                        *store.Store
	ctx                      context.Context
	now                      time.Time
	doctor, desk, pharmacist store.User
	doctorID, patientID      int64
	slot                     int
}

func newClinic(t *testing.T) *clinic {
	t.Helper()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	f := tuitest.NewClinic(t, now)
	c := &clinic{Clinic: f, t: t, s: f.S, ctx: context.Background(), now: now}
	c.doctor = c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "D-1", FeeCents: 50000}})
	c.desk = c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	c.pharmacist = c.User(store.NewUser{Email: "sam@clinic.test", FullName: "Sam Patel", Role: store.RolePharmacist,
		Pharmacist: &store.PharmacistProfile{LicenceNumber: "P-1"}})
	c.doctorID = c.DoctorID(c.doctor)
	c.Block(c.desk.Actor(), store.ScheduleBlock{DoctorID: c.doctorID, Weekday: time.Tuesday, Start: "08:00", End: "20:00"})
	c.patientID = c.patient("Jane", "Doe")
	return c
}

func (c *clinic) must(err error) {
	c.t.Helper()
	if err != nil {
		c.t.Fatal(err)
	}
}

func (c *clinic) patient(first, last string) int64 {
	c.t.Helper()
	return c.Patient(c.desk.Actor(), store.PatientInput{FirstName: first, LastName: last,
		DateOfBirth: time.Date(1980, 5, 1, 0, 0, 0, 0, time.UTC), Sex: "female"}).ID
}

func (c *clinic) item(name string, otc bool, minimum int, price int64) int64 {
	c.t.Helper()
	return c.Item(c.pharmacist.Actor(), store.ItemInput{Name: name, Strength: "500 mg", Form: "tablet",
		Unit: "tablet", OverTheCounter: otc, MinimumStock: minimum, UnitPriceCents: price})
}

func (c *clinic) receive(itemID int64, batch string, expiresInDays, qty int) int64 {
	c.t.Helper()
	return c.Receive(c.pharmacist.Actor(), itemID, store.ReceiveInput{BatchNumber: batch,
		ExpiresOn: c.now.AddDate(0, 0, expiresInDays), Quantity: qty, UnitCostCents: 10, Supplier: "Acme Pharma"})
}

// prescribe books the patient, runs the consultation and submits a prescription.
func (c *clinic) prescribe(meds ...store.MedicationInput) (int64, string) {
	c.t.Helper()
	c.slot++
	appt := c.Book(c.desk.Actor(), store.BookingInput{PatientID: c.patientID, DoctorID: c.doctorID,
		Start: c.now.Add(time.Duration(c.slot) * 15 * time.Minute), Minutes: 15})
	c.must(c.s.CheckIn(c.ctx, c.desk.Actor(), appt))
	c.must(c.s.StartConsultation(c.ctx, c.doctor.Actor(), appt))
	rx, err := c.s.CreatePrescription(c.ctx, c.doctor.Actor(), appt)
	c.must(err)
	for _, m := range meds {
		_, err := c.s.AddMedication(c.ctx, c.doctor.Actor(), rx, m)
		c.must(err)
	}
	c.must(c.s.SubmitPrescription(c.ctx, c.doctor.Actor(), rx))
	p, err := c.s.Prescription(c.ctx, c.doctor.Actor(), rx)
	c.must(err)
	return rx, p.Code
}

// start runs the pharmacist's screen that make builds, as the frame would.
func start(t *testing.T, c *clinic, make func(*common.Common) common.Screen, w, h int) (*tuitest.Program, *common.Common) {
	t.Helper()
	cm := c.Common(c.pharmacist)
	return tuitest.StartScreen(t, c.s, cm, make(cm), w, h), cm
}
