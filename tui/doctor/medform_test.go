package doctor_test

import (
	"context"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
)

// At 80×24, with an allergy and an interaction warned above it, the medication form's
// second step is taller than the room left: the focused field, and the error under it,
// stay on screen as the doctor moves down to the override's reason.
func TestMedicationFormKeepsTheFocusedFieldOnScreen(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	ctx := context.Background()
	if _, err := c.s.AddCurrentMedication(ctx, c.doctor.Actor(), c.ann.ID, store.CurrentMedicationInput{
		Name: "Methotrexate 2.5 mg", Dosage: "4 tablets", Frequency: "once a week"}); err != nil {
		t.Fatal(err)
	}
	p := openAnnsPrescription(t, c, 80, 24)
	p.Type("a")
	p.WaitFor("Search:")
	p.Type("amox")
	p.WaitFor("Amoxicillin 500 mg capsule (amoxicillin)")
	p.Key("enter")
	p.WaitFor("⚠ ALLERGY: Amoxicillin", "⚠ INTERACTION", "┃ Dosage")
	p.Fill("1 capsule", "Frequency")
	p.Fill("TDS", "Duration (days)")
	p.Fill("5", "Route")
	p.Fill("", "Instructions")
	p.Fill("", "Quantity to dispense")
	p.Fill("", "Long-term (chronic) medicine?")
	p.Key("enter")
	p.WaitFor("┃ Allergy override: reason to prescribe anyway")
	p.Key("enter")
	p.WaitFor("┃ Allergy override: reason to prescribe anyway", "Enter the reason to prescribe against a recorded allergy.")
	p.Type("Tolerated a full course last year")
	p.Key("enter")
	p.WaitFor("Amoxicillin 500 mg capsule added.")
	if n := c.count(t, `SELECT count(*) FROM prescription_medications WHERE allergy_override_reason = 'Tolerated a full course last year'`); n != 1 {
		t.Fatalf("%d lines carry the override, want 1", n)
	}
}
