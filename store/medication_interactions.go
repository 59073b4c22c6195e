package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
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
}

// NeedsOverride reports whether the line may be prescribed only with a reason: a
// severe interaction.
func (w LineWarning) NeedsOverride() bool {
	return w.Kind == WarnInteraction && w.Severity == drugs.Severe
}

// String is the warning in one sentence or two, for screens and refusals.
func (w LineWarning) String() string {
	if w.Kind == WarnUnchecked {
		return "Not recognised: not checked for allergies or interactions. Choose a catalogue item, or confirm it with a reason."
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

// LineWarnings checks lines, about to be prescribed or dispensed together, against
// each other and against the patient's other medications, and returns for each line
// in order: "not checked" when the drug table does not recognise it, then its
// interactions (with the other lines first, then with others), severe first within each.
func LineWarnings(others []OtherMedication, lines ...MedicationLine) [][]LineWarning {
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
	return out
}

// OtherMedications lists what a patient already takes, for LineWarnings: the current
// medications not ended before today, and the lines of the patient's prescriptions
// that are submitted or being dispensed, except the prescription exceptID (0 for
// none). The read is written to the access log.
func (s *Store) OtherMedications(ctx context.Context, actor Actor, patientID, exceptID int64) ([]OtherMedication, error) {
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
	s.logAccess(ctx, actor, accessEntry{action: "read_medications", entity: "current_medications",
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
