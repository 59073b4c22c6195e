package store

import "github.com/clinicdesk/clinicdesk/internal/drugs"

// MedicationLine is a medicine about to be prescribed or dispensed, as its warnings are
// checked.
type MedicationLine struct {
	Name        string
	GenericName string
	// DrugClass is the catalogue item's class; "" for a medicine written as free text,
	// which the drug table then places in a class by its names.
	DrugClass string
	// Strength, Dosage and Frequency are what its daily dose is worked out from
	// (drugs.CheckDose); "" where not known, when the dose is not checked.
	Strength, Dosage, Frequency string
}

// ItemLine is a catalogue item as a medication line.
func ItemLine(it InventoryItem) MedicationLine {
	return MedicationLine{Name: it.Name, GenericName: it.GenericName, DrugClass: it.DrugClass, Strength: it.Strength}
}

// DispensedLine is a prescribed medication as it is about to be dispensed with item
// (ID 0 while none is chosen): the class is the item's, the generic name the
// prescription's or else the item's, and so the strength; the dosage and frequency
// are the prescription's.
func DispensedLine(m PrescribedMedication, item InventoryItem) MedicationLine {
	l := MedicationLine{Name: m.Name, GenericName: m.GenericName, Strength: m.Strength, Dosage: m.Dosage,
		Frequency: m.Frequency}
	if item.ID != 0 {
		l.DrugClass = item.DrugClass
		if l.GenericName == "" {
			l.GenericName = item.GenericName
		}
		if l.Strength == "" {
			l.Strength = item.Strength
		}
	}
	return l
}

// MedicationWarnings checks each line against a patient's allergies (as Allergies or
// the chart reads them) and returns, for each line in order, the allergies it matches
// by name, generic name or drug class, most severe first. Adding a medication to a
// prescription applies the same check, and refuses a match without an override
// reason; the prescription and dispensing screens show these warnings before that.
func MedicationWarnings(allergies []Allergy, lines ...MedicationLine) [][]drugs.Match {
	list := make([]drugs.Allergy, len(allergies))
	for i, a := range allergies {
		list[i] = drugs.Allergy{Allergen: a.Allergen, Severity: a.Severity}
	}
	out := make([][]drugs.Match, len(lines))
	for i, l := range lines {
		out[i] = drugs.Check(list, drugs.Medication{Name: l.Name, GenericName: l.GenericName, Class: l.DrugClass})
	}
	return out
}
