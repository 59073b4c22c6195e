package pharmacy_test

import (
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
)

// The pharmacist sees the patient's allergies above the lines, with the line whose
// medicine matches one flagged and the doctor's reason for prescribing it anyway, and
// keeps seeing them on the payment form of the dispense.
func TestFulfilmentShowsAllergiesAndFlagsMatchingLines(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	for _, a := range []store.AllergyInput{{Allergen: "Penicillin", Reaction: "hives", Severity: "severe"},
		{Allergen: "Latex", Reaction: "rash", Severity: "mild"}} {
		_, err := c.s.AddAllergy(c.ctx, c.doctor.Actor(), c.patientID, a)
		c.must(err)
	}
	amox := c.item("Amoxicillin", false, 0, 25)
	para := c.item("Paracetamol", true, 0, 5)
	c.receive(amox, "B-1", 200, 50)
	c.receive(para, "P-1", 200, 50)
	in := amoxicillin(amox, 10)
	in.AllergyOverrideReason = "Took it in 2024 without a reaction"
	_, code := c.prescribe(in, store.MedicationInput{InventoryItemID: para, Name: "Paracetamol", Strength: "500 mg",
		Form: "tablet", Dosage: "1 tablet", Frequency: "QID", DurationDays: 3, Quantity: 12})
	p, _ := start(t, c, queueScreen, 80, 24)
	p.WaitFor(code)
	p.Key("enter")
	screen := p.WaitFor("Allergies: Penicillin (severe), Latex (mild)",
		"⚠ ALLERGY: Amoxicillin is a penicillin; patient is allergic to Penicillin", "  (severe).",
		"Doctor's override (despite allergy to Penicillin (severe)): Took it in", "2024 without a reaction", "Paracetamol")
	if n := strings.Count(screen, "⚠ ALLERGY"); n != 1 {
		t.Errorf("%d lines flagged, want only Amoxicillin's:\n%s", n, screen)
	}
	for _, line := range strings.Split(screen, "\n") {
		if w := len([]rune(line)); w > 80 {
			t.Errorf("a line of %d columns: %q", w, line)
		}
	}
	// Dispensing asks the pharmacist to acknowledge the warning first; the doctor's
	// override covers it, so no note of their own is needed.
	p.Type("d")
	p.WaitFor("Acknowledge 1 warning before handing over", "⚠ ALLERGY: Amoxicillin is a penicillin",
		"Allergies: Penicillin (severe), Latex (mild)")
	p.Key("enter")
	p.WaitFor("Dispense 2 lines", "Allergies: Penicillin (severe), Latex (mild)")
	p.Key("enter")
	p.WaitFor("┃ Method")
	p.Key("enter")
	p.WaitFor("┃ Amount")
	p.Key("enter")
	p.WaitFor("Dispensed 22 units on 2 lines")
	q, err := c.s.Queue(c.ctx, c.pharmacist.Actor(), 10)
	c.must(err)
	if len(q) != 0 {
		t.Fatalf("the prescription is still on the queue: %+v", q)
	}
	if n := c.Count(`SELECT count(*) FROM dispense_acknowledgements WHERE kind = 'allergy' AND note IS NULL
		AND doctor_override = 'Took it in 2024 without a reaction'`); n != 1 {
		t.Fatalf("%d acknowledgements of the allergy with the doctor's override, want 1", n)
	}
}

// A new allergy recorded while the prescription is open shows at once.
func TestFulfilmentShowsAnAllergyRecordedWhileOpen(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	amox := c.item("Amoxicillin", false, 0, 25)
	c.receive(amox, "B-1", 200, 50)
	_, code := c.prescribe(amoxicillin(amox, 10))
	p, _ := start(t, c, queueScreen, 100, 24)
	p.WaitFor(code)
	p.Key("enter")
	p.WaitFor("Allergies: none known", "0 of 10")
	_, err := c.s.AddAllergy(c.ctx, c.doctor.Actor(), c.patientID,
		store.AllergyInput{Allergen: "Amoxicillin", Reaction: "swelling", Severity: "moderate"})
	c.must(err)
	p.WaitFor("Allergies: Amoxicillin (moderate)", "⚠ ALLERGY: ")
}

// The pharmacist sees a line's interaction with the patient's current medication, with
// the doctor's reason, and that a line the drug table does not know was not checked.
func TestFulfilmentShowsInteractionsAndUncheckedLines(t *testing.T) {
	c := newClinic(t)
	_, err := c.s.AddCurrentMedication(c.ctx, c.doctor.Actor(), c.patientID,
		store.CurrentMedicationInput{Name: "Warfarin 5 mg tablet", Dosage: "1 tablet", Frequency: "OD"})
	c.must(err)
	ibu := c.item("Ibuprofen", false, 0, 25)
	c.receive(ibu, "I-1", 200, 50)
	in := store.MedicationInput{InventoryItemID: ibu, Dosage: "1 tablet", Frequency: "TDS", DurationDays: 3, Quantity: 9,
		AllergyOverrideReason: "Three days only; INR checked on day 3"}
	_, code := c.prescribe(in, store.MedicationInput{Name: "Dr Rao's herbal tonic", Dosage: "10 mL", Frequency: "BD",
		DurationDays: 5, Quantity: 1})
	p, _ := start(t, c, queueScreen, 160, 30)
	p.WaitFor(code)
	p.Key("enter")
	screen := p.WaitFor("⚠ INTERACTION: Severe interaction with Warfarin 5 mg tablet (current medication)",
		"Doctor's override (despite severe interaction with Warfarin 5 mg tablet (current medication)): Three days only; INR checked on day 3",
		"⚠ NOT CHECKED: Not recognised: not checked for allergies or interactions.")
	if n := strings.Count(screen, "⚠ INTERACTION"); n != 1 {
		t.Errorf("%d interactions shown, want the ibuprofen's only:\n%s", n, screen)
	}
}

// The pharmacist sees a line's daily dose above the usual adult maximum, and, for a
// patient under 40 kg, that each line's dose needs paediatric confirmation.
func TestFulfilmentShowsDoseWarnings(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	kg := 35.0
	_, err := c.s.AddVitals(c.ctx, c.doctor.Actor(), c.patientID,
		store.VitalsInput{RecordedAt: c.now, Measurements: store.Measurements{WeightKg: &kg}})
	c.must(err)
	para := c.item("Paracetamol", true, 0, 5)
	c.receive(para, "P-1", 200, 50)
	_, code := c.prescribe(store.MedicationInput{InventoryItemID: para, Dosage: "3 tablets", Frequency: "QID",
		DurationDays: 1, Quantity: 12})
	p, _ := start(t, c, queueScreen, 160, 30)
	p.WaitFor(code)
	p.Key("enter")
	p.WaitFor("⚠ DOSE: Dose above the usual adult maximum: 6 g a day as prescribed, maximum 4 g a day (BNF: paracetamol).",
		"⚠ PAEDIATRIC: The patient is 35 kg (")
}
