package drugs

import (
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

// interactionsTSV is the interaction table: drug_a<TAB>drug_b<TAB>severity<TAB>advice<TAB>source.
//
//go:embed data/interactions.tsv
var interactionsTSV string

// Interaction severities.
const (
	// Severe needs a prescriber's reasoned override.
	Severe = "severe"
	// Moderate warns.
	Moderate = "moderate"
)

// Rule is one row of the interaction table: two drugs, each a class or a generic.
type Rule struct {
	// A and B name the drugs as the table does: "Vitamin K antagonists", "NSAIDs",
	// "methotrexate". A == B is duplicate therapy within a class.
	A, B     string
	Severity string // Severe or Moderate
	// Advice is one line on what to do.
	Advice string
	// Source is the published source the advice comes from: "BNF Appendix 1".
	Source string

	a, b ruleRef
}

// ruleRef is a rule's drug resolved against the table: a class name or a canonical generic.
type ruleRef struct {
	name  string
	class bool
}

var rules []Rule

func loadInteractions() {
	var err error
	if rules, err = parseRules(interactionsTSV); err != nil {
		panic(err)
	}
}

// resolveRef finds a drug of the interaction table: a class by its exact name, or a
// generic the table knows under any of its names.
func resolveRef(name string) (ruleRef, bool) {
	if c, ok := aliasIndex[phrase(name)]; ok && strings.EqualFold(table[c].Name, name) {
		return ruleRef{name: table[c].Name, class: true}, true
	}
	if g, ok := genericIndex[phrase(name)]; ok {
		return ruleRef{name: g}, true
	}
	return ruleRef{}, false
}

// parseRules reads the interaction table, refusing a row without five fields, with a
// severity other than severe or moderate, without advice or source, naming a drug the
// table does not know, or repeating a pair (in either order).
func parseRules(data string) ([]Rule, error) {
	var out []Rule
	seen := map[[2]ruleRef]int{}
	for n, row := range strings.Split(data, "\n") {
		if strings.TrimSpace(row) == "" || strings.HasPrefix(row, "#") {
			continue
		}
		f := strings.Split(row, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("interactions.tsv line %d: want 5 tab-separated fields, got %d", n+1, len(f))
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		r := Rule{A: f[0], B: f[1], Severity: f[2], Advice: f[3], Source: f[4]}
		if r.Severity != Severe && r.Severity != Moderate {
			return nil, fmt.Errorf("interactions.tsv line %d: severity %q is not severe or moderate", n+1, r.Severity)
		}
		if r.Advice == "" || r.Source == "" {
			return nil, fmt.Errorf("interactions.tsv line %d: advice and source are required", n+1)
		}
		var ok bool
		if r.a, ok = resolveRef(r.A); !ok {
			return nil, fmt.Errorf("interactions.tsv line %d: %q is no class or generic of the drug table", n+1, r.A)
		}
		if r.b, ok = resolveRef(r.B); !ok {
			return nil, fmt.Errorf("interactions.tsv line %d: %q is no class or generic of the drug table", n+1, r.B)
		}
		if r.a == r.b && !r.a.class {
			return nil, fmt.Errorf("interactions.tsv line %d: a generic cannot interact with itself", n+1)
		}
		key := [2]ruleRef{r.a, r.b}
		if r.b.name < r.a.name {
			key = [2]ruleRef{r.b, r.a}
		}
		if prev, ok := seen[key]; ok {
			return nil, fmt.Errorf("interactions.tsv line %d: %s + %s is also on line %d", n+1, r.A, r.B, prev)
		}
		seen[key] = n + 1
		out = append(out, r)
	}
	return out, nil
}

// Rules returns a copy of the interaction table, in the data file's order.
func Rules() []Rule { return slices.Clone(rules) }

// Interaction is a rule that two medications of a list meet.
type Interaction struct {
	// A and B are the indexes of the two medications in the list, A < B.
	A, B int
	Rule
}

// String says the rule in one line: "warfarin + NSAIDs (severe): advice. Source: BNF Appendix 1".
func (x Interaction) String() string {
	return fmt.Sprintf("%s + %s (%s): %s. Source: %s", x.Rule.A, x.Rule.B, x.Severity, x.Advice, x.Source)
}

// Interactions returns every rule that two different medications of meds meet, by
// brand, generic or class (see Identify): ordered by the first medication, then the
// second, severe first. A medication never interacts with itself; two medications of
// one class interact only when the table lists that class with itself (duplicate
// therapy). A medication the table does not recognise meets no rule.
func Interactions(meds ...Medication) []Interaction {
	ids := make([]Identity, len(meds))
	for i, m := range meds {
		ids[i] = Identify(m)
	}
	var out []Interaction
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			for _, r := range rules {
				if (ids[i].has(r.a) && ids[j].has(r.b)) || (ids[i].has(r.b) && ids[j].has(r.a)) {
					out = append(out, Interaction{A: i, B: j, Rule: r})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(x, y Interaction) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B),
			cmp.Compare(severityRank(x.Severity), severityRank(y.Severity)))
	})
	return out
}
