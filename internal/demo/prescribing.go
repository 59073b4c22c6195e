package demo

// Frequency is a dosing frequency code as prescriptions write it.
type Frequency struct {
	Code    string // OD, BD, TDS, QID, HS, PRN, STAT, OW
	Meaning string
	// PerWeek is the doses in a week, for working out quantities; for PRN it is an
	// allowance of two doses a day, and for STAT it is 0 (one dose, once).
	PerWeek int
}

var frequencies = []Frequency{
	{"OD", "once daily", 7},
	{"BD", "twice daily", 14},
	{"TDS", "three times daily", 21},
	{"QID", "four times daily", 28},
	{"HS", "at bedtime", 7},
	{"PRN", "when required", 14},
	{"STAT", "once, immediately", 0},
	{"OW", "once weekly", 1},
}

// Frequencies lists the frequency codes.
func Frequencies() []Frequency { return append([]Frequency(nil), frequencies...) }

// FrequencyOf finds a frequency by its code.
func FrequencyOf(code string) (Frequency, bool) {
	for _, f := range frequencies {
		if f.Code == code {
			return f, true
		}
	}
	return Frequency{}, false
}

// RxLine is one medicine line of a typical prescription.
type RxLine struct {
	Medicine string // an inventory item's Name
	Dose     string // "1 tablet", "5 mL", "2 puffs", "1 drop in each eye"
	// Units is the stock units taken at each dose (tablets, capsules); 0 when the course
	// is dispensed in whole packs (bottles, tubes, inhalers).
	Units int
	// Packs is the number of packs for the course when Units is 0 (0 means one).
	Packs        int
	Frequency    string // a Frequency code
	Days         int
	Instructions string
}

// Quantity is how many stock units to dispense for the line.
func (l RxLine) Quantity() int {
	f, _ := FrequencyOf(l.Frequency)
	switch {
	case l.Units == 0:
		return max(1, l.Packs)
	case f.PerWeek == 0:
		return l.Units
	}
	return max(1, (l.Units*f.PerWeek*l.Days+6)/7)
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
