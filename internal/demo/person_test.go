package demo

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"slices"
	"testing"
)

var (
	phoneRE        = regexp.MustCompile(`^\+91 [6-9]\d{4} \d{5}$`)
	personalMailRE = regexp.MustCompile(`^[a-z]+([._][a-z]+)?[0-9]{0,2}@example\.(com|org|net)$`)
	staffMailRE    = regexp.MustCompile(`^[a-z]+\.[a-z]+[0-9]*@clinicdesk\.example$`)
	pinRE          = regexp.MustCompile(`^\d{6}$`)
)

// fingerprint hashes everything a person holds.
func fingerprint(people []Person) uint64 {
	h := fnv.New64a()
	for _, p := range people {
		fmt.Fprintf(h, "%+v\n", p)
	}
	return h.Sum64()
}

func people(seed int64, n int) []Person {
	r := New(seed)
	out := make([]Person, n)
	for i := range out {
		out[i] = NewPerson(r)
	}
	return out
}

func TestPeopleAreDeterministic(t *testing.T) {
	t.Parallel()
	a, b := people(42, 1000), people(42, 1000)
	if fingerprint(a) != fingerprint(b) {
		t.Fatal("the same seed gave different people")
	}
	c := people(43, 1000)
	if fingerprint(a) == fingerprint(c) {
		t.Fatal("different seeds gave the same people")
	}
	same := 0
	for i := range a {
		if a[i].FullName() == c[i].FullName() && a[i].DOB.Equal(c[i].DOB) {
			same++
		}
	}
	if same > 10 {
		t.Errorf("%d of 1000 people identical across seeds", same)
	}
}

func TestPeopleArePlausible(t *testing.T) {
	t.Parallel()
	r := New(7)
	today := r.Today()
	groups := map[string]bool{"A+": true, "A-": true, "B+": true, "B-": true, "AB+": true, "AB-": true, "O+": true, "O-": true, "unknown": true}
	var children, elderly, female, withEmail, positive int
	const n = 20_000
	for range n {
		p := NewPerson(r)
		age := p.Age(today)
		if age < 0 || age > 95 || p.DOB.After(today) {
			t.Fatalf("age %d, born %v", age, p.DOB)
		}
		if p.First == "" || p.Last == "" || (p.Sex != Female && p.Sex != Male && p.Sex != Other) {
			t.Fatalf("bad name or sex: %+v", p)
		}
		if !phoneRE.MatchString(p.Phone) || !phoneRE.MatchString(p.Emergency.Phone) {
			t.Fatalf("bad phone %q / %q", p.Phone, p.Emergency.Phone)
		}
		if p.Email != "" && !personalMailRE.MatchString(p.Email) {
			t.Fatalf("bad email %q", p.Email)
		}
		if !groups[p.BloodGroup] {
			t.Fatalf("bad blood group %q", p.BloodGroup)
		}
		if !pinRE.MatchString(p.Address.PIN) || p.Address.City == "" || p.Address.Street == "" {
			t.Fatalf("bad address %+v", p.Address)
		}
		if p.Emergency.Name == "" || p.Emergency.Relation == "" {
			t.Fatalf("no emergency contact: %+v", p)
		}
		if age < 18 {
			children++
			if p.Phone != p.Emergency.Phone || !slices.Contains([]string{"mother", "father"}, p.Emergency.Relation) {
				t.Fatalf("a child's contact is not a parent: %+v", p)
			}
			if age < 14 && p.Email != "" {
				t.Fatalf("a young child has an email: %+v", p)
			}
		}
		if age >= 65 {
			elderly++
		}
		if p.Sex == Female {
			female++
		}
		if p.Email != "" {
			withEmail++
		}
		if len(p.BloodGroup) > 1 && p.BloodGroup[len(p.BloodGroup)-1] == '+' {
			positive++
		}
	}
	between := func(name string, got, lo, hi int) {
		if got*1000/n < lo || got*1000/n > hi {
			t.Errorf("%s: %d per mille, want %d–%d", name, got*1000/n, lo, hi)
		}
	}
	between("children", children, 200, 300)
	between("elderly", elderly, 110, 170)
	between("female", female, 480, 530)
	between("with email", withEmail, 600, 800)
	between("Rh positive", positive, 880, 940)
}

func TestEmail(t *testing.T) {
	t.Parallel()
	r := New(1)
	for _, first := range append(FirstNames(Female), FirstNames(Male)...) {
		for _, last := range LastNames() {
			if e := Email(r, first, last); !personalMailRE.MatchString(e) {
				t.Fatalf("Email(%q, %q) = %q", first, last, e)
			}
			if e := StaffEmail(first, last); !staffMailRE.MatchString(e) {
				t.Fatalf("StaffEmail(%q, %q) = %q", first, last, e)
			}
		}
	}
	if got := StaffEmail("Sofía", "O'Brien"); got != "sofia.obrien@clinicdesk.example" {
		t.Errorf("StaffEmail folds to %q", got)
	}
}

func TestEmailBook(t *testing.T) {
	t.Parallel()
	var b EmailBook
	got := []string{b.Unique("a.b@example.com"), b.Unique("A.B@example.com"), b.Unique("a.b@example.com"), b.Unique("a.b2@example.com")}
	want := []string{"a.b@example.com", "a.b2@example.com", "a.b3@example.com", "a.b22@example.com"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	female, male, last := FirstNames(Female), FirstNames(Male), LastNames()
	if len(female)+len(male) < 150 || len(last) < 150 {
		t.Errorf("%d first and %d last names", len(female)+len(male), len(last))
	}
	seen := map[string]bool{}
	for _, n := range append(append(female, male...), last...) {
		if seen[n] {
			t.Errorf("duplicate name %q", n)
		}
		seen[n] = true
		if emailWord(n) == "" {
			t.Errorf("%q has no email spelling", n)
		}
	}
	share := 0
	for _, ns := range names {
		share += ns.share
		if len(ns.female) == 0 || len(ns.male) == 0 || len(ns.family) == 0 {
			t.Errorf("%s is missing names", ns.culture)
		}
	}
	if share != 1000 {
		t.Errorf("culture shares add up to %d", share)
	}
}

func TestAge(t *testing.T) {
	t.Parallel()
	dob := midnight(Reference).AddDate(-30, 0, 1) // birthday tomorrow
	if a := age(dob, midnight(Reference)); a != 29 {
		t.Errorf("age the day before the 30th birthday = %d", a)
	}
	if a := age(dob, midnight(Reference).AddDate(0, 0, 1)); a != 30 {
		t.Errorf("age on the 30th birthday = %d", a)
	}
}
