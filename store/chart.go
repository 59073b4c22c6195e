package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// MedicalHistory is one past or present condition in a patient's chart.
type MedicalHistory struct {
	ID             int64
	PatientID      int64
	Condition      string
	DiagnosedOn    time.Time // a calendar date; zero when not known
	Status         string    // one of HistoryStatuses
	Notes          string
	RecordedBy     int64 // the user who first recorded it; 0 when unknown
	RecordedByName string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Allergy is a substance the patient reacts to. The pharmacist sees these too, to
// check what they dispense.
type Allergy struct {
	ID             int64
	PatientID      int64
	Allergen       string
	Reaction       string
	Severity       string // one of AllergySeverities
	RecordedBy     int64
	RecordedByName string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// CurrentMedication is a medicine the patient takes, whoever prescribed it.
type CurrentMedication struct {
	ID             int64
	PatientID      int64
	Name           string
	Dosage         string
	Frequency      string
	StartedOn      time.Time // a calendar date; zero when not known
	EndedOn        time.Time // a calendar date; zero while the patient still takes it
	PrescribedBy   string    // free text: the prescriber may be outside the clinic
	RecordedBy     int64
	RecordedByName string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// HistoryStatuses are the values of medical_history.status.
var HistoryStatuses = []string{"active", "chronic", "resolved"}

// AllergySeverities are the values of allergies.severity, mildest first.
var AllergySeverities = []string{"mild", "moderate", "severe"}

// Chart is what a doctor sees of a patient: demographics and all medical data.
// Vitals holds the latest readings, newest first (at most ChartVitals).
type Chart struct {
	Patient
	History     []MedicalHistory
	Allergies   []Allergy
	Medications []CurrentMedication
	Vitals      []Vitals
	// Pregnancy is the pregnancy flag; zero when none is recorded.
	Pregnancy Pregnancy
}

// ChartVitals is how many vital-sign readings a chart carries.
const ChartVitals = 20

// chartListLimit bounds each of the chart's other lists; no real chart comes near it.
const chartListLimit = 200

// Chart reads a patient's whole chart in one snapshot. Only doctors may, and a user
// holding an unexpired emergency access grant for this patient (BreakGlass). The read is
// written to the access log (a reread within RereadWindow is the same access), and so is
// each refusal.
func (s *Store) Chart(ctx context.Context, actor Actor, patientID int64) (Chart, error) {
	defer s.timed("Chart")()
	emergency, err := s.allowChart(ctx, actor, patientID)
	if err != nil {
		return Chart{}, err
	}
	chart, err := s.readChart(ctx, patientID)
	if err != nil {
		return Chart{}, err
	}
	entry := accessEntry{action: string(ActReadChart), entity: "patients",
		entityID: patientID, patientID: patientID, allowed: true}
	if emergency {
		entry.reason = "emergency access"
	}
	s.logRead(ctx, actor, entry)
	return chart, nil
}

func (s *Store) readChart(ctx context.Context, patientID int64) (Chart, error) {
	ctx, err := unwatched(ctx) // six bounded reads
	if err != nil {
		return Chart{}, err
	}
	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Chart{}, translate(err)
	}
	defer tx.Rollback()
	var c Chart
	if c.Patient, err = patientByID(ctx, tx, patientID); err != nil {
		return Chart{}, err
	}
	if c.History, err = chartList(ctx, tx, historySelect+` WHERE h.patient_id = ?
		ORDER BY CASE h.status WHEN 'active' THEN 0 WHEN 'chronic' THEN 1 ELSE 2 END,
		h.diagnosed_on DESC, h.id DESC LIMIT ?`, scanHistory, patientID, chartListLimit); err != nil {
		return Chart{}, err
	}
	if c.Allergies, err = allergyList(ctx, tx, patientID); err != nil {
		return Chart{}, err
	}
	if c.Pregnancy, err = readPregnancy(ctx, tx, patientID); err != nil {
		return Chart{}, err
	}
	today := formatDate(s.now())
	if c.Medications, err = chartList(ctx, tx, medicationSelect+` WHERE m.patient_id = ?
		ORDER BY coalesce(m.ended_on >= ?, 1) DESC, m.started_on DESC, m.id DESC LIMIT ?`,
		scanMedication, patientID, today, chartListLimit); err != nil {
		return Chart{}, err
	}
	if c.Vitals, err = chartList(ctx, tx, vitalsSelect+` WHERE v.patient_id = ?
		ORDER BY v.recorded_at DESC, v.id DESC LIMIT ?`, scanVitals, patientID, ChartVitals); err != nil {
		return Chart{}, err
	}
	return c, nil
}

// Allergies lists a patient's allergies, most severe first: for the doctor writing a
// prescription and the pharmacist dispensing one. The read is written to the access log.
func (s *Store) Allergies(ctx context.Context, actor Actor, patientID int64) ([]Allergy, error) {
	defer s.timed("Allergies")()
	if err := s.allow(ctx, actor, ActReadPrescriptions); err != nil {
		return nil, err
	}
	allergies, err := s.readAllergies(ctx, patientID)
	if err != nil {
		return nil, err
	}
	s.logRead(ctx, actor, accessEntry{action: "read_allergies", entity: "allergies",
		patientID: patientID, allowed: true})
	return allergies, nil
}

// readAllergies reads a patient's allergies, or notFound when there is no such patient
// (an empty list would wrongly say "no known allergies").
func (s *Store) readAllergies(ctx context.Context, patientID int64) ([]Allergy, error) {
	ctx, err := unwatched(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback()
	if _, err := patientByID(ctx, tx, patientID); err != nil {
		return nil, err
	}
	return allergyList(ctx, tx, patientID)
}

func allergyList(ctx context.Context, q querier, patientID int64) ([]Allergy, error) {
	return chartList(ctx, q, allergySelect+` WHERE a.patient_id = ?
		ORDER BY CASE a.severity WHEN 'severe' THEN 0 WHEN 'moderate' THEN 1 ELSE 2 END,
		a.allergen COLLATE NOCASE, a.id LIMIT ?`, scanAllergy, patientID, chartListLimit)
}

const historySelect = `SELECT h.id, h.patient_id, h.condition, h.diagnosed_on, h.status, h.notes,
	h.recorded_by, coalesce(u.full_name, ''), h.created_at, h.updated_at
	FROM medical_history h LEFT JOIN users u ON u.id = h.recorded_by`

func scanHistory(row interface{ Scan(...any) error }) (MedicalHistory, error) {
	var h MedicalHistory
	var diagnosed sql.NullString
	var by sql.NullInt64
	var created, updated string
	if err := row.Scan(&h.ID, &h.PatientID, &h.Condition, &diagnosed, &h.Status, &h.Notes, &by,
		&h.RecordedByName, &created, &updated); err != nil {
		return MedicalHistory{}, err
	}
	h.DiagnosedOn = parseNullDate(diagnosed)
	h.RecordedBy = idOrZero(by)
	h.CreatedAt, h.UpdatedAt = parseTime(created), parseTime(updated)
	return h, nil
}

const allergySelect = `SELECT a.id, a.patient_id, a.allergen, a.reaction, a.severity,
	a.recorded_by, coalesce(u.full_name, ''), a.created_at, a.updated_at
	FROM allergies a LEFT JOIN users u ON u.id = a.recorded_by`

func scanAllergy(row interface{ Scan(...any) error }) (Allergy, error) {
	var a Allergy
	var by sql.NullInt64
	var created, updated string
	if err := row.Scan(&a.ID, &a.PatientID, &a.Allergen, &a.Reaction, &a.Severity, &by,
		&a.RecordedByName, &created, &updated); err != nil {
		return Allergy{}, err
	}
	a.RecordedBy = idOrZero(by)
	a.CreatedAt, a.UpdatedAt = parseTime(created), parseTime(updated)
	return a, nil
}

const medicationSelect = `SELECT m.id, m.patient_id, m.name, m.dosage, m.frequency, m.started_on,
	m.ended_on, m.prescribed_by, m.recorded_by, coalesce(u.full_name, ''), m.created_at, m.updated_at
	FROM current_medications m LEFT JOIN users u ON u.id = m.recorded_by`

func scanMedication(row interface{ Scan(...any) error }) (CurrentMedication, error) {
	var m CurrentMedication
	var started, ended sql.NullString
	var by sql.NullInt64
	var created, updated string
	if err := row.Scan(&m.ID, &m.PatientID, &m.Name, &m.Dosage, &m.Frequency, &started, &ended,
		&m.PrescribedBy, &by, &m.RecordedByName, &created, &updated); err != nil {
		return CurrentMedication{}, err
	}
	m.StartedOn, m.EndedOn = parseNullDate(started), parseNullDate(ended)
	m.RecordedBy = idOrZero(by)
	m.CreatedAt, m.UpdatedAt = parseTime(created), parseTime(updated)
	return m, nil
}

// chartList runs a query for chart rows and scans each with scan.
func chartList[T any](ctx context.Context, q querier, query string,
	scan func(interface{ Scan(...any) error }) (T, error), args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var list []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, translate(err)
		}
		list = append(list, v)
	}
	return list, translate(rows.Err())
}

// chartRecord reads one chart row by id (the query ends in "WHERE x.id = ?"); a
// missing row is notFound(what).
func chartRecord[T any](ctx context.Context, q querier, what, query string, id int64,
	scan func(interface{ Scan(...any) error }) (T, error)) (T, error) {
	v, err := scan(q.QueryRowContext(ctx, query, id))
	if errors.Is(err, sql.ErrNoRows) {
		return v, notFound(what)
	}
	return v, translate(err)
}

// parseNullDate reads an optional calendar date; NULL is the zero time.
func parseNullDate(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	d, _ := time.Parse(dateLayout, s.String)
	return d
}

// nullDate stores the zero time as NULL: "not known".
func nullDate(d time.Time) any {
	if d.IsZero() {
		return nil
	}
	return formatDate(d)
}
