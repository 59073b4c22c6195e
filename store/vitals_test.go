package store

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// measured makes an optional measurement: measured(72) for "pulse 72".
func measured[T any](v T) *T { return &v }

// vitalsBoundaries are the schema's limits and one step outside each, with the field
// that validation names ("" when the reading is accepted).
var vitalsBoundaries = []struct {
	name  string
	m     Measurements
	field string
}{
	{"height 29.9", Measurements{HeightCm: measured(29.9)}, "height_cm"},
	{"height 30", Measurements{HeightCm: measured(30.0)}, ""},
	{"height 250", Measurements{HeightCm: measured(250.0)}, ""},
	{"height 250.1", Measurements{HeightCm: measured(250.1)}, "height_cm"},
	{"weight 0.49", Measurements{WeightKg: measured(0.49)}, "weight_kg"},
	{"weight 0.5", Measurements{WeightKg: measured(0.5)}, ""},
	{"weight 400", Measurements{WeightKg: measured(400.0)}, ""},
	{"weight 400.1", Measurements{WeightKg: measured(400.1)}, "weight_kg"},
	{"systolic 49", Measurements{Systolic: measured(49), Diastolic: measured(30)}, "systolic_mmhg"},
	{"systolic 50", Measurements{Systolic: measured(50), Diastolic: measured(30)}, ""},
	{"systolic 260", Measurements{Systolic: measured(260), Diastolic: measured(100)}, ""},
	{"systolic 261", Measurements{Systolic: measured(261), Diastolic: measured(100)}, "systolic_mmhg"},
	{"diastolic 29", Measurements{Systolic: measured(100), Diastolic: measured(29)}, "diastolic_mmhg"},
	{"diastolic 30", Measurements{Systolic: measured(100), Diastolic: measured(30)}, ""},
	{"diastolic 160", Measurements{Systolic: measured(200), Diastolic: measured(160)}, ""},
	{"diastolic 161", Measurements{Systolic: measured(200), Diastolic: measured(161)}, "diastolic_mmhg"},
	{"systolic alone", Measurements{Systolic: measured(120)}, "diastolic_mmhg"},
	{"diastolic alone", Measurements{Diastolic: measured(80)}, "systolic_mmhg"},
	{"systolic equals diastolic", Measurements{Systolic: measured(90), Diastolic: measured(90)}, "systolic_mmhg"},
	{"systolic below diastolic", Measurements{Systolic: measured(80), Diastolic: measured(120)}, "systolic_mmhg"},
	{"systolic just above diastolic", Measurements{Systolic: measured(91), Diastolic: measured(90)}, ""},
	{"pulse 19", Measurements{Pulse: measured(19)}, "pulse_bpm"},
	{"pulse 20", Measurements{Pulse: measured(20)}, ""},
	{"pulse 250", Measurements{Pulse: measured(250)}, ""},
	{"pulse 251", Measurements{Pulse: measured(251)}, "pulse_bpm"},
	{"temperature 29.9", Measurements{TemperatureC: measured(29.9)}, "temperature_c"},
	{"temperature 30", Measurements{TemperatureC: measured(30.0)}, ""},
	{"temperature 45", Measurements{TemperatureC: measured(45.0)}, ""},
	{"temperature 45.1", Measurements{TemperatureC: measured(45.1)}, "temperature_c"},
	{"temperature in Fahrenheit", Measurements{TemperatureC: measured(98.6)}, "temperature_c"},
	{"SpO2 49", Measurements{SpO2: measured(49)}, "spo2_percent"},
	{"SpO2 50", Measurements{SpO2: measured(50)}, ""},
	{"SpO2 100", Measurements{SpO2: measured(100)}, ""},
	{"SpO2 101", Measurements{SpO2: measured(101)}, "spo2_percent"},
	{"respiratory rate 3", Measurements{RespiratoryRate: measured(3)}, "respiratory_rate"},
	{"respiratory rate 4", Measurements{RespiratoryRate: measured(4)}, ""},
	{"respiratory rate 60", Measurements{RespiratoryRate: measured(60)}, ""},
	{"respiratory rate 61", Measurements{RespiratoryRate: measured(61)}, "respiratory_rate"},
	{"zero pulse is a reading, not a blank", Measurements{Pulse: measured(0)}, "pulse_bpm"},
	{"a full set", Measurements{HeightCm: measured(172.5), WeightKg: measured(70.2), Systolic: measured(120),
		Diastolic: measured(80), Pulse: measured(72), TemperatureC: measured(36.8), SpO2: measured(98),
		RespiratoryRate: measured(16)}, ""},
}

func TestVitalsValidation(t *testing.T) {
	t.Parallel()
	for _, c := range vitalsBoundaries {
		t.Run(c.name, func(t *testing.T) { wantField(t, c.m.validate(), c.field) })
	}
	wantField(t, Measurements{}.validate(), "vitals")
	wantField(t, Measurements{TemperatureC: measured(math.NaN())}.validate(), "temperature_c")
	wantField(t, Measurements{WeightKg: measured(math.Inf(1))}.validate(), "weight_kg")
}

func TestVitalsMessages(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		m    Measurements
		want string
	}{
		{Measurements{Pulse: measured(300)}, "Pulse must be between 20 and 250 beats per minute."},
		{Measurements{HeightCm: measured(20.0)}, "Height must be between 30 and 250 cm."},
		{Measurements{WeightKg: measured(0.1)}, "Weight must be between 0.5 and 400 kg."},
		{Measurements{TemperatureC: measured(98.6)}, "Temperature must be between 30 and 45 °C."},
		{Measurements{SpO2: measured(40)}, "SpO2 must be between 50 and 100%."},
		{Measurements{RespiratoryRate: measured(80)}, "Respiratory rate must be between 4 and 60 breaths per minute."},
		{Measurements{Systolic: measured(300), Diastolic: measured(80)}, "Systolic pressure must be between 50 and 260 mmHg."},
		{Measurements{Systolic: measured(120), Diastolic: measured(20)}, "Diastolic pressure must be between 30 and 160 mmHg."},
	} {
		if err := c.m.validate(); err == nil || err.Error() != c.want {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

// TestVitalsChecksInSchema writes each boundary reading with raw SQL on the writer,
// bypassing validation: the schema's CHECKs accept and refuse exactly what validation
// does, and each refusal comes from the CHECK on the field validation names.
func TestVitalsChecksInSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk := registryStore(t)
	pid := regPatient(t, s, desk, patientForm("Asha", "Rao")).ID
	for _, c := range vitalsBoundaries {
		m := c.m
		_, err := s.writer.ExecContext(ctx, `INSERT INTO vital_signs(patient_id, height_cm, weight_kg,
			systolic_mmhg, diastolic_mmhg, pulse_bpm, temperature_c, spo2_percent, respiratory_rate)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, pid, m.HeightCm, m.WeightKg, m.Systolic, m.Diastolic, m.Pulse,
			m.TemperatureC, m.SpO2, m.RespiratoryRate)
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: the schema refuses a valid reading: %v", c.name, err)
		case c.field != "" && err == nil:
			t.Errorf("%s: the schema accepts what validation refuses", c.name)
		case c.field != "" && (!strings.Contains(err.Error(), "CHECK constraint failed") ||
			!strings.Contains(err.Error(), c.field) || !errors.Is(translate(err), ErrInvalid)):
			t.Errorf("%s: refused by another rule than %s's CHECK: %v", c.name, c.field, err)
		}
	}
}

func TestAddVitals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newChartClinic(t)
	s, doc, pid := c.s, c.doctor, c.patient.ID
	v, err := s.AddVitals(ctx, doc, pid, VitalsInput{Measurements: Measurements{
		HeightCm: measured(160.0), WeightKg: measured(64.0), Systolic: measured(118), Diastolic: measured(76)}})
	if err != nil {
		t.Fatal(err)
	}
	if !v.RecordedAt.Equal(registryNow) || v.RecordedBy != doc.ID || v.PatientID != pid || v.AppointmentID != 0 {
		t.Fatalf("stored %+v", v)
	}
	if *v.HeightCm != 160 || *v.WeightKg != 64 || *v.Systolic != 118 || *v.Diastolic != 76 ||
		v.Pulse != nil || v.TemperatureC != nil || v.SpO2 != nil || v.RespiratoryRate != nil {
		t.Fatalf("measurements %+v", v.Measurements)
	}
	if bmi, ok := v.BMI(); !ok || math.Abs(bmi-25) > 1e-9 {
		t.Fatalf("BMI %v %v", bmi, ok)
	}
	if _, ok := (Measurements{HeightCm: measured(160.0)}).BMI(); ok {
		t.Fatal("BMI without a weight")
	}

	earlier := registryNow.Add(-2 * time.Hour)
	if v, err := s.AddVitals(ctx, doc, pid, VitalsInput{RecordedAt: earlier, Measurements: Measurements{Pulse: measured(70)}}); err != nil ||
		!v.RecordedAt.Equal(earlier) {
		t.Fatalf("recorded earlier: %+v, %v", v, err)
	}
	_, err = s.AddVitals(ctx, doc, pid, VitalsInput{RecordedAt: registryNow.Add(time.Minute), Measurements: Measurements{Pulse: measured(70)}})
	wantField(t, err, "recorded_at")
	_, err = s.AddVitals(ctx, doc, pid, VitalsInput{})
	wantField(t, err, "vitals")
	_, err = s.AddVitals(ctx, doc, pid, VitalsInput{Measurements: Measurements{Pulse: measured(300)}})
	wantField(t, err, "pulse_bpm")
}

func TestAddVitalsAtAppointment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newChartClinic(t)
	s, doc := c.s, c.doctor
	other := regPatient(t, s, c.desk, patientForm("Ravi", "Kumar"))
	res, err := s.writer.ExecContext(ctx, `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at)
		SELECT ?, id, '2026-03-10T09:00:00Z', '2026-03-10T09:15:00Z' FROM doctors WHERE user_id = ?`,
		c.patient.ID, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	visit, _ := res.LastInsertId()
	form := VitalsInput{AppointmentID: visit, Measurements: Measurements{Pulse: measured(70)}}
	v, err := s.AddVitals(ctx, doc, c.patient.ID, form)
	if err != nil || v.AppointmentID != visit {
		t.Fatalf("vitals at the visit: %+v, %v", v, err)
	}
	_, err = s.AddVitals(ctx, doc, other.ID, form)
	wantField(t, err, "appointment_id")
	form.AppointmentID = 999
	_, err = s.AddVitals(ctx, doc, c.patient.ID, form)
	wantField(t, err, "appointment_id")
}
