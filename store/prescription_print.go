package store

import (
	"context"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	count "github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/printout"
)

// PrescriptionPage is the prescription as a printable page (see
// printout.PrescriptionPage): the clinic, the doctor with qualification and licence,
// the patient with their age and allergies, today's date in clinic time, the diagnosis and notes, the medications,
// the tests, the sketch and a line to sign. Whoever may read the prescription may print
// it, and the read is recorded as Prescription records it. The page is terminal-safe.
func (s *Store) PrescriptionPage(ctx context.Context, actor Actor, id int64) (string, error) {
	defer s.timed("PrescriptionPage")()
	rx, err := s.Prescription(ctx, actor, id)
	if err != nil {
		return "", err
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	d, err := loadDoctor(ctx, s.readers, rx.DoctorID)
	if err != nil {
		return "", err
	}
	page := printout.Prescription{Clinic: set.ClinicName, Doctor: doctorTitle(d.Name), Qualification: d.Qualification,
		Licence: d.LicenceNumber, PatientName: rx.PatientName, PatientCode: rx.PatientCode,
		Date: s.Now().In(set.Location()), Code: rx.Code, Status: string(rx.Status), Diagnosis: rx.Diagnosis,
		Notes: rx.Notes, Sketch: rx.Sketch, Refills: rx.RefillsAllowed}
	if !rx.ValidUntil.IsZero() {
		page.ValidUntil = rx.ValidUntil.In(set.Location())
	}
	if page.PatientAge, page.Allergies, err = s.printedPatient(ctx, rx.PatientID, page.Date); err != nil {
		return "", err
	}
	for _, m := range rx.Medications {
		page.Medicines = append(page.Medicines, printout.Medicine{Name: m.Name, Strength: m.Strength, Form: m.Form,
			Dose: m.Dosage, Frequency: drugs.FrequencyText(m.Frequency), DurationDays: m.DurationDays, Route: m.Route,
			Instructions: m.Instructions, Quantity: m.Quantity, AllergyOverride: m.AllergyOverrideReason,
			Chronic: m.Chronic, Overridden: overridden(m)})
	}
	for _, t := range rx.Tests {
		page.Tests = append(page.Tests, printout.Test{Name: t.Name, Priority: string(t.Priority),
			Instructions: t.Instructions})
	}
	return printout.PrescriptionPage(page), nil
}

// overridden are the warnings a line's override was given against, in a few words.
func overridden(m PrescribedMedication) []string {
	out := make([]string, 0, len(m.Overrides))
	for _, o := range m.Overrides {
		out = append(out, WarningSummary(o.Kind, o.Text))
	}
	return out
}

// printedPatient is what a prescription's reader checks the medicines against: the
// patient's age on the day printed ("45 years") and their allergies, most severe first
// ("none known" when the chart holds none).
func (s *Store) printedPatient(ctx context.Context, patientID int64, on time.Time) (age, allergies string, err error) {
	p, err := patientByID(ctx, s.readers, patientID)
	if err != nil {
		return "", "", err
	}
	if years := yearsBetween(formatDate(p.DateOfBirth), on.Format(time.DateOnly)); years >= 0 {
		age = count.S(years, "year")
	}
	list, err := s.readAllergies(ctx, patientID)
	if err != nil {
		return "", "", err
	}
	if len(list) == 0 {
		return age, "none known", nil
	}
	names := make([]string, len(list))
	for i, a := range list {
		names[i] = a.Allergen + " (" + a.Severity + ")"
	}
	return age, strings.Join(names, ", "), nil
}
