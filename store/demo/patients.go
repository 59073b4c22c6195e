package demo

import (
	"fmt"
	"time"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
)

// buildPatients registers the patients with their history, allergies, current
// medicines and, for most, a set of vital signs from an earlier visit.
func (b *builder) buildPatients() error {
	b.begin("Registering patients")
	people, charts := b.rand(3), b.rand(4)
	b.patients = make([]gen.Person, b.counts.Patients)
	for i := range b.patients {
		b.patients[i] = gen.NewPerson(people)
	}
	b.patientIDs = make([]int64, 0, len(b.patients))
	for start := 0; start < len(b.patients); start += rowsPerBatch / 4 {
		part := b.patients[start:min(start+rowsPerBatch/4, len(b.patients))]
		err := b.h.Batch(b.ctx, b.system, func(tx *store.Tx) error {
			for _, p := range part {
				// Most patients agreed to reminders when they registered; some to
				// e-mail or SMS only, a few to neither.
				n := len(b.patientIDs) + 1
				in := patientInput(p)
				in.Consent = &store.ContactConsent{Email: n%7 != 3 && n%11 != 5, SMS: n%5 != 2 && n%11 != 5}
				id, err := tx.AddPatient(b.ctx, in)
				if err != nil {
					return fmt.Errorf("demo patient %s: %w", p.FullName(), err)
				}
				b.patientIDs = append(b.patientIDs, id)
				if err := b.writeChart(tx, charts, id, p); err != nil {
					return fmt.Errorf("demo chart of %s: %w", p.FullName(), err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		b.step(len(part))
	}
	b.sum.Patients = len(b.patientIDs)
	return nil
}

func patientInput(p gen.Person) store.PatientInput {
	return store.PatientInput{FirstName: p.First, LastName: p.Last, DateOfBirth: p.DOB, Sex: string(p.Sex),
		Phone: p.Phone, Email: p.Email, Address: p.Address.String(), EmergencyContactName: p.Emergency.Name,
		EmergencyContactPhone: p.Emergency.Phone, BloodGroup: p.BloodGroup}
}

// writeChart writes one patient's background and, for seven in ten, vital signs taken
// at some earlier visit.
func (b *builder) writeChart(tx *store.Tx, r *gen.Rand, id int64, p gen.Person) error {
	c := gen.NewChart(r, p)
	for _, h := range c.History {
		if _, err := tx.AddHistory(b.ctx, id, store.HistoryInput{Condition: h.Condition,
			DiagnosedOn: h.DiagnosedOn, Status: h.Status}); err != nil {
			return err
		}
	}
	for _, a := range c.Allergies {
		if _, err := tx.AddAllergy(b.ctx, id, store.AllergyInput{Allergen: a.Allergen, Reaction: a.Reaction,
			Severity: a.Severity}); err != nil {
			return err
		}
	}
	for _, m := range c.Medications {
		if _, err := tx.AddCurrentMedication(b.ctx, id, store.CurrentMedicationInput{Name: m.Name,
			Dosage: m.Dosage, Frequency: m.Frequency, StartedOn: m.StartedOn}); err != nil {
			return err
		}
	}
	if !r.Chance(700) {
		return nil
	}
	at := b.now.Add(-time.Duration(r.Between(1, 365*24*60)) * time.Minute)
	if at.Before(p.DOB.AddDate(0, 0, 1)) {
		return nil
	}
	_, err := tx.AddVitals(b.ctx, id, store.VitalsInput{RecordedAt: at,
		Measurements: measurements(gen.Vitals(r, p.Age(at)))})
	return err
}

// measurements turns generated observations into the store's optional fields.
func measurements(v gen.VitalSigns) store.Measurements {
	f := func(x float64) *float64 { return &x }
	i := func(x int) *int { return &x }
	return store.Measurements{HeightCm: f(v.HeightCm), WeightKg: f(v.WeightKg), Systolic: i(v.Systolic),
		Diastolic: i(v.Diastolic), Pulse: i(v.Pulse), TemperatureC: f(v.TemperatureC), SpO2: i(v.SpO2),
		RespiratoryRate: i(v.RespiratoryRate)}
}
