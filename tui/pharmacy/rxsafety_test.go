package pharmacy_test

import (
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
)

// prescribeWith is prescribe with the doctor's validity and refills, and a line marked
// chronic when asked.
func (c *clinic) prescribeWith(opts store.SubmitOptions, med store.MedicationInput) (int64, string) {
	c.t.Helper()
	c.slot++
	appt := c.Book(c.desk.Actor(), store.BookingInput{PatientID: c.patientID, DoctorID: c.doctorID,
		Start: c.now.Add(time.Duration(c.slot) * 15 * time.Minute), Minutes: 15})
	c.must(c.s.CheckIn(c.ctx, c.desk.Actor(), appt))
	rx, err := c.s.CreatePrescription(c.ctx, c.doctor.Actor(), appt)
	c.must(err)
	_, err = c.s.AddMedication(c.ctx, c.doctor.Actor(), rx, med)
	c.must(err)
	c.must(c.s.SubmitPrescriptionWith(c.ctx, c.doctor.Actor(), rx, opts))
	p, err := c.s.Prescription(c.ctx, c.doctor.Actor(), rx)
	c.must(err)
	return rx, p.Code
}

// dispenseAll dispenses the open prescription's lines with keys, paid in cash.
func dispenseAll(p interface {
	Type(string)
	Key(string)
	WaitFor(...string) string
}) {
	p.Type("d")
	p.WaitFor("Dispense 1 line ")
	p.Key("enter")
	p.WaitFor("┃ Method")
	p.Key("enter")
	p.WaitFor("┃ Amount")
	p.Key("enter")
}

// The queue marks a prescription about to expire and one expired, and counts a
// refill down: the refill is dispensed against the same prescription with keys, and
// the schema-backed store refuses the expired one.
func TestQueueShowsValidityAndDispensesARefill(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Amlodipine", false, 0, 10)
	c.receive(item, "A-1", 300, 100)
	chronic, long := c.prescribeWith(store.SubmitOptions{ValidDays: 60, Refills: 1},
		store.MedicationInput{InventoryItemID: item, Dosage: "1 tablet", Frequency: "OD", Quantity: 10, Chronic: true})
	short, shortCode := c.prescribeWith(store.SubmitOptions{},
		store.MedicationInput{InventoryItemID: item, Dosage: "1 tablet", Frequency: "OD", Quantity: 5})

	c.Clock.Advance(25 * 24 * time.Hour)
	p, _ := start(t, c, queueScreen, 120, 30)
	p.WaitFor("2 waiting, oldest first · 1 expiring within 7 days", long, "1 refill left", shortCode, "EXP 9 Apr")

	p.Key("enter")
	p.WaitFor("0 of 20", "Valid until 2026-05-09 09:00 · 1 refill, 1 left")
	dispenseAll(p)
	p.WaitFor("Dispensed 10 units on 1 line", "10 of 20", "dispensing")
	p.Key("esc")
	p.WaitFor(long, "refill due", "1 refill left")

	p.Key("enter")
	p.WaitFor("10 of 20")
	dispenseAll(p)
	p.WaitFor("Dispensed 10 units on 1 line", "20 of 20", "fulfilled", "1 refill, 0 left")
	got, err := c.s.Prescription(c.ctx, c.doctor.Actor(), chronic)
	c.must(err)
	if got.Status != store.PrescriptionFulfilled || got.Medications[0].Dispensed != 20 || got.Medications[0].RefillsLeft() != 0 {
		t.Fatalf("after the refill: %s, %d dispensed", got.Status, got.Medications[0].Dispensed)
	}
	p.Key("esc")

	// A week on, the short one has expired: marked on the queue (reloaded by any change),
	// explained when opened, and refused.
	c.Clock.Advance(7 * 24 * time.Hour)
	c.receive(item, "A-2", 300, 1)
	p.WaitFor("1 waiting, oldest first · 1 expired", shortCode, "EXPIRED")
	p.Key("enter")
	p.WaitFor("EXPIRED on 2026-04-09 09:00: it cannot be dispensed; the doctor must write a new prescription.")
	p.Type("d")
	p.WaitFor("Dispense 1 line ")
	p.Key("enter")
	p.WaitFor("┃ Method")
	p.Key("enter")
	p.WaitFor("┃ Amount")
	p.Key("enter")
	p.WaitFor(shortCode + " expired on 9 Apr 2026 09:00; it cannot be dispensed.")
	if got, _ := c.s.Prescription(c.ctx, c.doctor.Actor(), short); got.Medications[0].Dispensed != 0 {
		t.Fatalf("an expired prescription was dispensed: %d", got.Medications[0].Dispensed)
	}
}

// A doctor withdraws a prescription while the pharmacist has it open: the open screen
// says so at once, and the queue no longer lists it.
func TestAWithdrawnPrescriptionLeavesThePharmacyLive(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	item := c.item("Amoxicillin", false, 0, 25)
	c.receive(item, "B-1", 200, 50)
	rx, code := c.prescribe(amoxicillin(item, 10))
	p, _ := start(t, c, queueScreen, 120, 30)
	p.WaitFor(code)
	p.Key("enter")
	p.WaitFor("0 of 10")
	c.must(c.s.CancelPrescription(c.ctx, c.doctor.Actor(), rx, "Wrong strength; a new one follows"))
	p.WaitFor("WITHDRAWN by the doctor: Wrong strength; a new one follows. Nothing more can be dispensed.", "cancelled")
	p.Key("esc")
	screen := p.WaitFor("No prescriptions are waiting")
	if strings.Contains(screen, code) {
		t.Fatalf("the withdrawn prescription is still listed:\n%s", screen)
	}
}

// A patient flagged pregnant: an NSAID on the fulfil screen warns from the pregnancy
// table, through the store's LineWarnings.
func TestFulfilmentShowsPregnancyWarnings(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	c.must(c.s.SetPregnancy(c.ctx, c.doctor.Actor(), c.patientID, store.Pregnant, time.Time{}))
	ibu := c.item("Ibuprofen", true, 0, 5)
	c.receive(ibu, "I-1", 200, 50)
	_, code := c.prescribe(store.MedicationInput{InventoryItemID: ibu, Dosage: "1 tablet", Frequency: "TDS",
		DurationDays: 3, Quantity: 9})
	p, _ := start(t, c, queueScreen, 160, 30)
	p.WaitFor(code)
	p.Key("enter")
	p.WaitFor("⚠ PREGNANCY: Patient pregnant (noted 2026-03-10): NSAIDs. Avoid from 20 weeks")
}
