package drugs

import (
	"strconv"
	"strings"
	"unicode"
)

// Frequency is one way of writing how often a medicine is taken: Takes every Days days.
// STAT is one take in all (Days 0) and PRN has no rate (Takes 0).
type Frequency struct {
	// Code is the usual prescription abbreviation: "BD".
	Code string
	// Words are the directions for a patient: "twice a day".
	Words       string
	Takes, Days int
	// also are the other ways of writing it, as lookup keys (see key).
	also []string
}

// frequencies is the one table of dosing frequencies: the prescription screen offers
// their codes, quantities are computed from them and labels spell them out. Anything
// else may still be written on a prescription; it is shown as written.
var frequencies = []Frequency{
	{Code: "OD", Words: "once a day", Takes: 1, Days: 1, also: []string{"qd", "daily", "oncedaily"}},
	{Code: "BD", Words: "twice a day", Takes: 2, Days: 1, also: []string{"bid", "twicedaily"}},
	{Code: "TDS", Words: "three times a day", Takes: 3, Days: 1, also: []string{"tid", "threetimesdaily"}},
	{Code: "QID", Words: "four times a day", Takes: 4, Days: 1, also: []string{"qds", "fourtimesdaily"}},
	{Code: "HS", Words: "at bedtime", Takes: 1, Days: 1, also: []string{"nocte"}},
	{Code: "PRN", Words: "when needed", Takes: 0, Days: 0, also: []string{"sos", "whenrequired"}},
	{Code: "STAT", Words: "at once, one time only", Takes: 1, Days: 0},
	{Code: "Q4H", Words: "every 4 hours", Takes: 6, Days: 1},
	{Code: "Q6H", Words: "every 6 hours", Takes: 4, Days: 1},
	{Code: "Q8H", Words: "every 8 hours", Takes: 3, Days: 1},
	{Code: "Q12H", Words: "every 12 hours", Takes: 2, Days: 1},
	{Code: "Weekly", Words: "once a week", Takes: 1, Days: 7, also: []string{"ow", "onceweekly"}},
}

// frequencyKeys finds a frequency by any way of writing it.
var frequencyKeys = func() map[string]int {
	keys := map[string]int{}
	for i, f := range frequencies {
		keys[key(f.Code)] = i
		keys[key(f.Words)] = i
		for _, a := range f.also {
			keys[key(a)] = i
		}
	}
	return keys
}()

// key is how a frequency is looked up: lower case without dots, spaces or hyphens.
func key(text string) string {
	return strings.NewReplacer(".", "", " ", "", "-", "").Replace(strings.ToLower(strings.TrimSpace(text)))
}

// Frequencies lists the table in the order a prescription screen offers it.
func Frequencies() []Frequency { return append([]Frequency(nil), frequencies...) }

// FrequencyCodes are the codes of the table, for suggestions while typing.
func FrequencyCodes() []string {
	out := make([]string, len(frequencies))
	for i, f := range frequencies {
		out[i] = f.Code
	}
	return out
}

// LookupFrequency finds what text means, ignoring case, dots, spaces and hyphens
// ("b.d.", "Q8H", "twice daily").
func LookupFrequency(text string) (Frequency, bool) {
	i, ok := frequencyKeys[key(text)]
	if !ok {
		return Frequency{}, false
	}
	return frequencies[i], true
}

// FrequencyText is a frequency as screens and printouts show it: the code with its
// words, "BD (twice a day)", or the text as written when the table does not know it.
func FrequencyText(text string) string {
	f, ok := LookupFrequency(text)
	if !ok {
		return strings.TrimSpace(text)
	}
	return f.Code + " (" + f.Words + ")"
}

// Quantity is how many units cover a course: takes per day (OD 1, BD 2, TDS 3, QID 4,
// HS 1, Q4H 6, Q6H 4, Q8H 3, Q12H 2) × durationDays × dosePerTake. STAT is one dose in
// all; weekly is one take per started week. It returns 0 when the quantity must be
// asked for instead: PRN (as needed), a frequency the table does not know, or no
// duration. A dosePerTake below 1 counts as 1.
func Quantity(frequency string, durationDays int, dosePerTake int) int {
	dose := max(dosePerTake, 1)
	f, ok := LookupFrequency(frequency)
	switch {
	case !ok || f.Takes == 0:
		return 0
	case f.Days == 0:
		return f.Takes * dose
	case durationDays < 1:
		return 0
	}
	return (durationDays + f.Days - 1) / f.Days * f.Takes * dose
}

// DosePerTake is the number a dosage starts with, the units of one take for Quantity:
// "2 tablets" is 2, "10 mL" is 10; 1 when it starts with no number ("apply thinly").
func DosePerTake(dosage string) int {
	dosage = strings.TrimSpace(dosage)
	end := strings.IndexFunc(dosage, func(r rune) bool { return !unicode.IsDigit(r) })
	if end < 0 {
		end = len(dosage)
	}
	n, err := strconv.Atoi(dosage[:end])
	if err != nil || n < 1 {
		return 1
	}
	return n
}
