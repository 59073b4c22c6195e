package demo

import (
	"regexp"
	"testing"
)

var licenceRE = regexp.MustCompile(`^[A-Z]{2}-(MED|PHA)-(19|20)\d{2}-\d{5}$`)

func TestTeam(t *testing.T) {
	t.Parallel()
	r := New(21)
	c := Large.Counts()
	team := NewTeam(r, c)
	if len(team.Admins) != c.Admins || len(team.Doctors) != c.Doctors ||
		len(team.Receptionists) != c.Receptionists || len(team.Pharmacists) != c.Pharmacists {
		t.Fatalf("team of the wrong size")
	}
	emails, licences := map[string]bool{}, map[string]bool{}
	check := func(m StaffMember, licensed bool) {
		if emails[m.Email] || !staffMailRE.MatchString(m.Email) {
			t.Errorf("email %q", m.Email)
		}
		emails[m.Email] = true
		if a := m.Age(r.Today()); a < 24 || a > 66 {
			t.Errorf("%s is %d", m.FullName(), a)
		}
		if licensed != (m.Licence != "") {
			t.Errorf("%s (%s): licence %q", m.FullName(), m.Role, m.Licence)
		}
		if m.Licence != "" {
			if licences[m.Licence] || !licenceRE.MatchString(m.Licence) {
				t.Errorf("licence %q", m.Licence)
			}
			licences[m.Licence] = true
		}
	}
	for _, m := range team.Admins {
		check(m, false)
	}
	for _, m := range team.Receptionists {
		check(m, false)
	}
	for _, m := range team.Pharmacists {
		check(m, true)
	}
	perSpeciality := map[string]int{}
	for _, d := range team.Doctors {
		check(d.StaffMember, true)
		s, ok := SpecialityNamed(d.Speciality)
		if !ok || d.FeeCents < s.FeeCents || d.Qualification == "" || d.Role != RoleDoctor {
			t.Errorf("bad doctor %+v", d)
		}
		perSpeciality[d.Speciality]++
	}
	if len(perSpeciality) != len(specialities) || perSpeciality["General Practice"] < perSpeciality["Neurology"]*3 {
		t.Errorf("speciality mix %v", perSpeciality)
	}
	if mix := SpecialityMix(3); mix[0] != "General Practice" || mix[1] != "Paediatrics" {
		t.Errorf("a small clinic starts with %v", mix)
	}
}
