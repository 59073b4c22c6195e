package drugs

import (
	"strings"
	"testing"
)

func TestAllergyMatch(t *testing.T) {
	t.Parallel()
	amox := Medication{Name: "Amoxicillin 500 mg capsule", GenericName: "amoxicillin", Class: Penicillins}
	amoxBare := Medication{GenericName: "amoxicillin"}
	ampicillin := Medication{Name: "Ampicillin 250 mg capsule", GenericName: "ampicillin"}
	augmentin := Medication{Name: "Augmentin 625", GenericName: "amoxicillin + clavulanic acid"}
	cotrim := Medication{Name: "Co-trimoxazole 960 mg tablet", GenericName: "sulfamethoxazole + trimethoprim"}
	ibuprofen := Medication{Name: "Ibuprofen 400 mg tablet", GenericName: "ibuprofen"}
	paracetamol := Medication{Name: "Paracetamol 500 mg tablet", GenericName: "paracetamol"}
	ceftriaxone := Medication{Name: "Ceftriaxone 1 g injection", GenericName: "ceftriaxone"}
	furosemide := Medication{Name: "Furosemide 40 mg tablet", GenericName: "furosemide"}
	ssd := Medication{Name: "Silver sulfadiazine 1% cream"}
	procainePen := Medication{Name: "Procaine penicillin injection", GenericName: "procaine benzylpenicillin"}

	for _, tc := range []struct {
		name     string
		allergen string
		med      Medication
		kind     Kind // 0: no match
		class    string
		reason   string // a substring of the reason
	}{
		{"name", "amoxicillin", amox, ByName, "", "Amoxicillin 500 mg capsule matches by name; patient is allergic to amoxicillin"},
		{"name ignores case", "AMOXICILLIN", amox, ByName, "", "by name"},
		{"name with filler", "Amoxicillin allergy", amox, ByName, "", "by name"},
		{"whole name in allergen", "amoxicillin 500 mg capsule (rash)", amox, ByName, "", "by name"},
		{"generic", "amoxicillin", augmentin, ByGenericName, "", "Augmentin 625 (amoxicillin + clavulanic acid) matches by generic name"},
		{"generic only", "amoxicillin", amoxBare, ByGenericName, "", "Amoxicillin matches by generic name"},
		{"generic synonym", "acetaminophen", paracetamol, ByGenericName, "", "Paracetamol is the same medicine as acetaminophen; patient is allergic to acetaminophen"},
		{"combination synonym", "co-amoxiclav", augmentin, ByGenericName, "", "same medicine as co-amoxiclav"},
		{"class", "penicillin", amox, ByClass, Penicillins, "Amoxicillin is a penicillin; patient is allergic to penicillin"},
		{"class plural", "Penicillins", ampicillin, ByClass, Penicillins, "Ampicillin is a penicillin"},
		{"class by table", "penicillin", augmentin, ByClass, Penicillins, "is a penicillin"},
		{"alias sulfa", "sulfa", cotrim, ByClass, Sulfonamides, "Sulfamethoxazole + trimethoprim is a sulfonamide; patient is allergic to sulfa"},
		{"alias sulpha drugs", "Sulpha drugs", cotrim, ByClass, Sulfonamides, "sulfonamide"},
		{"alias sulfa on name only", "sulfa", ssd, ByClass, Sulfonamides, "Silver sulfadiazine 1% cream is a sulfonamide"},
		{"alias nsaid", "nsaid", ibuprofen, ByClass, NSAIDs, "Ibuprofen is an NSAID; patient is allergic to nsaid"},
		{"alias NSAIDs", "NSAIDs (asthma)", ibuprofen, ByClass, NSAIDs, "an NSAID"},
		{"class in combination", "ester local anaesthetics", procainePen, ByClass, EsterLocalAnaesthetics, "contains procaine, an ester local anaesthetic"},
		{"sibling", "amoxicillin", ampicillin, BySibling, Penicillins, "Ampicillin is a penicillin, as is amoxicillin, and drugs of one class cross-react; patient is allergic to amoxicillin"},
		{"sibling reverse", "ampicillin", amox, BySibling, Penicillins, "as is ampicillin"},
		{"sibling synonym", "diclofenac sodium", ibuprofen, BySibling, NSAIDs, "as is diclofenac"},
		{"sibling cephalosporin", "cephalexin", ceftriaxone, BySibling, Cephalosporins, "as is cefalexin"},
		{"peanuts vs paracetamol", "peanuts", paracetamol, 0, "", ""},
		{"latex vs amoxicillin", "latex", amox, 0, "", ""},
		{"dust vs ibuprofen", "dust", ibuprofen, 0, "", ""},
		{"penicillin vs cephalosporin", "penicillin", ceftriaxone, 0, "", ""},
		{"sulfa vs furosemide", "sulfa", furosemide, 0, "", ""},
		{"nsaid vs paracetamol", "NSAIDs", paracetamol, 0, "", ""},
		{"part of a word", "cillin", amox, 0, "", ""},
		{"only generic words", "mg tablet", amox, 0, "", ""},
		{"acid alone", "acid", Medication{Name: "Mefenamic acid 500 mg tablet", GenericName: "mefenamic acid"}, 0, "", ""},
		{"empty", "  ", amox, 0, "", ""},
		{"empty medication", "penicillin", Medication{}, 0, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, ok := AllergyMatch(tc.allergen, tc.med)
			if ok != (tc.kind != 0) {
				t.Fatalf("AllergyMatch(%q, %+v) = %v, %v", tc.allergen, tc.med, m, ok)
			}
			if !ok {
				return
			}
			if m.Kind != tc.kind || m.Class != tc.class {
				t.Errorf("kind, class = %v, %q; want %v, %q (%s)", m.Kind, m.Class, tc.kind, tc.class, m.Reason)
			}
			if !strings.Contains(m.Reason, tc.reason) {
				t.Errorf("reason %q does not contain %q", m.Reason, tc.reason)
			}
			if m.Allergen != strings.TrimSpace(tc.allergen) {
				t.Errorf("allergen = %q", m.Allergen)
			}
		})
	}
}

func TestCheckOrdersBySeverityAndSaysIt(t *testing.T) {
	t.Parallel()
	amox := Medication{Name: "Amoxicillin 500 mg capsule", GenericName: "amoxicillin"}
	got := Check([]Allergy{
		{Allergen: "peanuts", Severity: "severe"},
		{Allergen: "ampicillin", Severity: "mild"},
		{Allergen: "penicillin", Severity: "severe"},
	}, amox)
	if len(got) != 2 {
		t.Fatalf("got %d matches: %v", len(got), got)
	}
	if want := "Amoxicillin is a penicillin; patient is allergic to penicillin (severe)"; got[0].String() != want {
		t.Errorf("first = %q, want %q", got[0].String(), want)
	}
	if got[1].Kind != BySibling || got[1].Severity != "mild" {
		t.Errorf("second = %+v", got[1])
	}
	if s := (Match{Reason: "x"}).String(); s != "x" {
		t.Errorf("String without severity = %q", s)
	}
}

func TestKindString(t *testing.T) {
	t.Parallel()
	for k, want := range map[Kind]string{ByName: "name", ByGenericName: "generic name", ByClass: "drug class", BySibling: "same drug class", 0: "unknown"} {
		if k.String() != want {
			t.Errorf("%d.String() = %q", k, k.String())
		}
	}
}

func FuzzAllergyMatch(f *testing.F) {
	f.Add("penicillin", "Amoxicillin 500 mg", "amoxicillin", "")
	f.Add("sulfa drugs", "", "co-trimoxazole", "Sulfonamides")
	f.Fuzz(func(t *testing.T, allergen, name, generic, class string) {
		m, ok := AllergyMatch(allergen, Medication{Name: name, GenericName: generic, Class: class})
		if ok && (m.Reason == "" || m.Kind == 0) {
			t.Fatalf("match without a reason: %+v", m)
		}
	})
}
