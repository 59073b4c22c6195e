package demo

import "github.com/clinicdesk/clinicdesk/internal/drugs"

// prnPerDay is the doses a day supplied for a medicine taken when needed (PRN), which
// the frequency table gives no rate for.
const prnPerDay = 2

// RxLine is one medicine line of a typical prescription.
type RxLine struct {
	Medicine string // an inventory item's Name
	Dose     string // "1 tablet", "5 mL", "2 puffs", "1 drop in each eye"
	// Units is the stock units taken at each dose (tablets, capsules); 0 when the course
	// is dispensed in whole packs (bottles, tubes, inhalers).
	Units int
	// Packs is the number of packs for the course when Units is 0 (0 means one).
	Packs        int
	Frequency    string // a code of the drugs frequency table: "OD", "BD", "PRN"
	Days         int
	Instructions string
}

// Quantity is how many stock units to dispense for the line.
func (l RxLine) Quantity() int {
	if l.Units == 0 {
		return max(1, l.Packs)
	}
	if f, ok := drugs.LookupFrequency(l.Frequency); ok && f.Takes == 0 {
		return max(1, l.Units*prnPerDay*l.Days)
	}
	return max(1, drugs.Quantity(l.Frequency, l.Days, l.Units))
}

// rx is shorthand for an RxLine in the catalogues.
func rx(medicine, dose string, units int, freq string, days int, instructions string) RxLine {
	return RxLine{Medicine: medicine, Dose: dose, Units: units, Frequency: freq, Days: days, Instructions: instructions}
}

// packs sets the number of packs of a line dispensed in whole packs.
func packs(l RxLine, n int) RxLine {
	l.Packs = n
	return l
}
