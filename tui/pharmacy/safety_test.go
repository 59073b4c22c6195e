package pharmacy_test

import (
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/pharmacy"
)

func saleScreen(cm *common.Common) common.Screen { return pharmacy.NewSale(cm) }

// A walk-in sale to a named patient allergic to ibuprofen warns as soon as ibuprofen is
// on the counter, and sells it only once the pharmacist has acknowledged the allergy
// with a note (no doctor weighed it); the note is stored and printed on the receipt.
func TestWalkInSaleToAnAllergicPatientWarnsAndNeedsANote(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	_, err := c.s.AddAllergy(c.ctx, c.doctor.Actor(), c.patientID,
		store.AllergyInput{Allergen: "Ibuprofen", Reaction: "wheeze", Severity: "severe"})
	c.must(err)
	ibu := c.Item(c.pharmacist.Actor(), store.ItemInput{Name: "Ibuprofen", GenericName: "ibuprofen", Strength: "400 mg",
		Form: "tablet", Unit: "tablet", OverTheCounter: true, UnitPriceCents: 20})
	c.receive(ibu, "I-1", 200, 50)
	patient, err := c.s.Patient(c.ctx, c.desk.Actor(), c.patientID)
	c.must(err)

	p, _ := start(t, c, saleScreen, 100, 30)
	p.WaitFor("Anonymous sale")
	p.Type("P")
	p.WaitFor("Patient code")
	p.Type(patient.Code)
	p.Key("enter")
	p.WaitFor("Patient: Jane Doe (" + patient.Code + ")")
	p.Type("a")
	p.WaitFor("Find item")
	p.Type("ibu")
	p.WaitFor("Ibuprofen 400 mg")
	p.Key("enter")
	p.WaitFor("> Ibuprofen", "FEFO: I-1", "⚠ ALLERGY: Ibuprofen matches by name; patient is allergic to Ibuprofen (severe).")
	p.Type("d")
	p.WaitFor("Acknowledge 1 warning before handing over", "No doctor's override covers one: say why you hand it over.", "┃ >")
	p.Key("enter") // no note: refused by the form
	p.WaitFor("A note is required")
	p.Type("Patient says it is for her son; allergy explained")
	p.Key("enter")
	p.WaitFor("Sale total USD 0.20")
	p.Key("enter")
	p.WaitFor("┃ Method")
	p.Key("enter")
	p.WaitFor("┃ Amount")
	p.Key("enter")
	screen := p.WaitFor("PHARMACY RECEIPT", "! Pharmacist's note (allergy to")
	if !strings.Contains(strings.Join(strings.Fields(screen), " "),
		"! Pharmacist's note (allergy to Ibuprofen (severe)): Patient says it is for her son") {
		t.Errorf("the receipt does not carry the note:\n%s", screen)
	}
	if n := c.Count(`SELECT count(*) FROM dispense_acknowledgements WHERE kind = 'allergy' AND severity = 'severe'
		AND note = 'Patient says it is for her son; allergy explained'`); n != 1 {
		t.Fatalf("%d acknowledgements stored, want 1", n)
	}
}

// An anonymous sale has no one to check against, and sells at once.
func TestAnonymousSaleHasNoWarnings(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	ibu := c.Item(c.pharmacist.Actor(), store.ItemInput{Name: "Ibuprofen", GenericName: "ibuprofen", Strength: "400 mg",
		Form: "tablet", Unit: "tablet", OverTheCounter: true, UnitPriceCents: 20})
	c.receive(ibu, "I-1", 200, 50)
	p, _ := start(t, c, saleScreen, 100, 30)
	p.Type("a")
	p.WaitFor("Find item")
	p.Type("ibu")
	p.WaitFor("Ibuprofen 400 mg")
	p.Key("enter")
	p.WaitFor("> Ibuprofen", "FEFO: I-1")
	p.Type("d")
	p.WaitFor("Sale total USD 0.20")
}

// A free-text medicine the drug table does not know holds the prescription back: the
// pharmacist is told to review it, confirms it as written with a reason (stored and
// shown), and then dispenses the rest.
func TestFreeTextIsConfirmedAsWrittenBeforeDispensing(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	para := c.item("Paracetamol", true, 0, 5)
	c.receive(para, "P-1", 200, 50)
	_, code := c.prescribe(store.MedicationInput{Name: "Dr Rao's herbal tonic", Dosage: "10 mL", Frequency: "BD",
		DurationDays: 5, Quantity: 1},
		store.MedicationInput{InventoryItemID: para, Dosage: "1 tablet", Frequency: "QID", DurationDays: 3, Quantity: 12})
	p, _ := start(t, c, queueScreen, 120, 30)
	p.WaitFor(code)
	p.Key("enter")
	p.WaitFor("⚠ NOT CHECKED: Not recognised", "Review it before dispensing")
	p.Type("d")
	p.WaitFor("is free text that was not checked for allergies or interactions")
	p.Type("f")
	p.WaitFor("Confirm Dr Rao's herbal tonic as written: why?")
	p.Key("enter")
	p.WaitFor("A reason is required.")
	p.Type("Herbal syrup bought outside; checked by hand against her medicines")
	p.Key("enter")
	p.WaitFor("Review saved.", "Confirmed as written by Sam Patel: Herbal syrup bought outside")
	p.Type("d")
	p.WaitFor("Dispense 1 line for USD 0.60")
	if n := c.Count(`SELECT count(*) FROM free_text_reviews WHERE reason LIKE 'Herbal syrup%'`); n != 1 {
		t.Fatalf("%d reviews stored, want 1", n)
	}
}

// At 80×24 the queue flags a prescription held back by a free-text line no one has
// reviewed; opening it puts the cursor on that line (marked ⚠) and says what to do,
// and d from another line leads back to it. A brand the drug table knows (Brufen) is
// not flagged. Mapping the line to an item clears the flag.
func TestQueueLeadsToTheFreeTextReview(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	para := c.item("Paracetamol", true, 0, 5)
	c.receive(para, "P-1", 200, 50)
	_, code := c.prescribe(store.MedicationInput{InventoryItemID: para, Dosage: "1 tablet", Frequency: "QID",
		DurationDays: 3, Quantity: 12},
		store.MedicationInput{Name: "Zyloprofen", Dosage: "1 tablet", Frequency: "TDS", Quantity: 9})
	_, brufen := c.prescribe(store.MedicationInput{Name: "Brufen 400", Dosage: "1 tablet", Frequency: "TDS", Quantity: 9})
	p, _ := start(t, c, queueScreen, 80, 24)
	screen := p.WaitFor("2 waiting, oldest first · 1 free text to review", code, brufen)
	for _, row := range strings.Split(screen, "\n") {
		if strings.Contains(row, code) != strings.Contains(row, "⚠ REVIEW") {
			t.Fatalf("only %s is flagged for review:\n%s", code, screen)
		}
	}

	p.Key("enter")
	p.WaitFor("> ⚠ Zyloprofen", "Zyloprofen is free text that was not checked for allergies or interactions")
	p.Type("k")
	p.WaitFor("> Paracetamol")
	p.Type("d")
	p.WaitFor("> ⚠ Zyloprofen", "choose the catalogue item it is (i) or confirm it as written (f)")
	p.Type("i")
	p.WaitFor("Dispense which item for Zyloprofen?")
	p.Key("ctrl+u")
	p.Type("Paracetamol")
	p.WaitFor("Paracetamol 500 mg")
	p.Key("enter")
	p.WaitFor("Review saved.", "Mapped to Paracetamol by Sam Patel")
	if n := c.Count(`SELECT count(*) FROM free_text_reviews WHERE inventory_item_id = ?`, para); n != 1 {
		t.Fatalf("%d mappings stored, want 1", n)
	}
	p.Key("esc")
	p.WaitUntil("the flag gone", func(s string) bool {
		return strings.Contains(s, "2 waiting, oldest first") && !strings.Contains(s, "REVIEW")
	})
}

// At 80 columns the queue's flag column holds one flag: a doctor's override of an
// allergy comes before the date a prescription expires, which is on the prescription.
func TestQueueShowsTheAllergyOverrideBeforeTheExpiryDate(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	ibu := c.item("Ibuprofen", false, 0, 5)
	c.receive(ibu, "I-1", 200, 50)
	_, err := c.s.AddAllergy(c.ctx, c.doctor.Actor(), c.patientID, store.AllergyInput{Allergen: "NSAIDs", Severity: "severe"})
	c.must(err)
	_, code := c.prescribeWith(store.SubmitOptions{ValidDays: 3}, store.MedicationInput{InventoryItemID: ibu,
		Dosage: "1 tablet", Frequency: "TDS", Quantity: 9, AllergyOverrideReason: "Tolerated it last month"})
	p, _ := start(t, c, queueScreen, 80, 24)
	screen := p.WaitFor(code, "1 expiring within 7 days")
	for _, row := range strings.Split(screen, "\n") {
		if strings.Contains(row, code) && !strings.Contains(row, "ALLERGY") {
			t.Fatalf("the override is not flagged at 80 columns:\n%s", screen)
		}
	}
}

// A free-text brand the drug table knows is looked for in the catalogue by its generic:
// i on "Brufen 400" searches for ibuprofen, and the pharmacist maps it in one key.
func TestFreeTextBrandIsLookedUpByItsGeneric(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	ibu := c.item("Ibuprofen", false, 0, 5)
	c.receive(ibu, "I-1", 200, 50)
	_, code := c.prescribe(store.MedicationInput{Name: "Brufen 400", Dosage: "1 tablet", Frequency: "TDS", Quantity: 9})
	p, _ := start(t, c, queueScreen, 80, 24)
	p.WaitFor(code)
	p.Key("enter")
	p.WaitFor("Brufen 400")
	p.Type("i")
	p.WaitFor("Dispense which item for Brufen 400?", "ibuprofen", "Ibuprofen 500 mg")
	p.Key("enter")
	p.WaitFor("Review saved.", "Mapped to Ibuprofen")
	if n := c.Count(`SELECT count(*) FROM free_text_reviews WHERE inventory_item_id = ?`, ibu); n != 1 {
		t.Fatalf("%d mappings to ibuprofen stored, want 1", n)
	}
}

// On a short screen a line with more warnings than it holds (an allergy and three
// interactions, overridden by the doctor) shows them a row each, the doctor's reason
// first, says how many more there are, and keeps the totals on screen (they were cut
// off below it, with the counter's messages, at 80×24).
func TestManyWarningsLeaveTheTotalsOnScreen(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	ibu := c.item("Ibuprofen", false, 0, 5)
	c.receive(ibu, "I-1", 200, 50)
	doc := c.doctor.Actor()
	_, err := c.s.AddAllergy(c.ctx, doc, c.patientID, store.AllergyInput{Allergen: "NSAIDs", Reaction: "wheeze", Severity: "severe"})
	c.must(err)
	for _, name := range []string{"Warfarin 5 mg", "Prednisolone 5 mg", "Methotrexate 2.5 mg"} {
		_, err := c.s.AddCurrentMedication(c.ctx, doc, c.patientID, store.CurrentMedicationInput{Name: name, Dosage: "1 tablet"})
		c.must(err)
	}
	_, code := c.prescribe(store.MedicationInput{InventoryItemID: ibu, Dosage: "1 tablet", Frequency: "TDS", Quantity: 9,
		AllergyOverrideReason: "Short course; INR check booked Monday"})
	p, _ := start(t, c, queueScreen, 80, 14)
	p.WaitFor(code)
	p.Key("enter")
	p.WaitFor("Doctor's override: Short course; INR check booked Monday (despite", "⚠ ALLERGY: Ibuprofen is an NSAID",
		"⚠ INTERACTION: Severe interaction with Warfarin", "… 2 more; d lists every warning in full", "This dispense: USD 0.45")

	// d lists them in full under the acknowledgement's form, scrolled to the last one.
	p.Type("d")
	screen := p.WaitFor("┃ Acknowledge 4 warnings before handing over", "⚠ ALLERGY: Ibuprofen is an NSAID", "pgup/pgdn scroll the warnings")
	if strings.Contains(screen, "Methotrexate") {
		t.Fatalf("the screen is not short enough to need scrolling:\n%s", screen)
	}
	p.Key("pgdown")
	p.Key("pgdown")
	p.WaitFor("Moderate interaction with Methotrexate 2.5 mg", "of 13")
	p.Key("pgup")
	p.Key("pgup")
	p.WaitFor("⚠ ALLERGY: Ibuprofen is an NSAID", "rows 1–")
}
