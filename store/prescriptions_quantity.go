package store

import "strings"

// frequency is one way of writing how often a medicine is taken: takes every days days.
// STAT is one take in all (days 0) and PRN has no rate (takes 0).
type frequency struct {
	takes, days int
	words       string // the directions for a label
}

// frequencies are the usual prescription abbreviations (and their spelled-out forms),
// keyed in lower case without dots, spaces or hyphens.
var frequencies = map[string]frequency{
	"od": {1, 1, "once a day"}, "qd": {1, 1, "once a day"}, "daily": {1, 1, "once a day"},
	"oncedaily": {1, 1, "once a day"},
	"bd":        {2, 1, "twice a day"}, "bid": {2, 1, "twice a day"}, "twicedaily": {2, 1, "twice a day"},
	"tds": {3, 1, "three times a day"}, "tid": {3, 1, "three times a day"},
	"qid": {4, 1, "four times a day"}, "qds": {4, 1, "four times a day"},
	"hs": {1, 1, "at bedtime"}, "nocte": {1, 1, "at bedtime"},
	"q4h": {6, 1, "every 4 hours"}, "q6h": {4, 1, "every 6 hours"}, "q8h": {3, 1, "every 8 hours"},
	"q12h": {2, 1, "every 12 hours"},
	"stat": {1, 0, "at once, one time only"},
	"prn":  {0, 0, "when needed"}, "sos": {0, 0, "when needed"},
	"weekly": {1, 7, "once a week"}, "onceweekly": {1, 7, "once a week"},
}

func lookupFrequency(text string) (frequency, bool) {
	key := strings.NewReplacer(".", "", " ", "", "-", "").Replace(strings.ToLower(strings.TrimSpace(text)))
	f, ok := frequencies[key]
	return f, ok
}

// QuantityFor is how many units cover a course: takes per day (OD 1, BD 2, TDS 3, QID 4,
// HS 1, q4h 6, q6h 4, q8h 3, q12h 2) × durationDays × dosePerTake. STAT is one dose in
// all; weekly is one take per started week. It returns 0 when the screen must ask for
// the quantity instead: PRN (as needed), a frequency it does not know, or no duration.
// Case, dots and spaces are ignored ("b.d.", "Q8H"). A dosePerTake below 1 counts as 1.
func QuantityFor(frequencyText string, durationDays int, dosePerTake int) int {
	dose := max(dosePerTake, 1)
	f, ok := lookupFrequency(frequencyText)
	switch {
	case !ok || f.takes == 0:
		return 0
	case f.days == 0:
		return f.takes * dose
	case durationDays < 1:
		return 0
	}
	return (durationDays + f.days - 1) / f.days * f.takes * dose
}
