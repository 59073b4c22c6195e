package drugs

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

// pregnancyTSV is the table of medicines to avoid in pregnancy or breastfeeding:
// drug<TAB>when<TAB>advice<TAB>source.
//
//go:embed data/pregnancy.tsv
var pregnancyTSV string

// The states a patient's pregnancy flag records.
const (
	Pregnant      = "pregnant"
	Breastfeeding = "breastfeeding"
)

// PregnancyRule is one row of the pregnancy table: a class or generic to avoid while
// pregnant, breastfeeding or both.
type PregnancyRule struct {
	// Drug names the class or generic as the table does: "ACE inhibitors", "lithium".
	Drug string
	// Pregnancy and Breastfeeding say when the rule applies.
	Pregnancy, Breastfeeding bool
	// Advice is one line on why and what to do.
	Advice string
	// Source is the published source of the advice.
	Source string

	ref ruleRef
}

var pregnancyRules []PregnancyRule

func loadPregnancyRules() {
	var err error
	if pregnancyRules, err = parsePregnancyRules(pregnancyTSV); err != nil {
		panic(err)
	}
}

// parsePregnancyRules reads the pregnancy table, refusing a row without four fields,
// a when other than pregnancy, breastfeeding or both, no advice or source, a drug the
// table does not know, or a drug given twice for the same state.
func parsePregnancyRules(data string) ([]PregnancyRule, error) {
	var out []PregnancyRule
	seen := map[string]int{}
	for n, row := range strings.Split(data, "\n") {
		if strings.TrimSpace(row) == "" || strings.HasPrefix(row, "#") {
			continue
		}
		f := strings.Split(row, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("pregnancy.tsv line %d: want 4 tab-separated fields, got %d", n+1, len(f))
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		r := PregnancyRule{Drug: f[0], Advice: f[2], Source: f[3]}
		switch f[1] {
		case "pregnancy":
			r.Pregnancy = true
		case "breastfeeding":
			r.Breastfeeding = true
		case "both":
			r.Pregnancy, r.Breastfeeding = true, true
		default:
			return nil, fmt.Errorf("pregnancy.tsv line %d: when %q is not pregnancy, breastfeeding or both", n+1, f[1])
		}
		if r.Advice == "" || r.Source == "" {
			return nil, fmt.Errorf("pregnancy.tsv line %d: advice and source are required", n+1)
		}
		var ok bool
		if r.ref, ok = resolveRef(r.Drug); !ok {
			return nil, fmt.Errorf("pregnancy.tsv line %d: %q is no class or generic of the drug table", n+1, r.Drug)
		}
		for state, applies := range map[string]bool{Pregnant: r.Pregnancy, Breastfeeding: r.Breastfeeding} {
			if !applies {
				continue
			}
			key := r.ref.name + "\x00" + state
			if prev, ok := seen[key]; ok {
				return nil, fmt.Errorf("pregnancy.tsv line %d: %s in %s is also on line %d", n+1, r.Drug, state, prev)
			}
			seen[key] = n + 1
		}
		out = append(out, r)
	}
	return out, nil
}

// PregnancyRules returns a copy of the pregnancy table, in the data file's order.
func PregnancyRules() []PregnancyRule { return slices.Clone(pregnancyRules) }

// PregnancyCheck returns the rules a medication meets, by brand, generic or class (see
// Identify), for a patient in state (Pregnant or Breastfeeding; any other state meets
// none), in the table's order.
func PregnancyCheck(med Medication, state string) []PregnancyRule {
	if state != Pregnant && state != Breastfeeding {
		return nil
	}
	id := Identify(med)
	var out []PregnancyRule
	for _, r := range pregnancyRules {
		if (state == Pregnant && !r.Pregnancy) || (state == Breastfeeding && !r.Breastfeeding) {
			continue
		}
		if id.has(r.ref) {
			out = append(out, r)
		}
	}
	return out
}
