package demo

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
)

func TestSpecialities(t *testing.T) {
	t.Parallel()
	if len(specialities) < 10 {
		t.Fatalf("%d specialities", len(specialities))
	}
	for _, s := range Specialities() {
		if len(s.Qualifications) == 0 || len(s.Reasons) < 5 || s.FeeCents <= 0 {
			t.Errorf("%s is incomplete", s.Name)
		}
		if len(Diagnoses(s.Name)) < 4 {
			t.Errorf("%s has %d diagnoses", s.Name, len(Diagnoses(s.Name)))
		}
		// Each speciality has something for the patients it sees.
		for _, probe := range []struct {
			age int
			sex Sex
		}{{3, Male}, {30, Female}, {70, Male}} {
			if !s.Fits(probe.age, probe.sex) {
				continue
			}
			d := PickDiagnosis(New(1), s.Name, probe.age, probe.sex)
			if !d.Fits(probe.age, probe.sex) {
				t.Errorf("%s: no diagnosis fits a %d-year-old %s", s.Name, probe.age, probe.sex)
			}
		}
	}
	if _, ok := SpecialityNamed("Astrology"); ok {
		t.Error("found a speciality that does not exist")
	}
	gyn, _ := SpecialityNamed("Obstetrics and Gynaecology")
	if gyn.Fits(30, Male) || !gyn.Fits(30, Female) {
		t.Error("gynaecology sees the wrong patients")
	}
	paed, _ := SpecialityNamed("Paediatrics")
	if paed.Fits(30, Female) || !paed.Fits(0, Male) {
		t.Error("paediatrics sees the wrong patients")
	}
}

func TestDiagnosesUseTheCatalogues(t *testing.T) {
	t.Parallel()
	for spec, ds := range diagnoses {
		if _, ok := SpecialityNamed(spec); !ok {
			t.Errorf("diagnoses for unknown speciality %q", spec)
		}
		for _, d := range ds {
			for _, l := range d.Rx {
				checkLine(t, spec+" / "+d.Name, l)
			}
			for _, code := range d.Tests {
				if _, ok := LabTestByCode(code); !ok {
					t.Errorf("%s / %s orders unknown test %q", spec, d.Name, code)
				}
			}
			if len(d.Rx) == 0 && len(d.Tests) == 0 && d.Advice == "" {
				t.Errorf("%s / %s says nothing", spec, d.Name)
			}
		}
	}
}

func checkLine(t *testing.T, where string, l RxLine) {
	t.Helper()
	m, ok := MedicineNamed(l.Medicine)
	if !ok {
		t.Errorf("%s: %q is not in the catalogue", where, l.Medicine)
		return
	}
	if _, ok := drugs.LookupFrequency(l.Frequency); !ok {
		t.Errorf("%s: frequency %q", where, l.Frequency)
	}
	if l.Days < 1 || l.Days > 3650 || l.Dose == "" || l.Quantity() < 1 {
		t.Errorf("%s: %+v", where, l)
	}
	countable := m.Unit == "tablet" || m.Unit == "capsule" || m.Unit == "sachet" || m.Unit == "respule"
	if countable != (l.Units > 0) {
		t.Errorf("%s: %d units a dose of %s counted in %ss", where, l.Units, m.Name, m.Unit)
	}
}

func TestQuantity(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		line RxLine
		want int
	}{
		{rx("x", "1 tablet", 1, "TDS", 5, ""), 15},
		{rx("x", "2 tablets", 2, "BD", 14, ""), 56},
		{rx("x", "1 tablet", 1, "OW", 84, ""), 12},
		{rx("x", "1 tablet", 1, "STAT", 1, ""), 1},
		{rx("x", "1 tablet", 1, "PRN", 3, ""), 6},
		{rx("x", "5 mL", 0, "TDS", 5, ""), 1},
		{packs(rx("x", "10 mL", 0, "TDS", 5, ""), 2), 2},
	} {
		if got := tc.line.Quantity(); got != tc.want {
			t.Errorf("%s %s × %d days: %d, want %d", tc.line.Dose, tc.line.Frequency, tc.line.Days, got, tc.want)
		}
	}
}

func TestLabTests(t *testing.T) {
	t.Parallel()
	codes := map[string]bool{}
	for _, lt := range LabTests() {
		if codes[lt.Code] || lt.Name == "" || lt.Category == "" {
			t.Errorf("bad or duplicate test %+v", lt)
		}
		codes[lt.Code] = true
	}
	for _, want := range []string{"CBC", "HbA1c", "Lipid", "LFT", "KFT", "TSH", "Urine R/M", "CXR", "ECG"} {
		if !codes[want] {
			t.Errorf("no %s", want)
		}
	}
}

func TestHistoryCatalogues(t *testing.T) {
	t.Parallel()
	for _, c := range Conditions() {
		if c.OnsetMin > c.OnsetMax || c.PerMille <= 0 || (c.Status != "chronic" && c.Status != "active" && c.Status != "resolved") {
			t.Errorf("bad condition %+v", c)
		}
		for _, m := range c.Medications {
			if _, ok := MedicineNamed(m.Name); !ok {
				t.Errorf("%s: %q is not in the catalogue", c.Name, m.Name)
			}
			if _, ok := drugs.LookupFrequency(m.Frequency); !ok {
				t.Errorf("%s: frequency %q", c.Name, m.Frequency)
			}
		}
	}
	for _, a := range Allergens() {
		if a.PerMille <= 0 || a.Severity[0]+a.Severity[1]+a.Severity[2] == 0 || a.Reactions[2] == "" {
			t.Errorf("bad allergen %+v", a)
		}
	}
	// The drug allergens the demo records are ones the allergy check understands.
	for _, name := range []string{"Penicillin", "Sulfa drugs", "NSAIDs", "Cephalosporins", "Iodinated contrast"} {
		if _, ok := drugs.Lookup(name); !ok {
			t.Errorf("internal/drugs does not know %q", name)
		}
	}
	amox, _ := MedicineNamed("Amoxicillin 500 mg capsule")
	if _, ok := drugs.AllergyMatch("Penicillin", drugs.Medication{Name: amox.Name, GenericName: amox.GenericName, Class: amox.Class}); !ok {
		t.Error("a penicillin allergy does not catch the demo's amoxicillin")
	}
}

func TestCharts(t *testing.T) {
	t.Parallel()
	r := New(11)
	today := r.Today()
	var histories, allergies, meds int
	const n = 5_000
	for range n {
		p := NewPerson(r)
		c := NewChart(r, p)
		for _, h := range c.History {
			if h.DiagnosedOn.Before(p.DOB) || h.DiagnosedOn.After(today) {
				t.Fatalf("%s diagnosed %v, born %v", h.Condition, h.DiagnosedOn, p.DOB)
			}
			for _, cond := range conditions {
				if cond.Name == h.Condition && cond.Sex != "" && cond.Sex != p.Sex && !hasOtherEntry(h.Condition, p.Sex) {
					t.Fatalf("%s recorded for a %s", h.Condition, p.Sex)
				}
			}
		}
		for _, a := range c.Allergies {
			if a.Severity != "mild" && a.Severity != "moderate" && a.Severity != "severe" || a.Reaction == "" {
				t.Fatalf("bad allergy %+v", a)
			}
		}
		for _, m := range c.Medications {
			if m.StartedOn.After(today) || m.StartedOn.Before(p.DOB) {
				t.Fatalf("%s started %v", m.Name, m.StartedOn)
			}
		}
		histories += len(c.History)
		allergies += len(c.Allergies)
		meds += len(c.Medications)
	}
	if histories < n/3 || allergies < n/10 || meds < n/5 {
		t.Errorf("per %d patients: %d history entries, %d allergies, %d medicines", n, histories, allergies, meds)
	}
}

// hasOtherEntry reports whether a condition also has a catalogue entry for sex.
func hasOtherEntry(name string, sex Sex) bool {
	for _, c := range conditions {
		if c.Name == name && (c.Sex == "" || c.Sex == sex) {
			return true
		}
	}
	return false
}
