package store

import (
	"strings"
	"testing"
)

func TestLineWarningsDose(t *testing.T) {
	ibuprofen := func(dosage, frequency string) MedicationLine {
		return MedicationLine{Name: "Ibuprofen 400 mg tablet", GenericName: "ibuprofen", DrugClass: "NSAIDs",
			Strength: "400 mg", Dosage: dosage, Frequency: frequency}
	}
	got := LineWarnings(DosePatient{}, nil, ibuprofen("2 tablets", "QID"))
	if len(got[0]) != 1 || got[0][0].Kind != WarnDose {
		t.Fatalf("800 mg QID: %+v", got[0])
	}
	s := got[0][0].String()
	for _, part := range []string{"3.2 g a day", "2.4 g a day", "BNF: ibuprofen", "usual adult maximum"} {
		if !strings.Contains(s, part) {
			t.Errorf("dose warning %q does not say %q", s, part)
		}
	}
	if got[0][0].NeedsOverride() {
		t.Error("a dose warning needs no override")
	}
	for _, l := range []MedicationLine{ibuprofen("1 tablet", "TDS"), ibuprofen("2 tablets", "PRN"), ibuprofen("", "")} {
		if ws := LineWarnings(DosePatient{}, nil, l)[0]; len(ws) != 0 {
			t.Errorf("%s %s: %v", l.Dosage, l.Frequency, ws)
		}
	}

	child := LineWarnings(DosePatient{Child: "9 years old"}, nil, ibuprofen("1 tablet", "TDS"))[0]
	if len(child) != 1 || child[0].Kind != WarnPaediatric ||
		child[0].String() != "The patient is 9 years old: the dose needs paediatric confirmation." {
		t.Fatalf("child: %+v", child)
	}
}

// TestDosePatient checks both limits at the store's clock (2026-03-10): a child by age
// (12 is the first birthday that is not), by latest weight, and an adult.
func TestDosePatient(t *testing.T) {
	w := newRxWorld(t)
	ctx, doc := w.ctx, w.doctor.Actor()
	born := func(dob string) int64 {
		return w.sql(t, `INSERT INTO patients(first_name, last_name, date_of_birth, sex) VALUES ('A', 'B', ?, 'male')`, dob)
	}
	weigh := func(p int64, at string, kg float64) {
		w.sql(t, `INSERT INTO vital_signs(patient_id, recorded_at, weight_kg) VALUES (?, ?, ?)`, p, at, kg)
	}
	eleven := born("2014-03-11") // 12 tomorrow
	twelve := born("2014-03-10") // 12 today
	light := born("1990-01-01")
	weigh(light, "2026-01-05T10:00:00Z", 52)
	weigh(light, "2026-03-01T10:00:00Z", 38.5)
	regained := born("1990-01-01")
	weigh(regained, "2026-01-05T10:00:00Z", 38)
	weigh(regained, "2026-03-01T10:00:00Z", 41)
	for _, c := range []struct {
		patient int64
		want    string
	}{
		{eleven, "11 years old"},
		{twelve, ""},
		{light, "38.5 kg (2026-03-01)"},
		{regained, ""},
		{w.patientID, ""},
	} {
		got, err := w.s.DosePatient(ctx, doc, c.patient)
		if err != nil {
			t.Fatal(err)
		}
		if got.Child != c.want {
			t.Errorf("patient %d: %q, want %q", c.patient, got.Child, c.want)
		}
	}
	if _, err := w.s.DosePatient(ctx, w.frontDesk.Actor(), eleven); err == nil {
		t.Error("the front desk read a patient's dose facts")
	}
	if _, err := w.s.DosePatient(ctx, w.pharmacist.Actor(), eleven); err != nil {
		t.Errorf("pharmacist: %v", err)
	}
	if _, err := w.s.DosePatient(ctx, doc, 99999); err == nil {
		t.Error("no error for a missing patient")
	}
}
