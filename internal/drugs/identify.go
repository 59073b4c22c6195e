package drugs

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

// brandsTSV is the brand → generic table: brand<TAB>generic, "#" starting a comment.
//
//go:embed data/brands.tsv
var brandsTSV string

// Brand is one brand name and the generic medicine it is sold as.
type Brand struct {
	// Name is the brand as written: "Brufen".
	Name string
	// Generic is its generic name; a combination joins its generics with " + ":
	// "amoxicillin + clavulanic acid".
	Generic string
}

var (
	brands       []Brand
	brandIndex   = map[string]int{}    // brand phrase → index in brands
	genericIndex = map[string]string{} // member, synonym and unclassified phrases → canonical generic
	maxBrand     = 1                   // the longest brand, in words
	maxGeneric   = 1                   // the longest generic phrase, in words
)

// components are the generics of a combination the table names as one medicine, so that
// an interaction with one part reaches the combination.
var components = map[string][]string{
	"co-trimoxazole": {"sulfamethoxazole", "trimethoprim"},
	"co-amoxiclav":   {"amoxicillin", "clavulanic acid"},
}

// loadIdentities builds the generic and brand indexes; the class table's indexes must
// be built first.
func loadIdentities() {
	for p, e := range memberIndex {
		addGeneric(p, e.member)
	}
	for _, g := range unclassified {
		addGeneric(phrase(g), g)
	}
	for alt, canon := range synonyms {
		if g, ok := genericIndex[phrase(canon)]; ok {
			addGeneric(phrase(alt), g)
		}
	}
	var err error
	if brands, err = parseBrands(brandsTSV); err != nil {
		panic(err)
	}
	for i, b := range brands {
		p := phrase(b.Name)
		brandIndex[p] = i
		maxBrand = max(maxBrand, strings.Count(p, " ")+1)
	}
}

func addGeneric(p, canon string) {
	genericIndex[p] = canon
	maxGeneric = max(maxGeneric, strings.Count(p, " ")+1)
}

// parseBrands reads the brand table, refusing a row that is not two fields, a brand
// given twice, or a generic the table does not know.
func parseBrands(data string) ([]Brand, error) {
	var out []Brand
	seen := map[string]int{}
	for n, row := range strings.Split(data, "\n") {
		if strings.TrimSpace(row) == "" || strings.HasPrefix(row, "#") {
			continue
		}
		f := strings.Split(row, "\t")
		if len(f) != 2 || strings.TrimSpace(f[0]) == "" || strings.TrimSpace(f[1]) == "" {
			return nil, fmt.Errorf("brands.tsv line %d: want brand<TAB>generic, got %q", n+1, row)
		}
		b := Brand{Name: strings.TrimSpace(f[0]), Generic: strings.TrimSpace(f[1])}
		if prev, ok := seen[phrase(b.Name)]; ok {
			return nil, fmt.Errorf("brands.tsv line %d: brand %q is also on line %d", n+1, b.Name, prev)
		}
		seen[phrase(b.Name)] = n + 1
		if _, ok := genericIndex[phrase(b.Name)]; ok {
			return nil, fmt.Errorf("brands.tsv line %d: brand %q is a generic name", n+1, b.Name)
		}
		for _, part := range strings.Split(b.Generic, " + ") {
			if _, ok := genericIndex[phrase(part)]; !ok {
				return nil, fmt.Errorf("brands.tsv line %d: generic %q of %s is not in the drug table", n+1, part, b.Name)
			}
		}
		out = append(out, b)
	}
	return out, nil
}

// Brands returns a copy of the brand table, in the data file's order.
func Brands() []Brand { return slices.Clone(brands) }

// BrandGeneric returns the generic name of a brand, ignoring case, punctuation and
// anything written after it ("Brufen 400 mg" is ibuprofen); ok is false for no brand.
func BrandGeneric(name string) (generic string, ok bool) {
	found := scanBrands(strengthless(name))
	if len(found) == 0 {
		return "", false
	}
	return brands[found[0]].Generic, true
}

// Identity is what a line of a prescription or sale names, as far as the table knows.
type Identity struct {
	// Brand is the brand it was recognised by, "" for none.
	Brand string
	// Generics are the canonical generic names it contains, combinations with their parts.
	Generics []string
	// Classes are the class names of those generics and any class the line names itself.
	Classes []string
}

// Known reports whether the line was recognised at all; an unknown line cannot be
// checked for allergies or interactions.
func (id Identity) Known() bool { return len(id.Generics) > 0 || len(id.Classes) > 0 }

func (id Identity) has(ref ruleRef) bool {
	if ref.class {
		return slices.Contains(id.Classes, ref.name)
	}
	return slices.Contains(id.Generics, ref.name)
}

// Identify recognises a medication by its class (as given), its generic name, and in its
// name and generic name any brand, generic or class the table knows, whole words,
// ignoring case, punctuation, strengths and forms: "Brufen 400", "ibuprofen tab",
// "NSAID gel" are all recognised.
func Identify(med Medication) Identity {
	var id Identity
	addClass := func(c string) {
		if !slices.Contains(id.Classes, c) {
			id.Classes = append(id.Classes, c)
		}
	}
	var addGeneric func(g string)
	addGeneric = func(g string) {
		if slices.Contains(id.Generics, g) {
			return
		}
		id.Generics = append(id.Generics, g)
		if e, ok := memberIndex[phrase(g)]; ok {
			addClass(table[e.class].Name)
		}
		for _, part := range components[g] {
			addGeneric(part)
		}
	}
	if c, ok := aliasIndex[phrase(med.Class)]; ok {
		addClass(table[c].Name)
	}
	for _, p := range []string{phrase(med.GenericName), strengthless(med.GenericName), phrase(med.Name),
		strengthless(med.Name)} {
		for _, b := range scanBrands(p) {
			if id.Brand == "" {
				id.Brand = brands[b].Name
			}
			for _, part := range strings.Split(brands[b].Generic, " + ") {
				addGeneric(genericIndex[phrase(part)])
			}
		}
		for _, g := range scanGenerics(p) {
			addGeneric(g)
		}
		for _, c := range scanAliases(p) {
			addClass(table[c].Name)
		}
	}
	return id
}

// strengthless is the phrase of s without the words that give a strength, a form or a
// release ("400", "500mg", "tablet", "sr"), which never name a medicine, so that the
// words around them join up ("Glyceryl 0.5 mg trinitrate"). Identify scans the phrase
// with them too, for names with a number in them ("vitamin D3").
func strengthless(s string) string {
	words := strings.Fields(phrase(s))
	words = slices.DeleteFunc(words, func(w string) bool {
		return formWords[w] || strings.ContainsAny(w, "0123456789")
	})
	return strings.Join(words, " ")
}

// formWords are strengths, units, forms and release words.
var formWords = map[string]bool{
	"mg": true, "mcg": true, "g": true, "ml": true, "iu": true, "units": true, "mu": true, "tab": true,
	"tabs": true, "tablet": true, "tablets": true, "cap": true, "caps": true, "capsule": true, "capsules": true,
	"syrup": true, "suspension": true, "injection": true, "inj": true, "cream": true, "ointment": true,
	"gel": true, "drops": true, "inhaler": true, "sr": true, "er": true, "xl": true, "cr": true, "mr": true,
	"la": true, "ds": true, "forte": true, "retard": true, "dispersible": true, "chewable": true,
}

// scanBrands returns the brands named in the phrase p, without repeats.
func scanBrands(p string) []int {
	words := strings.Fields(p)
	var found []int
	for i := range words {
		for n := min(maxBrand, len(words)-i); n >= 1; n-- {
			if b, ok := brandIndex[strings.Join(words[i:i+n], " ")]; ok && !slices.Contains(found, b) {
				found = append(found, b)
			}
		}
	}
	return found
}

// scanGenerics returns the canonical generics named in the phrase p, without repeats.
func scanGenerics(p string) []string {
	words := strings.Fields(p)
	var found []string
	for i := range words {
		for n := min(maxGeneric, len(words)-i); n >= 1; n-- {
			if g, ok := genericIndex[strings.Join(words[i:i+n], " ")]; ok && !slices.Contains(found, g) {
				found = append(found, g)
			}
		}
	}
	return found
}
