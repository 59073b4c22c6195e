package drugs

import (
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// maxDoseTSV is the table of usual adult maximum daily doses:
// generic<TAB>amount<TAB>unit<TAB>source.
//
//go:embed data/max_daily_dose.tsv
var maxDoseTSV string

// MaxDose is the usual adult maximum daily dose of one generic.
type MaxDose struct {
	// Generic is the canonical generic name: "paracetamol".
	Generic string
	// Amount is the most a day, in Unit: 4 (g).
	Amount float64
	// Unit is one of DoseUnits.
	Unit string
	// Source is the published source of the maximum: "BNF: paracetamol".
	Source string
}

// String is the maximum as screens show it: "4 g a day (BNF: paracetamol)".
func (d MaxDose) String() string {
	return fmt.Sprintf("%s a day (%s)", amountText(d.Amount, d.Unit), d.Source)
}

// DoseUnits are the units of the maximum dose table, with their size in micrograms.
var DoseUnits = map[string]float64{"mcg": 1, "mg": 1e3, "g": 1e6}

var maxDoses = map[string]MaxDose{}

func loadMaxDoses() {
	list, err := parseMaxDoses(maxDoseTSV)
	if err != nil {
		panic(err)
	}
	for _, d := range list {
		maxDoses[d.Generic] = d
	}
}

// parseMaxDoses reads the maximum dose table, refusing a row without four fields, an
// amount that is not a positive number, an unknown unit, no source, a generic the drug
// table does not know or one given twice.
func parseMaxDoses(data string) ([]MaxDose, error) {
	var out []MaxDose
	seen := map[string]int{}
	for n, row := range strings.Split(data, "\n") {
		if strings.TrimSpace(row) == "" || strings.HasPrefix(row, "#") {
			continue
		}
		f := strings.Split(row, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("max_daily_dose.tsv line %d: want 4 tab-separated fields, got %d", n+1, len(f))
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		amount, err := strconv.ParseFloat(f[1], 64)
		if err != nil || !(amount > 0) || math.IsInf(amount, 0) {
			return nil, fmt.Errorf("max_daily_dose.tsv line %d: amount %q is not a positive number", n+1, f[1])
		}
		if _, ok := DoseUnits[f[2]]; !ok {
			return nil, fmt.Errorf("max_daily_dose.tsv line %d: unit %q is not mcg, mg or g", n+1, f[2])
		}
		if f[3] == "" {
			return nil, fmt.Errorf("max_daily_dose.tsv line %d: the source is required", n+1)
		}
		g, ok := genericIndex[phrase(f[0])]
		if !ok {
			return nil, fmt.Errorf("max_daily_dose.tsv line %d: generic %q is not in the drug table", n+1, f[0])
		}
		if prev, ok := seen[g]; ok {
			return nil, fmt.Errorf("max_daily_dose.tsv line %d: %s is also on line %d", n+1, g, prev)
		}
		seen[g] = n + 1
		out = append(out, MaxDose{Generic: g, Amount: amount, Unit: f[2], Source: f[3]})
	}
	return out, nil
}

// MaxDoses returns a copy of the maximum dose table, ordered by generic.
func MaxDoses() []MaxDose {
	out := make([]MaxDose, 0, len(maxDoses))
	for _, d := range maxDoses {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b MaxDose) int { return strings.Compare(a.Generic, b.Generic) })
	return out
}

// DoseCheck is a line's daily dose set against its maximum.
type DoseCheck struct {
	// Computable is false when the daily dose cannot be worked out: a medicine without a
	// maximum in the table (or a combination), a strength, dosage or frequency the
	// computation does not read (as needed, weekly, puffs, drops, percentages). Nothing
	// is said about such a line.
	Computable bool
	// Daily is the dose a day in Max.Unit.
	Daily float64
	Max   MaxDose
}

// Above reports whether the daily dose is above the maximum; a dose at the maximum is not.
func (c DoseCheck) Above() bool {
	return c.Computable && c.Daily > c.Max.Amount*(1+1e-9)
}

// DailyText is the computed daily dose as screens show it: "4.8 g".
func (c DoseCheck) DailyText() string { return amountText(c.Daily, c.Max.Unit) }

var (
	// strengthRE reads "500 mg", "1 g", "250 mg/5 mL", "10 mg/mL", "100 mg / 5ml".
	strengthRE = regexp.MustCompile(`^(\d+(?:\.\d+)?)\s*(mcg|mg|g)(?:\s*/\s*(\d+(?:\.\d+)?)?\s*ml)?$`)
	// unitsRE reads a number of tablets or capsules: "2 tablets", "1 cap", "2".
	unitsRE = regexp.MustCompile(`^(\d+(?:\.\d+)?|½)\s*(?:tablets?|tabs?|capsules?|caps?)?$`)
	// volumeRE reads a volume: "10 mL", "7.5ml".
	volumeRE = regexp.MustCompile(`^(\d+(?:\.\d+)?)\s*ml$`)
	// amountRE reads a dose written as an amount: "1 g", "400 mg".
	amountRE = regexp.MustCompile(`^(\d+(?:\.\d+)?)\s*(mcg|mg|g)$`)
)

// CheckDose works out the daily dose of med taken as dosage ("2 tablets", "10 mL",
// "1 g") of strength ("500 mg", "250 mg/5 mL") at frequency (a code of the frequency
// table taken every day, or STAT as one dose), and sets it against the generic's
// usual adult maximum. Tablets and capsules count against a solid strength, millilitres
// against a strength per mL, an amount stands for itself. Anything else is not
// computable (see DoseCheck).
func CheckDose(med Medication, strength, dosage, frequency string) DoseCheck {
	id := Identify(med)
	if len(id.Generics) != 1 {
		return DoseCheck{} // unknown, or a combination
	}
	limit, ok := maxDoses[id.Generics[0]]
	if !ok {
		return DoseCheck{}
	}
	f, ok := LookupFrequency(frequency)
	if !ok || f.Takes == 0 || f.Days > 1 {
		return DoseCheck{}
	}
	perTake, ok := takeMicrograms(strings.ToLower(strings.TrimSpace(strength)), strings.ToLower(strings.TrimSpace(dosage)))
	if !ok {
		return DoseCheck{}
	}
	return DoseCheck{Computable: true, Daily: perTake * float64(f.Takes) / DoseUnits[limit.Unit], Max: limit}
}

// takeMicrograms is the amount of one take in micrograms.
func takeMicrograms(strength, dosage string) (float64, bool) {
	if m := amountRE.FindStringSubmatch(dosage); m != nil {
		return number(m[1]) * DoseUnits[m[2]], true
	}
	s := strengthRE.FindStringSubmatch(strength)
	if s == nil {
		return 0, false
	}
	amount := number(s[1]) * DoseUnits[s[2]]
	perVolume := strings.HasSuffix(s[0], "ml")
	if perVolume {
		volume := 1.0
		if s[3] != "" {
			volume = number(s[3])
		}
		if volume <= 0 {
			return 0, false
		}
		if v := volumeRE.FindStringSubmatch(dosage); v != nil {
			return number(v[1]) * amount / volume, true
		}
		return 0, false
	}
	if u := unitsRE.FindStringSubmatch(dosage); u != nil {
		return number(u[1]) * amount, true
	}
	return 0, false
}

func number(s string) float64 {
	if s == "½" {
		return 0.5
	}
	n, _ := strconv.ParseFloat(s, 64)
	return n
}

// amountText writes an amount without trailing zeros: "4 g", "1.25 g", "0.4 mg".
func amountText(amount float64, unit string) string {
	return strconv.FormatFloat(math.Round(amount*1000)/1000, 'f', -1, 64) + " " + unit
}
