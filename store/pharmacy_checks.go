package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
)

// DispenseContext is what line exceptID of rx is checked against at the counter: rx's
// other lines, each as the item it is dispensed as (items, by medication id, else the
// item a free-text line was mapped to), as this prescription's, then others
// (OtherMedications, which leaves rx out).
func DispenseContext(rx Prescription, exceptID int64, items map[int64]InventoryItem, others []OtherMedication) []OtherMedication {
	out := make([]OtherMedication, 0, len(rx.Medications)+len(others))
	for _, med := range rx.Medications {
		if med.ID == exceptID {
			continue
		}
		item, ok := items[med.ID]
		if !ok {
			item = med.Review.Item()
		}
		out = append(out, OtherMedication{MedicationLine: DispensedLine(med, item), From: FromThisPrescription})
	}
	return append(out, others...)
}

// Unrecognised reports whether a prescription's line is free text that the drug table
// does not recognise, so that it was checked for neither allergies nor interactions.
func Unrecognised(med PrescribedMedication) bool {
	return med.InventoryItemID == 0 && !drugs.Identify(drugs.Medication{Name: med.Name, GenericName: med.GenericName}).Known()
}

// Unreviewed reports whether a prescription's line was written as free text that the
// drug table does not recognise and the pharmacist has neither mapped to a catalogue
// item nor confirmed: nothing of the prescription is handed over until they do.
func Unreviewed(med PrescribedMedication) bool { return med.Review == nil && Unrecognised(med) }

// unreviewedCount counts the unrecognised lines among a prescription's free-text lines
// not yet reviewed, read by the queue as a JSON array of [name, generic name] pairs: the
// drug table that recognises them is Go's, not the database's.
func unreviewedCount(freeText string) (int, error) {
	var lines [][2]string
	if err := json.Unmarshal([]byte(freeText), &lines); err != nil {
		return 0, fmt.Errorf("queue: free-text lines: %w", err)
	}
	n := 0
	for _, l := range lines {
		if Unrecognised(PrescribedMedication{Name: l[0], GenericName: l[1]}) {
			n++
		}
	}
	return n, nil
}

// counterItems reads the catalogue items a dispense's checks need, by id.
func counterItems(ctx context.Context, q querier, ids []int64) (map[int64]InventoryItem, error) {
	out := map[int64]InventoryItem{}
	for _, id := range ids {
		if id == 0 || out[id].ID != 0 {
			continue
		}
		it := InventoryItem{ID: id}
		err := q.QueryRowContext(ctx, `SELECT name, generic_name, drug_class, strength FROM inventory_items WHERE id = ?`,
			id).Scan(&it.Name, &it.GenericName, &it.DrugClass, &it.Strength)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, invalid("item", "Choose an item from the catalogue.")
		}
		if err != nil {
			return nil, translate(err)
		}
		out[id] = it
	}
	return out, nil
}

// dispenseWarnings works out the warnings of each line of in, as Dispense checks them:
// a prescription's line with the item it is dispensed as (its own, the one given, or
// the one its free-text medicine was mapped to), a sale's item when the sale names a
// patient; none for an anonymous sale. It returns the patient checked, 0 for none.
func dispenseWarnings(ctx context.Context, q querier, now time.Time, in DispenseInput) ([][]CounterWarning, int64, error) {
	out := make([][]CounterWarning, len(in.Lines))
	var rx Prescription
	patientID := in.PatientID
	if in.PrescriptionID != 0 {
		meds, err := prescribedMedications(ctx, q, `m.prescription_id = ?`, in.PrescriptionID)
		if err != nil {
			return nil, 0, err
		}
		if err := q.QueryRowContext(ctx, `SELECT patient_id FROM prescriptions WHERE id = ?`, in.PrescriptionID).
			Scan(&patientID); err != nil {
			return nil, 0, notFoundOr(err, "prescription")
		}
		rx = Prescription{ID: in.PrescriptionID, Medications: meds}
	}
	if patientID == 0 {
		return out, 0, nil
	}
	var c CounterContext
	var err error
	if c.Allergies, err = allergyList(ctx, q, patientID); err != nil {
		return nil, 0, err
	}
	if c.Patient, err = dosePatient(ctx, q, now, patientID); err != nil {
		return nil, 0, err
	}
	others, err := otherMedications(ctx, q, now, patientID, in.PrescriptionID)
	if err != nil {
		return nil, 0, err
	}
	ids := make([]int64, 0, len(in.Lines)+len(rx.Medications))
	for _, l := range in.Lines {
		ids = append(ids, l.ItemID)
	}
	for _, m := range rx.Medications {
		ids = append(ids, m.InventoryItemID)
	}
	items, err := counterItems(ctx, q, ids)
	if err != nil {
		return nil, 0, err
	}
	if in.PrescriptionID == 0 {
		for i, l := range in.Lines {
			c.Others = slices.Clip(others)
			seen := map[int64]bool{l.ItemID: true}
			for _, o := range in.Lines {
				if !seen[o.ItemID] {
					seen[o.ItemID] = true
					c.Others = append(c.Others, OtherMedication{MedicationLine: ItemLine(items[o.ItemID]), From: FromThisSale})
				}
			}
			out[i] = CounterWarnings(c, ItemLine(items[l.ItemID]), nil)
		}
		return out, patientID, nil
	}
	c.Overrides = PrescriptionOverrides(rx)
	lineItems := map[int64]InventoryItem{}
	for _, m := range rx.Medications {
		if m.InventoryItemID != 0 {
			lineItems[m.ID] = items[m.InventoryItemID]
		}
	}
	for _, l := range in.Lines {
		if l.ItemID != 0 {
			lineItems[l.PrescriptionMedicationID] = items[l.ItemID]
		}
	}
	for i, l := range in.Lines {
		med := medicationByID(rx, l.PrescriptionMedicationID)
		if med == nil {
			return nil, 0, invalid("prescription_medication_id", "That line is not on the prescription.")
		}
		item, ok := lineItems[med.ID]
		if !ok {
			item = med.Review.Item()
		}
		c.Others = DispenseContext(rx, med.ID, lineItems, others)
		out[i] = CounterWarnings(c, DispensedLine(*med, item), med)
	}
	return out, patientID, nil
}

func medicationByID(rx Prescription, id int64) *PrescribedMedication {
	for i := range rx.Medications {
		if rx.Medications[i].ID == id {
			return &rx.Medications[i]
		}
	}
	return nil
}

// DispenseWarnings returns the warnings of each line of a dispense, in order, exactly
// as Dispense checks them: a screen shows them and gathers the pharmacist's
// acknowledgements (Acknowledgement, on each DispenseLine) before dispensing. A line
// needs no quantity here, and a prescription's free-text line no item. The read is
// written to the access log.
func (s *Store) DispenseWarnings(ctx context.Context, actor Actor, in DispenseInput) ([][]CounterWarning, error) {
	if err := s.allow(ctx, actor, ActDispense); err != nil {
		return nil, err
	}
	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback()
	if in.PatientID != 0 {
		if _, err := patientByID(ctx, tx, in.PatientID); err != nil {
			return nil, err
		}
	}
	out, patientID, err := dispenseWarnings(ctx, tx, s.Now(), in)
	if err != nil {
		return nil, err
	}
	if patientID != 0 {
		s.logRead(ctx, actor, accessEntry{action: "read_dispense_warnings", entity: "allergies",
			patientID: patientID, allowed: true})
	}
	return out, nil
}

// DispenseWarnings returns the warnings of each line of a dispense as Dispense checks
// them, inside the transaction (for a batch of dispenses, such as the demo's).
func (t *Tx) DispenseWarnings(ctx context.Context, in DispenseInput) ([][]CounterWarning, error) {
	if err := t.allow(ActDispense); err != nil {
		return nil, err
	}
	out, _, err := dispenseWarnings(ctx, t.q(), t.now(), in)
	return out, err
}

// checkAcknowledged refuses a dispense that hands over a line with a blocking warning
// the pharmacist has not acknowledged (or without the note it needs), and returns the
// warnings, for the acknowledgements to be recorded.
func (t *Tx) checkAcknowledged(ctx context.Context, in DispenseInput) ([][]CounterWarning, error) {
	warnings, _, err := dispenseWarnings(ctx, t.q(), t.now(), in)
	if err != nil {
		return nil, err
	}
	for i, ws := range warnings {
		w, noteMissing, ok := Unacknowledged(ws, in.Lines[i].Acknowledgements)
		if !ok {
			continue
		}
		name, err := t.itemName(ctx, in.Lines[i].ItemID)
		if err != nil {
			return nil, err
		}
		if noteMissing {
			return nil, invalid("acknowledgements", fmt.Sprintf("%s: %s No doctor's override covers it: say why it is handed over anyway.",
				name, w.Text))
		}
		return nil, invalid("acknowledgements", fmt.Sprintf("%s: %s Read and acknowledge it before handing it over.", name, w.Text))
	}
	return warnings, nil
}

func (t *Tx) itemName(ctx context.Context, id int64) (string, error) {
	var name string
	err := t.queryRow(ctx, `SELECT name FROM inventory_items WHERE id = ?`, id).Scan(&name)
	return name, notFoundOr(err, "inventory item")
}

// recordAcknowledgements writes each warning of a line the pharmacist acknowledged, with
// the doctor's override that covers it and the pharmacist's note.
func (t *Tx) recordAcknowledgements(ctx context.Context, fulfilmentID, pharmacistID int64, lines []DispenseLine,
	warnings [][]CounterWarning) error {
	now := formatTime(t.now())
	for i, l := range lines {
		for _, w := range warnings[i] {
			j := slices.IndexFunc(l.Acknowledgements, func(a Acknowledgement) bool { return a.Key == w.Key })
			if j < 0 {
				continue
			}
			var note, override any
			if n := strings.TrimSpace(l.Acknowledgements[j].Note); n != "" {
				note = n
			}
			if w.Override != "" {
				override = w.Override
			}
			if _, err := t.exec(ctx, `INSERT INTO dispense_acknowledgements(fulfillment_id, prescription_medication_id,
				inventory_item_id, kind, severity, warning_key, warning, doctor_override, note, pharmacist_id, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, fulfilmentID, nullID(l.PrescriptionMedicationID), l.ItemID,
				string(w.Kind), w.Severity, w.Key, w.Text, override, note, pharmacistID, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkReviewed refuses to hand over anything of a prescription while one of its lines
// is free text the drug table does not recognise and the pharmacist has not reviewed:
// what is handed over could not be checked against it.
func checkReviewed(rx *dispenseRx) error {
	ids := make([]int64, 0, len(rx.meds))
	for id := range rx.meds {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if m := rx.meds[id]; Unreviewed(*m) {
			return invalid("free_text", fmt.Sprintf("%s on %s is written as free text the drug table does not recognise, "+
				"so nothing was checked against it: choose the catalogue item it is, or confirm it with a reason.",
				m.Name, rx.code))
		}
	}
	return nil
}
