package drugs

import (
	"slices"
	"strings"
	"testing"
)

func TestTableIsConsistent(t *testing.T) {
	t.Parallel()
	if n := len(Classes()); n < 20 {
		t.Fatalf("%d classes, want at least 20", n)
	}
	seenMember := map[string]string{}
	seenAlias := map[string]string{}
	for _, c := range Classes() {
		if c.Name == "" || c.Noun == "" || len(c.Members) == 0 {
			t.Errorf("class %q is incomplete", c.Name)
		}
		if !strings.HasPrefix(c.Noun, "a ") && !strings.HasPrefix(c.Noun, "an ") {
			t.Errorf("class %q: noun %q has no article", c.Name, c.Noun)
		}
		for _, m := range c.Members {
			if m != strings.ToLower(m) {
				t.Errorf("member %q is not lower case", m)
			}
			if other, ok := seenMember[phrase(m)]; ok {
				t.Errorf("member %q is in %s and %s", m, other, c.Name)
			}
			seenMember[phrase(m)] = c.Name
			if _, ok := aliasIndex[phrase(m)]; ok {
				t.Errorf("member %q is also a class alias", m)
			}
		}
		for _, a := range append([]string{c.Name}, c.Aliases...) {
			if other, ok := seenAlias[phrase(a)]; ok && other != c.Name {
				t.Errorf("alias %q is in %s and %s", a, other, c.Name)
			}
			seenAlias[phrase(a)] = c.Name
		}
	}
	for _, g := range unclassified {
		if c, ok := seenMember[phrase(g)]; ok {
			t.Errorf("unclassified %q is a member of %s", g, c)
		}
		if _, ok := aliasIndex[phrase(g)]; ok {
			t.Errorf("unclassified %q is also a class alias", g)
		}
	}
	for alt, canon := range synonyms {
		if _, ok := seenMember[phrase(canon)]; !ok && !slices.Contains(unclassified, canon) {
			t.Errorf("synonym %q points at %q, which is no member nor unclassified generic", alt, canon)
		}
		if _, ok := seenMember[phrase(alt)]; ok {
			t.Errorf("synonym %q is itself a member", alt)
		}
	}
}

func TestClassesIsACopy(t *testing.T) {
	t.Parallel()
	Classes()[0].Members[0] = "changed"
	if Classes()[0].Members[0] == "changed" {
		t.Fatal("Classes exposes the table")
	}
}

func TestClassOf(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ generic, want string }{
		{"amoxicillin", Penicillins},
		{"Amoxicillin", Penicillins},
		{"  FLUCLOXACILLIN ", Penicillins},
		{"Co-Amoxiclav", Penicillins},
		{"amoxicillin-clavulanate", Penicillins},
		{"amoxicillin + clavulanic acid", Penicillins},
		{"penicillin V", Penicillins},
		{"piperacillin + tazobactam", Penicillins},
		{"ceftriaxone", Cephalosporins},
		{"cephalexin", Cephalosporins},
		{"co-trimoxazole", Sulfonamides},
		{"sulfamethoxazole + trimethoprim", Sulfonamides},
		{"ibuprofen", NSAIDs},
		{"mefenamic acid", NSAIDs},
		{"diclofenac sodium", NSAIDs},
		{"aspirin", NSAIDs},
		{"acetylsalicylic acid", NSAIDs},
		{"acetaminophen", Anilides},
		{"albuterol", Beta2Agonists},
		{"atorvastatin", Statins},
		{"enalapril", ACEInhibitors},
		{"lorazepam", Benzodiazepines},
		{"insulin glargine", Insulins},
		{"procaine benzylpenicillin", Penicillins},
		{"paracetamol + ibuprofen", ""},
		{"trimethoprim", ""},
		{"ors", ""},
		{"", ""},
		{"acid", ""},
	} {
		if got := ClassOf(tc.generic); got != tc.want {
			t.Errorf("ClassOf(%q) = %q, want %q", tc.generic, got, tc.want)
		}
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"Penicillins", "penicillin", "SULFA", "sulpha", "NSAID", "nsaids", "Beta-blockers", "ACE inhibitors"} {
		if _, ok := Lookup(name); !ok {
			t.Errorf("Lookup(%q) failed", name)
		}
	}
	if c, _ := Lookup("sulpha"); c.Name != Sulfonamides {
		t.Errorf("Lookup(sulpha) = %q", c.Name)
	}
	if _, ok := Lookup("peanuts"); ok {
		t.Error("Lookup(peanuts) succeeded")
	}
}
