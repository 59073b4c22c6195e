package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	count "github.com/clinicdesk/clinicdesk/internal/plural"
)

// WarningKind says what a medication line's warning (beside its allergy matches) is about.
type WarningKind string

// The kinds of LineWarning.
const (
	// WarnInteraction is a drug–drug interaction with another line, a current medication
	// or another active prescription.
	WarnInteraction WarningKind = "interaction"
	// WarnUnchecked is a line the drug table does not recognise, so that nothing could
	// be checked.
	WarnUnchecked WarningKind = "unchecked"
	// WarnDose is a daily dose above the usual adult maximum (drugs.CheckDose).
	WarnDose WarningKind = "dose"
	// WarnPaediatric is any line for a child (under 12 years or 40 kg): the dose needs
	// paediatric confirmation.
	WarnPaediatric WarningKind = "paediatric"
	// WarnPregnancy is a medicine to avoid while the patient is pregnant or
	// breastfeeding, as the chart's flag says (drugs.PregnancyCheck).
	WarnPregnancy WarningKind = "pregnancy"
)

// Where an OtherMedication comes from, when it is not another prescription.
const (
	FromThisPrescription  = "this prescription"
	FromCurrentMedication = "current medication"
)

// OtherMedication is a medicine the patient already has, which new lines are checked
// against: a current medication, or a line of another active prescription.
type OtherMedication struct {
	MedicationLine
	// From says where it comes from: FromCurrentMedication, or "prescription RX-…".
	From string
}

// LineWarning is a warning about one medication line, shown to the doctor and the
// pharmacist with its allergy matches.
type LineWarning struct {
	Kind WarningKind
	// Severity is drugs.Severe or drugs.Moderate for an interaction, "" otherwise.
	Severity string
	// With is the other medicine of an interaction, and From where it comes from.
	With, From string
	// Interaction is the table's rule, for an interaction.
	Interaction drugs.Rule
	// Dose is the daily dose against its maximum, for a dose warning.
	Dose drugs.DoseCheck
	// Child says why the patient counts as a child, for a paediatric warning.
	Child string
	// Pregnancy is the patient's flag and Avoid the table's rule, for a pregnancy warning.
	Pregnancy Pregnancy
	Avoid     drugs.PregnancyRule
}

// NeedsOverride reports whether the line may be prescribed only with a reason: a
// severe interaction.
func (w LineWarning) NeedsOverride() bool {
	return w.Kind == WarnInteraction && w.Severity == drugs.Severe
}

// String is the warning in one sentence or two, for screens and refusals.
func (w LineWarning) String() string {
	switch w.Kind {
	case WarnUnchecked:
		return "Not recognised: not checked for allergies or interactions. Choose a catalogue item, or confirm it with a reason."
	case WarnDose:
		return fmt.Sprintf("Dose above the usual adult maximum: %s a day as prescribed, maximum %s.",
			w.Dose.DailyText(), w.Dose.Max)
	case WarnPaediatric:
		return fmt.Sprintf("The patient is %s: the dose needs paediatric confirmation.", w.Child)
	case WarnPregnancy:
		return fmt.Sprintf("Patient %s: %s. %s. Source: %s.", w.Pregnancy, w.Avoid.Drug, w.Avoid.Advice, w.Avoid.Source)
	}
	r := w.Interaction
	s := fmt.Sprintf("%s interaction with %s (%s): %s + %s. %s. Source: %s.", capitalise(w.Severity), w.With, w.From,
		r.A, r.B, r.Advice, r.Source)
	if w.NeedsOverride() {
		s += " Needs a reasoned override."
	}
	return s
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// DosePatient is what a patient's doses are checked against beside the adult maximum.
type DosePatient struct {
	// Child says why the patient counts as a child, under 12 years or 40 kg: "9 years
	// old", "32 kg (2026-11-30)"; "" for an adult or a patient whose age and weight
	// say neither.
	Child string
	// Pregnancy is the chart's pregnancy flag; zero when none is recorded.
	Pregnancy Pregnancy
}

// LineWarnings checks lines, about to be prescribed or dispensed together, against
// each other, against the patient's other medications and for their dose, and returns
// for each line in order: "not checked" when the drug table does not recognise it,
// then its interactions (with the other lines first, then with others), severe first
// within each, then a daily dose above the usual adult maximum, then, for a child,
// that the dose needs paediatric confirmation, then, while the patient is flagged
// pregnant or breastfeeding, each rule of the pregnancy table the line meets.
func LineWarnings(patient DosePatient, others []OtherMedication, lines ...MedicationLine) [][]LineWarning {
	meds := make([]drugs.Medication, 0, len(lines)+len(others))
	for _, l := range lines {
		meds = append(meds, drugs.Medication{Name: l.Name, GenericName: l.GenericName, Class: l.DrugClass})
	}
	for _, o := range others {
		meds = append(meds, drugs.Medication{Name: o.Name, GenericName: o.GenericName, Class: o.DrugClass})
	}
	out := make([][]LineWarning, len(lines))
	for i := range lines {
		if !drugs.Identify(meds[i]).Known() {
			out[i] = append(out[i], LineWarning{Kind: WarnUnchecked})
		}
	}
	describe := func(j int) (string, string) {
		if j < len(lines) {
			return strings.TrimSpace(lines[j].Name), FromThisPrescription
		}
		o := others[j-len(lines)]
		return strings.TrimSpace(o.Name), o.From
	}
	for _, x := range drugs.Interactions(meds...) {
		if x.A >= len(lines) {
			continue // two of the patient's other medications: not this prescription's to warn about
		}
		w := LineWarning{Kind: WarnInteraction, Severity: x.Severity, Interaction: x.Rule}
		w.With, w.From = describe(x.B)
		out[x.A] = append(out[x.A], w)
		if x.B < len(lines) {
			w.With, w.From = describe(x.A)
			out[x.B] = append(out[x.B], w)
		}
	}
	for i, l := range lines {
		if d := drugs.CheckDose(meds[i], l.Strength, l.Dosage, l.Frequency); d.Above() {
			out[i] = append(out[i], LineWarning{Kind: WarnDose, Dose: d})
		}
		if patient.Child != "" {
			out[i] = append(out[i], LineWarning{Kind: WarnPaediatric, Child: patient.Child})
		}
		for _, r := range drugs.PregnancyCheck(meds[i], patient.Pregnancy.Status) {
			out[i] = append(out[i], LineWarning{Kind: WarnPregnancy, Pregnancy: patient.Pregnancy, Avoid: r})
		}
	}
	return out
}

// Paediatric limits: below either, a patient's doses need paediatric confirmation.
const (
	ChildAgeYears = 12
	ChildWeightKg = 40
)

// DosePatient reads what a patient's doses are checked against: the age at the
// store's clock (in the clinic's time zone) from the date of birth, the latest
// recorded weight, and the pregnancy flag. The read is written to the access log.
func (s *Store) DosePatient(ctx context.Context, actor Actor, patientID int64) (DosePatient, error) {
	defer s.timed("DosePatient")()
	if err := s.allow(ctx, actor, ActReadPrescriptions); err != nil {
		return DosePatient{}, err
	}
	out, err := dosePatient(ctx, s.readers, s.Now(), patientID)
	if err != nil {
		return DosePatient{}, err
	}
	s.logRead(ctx, actor, accessEntry{action: "read_dose_patient", entity: "vital_signs",
		patientID: patientID, allowed: true})
	return out, nil
}

// dosePatient reads what DosePatient returns.
func dosePatient(ctx context.Context, q querier, now time.Time, patientID int64) (DosePatient, error) {
	today, _, err := clinicToday(ctx, q, now)
	if err != nil {
		return DosePatient{}, err
	}
	var dob string
	var weight sql.NullFloat64
	var weighed sql.NullString
	err = q.QueryRowContext(ctx, `SELECT p.date_of_birth, v.weight_kg, substr(v.recorded_at, 1, 10)
		FROM patients p LEFT JOIN vital_signs v ON v.id = (SELECT id FROM vital_signs
			WHERE patient_id = p.id AND weight_kg IS NOT NULL ORDER BY recorded_at DESC, id DESC LIMIT 1)
		WHERE p.id = ?`, patientID).Scan(&dob, &weight, &weighed)
	if err == sql.ErrNoRows {
		return DosePatient{}, notFound("patient")
	}
	if err != nil {
		return DosePatient{}, translate(err)
	}
	var out DosePatient
	if out.Pregnancy, err = readPregnancy(ctx, q, patientID); err != nil {
		return DosePatient{}, err
	}
	if age := yearsBetween(dob, today); age >= 0 && age < ChildAgeYears {
		out.Child = count.N(age, "year old", "years old")
	} else if weight.Valid && weight.Float64 < ChildWeightKg {
		out.Child = fmt.Sprintf("%s kg (%s)", strconv.FormatFloat(weight.Float64, 'f', -1, 64), weighed.String)
	}
	return out, nil
}

// yearsBetween is the age in whole years on today of someone born on dob, both
// 'YYYY-MM-DD'; -1 when either is not a date.
func yearsBetween(dob, today string) int {
	b, err1 := time.Parse(time.DateOnly, dob)
	t, err2 := time.Parse(time.DateOnly, today)
	if err1 != nil || err2 != nil {
		return -1
	}
	years := t.Year() - b.Year()
	if t.Month() < b.Month() || (t.Month() == b.Month() && t.Day() < b.Day()) {
		years--
	}
	return years
}

// OtherMedications lists what a patient already takes, for LineWarnings: the current
// medications not ended before today, and the lines of the patient's prescriptions
// that are submitted or being dispensed, except the prescription exceptID (0 for
// none). The read is written to the access log.
func (s *Store) OtherMedications(ctx context.Context, actor Actor, patientID, exceptID int64) ([]OtherMedication, error) {
	defer s.timed("OtherMedications")()
	if err := s.allow(ctx, actor, ActReadPrescriptions); err != nil {
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
	out, err := otherMedications(ctx, tx, s.Now(), patientID, exceptID)
	if err != nil {
		return nil, err
	}
	s.logRead(ctx, actor, accessEntry{action: "read_medications", entity: "current_medications",
		patientID: patientID, allowed: true})
	return out, nil
}

// otherMedications reads what OtherMedications lists.
func otherMedications(ctx context.Context, q querier, now time.Time, patientID, exceptID int64) ([]OtherMedication, error) {
	today, _, err := clinicToday(ctx, q, now)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `
		SELECT name, '', '', '' FROM current_medications
		WHERE patient_id = ? AND (ended_on IS NULL OR ended_on >= ?)
		UNION ALL
		SELECT pm.name, pm.generic_name, coalesce(i.drug_class, ''), coalesce(p.prescription_code, '#' || p.id)
		FROM prescription_medications pm
		JOIN prescriptions p ON p.id = pm.prescription_id
		LEFT JOIN inventory_items i ON i.id = pm.inventory_item_id
		WHERE p.patient_id = ? AND p.status IN ('submitted', 'dispensing') AND p.id <> ?`,
		patientID, today, patientID, exceptID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []OtherMedication
	for rows.Next() {
		var o OtherMedication
		var code string
		if err := rows.Scan(&o.Name, &o.GenericName, &o.DrugClass, &code); err != nil {
			return nil, translate(err)
		}
		o.From = FromCurrentMedication
		if code != "" {
			o.From = "prescription " + code
		}
		out = append(out, o)
	}
	return out, translate(rows.Err())
}

// PrescriptionContext is what one line of rx is checked against by LineWarnings: rx's
// other lines (all but the medication exceptID; 0 for a line not yet added), as this
// prescription's, then others (OtherMedications, which leaves rx out).
func PrescriptionContext(rx Prescription, exceptID int64, others []OtherMedication) []OtherMedication {
	out := make([]OtherMedication, 0, len(rx.Medications)+len(others))
	for _, med := range rx.Medications {
		if med.ID != exceptID {
			out = append(out, OtherMedication{MedicationLine: DispensedLine(med, InventoryItem{}), From: FromThisPrescription})
		}
	}
	return append(out, others...)
}
