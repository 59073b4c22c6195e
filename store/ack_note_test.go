package store

import (
	"strings"
	"testing"
)

// A note the pharmacist writes when none is required (the doctor's override covers the
// allergy, the interaction is moderate) is kept on every warning acknowledged, and the
// label prints it once, naming them all: it was silently dropped.
func TestAnOptionalAcknowledgementNoteIsKept(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	ibu := w.item(t, "Ibuprofen 400 mg", false, 0, 25)
	w.receive(t, ibu, "I1", w.day(100), 50)
	w.sql(t, `INSERT INTO allergies(patient_id, allergen, severity) VALUES (?, 'NSAIDs', 'severe')`, w.patientID)
	w.sql(t, `INSERT INTO current_medications(patient_id, name) VALUES (?, 'Prednisolone 5 mg')`, w.patientID)
	rx, meds := w.prescribe(t, w.patientID, MedicationInput{InventoryItemID: ibu, Dosage: "1 tablet", Frequency: "TDS",
		Quantity: 9, AllergyOverrideReason: "Tolerated it last month"})
	in := DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{{PrescriptionMedicationID: meds[0], Quantity: 9}}}
	warnings, err := w.s.DispenseWarnings(ctx, ph, in)
	if err != nil || len(warnings[0]) != 2 || warnings[0][0].NeedsNote() || warnings[0][1].NeedsNote() {
		t.Fatalf("want an overridden allergy and a moderate interaction, neither needing a note: %v %+v", err, warnings)
	}
	const note = "Told him to take it with food and stop if wheezy"
	in.Lines[0].Acknowledgements = AcknowledgeAll(warnings[0], note)
	fid, err := w.s.Dispense(ctx, ph, in)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.count(t, `SELECT count(*) FROM dispense_acknowledgements WHERE fulfillment_id = ? AND note = ?`, fid, note); got != 2 {
		t.Fatalf("%d acknowledgements carry the note, want 2", got)
	}
	labels, err := w.s.Labels(ctx, ph, fid)
	if err != nil || len(labels) != 1 {
		t.Fatalf("labels: %v %d", err, len(labels))
	}
	label := flat(labels[0])
	if strings.Count(label, "Pharmacist's note") != 1 ||
		!strings.Contains(label, "Pharmacist's note (allergy to NSAIDs (severe); moderate interaction with Prednisolone 5 mg") ||
		!strings.Contains(label, note) {
		t.Fatalf("the label's note:\n%s", labels[0])
	}
}
