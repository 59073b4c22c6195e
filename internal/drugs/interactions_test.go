package drugs

import (
	"strings"
	"testing"
)

func TestInteractionsFile(t *testing.T) {
	got, err := parseRules(interactionsTSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 60 {
		t.Errorf("%d interactions, want at least 60", len(got))
	}
	sources := map[string]bool{}
	for _, r := range got {
		if r.Severity != Severe && r.Severity != Moderate {
			t.Errorf("%s + %s: severity %q", r.A, r.B, r.Severity)
		}
		if r.Source == "" || r.Advice == "" || strings.Contains(r.Advice, "\t") {
			t.Errorf("%s + %s: advice %q, source %q", r.A, r.B, r.Advice, r.Source)
		}
		for _, side := range []string{r.A, r.B} {
			ref, ok := resolveRef(side)
			if !ok {
				t.Errorf("%q names nothing in the table", side)
			}
			if _, isAlias := aliasIndex[phrase(side)]; isAlias && !ref.class {
				t.Errorf("%q is a class alias, not the class's name", side)
			}
		}
		sources[r.Source] = true
	}
	if len(sources) < 5 {
		t.Errorf("only %d distinct sources", len(sources))
	}
	for _, bad := range []string{
		"warfarin\tNSAIDs\tsevere\tadvice\n",
		"warfarin\tNSAIDs\tmild\tadvice\tBNF\n",
		"warfarin\tNSAIDs\tsevere\tadvice\t\n",
		"warfarin\tNSAIDs\tsevere\t\tBNF\n",
		"warfarin\tunobtainium\tsevere\tadvice\tBNF\n",
		"warfarin\tnsaid\tsevere\tadvice\tBNF\n",
		"warfarin\twarfarin\tsevere\tadvice\tBNF\n",
		"warfarin\tNSAIDs\tsevere\tadvice\tBNF\nNSAIDs\tWarfarin\tmoderate\tadvice\tBNF\n",
	} {
		if _, err := parseRules(bad); err == nil {
			t.Errorf("parseRules(%q) accepted it", bad)
		}
	}
}

// TestInteractions checks many pairs, each written both ways round.
func TestInteractions(t *testing.T) {
	m := func(name string) Medication { return Medication{Name: name} }
	for _, tc := range []struct {
		a, b     Medication
		severity string // "" for no interaction
		rule     string // "A + B" as the table names it
	}{
		{m("Warfarin 5 mg tablet"), m("Ibuprofen 400 mg tablet"), Severe, "Vitamin K antagonists + NSAIDs"},
		{m("Coumadin 5"), m("Brufen 400"), Severe, "Vitamin K antagonists + NSAIDs"},
		{m("Warfarin"), m("Voltaren gel"), Severe, "Vitamin K antagonists + NSAIDs"},
		{m("warfarin"), m("Clarithromycin 500 mg tablet"), Severe, "Vitamin K antagonists + Macrolides"},
		{m("warfarin"), m("Zithromax"), Severe, "Vitamin K antagonists + Macrolides"},
		{m("warfarin"), m("Fluconazole 150 mg tablet"), Severe, "Vitamin K antagonists + Azole antifungals"},
		{m("warfarin"), m("Flagyl 400"), Severe, "Vitamin K antagonists + Nitroimidazoles"},
		{m("acenocoumarol"), m("Cipro 500"), Moderate, "Vitamin K antagonists + Fluoroquinolones"},
		{m("warfarin"), m("Septran DS"), Severe, "Vitamin K antagonists + co-trimoxazole"},
		{m("warfarin"), m("Cordarone"), Severe, "Vitamin K antagonists + amiodarone"},
		{m("Enalapril 5 mg tablet"), m("Spironolactone 25 mg tablet"), Severe, "ACE inhibitors + Potassium-sparing diuretics"},
		{m("Telmisartan 40 mg tablet"), m("Aldactone 25"), Severe, "Angiotensin receptor blockers + Potassium-sparing diuretics"},
		{m("Ramipril"), m("Potassium chloride 600 mg"), Severe, "ACE inhibitors + Potassium salts"},
		{m("Losartan"), m("Slow-K"), Severe, "Angiotensin receptor blockers + Potassium salts"},
		{m("Zestril"), m("Cozaar"), Severe, "ACE inhibitors + Angiotensin receptor blockers"},
		{m("Sertraline 50 mg"), m("Phenelzine 15 mg"), Severe, "SSRIs + MAO inhibitors"},
		{m("Prozac"), m("moclobemide"), Severe, "SSRIs + MAO inhibitors"},
		{m("Escitalopram 10 mg"), m("Tramadol 50 mg capsule"), Moderate, "SSRIs + tramadol"},
		{m("Zoloft"), m("Imigran"), Moderate, "SSRIs + Triptans"},
		{m("Fluoxetine"), m("linezolid 600 mg"), Severe, "SSRIs + linezolid"},
		{m("Methotrexate 2.5 mg tablet"), m("Trimethoprim 200 mg"), Severe, "methotrexate + trimethoprim"},
		{m("Folitrax 7.5"), m("Co-trimoxazole 960 mg tablet"), Severe, "methotrexate + trimethoprim"},
		{m("Simvastatin 40 mg"), m("Clarithromycin 500 mg tablet"), Severe, "simvastatin + clarithromycin"},
		{m("Zocor"), m("itraconazole 100 mg"), Severe, "simvastatin + itraconazole"},
		{m("Simvastatin 40 mg"), m("Amlodipine 5 mg tablet"), Moderate, "simvastatin + amlodipine"},
		{m("Azithromycin 500 mg tablet"), m("Levofloxacin 500 mg tablet"), Moderate, "Macrolides + Fluoroquinolones"},
		{m("Ondansetron 4 mg tablet"), m("Azithromycin 500 mg tablet"), Moderate, "5-HT3 antagonists + Macrolides"},
		{m("Haloperidol 5 mg"), m("Clarithromycin"), Severe, "Butyrophenones + Macrolides"},
		{m("Citalopram 20 mg"), m("Ciprofloxacin 500 mg tablet"), Severe, "citalopram + Fluoroquinolones"},
		{m("Amiodarone 200 mg"), m("Levofloxacin 500 mg tablet"), Severe, "amiodarone + Fluoroquinolones"},
		{m("Hydroxychloroquine 200 mg tablet"), m("Azithromycin 500 mg tablet"), Severe, "4-Aminoquinolines + Macrolides"},
		{m("Domperidone 10 mg tablet"), m("Clarithromycin 500 mg tablet"), Severe, "domperidone + Macrolides"},
		{m("Clopidogrel 75 mg tablet"), m("Omeprazole 20 mg capsule"), Moderate, "clopidogrel + omeprazole"},
		{m("Plavix"), m("Nexium 40"), Moderate, "clopidogrel + esomeprazole"},
		{m("Lithium carbonate 400 mg"), m("Naproxen 500 mg tablet"), Severe, "Lithium salts + NSAIDs"},
		{m("Priadel"), m("Enalapril 5 mg tablet"), Severe, "Lithium salts + ACE inhibitors"},
		{m("lithium"), m("Hydrochlorothiazide 12.5 mg tablet"), Severe, "Lithium salts + Thiazide diuretics"},
		{m("Digoxin 125 mcg"), m("Amiodarone 200 mg"), Severe, "digoxin + amiodarone"},
		{m("Lanoxin"), m("Verapamil 40 mg"), Severe, "digoxin + verapamil"},
		{m("Viagra 50"), m("Glyceryl trinitrate 0.5 mg sublingual tablet"), Severe, "PDE-5 inhibitors + Nitrates"},
		{m("Tadalafil 5 mg"), m("Imdur 30"), Severe, "PDE-5 inhibitors + Nitrates"},
		{m("Theophylline 300 mg SR"), m("Ciprofloxacin 500 mg tablet"), Severe, "Xanthines + ciprofloxacin"},
		{m("Allopurinol 100 mg tablet"), m("Azathioprine 50 mg"), Severe, "allopurinol + Thiopurines"},
		{m("Ibuprofen 400 mg tablet"), m("Diclofenac 50 mg tablet"), Moderate, "NSAIDs + NSAIDs"},
		{m("Brufen 400"), m("Ibuprofen 200 mg tablet"), Moderate, "NSAIDs + NSAIDs"},
		{m("Tramadol 50 mg capsule"), m("Alprazolam 0.25 mg tablet"), Severe, "Opioids + Benzodiazepines"},
		{m("Metformin 500 mg tablet"), m("Iohexol 300 injection"), Moderate, "Biguanides + Iodinated contrast media"},
		{m("Levothyroxine 50 mcg tablet"), m("Ferrous sulfate 200 mg tablet"), Moderate, "levothyroxine + ferrous sulfate"},
		{m("Sodium valproate 200 mg"), m("Meropenem 1 g injection"), Severe, "sodium valproate + Carbapenems"},
		{m("Atenolol 50 mg"), m("Isoptin 40"), Severe, "Beta blockers + verapamil"},
		{m("Xarelto 20"), m("Ibuprofen 400 mg tablet"), Severe, "Direct oral anticoagulants + NSAIDs"},
		{m("any NSAID"), m("warfarin"), Severe, "Vitamin K antagonists + NSAIDs"},
		{Medication{Name: "House blood thinner", Class: VitaminKAntagonists}, m("Naproxen"), Severe, "Vitamin K antagonists + NSAIDs"},
		// No false positives for unrelated drugs.
		{m("Paracetamol 500 mg tablet"), m("Amoxicillin 500 mg capsule"), "", ""},
		{m("Cetirizine 10 mg tablet"), m("Omeprazole 20 mg capsule"), "", ""},
		{m("Amlodipine 5 mg tablet"), m("Atorvastatin 10 mg tablet"), "", ""},
		{m("Metformin 500 mg tablet"), m("Glimepiride 2 mg tablet"), "", ""},
		{m("Warfarin 5 mg tablet"), m("Pantoprazole 40 mg tablet"), "", ""},
		{m("Sertraline 50 mg"), m("Paracetamol 500 mg tablet"), "", ""},
		{m("Clopidogrel 75 mg tablet"), m("Pantoprazole 40 mg tablet"), "", ""},
		{m("Amoxicillin 500 mg capsule"), m("Amoxicillin 250 mg capsule"), "", ""},
		{m("Salbutamol inhaler"), m("Budesonide inhaler"), "", ""},
		{m("Dr Rao's tonic"), m("warfarin"), "", ""},
		{m(""), m(""), "", ""},
	} {
		for _, order := range [][2]Medication{{tc.a, tc.b}, {tc.b, tc.a}} {
			got := Interactions(order[0], order[1])
			if tc.severity == "" {
				if len(got) != 0 {
					t.Errorf("%q + %q: %v, want none", order[0].Name, order[1].Name, got)
				}
				continue
			}
			var found bool
			for _, x := range got {
				if x.A != 0 || x.B != 1 {
					t.Errorf("%q + %q: indexes %d, %d", order[0].Name, order[1].Name, x.A, x.B)
				}
				if x.Rule.A+" + "+x.Rule.B == tc.rule {
					found = true
					if x.Severity != tc.severity || x.Source == "" || x.Advice == "" {
						t.Errorf("%q + %q: %v", order[0].Name, order[1].Name, x)
					}
				}
			}
			if !found {
				t.Errorf("%q + %q: %v, want %s", order[0].Name, order[1].Name, got, tc.rule)
			}
		}
	}
}

func TestInteractionsOfAList(t *testing.T) {
	got := Interactions(
		Medication{Name: "Paracetamol 500 mg tablet"},
		Medication{Name: "Brufen 400"},
		Medication{Name: "Omeprazole 20 mg capsule"},
		Medication{Name: "Warfarin 5 mg tablet"},
		Medication{Name: "Voltaren 50"},
	)
	type pair struct{ a, b int }
	want := []pair{{0, 3}, {1, 3}, {1, 4}, {3, 4}}
	var have []pair
	for _, x := range got {
		have = append(have, pair{x.A, x.B})
	}
	if len(have) != len(want) {
		t.Fatalf("pairs %v, want %v (%v)", have, want, got)
	}
	for i := range want {
		if have[i] != want[i] {
			t.Fatalf("pairs %v, want %v", have, want)
		}
	}
	// Severe before moderate for one pair: warfarin + NSAIDs is severe.
	if got[1].Severity != Severe || !strings.Contains(got[1].String(), "Source: BNF Appendix 1") {
		t.Errorf("warfarin + Brufen: %v", got[1])
	}
	if len(Interactions(Medication{Name: "Ibuprofen 400 mg tablet"})) != 0 {
		t.Error("a single line interacts with itself")
	}
	if len(Interactions(Medication{Name: "Combiflam"}, Medication{Name: "Paracetamol"})) != 0 {
		t.Error("Combiflam + paracetamol interact though no rule says so")
	}
}
