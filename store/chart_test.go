package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
)

// chartClinic is a store on the fixed clock with one patient and one user of each role
// that touches patients.
type chartClinic struct {
	s                        *Store
	desk, doctor, pharmacist Actor
	patient                  Patient
}

func newChartClinic(t *testing.T) chartClinic {
	t.Helper()
	path, c := chartWorld.Copy(t, "clinic.db")
	c.s = openTestStore(t, path, WithClock((&fixedClock{t: registryNow}).now))
	return c
}

// chartWorld is the chartClinic, built once per test binary and copied for each test;
// its value is the clinic without a store.
var chartWorld = testfixture.World[chartClinic]{Build: func(t testing.TB, path string) chartClinic {
	s := openStore(t, path, WithClock((&fixedClock{t: registryNow}).now))
	defer s.Close()
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Dana Desk").Actor()
	c := chartClinic{
		desk:       desk,
		doctor:     mustUser(t, s, RoleDoctor, "doc@clinic.test", "Dr. Meera Rao").Actor(),
		pharmacist: mustUser(t, s, RolePharmacist, "rx@clinic.test", "Pia Pharm").Actor(),
		patient:    regPatient(t, s, desk, patientForm("Asha", "Rao")),
	}
	closeWorld(t, s, false)
	return c
}}

// accessRows counts access_log rows for the user, action and patient with allowed.
func accessRows(t *testing.T, s *Store, user Actor, action string, patientID int64, allowed bool) int {
	t.Helper()
	var n int
	err := s.readers.QueryRowContext(context.Background(), `SELECT count(*) FROM access_log
		WHERE user_id = ? AND action = ? AND patient_id IS ? AND allowed = ?`,
		user.ID, action, nullID(patientID), allowed).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestHistoryValidation(t *testing.T) {
	t.Parallel()
	form := func(f func(*HistoryInput)) HistoryInput {
		in := HistoryInput{Condition: "Type 2 diabetes", DiagnosedOn: onDate(2019, 6, 1), Status: "chronic"}
		f(&in)
		return in
	}
	cases := []struct {
		name  string
		in    HistoryInput
		field string
	}{
		{"valid", form(func(*HistoryInput) {}), ""},
		{"condition missing", form(func(in *HistoryInput) { in.Condition = "  " }), "condition"},
		{"condition 200", form(func(in *HistoryInput) { in.Condition = strings.Repeat("c", 200) }), ""},
		{"condition 201", form(func(in *HistoryInput) { in.Condition = strings.Repeat("c", 201) }), "condition"},
		{"diagnosis date unknown", form(func(in *HistoryInput) { in.DiagnosedOn = time.Time{} }), ""},
		{"diagnosed 1899", form(func(in *HistoryInput) { in.DiagnosedOn = onDate(1899, 12, 31) }), "diagnosed_on"},
		{"diagnosed 1900", form(func(in *HistoryInput) { in.DiagnosedOn = onDate(1900, 1, 1) }), ""},
		{"diagnosed today", form(func(in *HistoryInput) { in.DiagnosedOn = onDate(2026, 3, 10) }), ""},
		{"diagnosed in the future", form(func(in *HistoryInput) { in.DiagnosedOn = onDate(2026, 3, 12) }), "diagnosed_on"},
		{"status empty means active", form(func(in *HistoryInput) { in.Status = "" }), ""},
		{"status any case", form(func(in *HistoryInput) { in.Status = "Resolved" }), ""},
		{"status unknown", form(func(in *HistoryInput) { in.Status = "cured" }), "status"},
		{"condition with an escape sequence", form(func(in *HistoryInput) { in.Condition = "\x1b[31mAsthma" }), "condition"},
		{"notes on several lines", form(func(in *HistoryInput) { in.Notes = "Mild.\n\tNo attacks." }), ""},
		{"notes 2000", form(func(in *HistoryInput) { in.Notes = strings.Repeat("n", 2000) }), ""},
		{"notes 2001", form(func(in *HistoryInput) { in.Notes = strings.Repeat("n", 2001) }), "notes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in
			wantField(t, in.validate(registryNow), c.field)
		})
	}
}

func TestAllergyValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		in    AllergyInput
		field string
	}{
		{"valid", AllergyInput{Allergen: "Penicillin", Reaction: "Hives", Severity: "severe"}, ""},
		{"reaction optional", AllergyInput{Allergen: "Peanuts", Severity: "mild"}, ""},
		{"severity any case", AllergyInput{Allergen: "Latex", Severity: " Moderate "}, ""},
		{"allergen missing", AllergyInput{Allergen: " ", Severity: "mild"}, "allergen"},
		{"allergen 120", AllergyInput{Allergen: strings.Repeat("a", 120), Severity: "mild"}, ""},
		{"allergen 121", AllergyInput{Allergen: strings.Repeat("a", 121), Severity: "mild"}, "allergen"},
		{"reaction 501", AllergyInput{Allergen: "Latex", Reaction: strings.Repeat("r", 501), Severity: "mild"}, "reaction"},
		{"severity missing", AllergyInput{Allergen: "Latex"}, "severity"},
		{"severity unknown", AllergyInput{Allergen: "Latex", Severity: "fatal"}, "severity"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in
			wantField(t, in.validate(), c.field)
		})
	}
}

func TestMedicationValidation(t *testing.T) {
	t.Parallel()
	form := func(f func(*CurrentMedicationInput)) CurrentMedicationInput {
		in := CurrentMedicationInput{Name: "Metformin", Dosage: "500 mg", Frequency: "twice a day",
			StartedOn: onDate(2020, 1, 1), PrescribedBy: "Dr. Iyer"}
		f(&in)
		return in
	}
	cases := []struct {
		name  string
		in    CurrentMedicationInput
		field string
	}{
		{"valid", form(func(*CurrentMedicationInput) {}), ""},
		{"name missing", form(func(in *CurrentMedicationInput) { in.Name = "" }), "name"},
		{"name 201", form(func(in *CurrentMedicationInput) { in.Name = strings.Repeat("m", 201) }), "name"},
		{"dosage 101", form(func(in *CurrentMedicationInput) { in.Dosage = strings.Repeat("d", 101) }), "dosage"},
		{"frequency 101", form(func(in *CurrentMedicationInput) { in.Frequency = strings.Repeat("f", 101) }), "frequency"},
		{"prescriber 121", form(func(in *CurrentMedicationInput) { in.PrescribedBy = strings.Repeat("p", 121) }), "prescribed_by"},
		{"dates unknown", form(func(in *CurrentMedicationInput) { in.StartedOn = time.Time{} }), ""},
		{"started 1899", form(func(in *CurrentMedicationInput) { in.StartedOn = onDate(1899, 12, 31) }), "started_on"},
		{"started in the future", form(func(in *CurrentMedicationInput) { in.StartedOn = onDate(2026, 4, 1) }), "started_on"},
		{"ended before started", form(func(in *CurrentMedicationInput) { in.EndedOn = onDate(2019, 12, 31) }), "ended_on"},
		{"ended the day it started", form(func(in *CurrentMedicationInput) { in.EndedOn = onDate(2020, 1, 1) }), ""},
		{"planned end in the future", form(func(in *CurrentMedicationInput) { in.EndedOn = onDate(2026, 6, 1) }), ""},
		{"ended 1899, start unknown", form(func(in *CurrentMedicationInput) {
			in.StartedOn, in.EndedOn = time.Time{}, onDate(1899, 1, 1)
		}), "ended_on"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in
			wantField(t, in.validate(registryNow), c.field)
		})
	}
}

func TestChart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newChartClinic(t)
	s, doc, pid := c.s, c.doctor, c.patient.ID
	mustAdd := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.AddHistory(ctx, doc, pid, HistoryInput{Condition: "Appendicitis", DiagnosedOn: onDate(2001, 5, 2), Status: "resolved"})
	mustAdd(err)
	diabetes, err := s.AddHistory(ctx, doc, pid, HistoryInput{Condition: "Type 2 diabetes", DiagnosedOn: onDate(2019, 6, 1), Status: "chronic"})
	mustAdd(err)
	_, err = s.AddAllergy(ctx, doc, pid, AllergyInput{Allergen: "Dust", Severity: "mild"})
	mustAdd(err)
	_, err = s.AddAllergy(ctx, doc, pid, AllergyInput{Allergen: "Penicillin", Reaction: "Anaphylaxis", Severity: "severe"})
	mustAdd(err)
	_, err = s.AddCurrentMedication(ctx, doc, pid, CurrentMedicationInput{Name: "Amoxicillin", StartedOn: onDate(2025, 1, 1), EndedOn: onDate(2025, 1, 7)})
	mustAdd(err)
	metformin, err := s.AddCurrentMedication(ctx, doc, pid, CurrentMedicationInput{Name: "Metformin", Dosage: "500 mg", StartedOn: onDate(2019, 6, 1)})
	mustAdd(err)
	mustAdd(s.Batch(ctx, doc, func(tx *Tx) error {
		for i := 0; i < ChartVitals+2; i++ {
			_, err := tx.AddVitals(ctx, pid, VitalsInput{RecordedAt: registryNow.Add(time.Duration(i-30) * time.Hour),
				Measurements: Measurements{Pulse: measured(60 + i)}})
			if err != nil {
				return err
			}
		}
		return nil
	}))

	chart, err := s.Chart(ctx, doc, pid)
	if err != nil {
		t.Fatal(err)
	}
	if chart.Patient != c.patient || chart.FirstName != "Asha" {
		t.Fatalf("chart patient %+v", chart.Patient)
	}
	if len(chart.History) != 2 || chart.History[0].ID != diabetes.ID || chart.History[1].Status != "resolved" {
		t.Fatalf("history (open conditions first): %+v", chart.History)
	}
	if h := chart.History[0]; h.RecordedBy != doc.ID || h.RecordedByName != "Dr. Meera Rao" ||
		!h.DiagnosedOn.Equal(onDate(2019, 6, 1)) || h.CreatedAt.IsZero() {
		t.Fatalf("history entry %+v", h)
	}
	if len(chart.Allergies) != 2 || chart.Allergies[0].Allergen != "Penicillin" || chart.Allergies[0].Reaction != "Anaphylaxis" {
		t.Fatalf("allergies (most severe first): %+v", chart.Allergies)
	}
	if len(chart.Medications) != 2 || chart.Medications[0].ID != metformin.ID || !chart.Medications[0].EndedOn.IsZero() ||
		!chart.Medications[1].EndedOn.Equal(onDate(2025, 1, 7)) {
		t.Fatalf("medications (current first): %+v", chart.Medications)
	}
	if len(chart.Vitals) != ChartVitals {
		t.Fatalf("%d vitals, want the latest %d", len(chart.Vitals), ChartVitals)
	}
	if v := chart.Vitals[0]; *v.Pulse != 60+ChartVitals+1 || !v.RecordedAt.Equal(registryNow.Add(-9*time.Hour)) ||
		v.HeightCm != nil || v.RecordedByName != "Dr. Meera Rao" {
		t.Fatalf("latest vitals %+v", v)
	}
	if *chart.Vitals[ChartVitals-1].Pulse != 62 {
		t.Fatalf("oldest vitals shown: pulse %d", *chart.Vitals[ChartVitals-1].Pulse)
	}

	if n := accessRows(t, s, doc, "read_chart", pid, true); n != 1 {
		t.Fatalf("chart reads logged: %d", n)
	}
	var entity string
	var entityID int64
	if err := s.readers.QueryRowContext(ctx, `SELECT entity, entity_id FROM access_log WHERE action = 'read_chart'`).
		Scan(&entity, &entityID); err != nil || entity != "patients" || entityID != pid {
		t.Fatalf("logged entity %q %d, %v", entity, entityID, err)
	}
	empty := regPatient(t, s, c.desk, patientForm("Ravi", "Kumar"))
	chart, err = s.Chart(ctx, doc, empty.ID)
	if err != nil || chart.ID != empty.ID || chart.History != nil || chart.Vitals != nil {
		t.Fatalf("empty chart: %+v, %v", chart, err)
	}
}

func TestChartRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newChartClinic(t)
	for _, who := range []Actor{c.desk, c.pharmacist} {
		if _, err := c.s.Chart(ctx, who, c.patient.ID); !errors.Is(err, ErrForbidden) {
			t.Fatalf("%s opens the chart: %v", who.Role, err)
		}
		if n := accessRows(t, c.s, who, "read_chart", 0, false); n != 1 {
			t.Fatalf("%s's refusal logged %d times", who.Role, n)
		}
		if n := accessRows(t, c.s, who, "read_chart", c.patient.ID, true); n != 0 {
			t.Fatalf("%s's refused read logged as a read", who.Role)
		}
	}
	if _, err := c.s.Chart(ctx, c.doctor, 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("chart of nobody: %v", err)
	}
	if n := accessRows(t, c.s, c.doctor, "read_chart", 999, true); n != 0 {
		t.Fatal("a failed read was logged as a read")
	}
}

func TestChartWritesDoctorOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newChartClinic(t)
	pid := c.patient.ID
	for _, who := range []Actor{c.desk, c.pharmacist} {
		writes := map[string]error{}
		_, writes["history"] = c.s.AddHistory(ctx, who, pid, HistoryInput{Condition: "Asthma"})
		_, writes["allergy"] = c.s.AddAllergy(ctx, who, pid, AllergyInput{Allergen: "Latex", Severity: "mild"})
		_, writes["medication"] = c.s.AddCurrentMedication(ctx, who, pid, CurrentMedicationInput{Name: "Salbutamol"})
		_, writes["vitals"] = c.s.AddVitals(ctx, who, pid, VitalsInput{Measurements: Measurements{Pulse: measured(70)}})
		for what, err := range writes {
			if !errors.Is(err, ErrForbidden) {
				t.Errorf("%s adds %s: %v", who.Role, what, err)
			}
		}
		if n := accessRows(t, c.s, who, "write_chart", 0, false); n != 4 {
			t.Errorf("%s's refused writes logged %d times", who.Role, n)
		}
	}
}

func TestAllergies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newChartClinic(t)
	pid := c.patient.ID
	if _, err := c.s.AddAllergy(ctx, c.doctor, pid, AllergyInput{Allergen: "Sulfa drugs", Severity: "moderate"}); err != nil {
		t.Fatal(err)
	}
	for _, who := range []Actor{c.pharmacist, c.doctor} {
		list, err := c.s.Allergies(ctx, who, pid)
		if err != nil || len(list) != 1 || list[0].Allergen != "Sulfa drugs" {
			t.Fatalf("%s reads allergies: %+v, %v", who.Role, list, err)
		}
		if n := accessRows(t, c.s, who, "read_allergies", pid, true); n != 1 {
			t.Fatalf("%s's allergy read logged %d times", who.Role, n)
		}
	}
	if _, err := c.s.Allergies(ctx, c.desk, pid); !errors.Is(err, ErrForbidden) {
		t.Fatalf("receptionist reads allergies: %v", err)
	}
	if _, err := c.s.Allergies(ctx, c.pharmacist, 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("allergies of nobody must not read as none: %v", err)
	}
}

func TestUpdateChartEntries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newChartClinic(t)
	s, doc, pid := c.s, c.doctor, c.patient.ID
	h, err := s.AddHistory(ctx, doc, pid, HistoryInput{Condition: "Asthma"})
	if err != nil || h.Status != "active" || !h.DiagnosedOn.IsZero() {
		t.Fatalf("add history: %+v, %v", h, err)
	}
	a, err := s.AddAllergy(ctx, doc, pid, AllergyInput{Allergen: "Latex", Severity: "mild"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.AddCurrentMedication(ctx, doc, pid, CurrentMedicationInput{Name: "Salbutamol", StartedOn: onDate(2024, 2, 1)})
	if err != nil {
		t.Fatal(err)
	}
	other := mustUser(t, s, RoleDoctor, "doc2@clinic.test", "Dr. Iyer").Actor()

	h2, err := s.UpdateHistory(ctx, other, h.ID, HistoryInput{Condition: "Asthma", Status: "resolved", Notes: "No attacks since 2024."})
	if err != nil || h2.Status != "resolved" || h2.Notes != "No attacks since 2024." || h2.RecordedBy != doc.ID {
		t.Fatalf("update history: %+v, %v", h2, err)
	}
	a2, err := s.UpdateAllergy(ctx, other, a.ID, AllergyInput{Allergen: "Latex", Reaction: "Rash", Severity: "moderate"})
	if err != nil || a2.Severity != "moderate" || a2.Reaction != "Rash" || a2.RecordedBy != doc.ID {
		t.Fatalf("update allergy: %+v, %v", a2, err)
	}
	m2, err := s.UpdateCurrentMedication(ctx, other, m.ID, CurrentMedicationInput{Name: "Salbutamol", StartedOn: onDate(2024, 2, 1), EndedOn: onDate(2026, 3, 1)})
	if err != nil || !m2.EndedOn.Equal(onDate(2026, 3, 1)) {
		t.Fatalf("update medication: %+v, %v", m2, err)
	}
	var audited int
	if err := s.readers.QueryRowContext(ctx, `SELECT count(*) FROM audit_log
		WHERE action = 'UPDATE' AND actor_id = ? AND patient_id = ?`, other.ID, pid).Scan(&audited); err != nil || audited != 3 {
		t.Fatalf("audited updates by the second doctor: %d, %v", audited, err)
	}

	if _, err := s.UpdateHistory(ctx, doc, 999, HistoryInput{Condition: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("update missing history: %v", err)
	}
	if _, err := s.UpdateAllergy(ctx, doc, 999, AllergyInput{Allergen: "x", Severity: "mild"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("update missing allergy: %v", err)
	}
	if _, err := s.UpdateCurrentMedication(ctx, doc, 999, CurrentMedicationInput{Name: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("update missing medication: %v", err)
	}
	_, err = s.UpdateAllergy(ctx, doc, a.ID, AllergyInput{Allergen: "Latex", Severity: "deadly"})
	wantField(t, err, "severity")

	for what, err := range map[string]error{
		"history":    errorOnly(s.AddHistory(ctx, doc, 999, HistoryInput{Condition: "x"})),
		"allergy":    errorOnly(s.AddAllergy(ctx, doc, 999, AllergyInput{Allergen: "x", Severity: "mild"})),
		"medication": errorOnly(s.AddCurrentMedication(ctx, doc, 999, CurrentMedicationInput{Name: "x"})),
		"vitals":     errorOnly(s.AddVitals(ctx, doc, 999, VitalsInput{Measurements: Measurements{Pulse: measured(70)}})),
	} {
		if !errors.Is(err, ErrNotFound) || err.Error() != "No such patient." {
			t.Errorf("%s for nobody: %v", what, err)
		}
	}
}

// errorOnly keeps the error of a call that returns a value and an error.
func errorOnly[T any](_ T, err error) error { return err }
