package drugs

import "testing"

func TestQuantity(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		freq       string
		days, dose int
		want       int
	}{
		{"OD", 5, 1, 5},
		{"od", 5, 2, 10},
		{"once daily", 5, 1, 5},
		{"BD", 5, 1, 10},
		{"b.d.", 5, 1, 10},
		{"BID", 3, 1, 6},
		{"twice a day", 3, 1, 6},
		{"TDS", 5, 1, 15},
		{"tid", 7, 2, 42},
		{"QID", 3, 1, 12},
		{"HS", 10, 1, 10},
		{"q4h", 2, 1, 12},
		{"Q6H", 2, 1, 8},
		{"q8h", 5, 1, 15},
		{"q12h", 5, 1, 10},
		{"STAT", 0, 1, 1},
		{"stat", 30, 2, 2},
		{"PRN", 5, 1, 0},
		{"s.o.s.", 5, 1, 0},
		{"weekly", 7, 1, 1},
		{"Weekly", 8, 1, 2},
		{"OW", 84, 1, 12},
		{"weekly", 28, 2, 8},
		{"OD", 0, 1, 0},
		{"TDS", 5, 0, 15},
		{"after meals if pain", 5, 1, 0},
		{"", 5, 1, 0},
	} {
		if got := Quantity(tc.freq, tc.days, tc.dose); got != tc.want {
			t.Errorf("Quantity(%q, %d, %d) = %d, want %d", tc.freq, tc.days, tc.dose, got, tc.want)
		}
	}
}

// TestFrequencyNames checks that every way of writing a frequency finds that frequency,
// so no two rows of the table claim the same name.
func TestFrequencyNames(t *testing.T) {
	t.Parallel()
	for _, f := range Frequencies() {
		for _, name := range append([]string{f.Code, f.Words}, f.also...) {
			if got, ok := LookupFrequency(name); !ok || got.Code != f.Code {
				t.Errorf("LookupFrequency(%q) = %q, %v; want %q", name, got.Code, ok, f.Code)
			}
		}
	}
	if codes := FrequencyCodes(); len(codes) != len(frequencies) || codes[0] != "OD" {
		t.Errorf("FrequencyCodes() = %v", codes)
	}
}

func TestFrequencyText(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"BD":                   "BD (twice a day)",
		"b.d.":                 "BD (twice a day)",
		"twice daily":          "BD (twice a day)",
		"q8h":                  "Q8H (every 8 hours)",
		" after meals if pain": "after meals if pain",
		"":                     "",
	} {
		if got := FrequencyText(in); got != want {
			t.Errorf("FrequencyText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDosePerTake(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{"2 tablets": 2, "10 mL": 10, " 1 capsule": 1, "apply thinly": 1, "": 1,
		"0 tablets": 1, "½ tablet": 1, "15mL": 15} {
		if got := DosePerTake(in); got != want {
			t.Errorf("DosePerTake(%q) = %d, want %d", in, got, want)
		}
	}
}
