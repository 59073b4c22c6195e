package doctor_test

import (
	"context"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
)

// The doctor withdraws a submitted prescription with a reason (refused without one);
// one the pharmacy has started dispensing cannot be withdrawn.
func TestDoctorWithdrawsASubmittedPrescription(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinic(t)
	doc := c.doctor.Actor()
	submitted := func(visit int64) store.Prescription {
		t.Helper()
		if err := c.s.CheckIn(ctx, c.desk.Actor(), visit); err != nil {
			t.Fatal(err)
		}
		id, err := c.s.CreatePrescription(ctx, doc, visit)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.s.AddMedication(ctx, doc, id, store.MedicationInput{InventoryItemID: c.paracetamol,
			Dosage: "1 tablet", Frequency: "TDS", DurationDays: 3, Quantity: 9}); err != nil {
			t.Fatal(err)
		}
		if err := c.s.SubmitPrescription(ctx, doc, id); err != nil {
			t.Fatal(err)
		}
		rx, err := c.s.Prescription(ctx, doc, id)
		if err != nil {
			t.Fatal(err)
		}
		return rx
	}
	ann, ben := submitted(c.annVisit), submitted(c.benVisit)
	if _, err := c.s.Dispense(ctx, c.pharmacist.Actor(), store.DispenseInput{PrescriptionID: ben.ID,
		Lines: []store.DispenseLine{{PrescriptionMedicationID: ben.Medications[0].ID, Quantity: 3}}}); err != nil {
		t.Fatal(err)
	}

	p := login(t, c, 100, 30)
	p.WaitFor("Ann Lee", "Ben Okafor")
	p.Type("p")
	p.WaitFor(ann.Code+" · submitted · Ann Lee", "Valid until 2026-04-01 09:00 · 0 refills", "W withdraw")
	p.Type("W")
	p.WaitFor("┃ Withdraw " + ann.Code + " for Ann Lee (" + c.ann.Code + "): why?")
	p.Key("enter")
	p.WaitFor("Enter the reason for withdrawing it.")
	p.Type("Dose to be reviewed after the blood test")
	p.Key("enter")
	p.WaitFor(ann.Code+" withdrawn; the pharmacy has been told.", ann.Code+" · cancelled",
		"Withdrawn: Dose to be reviewed after the blood test")
	got, err := c.s.Prescription(ctx, doc, ann.ID)
	if err != nil || got.Status != store.PrescriptionCancelled || got.CancelReason != "Dose to be reviewed after the blood test" {
		t.Fatalf("stored: %s %q (%v)", got.Status, got.CancelReason, err)
	}
	if q, _ := c.s.Queue(ctx, c.pharmacist.Actor(), 10); len(q) != 1 || q[0].Code != ben.Code {
		t.Fatalf("the pharmacy queue: %+v", q)
	}

	p.Key("esc")
	p.WaitFor("Ann Lee", "Ben Okafor")
	p.Type("j")
	p.Type("p")
	p.WaitFor(ben.Code + " · dispensing · Ben Okafor")
	p.Type("W")
	p.WaitFor(ben.Code + " is being dispensed; it can no longer be withdrawn. Add an amendment instead.")
	if got, _ := c.s.Prescription(ctx, doc, ben.ID); got.Status != store.PrescriptionDispensing {
		t.Fatalf("the dispensing prescription became %s", got.Status)
	}
}
