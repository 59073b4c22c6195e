package demo

import (
	"fmt"
	"time"
)

// Role is a staff member's role, as the users table stores it.
type Role string

// The staff roles.
const (
	RoleAdmin        Role = "admin"
	RoleReceptionist Role = "receptionist"
	RoleDoctor       Role = "doctor"
	RolePharmacist   Role = "pharmacist"
)

// StaffMember is one member of staff with a login.
type StaffMember struct {
	Person
	Role  Role
	Email string // work email, unique across the team
	// Licence is the registration number of doctors and pharmacists, "" for others.
	Licence string
}

// Doctor is a doctor of the demo clinic.
type Doctor struct {
	StaffMember
	Speciality    string
	Qualification string
	FeeCents      int64 // consultation fee, in paise
}

// Team is the demo clinic's staff.
type Team struct {
	Admins        []StaffMember
	Doctors       []Doctor
	Receptionists []StaffMember
	Pharmacists   []StaffMember
}

// NewTeam makes the staff for the counts: adults of working age with unique work emails
// and, for doctors and pharmacists, unique licence numbers. Doctors cover the specialities
// in catalogue order first; further doctors go mostly to general practice.
func NewTeam(r *Rand, c Counts) Team {
	var t Team
	var book EmailBook
	member := func(role Role) StaffMember {
		p := staffPerson(r)
		return StaffMember{Person: p, Role: role, Email: book.Unique(StaffEmail(p.First, p.Last))}
	}
	for range c.Admins {
		t.Admins = append(t.Admins, member(RoleAdmin))
	}
	for i, spec := range SpecialityMix(c.Doctors) {
		s, _ := SpecialityNamed(spec)
		m := member(RoleDoctor)
		m.Licence = LicenceNumber(r, RoleDoctor, i, m.DOB)
		fee := s.FeeCents
		if m.Age(r.Today()) >= 50 {
			fee = fee * 5 / 4 / 5000 * 5000 // senior consultants charge a quarter more, in ₹50 steps
		}
		t.Doctors = append(t.Doctors, Doctor{StaffMember: m, Speciality: s.Name,
			Qualification: Pick(r, s.Qualifications), FeeCents: fee})
	}
	for range c.Receptionists {
		t.Receptionists = append(t.Receptionists, member(RoleReceptionist))
	}
	for i := range c.Pharmacists {
		m := member(RolePharmacist)
		m.Licence = LicenceNumber(r, RolePharmacist, i, m.DOB)
		t.Pharmacists = append(t.Pharmacists, m)
	}
	return t
}

// staffPerson is a person aged 24 to 66.
func staffPerson(r *Rand) Person {
	for {
		p := NewPerson(r)
		if a := p.Age(r.Today()); a >= 24 && a <= 66 {
			if p.Email == "" {
				p.Email = Email(r, p.First, p.Last)
			}
			return p
		}
	}
}

// SpecialityMix lists the specialities of n doctors: each catalogue speciality once, most
// needed first, then extra doctors shared by weight (general practice the most).
func SpecialityMix(n int) []string {
	weights := map[string]int{"General Practice": 6, "Paediatrics": 3, "Obstetrics and Gynaecology": 3,
		"General Medicine": 3, "Orthopaedics": 2, "Dermatology": 2, "ENT": 1, "Ophthalmology": 1,
		"Cardiology": 2, "Psychiatry": 1, "Endocrinology": 1, "Pulmonology": 1, "Gastroenterology": 1, "Neurology": 1}
	total := 0
	for _, w := range weights {
		total += w
	}
	out := make([]string, 0, n)
	count := map[string]int{}
	for i := 0; len(out) < n; i++ {
		if i < len(specialities) {
			out = append(out, specialities[i].Name)
			count[specialities[i].Name]++
			continue
		}
		// The speciality furthest below its weighted share gets the next doctor.
		best, bestGap := "", 0
		for _, s := range specialities {
			gap := weights[s.Name]*(len(out)+1)*1000/total - count[s.Name]*1000
			if best == "" || gap > bestGap {
				best, bestGap = s.Name, gap
			}
		}
		out = append(out, best)
		count[best]++
	}
	return out
}

// LicenceNumber makes a registration number in the demo's one format: the state code of
// the clinic, MED or PHA, the year of registration, and five digits, e.g.
// "KA-MED-2011-04821". Distinct seq values give distinct numbers (up to 1,000 of a kind).
func LicenceNumber(r *Rand, role Role, seq int, dob time.Time) string {
	kind := "MED"
	if role == RolePharmacist {
		kind = "PHA"
	}
	year := min(dob.Year()+r.Between(23, 28), r.Today().Year())
	return fmt.Sprintf("%s-%s-%d-%05d", cities[r.home].code, kind, year, seq*97+r.IntN(97))
}
