package demo

import "time"

// Sex is a person's sex as the patients table stores it.
type Sex string

// The sexes the demo uses ("unknown" is the registry's, never generated).
const (
	Female Sex = "female"
	Male   Sex = "male"
	Other  Sex = "other"
)

// Person is one generated person: a patient, or the personal side of a staff member.
type Person struct {
	First, Last string
	Sex         Sex
	Culture     Culture
	DOB         time.Time // midnight, in the generator's location
	// Phone is "+91 98765 43210"; a child's is a parent's.
	Phone string
	// Email is "" for young children and for some adults; it is not unique (see EmailBook).
	Email      string
	Address    Address
	BloodGroup string // A+ … O-, or "unknown"
	Emergency  Contact
}

// Contact is a person to call in an emergency.
type Contact struct {
	Name     string
	Relation string // mother, father, spouse, son, daughter, brother, sister, friend
	Phone    string
}

// FullName is "First Last".
func (p Person) FullName() string { return p.First + " " + p.Last }

// Age is the person's age in whole years on day.
func (p Person) Age(day time.Time) int { return age(p.DOB, day) }

func age(dob, day time.Time) int {
	years := day.Year() - dob.Year()
	if day.Month() < dob.Month() || day.Month() == dob.Month() && day.Day() < dob.Day() {
		years--
	}
	return years
}

// ageBands is the age spread of a clinic's patients: ten-year bands, per mille. Young
// children and older adults visit more than their share of the population.
var ageBands = []struct{ lo, hi, perMille int }{
	{0, 4, 80}, {5, 14, 120}, {15, 24, 120}, {25, 34, 150}, {35, 44, 140},
	{45, 54, 130}, {55, 64, 120}, {65, 74, 90}, {75, 84, 40}, {85, 95, 10},
}

// bloodGroups is the ABO/Rh spread of an Indian population, per mille.
var bloodGroups = []struct {
	group    string
	perMille int
}{
	{"O+", 320}, {"B+", 310}, {"A+", 220}, {"AB+", 80}, {"O-", 25}, {"B-", 20}, {"A-", 20}, {"AB-", 5},
}

// NewPerson makes a person with a realistic age (0–95), a name from one culture, contact
// details, an address in or near the clinic's city, a blood group and an emergency contact.
func NewPerson(r *Rand) Person {
	var p Person
	switch n := r.IntN(1000); {
	case n < 505:
		p.Sex = Female
	case n < 998:
		p.Sex = Male
	default:
		p.Sex = Other
	}
	ns := pickCulture(r)
	p.Culture = ns.culture
	p.First = ns.given(r, p.Sex)
	p.Last = Pick(r, ns.family)
	if r.Chance(80) { // mixed families
		p.Last = Pick(r, pickCulture(r).family)
	}

	w := make([]int, len(ageBands))
	for i, b := range ageBands {
		w[i] = b.perMille
	}
	band := ageBands[Weighted(r, w)]
	years := r.Between(band.lo, band.hi)
	p.DOB = r.Today().AddDate(-years, 0, -r.Between(0, 364))
	years = p.Age(r.Today())

	p.Phone = Phone(r)
	switch {
	case years < 14:
	case years >= 75 && r.Chance(500):
	case r.Chance(100):
	default:
		p.Email = Email(r, p.First, p.Last)
	}
	p.Address = address(r)
	p.BloodGroup = "unknown"
	if !r.Chance(40) {
		bw := make([]int, len(bloodGroups))
		for i, b := range bloodGroups {
			bw[i] = b.perMille
		}
		p.BloodGroup = bloodGroups[Weighted(r, bw)].group
	}
	p.Emergency = emergencyContact(r, p, ns, years)
	if years < 18 {
		p.Phone = p.Emergency.Phone
	}
	return p
}

// emergencyContact is a parent for a child, usually a spouse or relative for an adult, and
// a grown-up child for the elderly.
func emergencyContact(r *Rand, p Person, ns *nameSet, years int) Contact {
	c := Contact{Phone: Phone(r)}
	sex := Female
	if r.Chance(500) {
		sex = Male
	}
	last := p.Last
	switch n := r.IntN(100); {
	case years < 18:
		c.Relation = map[Sex]string{Female: "mother", Male: "father"}[sex]
	case years >= 65 && n < 70:
		c.Relation = map[Sex]string{Female: "daughter", Male: "son"}[sex]
	case n < 55:
		c.Relation = "spouse"
		if p.Sex == Female {
			sex = Male
		} else if p.Sex == Male {
			sex = Female
		}
	case n < 70 && years < 45:
		c.Relation = map[Sex]string{Female: "mother", Male: "father"}[sex]
	case n < 85:
		c.Relation = map[Sex]string{Female: "sister", Male: "brother"}[sex]
	default:
		c.Relation = "friend"
		ns = pickCulture(r)
		last = Pick(r, ns.family)
	}
	c.Name = ns.given(r, sex) + " " + last
	return c
}
