package drugs

import (
	"slices"
	"strings"
	"unicode"
)

// Class is a group of medicines that share a structure or action, so that an allergy to
// one member warns about the others.
type Class struct {
	// Name is how the class is stored and shown: "Penicillins", "NSAIDs".
	Name string
	// Noun names one member, with its article, for sentences: "a penicillin", "an NSAID".
	Noun string
	// Aliases are the lower-case words that name the class in an allergy record:
	// "penicillin", "sulfa", "nsaids".
	Aliases []string
	// Members are the lower-case generic names in the class.
	Members []string
}

// Classes returns a copy of the whole table, in a stable order.
func Classes() []Class {
	out := make([]Class, len(table))
	for i, c := range table {
		c.Aliases = slices.Clone(c.Aliases)
		c.Members = slices.Clone(c.Members)
		out[i] = c
	}
	return out
}

// Lookup finds a class by its name or one of its aliases, ignoring case and punctuation:
// Lookup("NSAID"), Lookup("sulfa") and Lookup("Penicillins") all succeed.
func Lookup(name string) (Class, bool) {
	i, ok := aliasIndex[phrase(name)]
	if !ok {
		return Class{}, false
	}
	c := table[i]
	c.Aliases, c.Members = slices.Clone(c.Aliases), slices.Clone(c.Members)
	return c, true
}

// ClassOf returns the class name of a generic medicine name, ignoring case, or "" when the
// medicine is unknown. Alternative names resolve too (acetaminophen is paracetamol). A
// name that is not in the table but contains members of exactly one class, such as
// "diclofenac sodium" or "piperacillin + tazobactam", gets that class; a combination of
// classes ("paracetamol + ibuprofen") gets "".
func ClassOf(genericName string) string {
	p := phrase(genericName)
	if e, ok := memberIndex[p]; ok {
		return table[e.class].Name
	}
	class := -1
	for _, e := range scanMembers(p) {
		if class >= 0 && e.class != class {
			return ""
		}
		class = e.class
	}
	if class < 0 {
		return ""
	}
	return table[class].Name
}

// entry is one member found in the table: its canonical name and its class's index.
type entry struct {
	member string
	class  int
}

var (
	memberIndex = map[string]entry{} // member and synonym phrases → canonical member
	aliasIndex  = map[string]int{}   // alias and class-name phrases → class
	maxWords    = 1                  // the longest member or synonym, in words
	maxAlias    = 1                  // the longest alias, in words
)

func init() {
	for i, c := range table {
		for _, a := range append([]string{c.Name}, c.Aliases...) {
			aliasIndex[phrase(a)] = i
			maxAlias = max(maxAlias, strings.Count(phrase(a), " ")+1)
		}
		for _, m := range c.Members {
			addMember(phrase(m), entry{m, i})
		}
	}
	for alt, canon := range synonyms {
		if e, ok := memberIndex[phrase(canon)]; ok {
			addMember(phrase(alt), e)
		}
	}
	loadIdentities()
	loadInteractions()
	loadMaxDoses()
	loadPregnancyRules()
}

func addMember(p string, e entry) {
	memberIndex[p] = e
	maxWords = max(maxWords, strings.Count(p, " ")+1)
}

// phrase lower-cases s and turns every run of characters other than letters and digits
// into one space, so that "Co-Amoxiclav", "co amoxiclav" and " co–amoxiclav " compare equal.
func phrase(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}

// containsPhrase reports whether the phrase needle occurs in the phrase hay on word
// boundaries.
func containsPhrase(hay, needle string) bool {
	if needle == "" {
		return false
	}
	return strings.Contains(" "+hay+" ", " "+needle+" ")
}

// scanMembers returns the table members named anywhere in the phrase p, including those
// nested in a longer name ("procaine benzylpenicillin" names procaine too), without repeats.
func scanMembers(p string) []entry {
	words := strings.Fields(p)
	var found []entry
	for i := range words {
		for n := min(maxWords, len(words)-i); n >= 1; n-- {
			if e, ok := memberIndex[strings.Join(words[i:i+n], " ")]; ok && !slices.Contains(found, e) {
				found = append(found, e)
			}
		}
	}
	return found
}

// scanAliases returns the classes whose alias or name occurs anywhere in the phrase p.
func scanAliases(p string) []int {
	words := strings.Fields(p)
	var found []int
	for i := range words {
		for n := 1; n <= maxAlias && i+n <= len(words); n++ {
			if c, ok := aliasIndex[strings.Join(words[i:i+n], " ")]; ok && !slices.Contains(found, c) {
				found = append(found, c)
			}
		}
	}
	return found
}
