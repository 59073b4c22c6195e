package store

import (
	"context"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	"github.com/clinicdesk/clinicdesk/internal/printout"
)

// PrescriptionPage is the prescription as a printable page (see
// printout.PrescriptionPage): the clinic, the doctor with qualification and licence,
// the patient, today's date in clinic time, the diagnosis and notes, the medications,
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
		Notes: rx.Notes, Sketch: rx.Sketch}
	for _, m := range rx.Medications {
		page.Medicines = append(page.Medicines, printout.Medicine{Name: m.Name, Strength: m.Strength, Form: m.Form,
			Dose: m.Dosage, Frequency: drugs.FrequencyText(m.Frequency), DurationDays: m.DurationDays, Route: m.Route,
			Instructions: m.Instructions, Quantity: m.Quantity, AllergyOverride: m.AllergyOverrideReason})
	}
	for _, t := range rx.Tests {
		page.Tests = append(page.Tests, printout.Test{Name: t.Name, Priority: string(t.Priority),
			Instructions: t.Instructions})
	}
	return printout.PrescriptionPage(page), nil
}
