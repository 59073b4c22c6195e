package store

import "testing"

// The counter's warnings name themselves the same way from either medicine of an
// interaction, so a doctor's override given on one line covers the warning shown on the
// other; an override covers only the warnings it names, except on a line written before
// overrides were named, whose one reason covers every blocking warning.
func TestCounterWarningsAndTheirOverrides(t *testing.T) {
	t.Parallel()
	warfarin := MedicationLine{Name: "Warfarin 5 mg", GenericName: "warfarin"}
	ibuprofen := MedicationLine{Name: "Ibuprofen 400 mg", GenericName: "ibuprofen"}
	a := CounterWarnings(CounterContext{Others: []OtherMedication{{MedicationLine: ibuprofen, From: FromThisPrescription}}}, warfarin, nil)
	b := CounterWarnings(CounterContext{Others: []OtherMedication{{MedicationLine: warfarin, From: FromThisPrescription}}}, ibuprofen, nil)
	if len(a) != 1 || len(b) != 1 || a[0].Key != b[0].Key || !a[0].Blocking || a[0].Kind != WarnInteraction {
		t.Fatalf("the interaction from either side: %+v / %+v", a, b)
	}

	allergic := CounterContext{Allergies: []Allergy{{Allergen: "NSAIDs", Severity: "mild"}},
		Others: []OtherMedication{{MedicationLine: warfarin, From: FromCurrentMedication}}}
	line := PrescribedMedication{ID: 7, Name: ibuprofen.Name, AllergyOverrideReason: "INR weekly"}
	cases := []struct {
		name      string
		overrides map[string]string
		named     []MedicationOverride
		wantNotes int // blocking warnings left needing the pharmacist's note
	}{
		{"no override", nil, nil, 2},
		{"a line from before overrides were named", nil, nil, 0},
		{"the interaction named only", map[string]string{a[0].Key: "INR weekly"}, []MedicationOverride{{Key: a[0].Key}}, 1},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := allergic
			ctx.Overrides = c.overrides
			med := line
			med.Overrides = c.named
			var m *PrescribedMedication
			if i > 0 {
				m = &med
			}
			ws := CounterWarnings(ctx, DispensedLine(med, InventoryItem{}), m)
			notes := 0
			for _, w := range ws {
				if w.NeedsNote() {
					notes++
				}
			}
			if len(ws) != 2 || ws[0].Kind != WarnAllergy || notes != c.wantNotes {
				t.Fatalf("want an allergy and an interaction, %d needing a note: %+v", c.wantNotes, ws)
			}
			if _, _, ok := Unacknowledged(ws, AcknowledgeAll(ws, "")); ok != (c.wantNotes > 0) {
				t.Fatalf("acknowledged without a note, left unacknowledged = %v", ok)
			}
			if _, _, ok := Unacknowledged(ws, AcknowledgeAll(ws, "checked")); ok {
				t.Fatal("acknowledged with a note, still unacknowledged")
			}
		})
	}
	if got := WarningSummary(WarnAllergy, "Ibuprofen is an NSAID; patient is allergic to NSAIDs (mild)."); got != "allergy to NSAIDs (mild)" {
		t.Errorf("allergy summary: %q", got)
	}
	if got := WarningSummary(WarnInteraction, a[0].Text); got != "severe interaction with Ibuprofen 400 mg (this prescription)" {
		t.Errorf("interaction summary: %q", got)
	}
}
