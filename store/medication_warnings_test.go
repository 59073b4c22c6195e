package store

import (
	"errors"
	"testing"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
)

func TestMedicationWarningsMatchAllergiesPerLine(t *testing.T) {
	t.Parallel()
	allergies := []Allergy{{Allergen: "Latex", Severity: "mild"}, {Allergen: "Ibuprofen", Severity: "moderate"},
		{Allergen: "Penicillin", Severity: "severe"}}
	amox := InventoryItem{ID: 1, Name: "Amoxicillin 500 mg", GenericName: "amoxicillin"}
	ibu := InventoryItem{ID: 2, Name: "Ibuprofen 400 mg", GenericName: "ibuprofen"}
	brand := PrescribedMedication{Name: "Brufen 400"} // free text, no generic name
	got := MedicationWarnings(allergies,
		ItemLine(amox),
		MedicationLine{Name: "Naproxen 250 mg"},
		MedicationLine{Name: "Paracetamol 500 mg", GenericName: "paracetamol"},
		DispensedLine(brand, InventoryItem{}),
		DispensedLine(brand, ibu),
	)
	type want struct {
		allergen string
		kind     drugs.Kind
	}
	for i, w := range [][]want{
		{{"Penicillin", drugs.ByClass}},
		{{"Ibuprofen", drugs.BySibling}},
		nil,
		{{"Ibuprofen", drugs.ByGenericName}}, // the brand names ibuprofen
		{{"Ibuprofen", drugs.ByGenericName}},
	} {
		if len(got[i]) != len(w) {
			t.Errorf("line %d: %d warnings %v, want %v", i, len(got[i]), got[i], w)
			continue
		}
		for j := range w {
			if got[i][j].Allergen != w[j].allergen || got[i][j].Kind != w[j].kind || got[i][j].Severity == "" {
				t.Errorf("line %d: %+v, want %v", i, got[i][j], w[j])
			}
		}
	}
	// A medicine matching two allergies lists the more severe first.
	both := MedicationWarnings([]Allergy{{Allergen: "NSAIDs", Severity: "mild"}, {Allergen: "Aspirin", Severity: "severe"}},
		MedicationLine{Name: "Aspirin 75 mg", GenericName: "aspirin"})[0]
	if len(both) != 2 || both[0].Severity != "severe" || both[1].Severity != "mild" {
		t.Errorf("two matches, most severe first: %+v", both)
	}
	if got := MedicationWarnings(nil, ItemLine(amox)); len(got) != 1 || len(got[0]) != 0 {
		t.Errorf("no allergies, no warnings: %+v", got)
	}
}

// TestMedicationWarningsAreWhatAddMedicationEnforces: a line the screens warn about is
// refused without a reason when added, and one they do not warn about is added.
func TestMedicationWarningsAreWhatAddMedicationEnforces(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	doc, ctx := w.doctor.Actor(), w.ctx
	if _, err := w.s.AddAllergy(ctx, doc, w.patientID, AllergyInput{Allergen: "Penicillin", Severity: "severe"}); err != nil {
		t.Fatal(err)
	}
	allergies, err := w.s.Allergies(ctx, doc, w.patientID)
	if err != nil {
		t.Fatal(err)
	}
	amox, err := w.s.InventoryItem(ctx, doc, w.item(t, "Amoxicillin 500 mg", false, 0, 250))
	if err != nil {
		t.Fatal(err)
	}
	para, err := w.s.InventoryItem(ctx, doc, w.item(t, "Paracetamol 500 mg", true, 0, 20))
	if err != nil {
		t.Fatal(err)
	}
	warnings := MedicationWarnings(allergies, ItemLine(amox), ItemLine(para))
	if len(warnings[0]) == 0 || len(warnings[1]) != 0 {
		t.Fatalf("warnings: %+v", warnings)
	}
	rx, err := w.s.CreatePrescription(ctx, doc, w.appointment(t, w.doctor, w.patientID))
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.s.AddMedication(ctx, doc, rx, amoxicillin(amox.ID))
	var f *FieldError
	if !errors.As(err, &f) || f.Field != "allergy_override_reason" {
		t.Fatalf("amoxicillin for a penicillin allergy: %v", err)
	}
	if _, err := w.s.AddMedication(ctx, doc, rx, MedicationInput{InventoryItemID: para.ID, Dosage: "1 tablet",
		Frequency: "TDS", Quantity: 10}); err != nil {
		t.Fatalf("paracetamol: %v", err)
	}
}
