package drugs

import (
	"strings"
	"testing"
)

func TestPregnancyCheck(t *testing.T) {
	t.Parallel()
	cases := []struct {
		med   Medication
		state string
		want  []string // the rules' drugs, in order
	}{
		{Medication{Name: "Ramipril 5 mg", GenericName: "ramipril"}, Pregnant, []string{"ACE inhibitors"}},
		{Medication{Name: "Ramipril 5 mg", GenericName: "ramipril"}, Breastfeeding, nil},
		{Medication{Name: "Brufen 400"}, Pregnant, []string{"NSAIDs"}},
		{Medication{Name: "Aspirin 75 mg"}, Breastfeeding, []string{"aspirin"}},
		{Medication{Name: "Aspirin 75 mg"}, Pregnant, []string{"NSAIDs"}},
		{Medication{Name: "Atorvastatin 10 mg"}, Breastfeeding, []string{"Statins"}},
		{Medication{Name: "Lithium carbonate 400 mg"}, Breastfeeding, []string{"lithium"}},
		{Medication{Name: "Doxycycline 100 mg"}, Pregnant, []string{"Tetracyclines"}},
		{Medication{Name: "Codeine phosphate 30 mg"}, Breastfeeding, []string{"codeine"}},
		{Medication{Name: "Codeine phosphate 30 mg"}, Pregnant, nil},
		{Medication{Name: "Paracetamol 500 mg"}, Pregnant, nil},
		{Medication{Name: "Ramipril 5 mg"}, "", nil},
		{Medication{Name: "Something unknown"}, Pregnant, nil},
		{Medication{Name: "Valproate 200 mg"}, Pregnant, []string{"sodium valproate"}},
	}
	for _, c := range cases {
		var got []string
		for _, r := range PregnancyCheck(c.med, c.state) {
			got = append(got, r.Drug)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s while %q: got %v, want %v", c.med.Name, c.state, got, c.want)
		}
	}
}

func TestPregnancyTableIsSourced(t *testing.T) {
	t.Parallel()
	rules := PregnancyRules()
	if len(rules) < 15 {
		t.Fatalf("only %d rules", len(rules))
	}
	for _, r := range rules {
		if r.Source == "" || r.Advice == "" || !(r.Pregnancy || r.Breastfeeding) {
			t.Errorf("rule %+v", r)
		}
	}
}

func TestParsePregnancyRulesRefusesBadRows(t *testing.T) {
	t.Parallel()
	for _, data := range []string{
		"lithium\tpregnancy\tadvice",                            // three fields
		"lithium\tsometimes\tadvice\tBNF",                       // unknown when
		"lithium\tpregnancy\t\tBNF",                             // no advice
		"lithium\tpregnancy\tadvice\t",                          // no source
		"unobtainium\tpregnancy\tadvice\tBNF",                   // unknown drug
		"lithium\tboth\ta\tBNF\nlithium\tbreastfeeding\tb\tBNF", // twice for breastfeeding
	} {
		if _, err := parsePregnancyRules(data); err == nil {
			t.Errorf("accepted %q", data)
		}
	}
	if _, err := parsePregnancyRules("lithium\tpregnancy\ta\tBNF\nlithium\tbreastfeeding\tb\tBNF"); err != nil {
		t.Errorf("one row for each state refused: %v", err)
	}
}
