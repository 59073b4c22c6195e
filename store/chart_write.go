package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// HistoryInput is the form for a condition in the medical history. An empty Status
// means "active".
type HistoryInput struct {
	Condition   string
	DiagnosedOn time.Time // zero when not known
	Status      string
	Notes       string
}

// AllergyInput is the form for an allergy.
type AllergyInput struct {
	Allergen string
	Reaction string
	Severity string
}

// CurrentMedicationInput is the form for a medication the patient already takes.
type CurrentMedicationInput struct {
	Name         string
	Dosage       string
	Frequency    string
	StartedOn    time.Time // zero when not known
	EndedOn      time.Time // zero while still taken; may be a planned end in the future
	PrescribedBy string
}

func (in *HistoryInput) validate(now time.Time) error {
	in.Condition = collapseSpaces(in.Condition)
	in.Status = strings.ToLower(strings.TrimSpace(in.Status))
	in.Notes = strings.TrimSpace(in.Notes)
	if in.Status == "" {
		in.Status = "active"
	}
	if err := checkRequired("condition", "Condition", in.Condition, 200); err != nil {
		return err
	}
	if !in.DiagnosedOn.IsZero() {
		if err := checkPastDate("diagnosed_on", "Diagnosis date", in.DiagnosedOn, now); err != nil {
			return err
		}
	}
	if !oneOf(in.Status, HistoryStatuses) {
		return invalid("status", "Status must be one of active, chronic or resolved.")
	}
	return checkMaxLength("notes", "Notes", in.Notes, 2000)
}

func (in *AllergyInput) validate() error {
	in.Allergen = collapseSpaces(in.Allergen)
	in.Reaction = strings.TrimSpace(in.Reaction)
	in.Severity = strings.ToLower(strings.TrimSpace(in.Severity))
	if err := checkRequired("allergen", "Allergen", in.Allergen, 120); err != nil {
		return err
	}
	if err := checkMaxLength("reaction", "Reaction", in.Reaction, 500); err != nil {
		return err
	}
	if !oneOf(in.Severity, AllergySeverities) {
		return invalid("severity", "Severity must be one of mild, moderate or severe.")
	}
	return nil
}

func (in *CurrentMedicationInput) validate(now time.Time) error {
	in.Name = collapseSpaces(in.Name)
	in.Dosage = collapseSpaces(in.Dosage)
	in.Frequency = collapseSpaces(in.Frequency)
	in.PrescribedBy = collapseSpaces(in.PrescribedBy)
	if err := checkRequired("name", "Medication name", in.Name, 200); err != nil {
		return err
	}
	if err := checkMaxLength("dosage", "Dosage", in.Dosage, 100); err != nil {
		return err
	}
	if err := checkMaxLength("frequency", "Frequency", in.Frequency, 100); err != nil {
		return err
	}
	if err := checkMaxLength("prescribed_by", "Prescribed by", in.PrescribedBy, 120); err != nil {
		return err
	}
	if !in.StartedOn.IsZero() {
		if err := checkPastDate("started_on", "Start date", in.StartedOn, now); err != nil {
			return err
		}
	}
	if !in.EndedOn.IsZero() {
		if formatDate(in.EndedOn) < earliestDate {
			return invalid("ended_on", "End date must be in 1900 or later.")
		}
		if !in.StartedOn.IsZero() && formatDate(in.EndedOn) < formatDate(in.StartedOn) {
			return invalid("ended_on", "End date cannot be before the start date.")
		}
	}
	return nil
}

// requirePatient refuses chart data for a patient who does not exist, in words rather
// than as a broken reference.
func (t *Tx) requirePatient(ctx context.Context, patientID int64) error {
	var one int
	err := t.queryRow(ctx, `SELECT 1 FROM patients WHERE id = ?`, patientID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("patient")
	}
	return translate(err)
}

// AddHistory records a condition in the patient's history and returns its id.
func (t *Tx) AddHistory(ctx context.Context, patientID int64, in HistoryInput) (int64, error) {
	if err := t.allow(ActWriteChart); err != nil {
		return 0, err
	}
	if err := in.validate(t.now()); err != nil {
		return 0, err
	}
	if err := t.requirePatient(ctx, patientID); err != nil {
		return 0, err
	}
	return t.insert(ctx, `INSERT INTO medical_history(patient_id, condition, diagnosed_on, status, notes, recorded_by)
		VALUES (?, ?, ?, ?, ?, ?)`, patientID, in.Condition, nullDate(in.DiagnosedOn), in.Status, in.Notes,
		nullID(t.actor.ID))
}

// UpdateHistory replaces a history entry's content (a resolved condition is marked so,
// not deleted).
func (t *Tx) UpdateHistory(ctx context.Context, id int64, in HistoryInput) error {
	if err := t.allow(ActWriteChart); err != nil {
		return err
	}
	if err := in.validate(t.now()); err != nil {
		return err
	}
	return t.updateRow(ctx, "history entry", `UPDATE medical_history SET condition = ?, diagnosed_on = ?,
		status = ?, notes = ? WHERE id = ?`, in.Condition, nullDate(in.DiagnosedOn), in.Status, in.Notes, id)
}

// AddAllergy records an allergy and returns its id.
func (t *Tx) AddAllergy(ctx context.Context, patientID int64, in AllergyInput) (int64, error) {
	if err := t.allow(ActWriteChart); err != nil {
		return 0, err
	}
	if err := in.validate(); err != nil {
		return 0, err
	}
	if err := t.requirePatient(ctx, patientID); err != nil {
		return 0, err
	}
	return t.insert(ctx, `INSERT INTO allergies(patient_id, allergen, reaction, severity, recorded_by)
		VALUES (?, ?, ?, ?, ?)`, patientID, in.Allergen, in.Reaction, in.Severity, nullID(t.actor.ID))
}

// UpdateAllergy replaces an allergy's content.
func (t *Tx) UpdateAllergy(ctx context.Context, id int64, in AllergyInput) error {
	if err := t.allow(ActWriteChart); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	return t.updateRow(ctx, "allergy", `UPDATE allergies SET allergen = ?, reaction = ?, severity = ?
		WHERE id = ?`, in.Allergen, in.Reaction, in.Severity, id)
}

// AddCurrentMedication records a medication the patient takes and returns its id.
func (t *Tx) AddCurrentMedication(ctx context.Context, patientID int64, in CurrentMedicationInput) (int64, error) {
	if err := t.allow(ActWriteChart); err != nil {
		return 0, err
	}
	if err := in.validate(t.now()); err != nil {
		return 0, err
	}
	if err := t.requirePatient(ctx, patientID); err != nil {
		return 0, err
	}
	return t.insert(ctx, `INSERT INTO current_medications(patient_id, name, dosage, frequency, started_on,
		ended_on, prescribed_by, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		patientID, in.Name, in.Dosage, in.Frequency, nullDate(in.StartedOn), nullDate(in.EndedOn),
		in.PrescribedBy, nullID(t.actor.ID))
}

// UpdateCurrentMedication replaces a medication's content; setting EndedOn marks it stopped.
func (t *Tx) UpdateCurrentMedication(ctx context.Context, id int64, in CurrentMedicationInput) error {
	if err := t.allow(ActWriteChart); err != nil {
		return err
	}
	if err := in.validate(t.now()); err != nil {
		return err
	}
	return t.updateRow(ctx, "medication", `UPDATE current_medications SET name = ?, dosage = ?,
		frequency = ?, started_on = ?, ended_on = ?, prescribed_by = ? WHERE id = ?`,
		in.Name, in.Dosage, in.Frequency, nullDate(in.StartedOn), nullDate(in.EndedOn), in.PrescribedBy, id)
}

// AddHistory records a condition and returns the stored entry.
func (s *Store) AddHistory(ctx context.Context, actor Actor, patientID int64, in HistoryInput) (MedicalHistory, error) {
	defer s.timed("AddHistory")()
	id, err := s.addChartRow(ctx, actor, func(tx *Tx) (int64, error) { return tx.AddHistory(ctx, patientID, in) })
	if err != nil {
		return MedicalHistory{}, err
	}
	return s.historyEntry(ctx, id)
}

// UpdateHistory edits a history entry and returns it as stored.
func (s *Store) UpdateHistory(ctx context.Context, actor Actor, id int64, in HistoryInput) (MedicalHistory, error) {
	defer s.timed("UpdateHistory")()
	if err := s.write(ctx, actor, func(tx *Tx) error { return tx.UpdateHistory(ctx, id, in) }); err != nil {
		return MedicalHistory{}, err
	}
	return s.historyEntry(ctx, id)
}

// AddAllergy records an allergy and returns it as stored.
func (s *Store) AddAllergy(ctx context.Context, actor Actor, patientID int64, in AllergyInput) (Allergy, error) {
	defer s.timed("AddAllergy")()
	id, err := s.addChartRow(ctx, actor, func(tx *Tx) (int64, error) { return tx.AddAllergy(ctx, patientID, in) })
	if err != nil {
		return Allergy{}, err
	}
	return s.allergy(ctx, id)
}

// UpdateAllergy edits an allergy and returns it as stored.
func (s *Store) UpdateAllergy(ctx context.Context, actor Actor, id int64, in AllergyInput) (Allergy, error) {
	defer s.timed("UpdateAllergy")()
	if err := s.write(ctx, actor, func(tx *Tx) error { return tx.UpdateAllergy(ctx, id, in) }); err != nil {
		return Allergy{}, err
	}
	return s.allergy(ctx, id)
}

// AddCurrentMedication records a medication and returns it as stored.
func (s *Store) AddCurrentMedication(ctx context.Context, actor Actor, patientID int64, in CurrentMedicationInput) (CurrentMedication, error) {
	defer s.timed("AddCurrentMedication")()
	id, err := s.addChartRow(ctx, actor, func(tx *Tx) (int64, error) { return tx.AddCurrentMedication(ctx, patientID, in) })
	if err != nil {
		return CurrentMedication{}, err
	}
	return s.medication(ctx, id)
}

// UpdateCurrentMedication edits a medication and returns it as stored.
func (s *Store) UpdateCurrentMedication(ctx context.Context, actor Actor, id int64, in CurrentMedicationInput) (CurrentMedication, error) {
	defer s.timed("UpdateCurrentMedication")()
	if err := s.write(ctx, actor, func(tx *Tx) error { return tx.UpdateCurrentMedication(ctx, id, in) }); err != nil {
		return CurrentMedication{}, err
	}
	return s.medication(ctx, id)
}

// addChartRow runs one Tx insert in its own write and returns the new id.
func (s *Store) addChartRow(ctx context.Context, actor Actor, add func(*Tx) (int64, error)) (int64, error) {
	var id int64
	err := s.write(ctx, actor, func(tx *Tx) error {
		var err error
		id, err = add(tx)
		return err
	})
	return id, err
}

func (s *Store) historyEntry(ctx context.Context, id int64) (MedicalHistory, error) {
	return chartRecord(ctx, s.readers, "history entry", historySelect+` WHERE h.id = ?`, id, scanHistory)
}

func (s *Store) allergy(ctx context.Context, id int64) (Allergy, error) {
	return chartRecord(ctx, s.readers, "allergy", allergySelect+` WHERE a.id = ?`, id, scanAllergy)
}

func (s *Store) medication(ctx context.Context, id int64) (CurrentMedication, error) {
	return chartRecord(ctx, s.readers, "medication", medicationSelect+` WHERE m.id = ?`, id, scanMedication)
}
