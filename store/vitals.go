package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Measurements are one set of vital signs. Each is optional: nil means "not measured",
// which differs from any number. The limits (see validate) are the schema's: a value
// outside them is a typing error, not a patient.
type Measurements struct {
	HeightCm        *float64
	WeightKg        *float64
	Systolic        *int // mmHg; given together with Diastolic
	Diastolic       *int // mmHg
	Pulse           *int // beats per minute
	TemperatureC    *float64
	SpO2            *int // oxygen saturation, percent
	RespiratoryRate *int // breaths per minute
}

// BMI is weight / height² in kg/m², and false when height or weight was not measured.
func (m Measurements) BMI() (float64, bool) {
	if m.HeightCm == nil || m.WeightKg == nil {
		return 0, false
	}
	h := *m.HeightCm / 100
	return *m.WeightKg / (h * h), true
}

// Vitals is one recorded set of vital signs.
type Vitals struct {
	ID            int64
	PatientID     int64
	AppointmentID int64 // the visit they were taken at; 0 for none
	RecordedAt    time.Time
	Measurements
	RecordedBy     int64
	RecordedByName string
	CreatedAt      time.Time
}

// VitalsInput is the form for a set of vital signs. A zero RecordedAt means now; an
// AppointmentID (0 for none) must be one of the same patient's.
type VitalsInput struct {
	AppointmentID int64
	RecordedAt    time.Time
	Measurements
}

// validate checks each measurement against the schema's limits, naming the field.
func (m Measurements) validate() error {
	if m == (Measurements{}) {
		return invalid("vitals", "Enter at least one measurement.")
	}
	checks := []error{
		floatIn("height_cm", "Height", m.HeightCm, 30, 250, " cm"),
		floatIn("weight_kg", "Weight", m.WeightKg, 0.5, 400, " kg"),
		intIn("systolic_mmhg", "Systolic pressure", m.Systolic, 50, 260, " mmHg"),
		intIn("diastolic_mmhg", "Diastolic pressure", m.Diastolic, 30, 160, " mmHg"),
		intIn("pulse_bpm", "Pulse", m.Pulse, 20, 250, " beats per minute"),
		floatIn("temperature_c", "Temperature", m.TemperatureC, 30, 45, " °C"),
		intIn("spo2_percent", "SpO2", m.SpO2, 50, 100, "%"),
		intIn("respiratory_rate", "Respiratory rate", m.RespiratoryRate, 4, 60, " breaths per minute"),
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	switch {
	case m.Systolic != nil && m.Diastolic == nil:
		return invalid("diastolic_mmhg", "Enter the diastolic pressure with the systolic, or neither.")
	case m.Systolic == nil && m.Diastolic != nil:
		return invalid("systolic_mmhg", "Enter the systolic pressure with the diastolic, or neither.")
	case m.Systolic != nil && *m.Systolic <= *m.Diastolic:
		return invalid("systolic_mmhg", "Systolic pressure must be higher than diastolic pressure.")
	}
	return nil
}

// floatIn refuses a measured value outside [lo, hi] (and NaN, which no comparison admits).
func floatIn(field, label string, v *float64, lo, hi float64, unit string) error {
	if v != nil && !(*v >= lo && *v <= hi) {
		return invalid(field, fmt.Sprintf("%s must be between %g and %g%s.", label, lo, hi, unit))
	}
	return nil
}

func intIn(field, label string, v *int, lo, hi int, unit string) error {
	if v != nil && (*v < lo || *v > hi) {
		return invalid(field, fmt.Sprintf("%s must be between %d and %d%s.", label, lo, hi, unit))
	}
	return nil
}

// AddVitals records a set of vital signs for a patient and returns its id.
func (t *Tx) AddVitals(ctx context.Context, patientID int64, in VitalsInput) (int64, error) {
	if err := t.allow(ActWriteChart); err != nil {
		return 0, err
	}
	now := t.now()
	if in.RecordedAt.IsZero() {
		in.RecordedAt = now
	}
	if in.RecordedAt.After(now) {
		return 0, invalid("recorded_at", "Vitals cannot be recorded in the future.")
	}
	if err := in.Measurements.validate(); err != nil {
		return 0, err
	}
	if err := t.requirePatient(ctx, patientID); err != nil {
		return 0, err
	}
	if in.AppointmentID != 0 {
		var owner int64
		err := t.queryRow(ctx, `SELECT patient_id FROM appointments WHERE id = ?`, in.AppointmentID).Scan(&owner)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return 0, invalid("appointment_id", "No such appointment.")
		case err != nil:
			return 0, translate(err)
		case owner != patientID:
			return 0, invalid("appointment_id", "That appointment is another patient's.")
		}
	}
	m := in.Measurements
	return t.insert(ctx, `INSERT INTO vital_signs(patient_id, appointment_id, recorded_at, height_cm, weight_kg,
		systolic_mmhg, diastolic_mmhg, pulse_bpm, temperature_c, spo2_percent, respiratory_rate, recorded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		patientID, nullID(in.AppointmentID), formatTime(in.RecordedAt), m.HeightCm, m.WeightKg,
		m.Systolic, m.Diastolic, m.Pulse, m.TemperatureC, m.SpO2, m.RespiratoryRate, nullID(t.actor.ID))
}

// AddVitals records a set of vital signs and returns it as stored.
func (s *Store) AddVitals(ctx context.Context, actor Actor, patientID int64, in VitalsInput) (Vitals, error) {
	defer s.timed("AddVitals")()
	id, err := s.addChartRow(ctx, actor, func(tx *Tx) (int64, error) { return tx.AddVitals(ctx, patientID, in) })
	if err != nil {
		return Vitals{}, err
	}
	return chartRecord(ctx, s.readers, "vital signs", vitalsSelect+` WHERE v.id = ?`, id, scanVitals)
}

const vitalsSelect = `SELECT v.id, v.patient_id, v.appointment_id, v.recorded_at, v.height_cm, v.weight_kg,
	v.systolic_mmhg, v.diastolic_mmhg, v.pulse_bpm, v.temperature_c, v.spo2_percent, v.respiratory_rate,
	v.recorded_by, coalesce(u.full_name, ''), v.created_at
	FROM vital_signs v LEFT JOIN users u ON u.id = v.recorded_by`

func scanVitals(row interface{ Scan(...any) error }) (Vitals, error) {
	var v Vitals
	var appointment, by sql.NullInt64
	var height, weight, temperature sql.NullFloat64
	var systolic, diastolic, pulse, spo2, respiratory sql.NullInt64
	var recorded, created string
	if err := row.Scan(&v.ID, &v.PatientID, &appointment, &recorded, &height, &weight, &systolic, &diastolic,
		&pulse, &temperature, &spo2, &respiratory, &by, &v.RecordedByName, &created); err != nil {
		return Vitals{}, err
	}
	v.AppointmentID, v.RecordedBy = idOrZero(appointment), idOrZero(by)
	v.RecordedAt, v.CreatedAt = parseTime(recorded), parseTime(created)
	v.Measurements = Measurements{
		HeightCm: floatOrNil(height), WeightKg: floatOrNil(weight),
		Systolic: intOrNil(systolic), Diastolic: intOrNil(diastolic), Pulse: intOrNil(pulse),
		TemperatureC: floatOrNil(temperature), SpO2: intOrNil(spo2), RespiratoryRate: intOrNil(respiratory),
	}
	return v, nil
}

func floatOrNil(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}

func intOrNil(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}
