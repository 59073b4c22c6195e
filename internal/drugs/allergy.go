package drugs

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Medication is the medicine about to be prescribed or dispensed.
type Medication struct {
	// Name is the name as written or stocked: "Amoxicillin 500 mg capsule".
	Name string
	// GenericName is its generic (INN) name: "amoxicillin".
	GenericName string
	// Class is its drug class when the caller knows it (an inventory item's drug_class);
	// "" leaves it to the table.
	Class string
}

// Kind says how an allergy matched a medication, from the most direct to the least.
type Kind int

// The ways an allergy can match a medication.
const (
	ByName        Kind = iota + 1 // the allergen names the medicine itself
	ByGenericName                 // the allergen is the medicine's generic name
	ByClass                       // the allergen names the medicine's class ("penicillin", "sulfa")
	BySibling                     // the allergen is another member of the medicine's class
)

// String names the kind in plain words.
func (k Kind) String() string {
	switch k {
	case ByName:
		return "name"
	case ByGenericName:
		return "generic name"
	case ByClass:
		return "drug class"
	case BySibling:
		return "same drug class"
	}
	return "unknown"
}

// Match explains why a medication is unsafe for a patient with an allergy.
type Match struct {
	Kind Kind
	// Allergen is the allergy as recorded.
	Allergen string
	// Class is the drug class that links the two, for ByClass and BySibling.
	Class string
	// Severity is the recorded severity (mild, moderate, severe); AllergyMatch leaves it
	// empty and Check fills it in.
	Severity string
	// Reason says why in plain words, without the severity:
	// "Amoxicillin is a penicillin; patient is allergic to penicillin".
	Reason string
}

// String is the Reason followed by the severity when known:
// "Amoxicillin is a penicillin; patient is allergic to penicillin (severe)".
func (m Match) String() string {
	if m.Severity == "" {
		return m.Reason
	}
	return m.Reason + " (" + m.Severity + ")"
}

// Allergy is one recorded allergy of a patient.
type Allergy struct {
	Allergen string
	Severity string // mild, moderate or severe
}

// Check matches every allergy against med and returns the matches, most severe first.
func Check(allergies []Allergy, med Medication) []Match {
	var out []Match
	for _, a := range allergies {
		if m, ok := AllergyMatch(a.Allergen, med); ok {
			m.Severity = a.Severity
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		return cmp.Compare(severityRank(a.Severity), severityRank(b.Severity))
	})
	return out
}

func severityRank(s string) int {
	switch strings.ToLower(s) {
	case "severe":
		return 0
	case "moderate":
		return 1
	case "mild":
		return 2
	}
	return 3
}

// AllergyMatch reports whether a patient allergic to allergen should be warned about med,
// and why. It matches, in this order:
//   - by name: the allergen names the medicine, whole words, ignoring case
//     ("amoxicillin" and "Amoxicillin 500 mg capsule");
//   - by generic name: the allergen is the medicine's generic name, or another name of the
//     same medicine ("acetaminophen" and paracetamol);
//   - by class: the allergen names the medicine's class ("penicillin", "sulfa", "NSAIDs");
//   - by sibling: the allergen is another member of the medicine's class. Members of a
//     class cross-react, so an allergy to amoxicillin is treated as one to ampicillin.
//
// Words such as "allergy" or "intolerance" in the allergen are ignored, and an allergen
// of only generic words ("acid", "sodium", "tablet") matches nothing. A medication
// without a generic name that is written as a brand ("Brufen 400") is checked as its
// generic, and so is an allergen that is a brand ("Augmentin").
func AllergyMatch(allergen string, med Medication) (Match, bool) {
	if strings.TrimSpace(med.GenericName) == "" {
		if g, ok := BrandGeneric(med.Name); ok {
			med.GenericName = g
		}
	}
	shown := strings.TrimSpace(allergen)
	if m, ok := allergyMatch(allergen, shown, med); ok {
		return m, true
	}
	if g, ok := BrandGeneric(allergen); ok {
		return allergyMatch(g, shown, med)
	}
	return Match{}, false
}

// allergyMatch is AllergyMatch for an allergen, naming it as shown in reasons.
func allergyMatch(allergen, shown string, med Medication) (Match, bool) {
	a := allergenPhrase(allergen)
	if !significant(a) {
		return Match{}, false
	}
	name, gen := phrase(med.Name), phrase(med.GenericName)
	m := Match{Allergen: shown}

	// By name or generic name: the same words, or the same medicine under another name.
	switch {
	case significant(name) && (containsPhrase(name, a) || containsPhrase(a, name)):
		m.Kind, m.Reason = ByName, fmt.Sprintf("%s matches by name", strings.TrimSpace(med.Name))
	case significant(gen) && (containsPhrase(gen, a) || containsPhrase(a, gen)):
		m.Kind, m.Reason = ByGenericName, fmt.Sprintf("%s matches by generic name", subject(med, true))
	}
	if m.Kind != 0 {
		m.Reason += "; patient is allergic to " + shown
		return m, true
	}
	allergenMembers := scanMembers(a)
	for _, src := range []struct {
		kind Kind
		text string
	}{{ByGenericName, gen}, {ByName, name}} {
		for _, e := range scanMembers(src.text) {
			if i := slices.IndexFunc(allergenMembers, func(x entry) bool { return x.member == e.member }); i >= 0 {
				m.Kind = src.kind
				if phrase(e.member) == src.text || memberIndex[src.text] == e {
					m.Reason = fmt.Sprintf("%s is the same medicine as %s", subject(med, false), shown)
				} else {
					m.Reason = fmt.Sprintf("%s contains %s, the same medicine as %s", subject(med, false), e.member, shown)
				}
				m.Reason += "; patient is allergic to " + shown
				return m, true
			}
		}
	}

	// By class: the allergen names a class of the medicine, or another member of it.
	classes := classesOf(med, name, gen)
	for _, c := range scanAliases(a) {
		if mc, ok := classes[c]; ok {
			m.Kind, m.Class = ByClass, table[c].Name
			m.Reason = fmt.Sprintf("%s %s; patient is allergic to %s", subject(med, false), mc.describe(), shown)
			return m, true
		}
	}
	for _, e := range allergenMembers {
		if mc, ok := classes[e.class]; ok {
			m.Kind, m.Class = BySibling, table[e.class].Name
			m.Reason = fmt.Sprintf("%s %s, as is %s, and drugs of one class cross-react; patient is allergic to %s",
				subject(med, false), mc.describe(), e.member, shown)
			return m, true
		}
	}
	return Match{}, false
}

// medClass is one class of a medication and, for a combination, the member that brings it.
type medClass struct {
	class int
	via   string // the member, when the medicine only contains it
}

func (mc medClass) describe() string {
	if mc.via == "" {
		return "is " + table[mc.class].Noun
	}
	return "contains " + mc.via + ", " + table[mc.class].Noun
}

// classesOf collects the classes of a medication: the one the caller gave, then those of
// the members named in its generic name and in its name. A class that the medicine only
// contains (one part of a combination, a second class beside the given one) remembers the
// member that brings it.
func classesOf(med Medication, name, gen string) map[int]medClass {
	out := map[int]medClass{}
	if c, ok := aliasIndex[phrase(med.Class)]; ok {
		out[c] = medClass{class: c}
	}
	if e, ok := memberIndex[gen]; ok && len(out) == 0 {
		out[e.class] = medClass{class: e.class}
	}
	for _, text := range []string{gen, name} {
		found := scanMembers(text)
		classes := map[int]bool{}
		for _, e := range found {
			classes[e.class] = true
		}
		for _, e := range found {
			if _, ok := out[e.class]; ok {
				continue
			}
			mc := medClass{class: e.class}
			if len(out) > 0 || len(classes) > 1 {
				mc.via = e.member
			}
			out[e.class] = mc
		}
	}
	return out
}

// subject is how a reason names the medication: by its generic name when it has one
// (the way clinicians speak of classes), else by its name. preferName asks for the
// written name first, for matches on the generic name.
func subject(med Medication, preferName bool) string {
	name, gen := strings.TrimSpace(med.Name), strings.TrimSpace(med.GenericName)
	switch {
	case preferName && name != "" && gen != "":
		return name + " (" + gen + ")"
	case gen != "":
		return capitalise(gen)
	}
	return name
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// fillers are words in an allergy record that say nothing about the allergen.
var fillers = map[string]bool{
	"allergy": true, "allergies": true, "allergic": true, "to": true, "intolerance": true,
	"intolerant": true, "sensitivity": true, "hypersensitivity": true, "reaction": true,
	"known": true, "history": true, "of": true,
}

// nonspecific words cannot make a match on their own.
var nonspecific = map[string]bool{
	"acid": true, "sodium": true, "potassium": true, "calcium": true, "magnesium": true,
	"hydrochloride": true, "hcl": true, "sulfate": true, "sulphate": true, "phosphate": true,
	"tablet": true, "tablets": true, "capsule": true, "capsules": true, "syrup": true,
	"injection": true, "cream": true, "ointment": true, "gel": true, "drops": true,
	"inhaler": true, "suspension": true, "solution": true, "mg": true, "mcg": true, "g": true,
	"ml": true, "iu": true, "units": true, "and": true, "with": true, "plus": true, "the": true,
	"oral": true, "topical": true, "eye": true, "ear": true, "drug": true, "drugs": true,
	"medicine": true, "medication": true, "medicines": true, "co": true,
}

// allergenPhrase is the allergen as a phrase without filler words.
func allergenPhrase(s string) string {
	words := strings.Fields(phrase(s))
	words = slices.DeleteFunc(words, func(w string) bool { return fillers[w] })
	return strings.Join(words, " ")
}

// significant reports whether the phrase p has a word that can identify a medicine.
func significant(p string) bool {
	for _, w := range strings.Fields(p) {
		if !nonspecific[w] && strings.TrimFunc(w, unicode.IsDigit) != "" {
			return true
		}
	}
	return false
}
