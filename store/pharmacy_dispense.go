package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DispenseInput is one visit to the pharmacy counter: lines of a prescription
// (PrescriptionID set), or a walk-in sale of over-the-counter items (PrescriptionID 0,
// PatientID optional). Payment, when given, is taken in the same transaction.
type DispenseInput struct {
	PrescriptionID int64
	PatientID      int64
	Lines          []DispenseLine
	Payment        *SalePayment
}

// DispenseLine is a quantity of one item to hand over. ItemID may be 0 for a prescribed
// medication linked to the catalogue. BatchID 0 takes stock first-expiry-first-out
// from unexpired batches, across several when one is not enough (see PlanLine).
type DispenseLine struct {
	PrescriptionMedicationID int64 // 0 for a walk-in sale
	ItemID                   int64
	BatchID                  int64
	Quantity                 int
	// Acknowledgements are the pharmacist's, of the line's warnings (DispenseWarnings):
	// each blocking one must be acknowledged, with a note when no doctor's override
	// covers it. They are recorded with the dispense.
	Acknowledgements []Acknowledgement
}

// dispenseRx is the prescription a dispense works on.
type dispenseRx struct {
	id, patientID, doctorUser int64
	code, patientName         string
	status                    PrescriptionStatus
	validUntil                time.Time
	meds                      map[int64]*PrescribedMedication
}

// Dispense hands over the lines in one transaction: all of them or none. For a
// prescription it creates its fulfilment or continues it; each line writes fulfilment
// items and 'dispense' movements in the ledger, so a concurrent over-dispense fails on
// the schema's stock rule and is never clamped, and an expired batch is never used.
// Handing over less than prescribed leaves the fulfilment partial and the prescription
// on the queue (dispensing); once every stocked medication is wholly dispensed both are
// fulfilled and the doctor is notified. Medicines prescribed as free text do not hold
// a prescription open: the pharmacy may dispense a chosen item for them while it is
// open; the item chosen for one is recorded as its mapping (ReviewFreeText). Nothing
// of a prescription is handed over while one of its free-text lines is unrecognised
// and unreviewed, nor any line (of a prescription, or of a sale to a named patient)
// with a blocking warning the pharmacist has not acknowledged (DispenseWarnings); the
// acknowledgements are recorded with it. A walk-in sale may only sell over-the-counter
// items. It returns the fulfilment's id.
func (t *Tx) Dispense(ctx context.Context, in DispenseInput) (int64, error) {
	if err := t.allow(ActDispense); err != nil {
		return 0, err
	}
	pharmacistID, err := t.pharmacistID(ctx)
	if err != nil {
		return 0, err
	}
	if len(in.Lines) == 0 {
		return 0, invalid("lines", "Choose at least one item to dispense.")
	}
	var rx *dispenseRx
	if in.PrescriptionID != 0 {
		if rx, err = t.dispensableRx(ctx, in.PrescriptionID); err != nil {
			return 0, err
		}
	}
	lines, err := t.checkLines(ctx, rx, in.Lines)
	if err != nil {
		return 0, err
	}
	if rx != nil {
		if err := t.mapChosenItems(ctx, rx, lines, pharmacistID); err != nil {
			return 0, err
		}
		if err := checkReviewed(rx); err != nil {
			return 0, err
		}
	}
	if rx == nil && in.PatientID != 0 {
		if _, err := patientByID(ctx, t.q(), in.PatientID); errors.Is(err, ErrNotFound) {
			return 0, invalid("patient_id", "That patient does not exist.")
		} else if err != nil {
			return 0, err
		}
	}
	checked := DispenseInput{PrescriptionID: in.PrescriptionID, PatientID: in.PatientID, Lines: lines}
	warnings, err := t.checkAcknowledged(ctx, checked)
	if err != nil {
		return 0, err
	}
	fulfilmentID, err := t.openFulfilment(ctx, rx, in.PatientID, pharmacistID)
	if err != nil {
		return 0, err
	}
	if err := t.recordAcknowledgements(ctx, fulfilmentID, pharmacistID, lines, warnings); err != nil {
		return 0, err
	}
	today, _, err := clinicToday(ctx, t.q(), t.now())
	if err != nil {
		return 0, err
	}
	reason := "Walk-in sale"
	if rx != nil {
		reason = "Dispensed for " + rx.code
	}
	for _, l := range lines {
		plan, err := t.planFor(ctx, l, today)
		if err != nil {
			return 0, err
		}
		for _, take := range plan.Takes {
			if err := t.dispenseFrom(ctx, fulfilmentID, l, take, reason); err != nil {
				return 0, err
			}
		}
	}
	if err := t.settleFulfilment(ctx, fulfilmentID, rx); err != nil {
		return 0, err
	}
	if in.Payment != nil {
		if err := t.applyPayment(ctx, fulfilmentID, *in.Payment); err != nil {
			return 0, err
		}
	}
	return fulfilmentID, nil
}

func (t *Tx) pharmacistID(ctx context.Context) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM pharmacists WHERE user_id = ?`, t.actor.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, invalid("pharmacist", "Dispensing needs a pharmacist's account with a licence on record.")
	}
	return id, translate(err)
}

func (t *Tx) dispensableRx(ctx context.Context, id int64) (*dispenseRx, error) {
	rx := &dispenseRx{id: id}
	var status string
	var validUntil sql.NullString
	err := t.queryRow(ctx, `SELECT coalesce(r.prescription_code, ''), r.status, r.patient_id,
		p.first_name || ' ' || p.last_name, d.user_id, r.valid_until
		FROM prescriptions r JOIN patients p ON p.id = r.patient_id JOIN doctors d ON d.id = r.doctor_id
		WHERE r.id = ?`, id).Scan(&rx.code, &status, &rx.patientID, &rx.patientName, &rx.doctorUser, &validUntil)
	if err != nil {
		return nil, notFoundOr(err, "prescription")
	}
	rx.status, rx.validUntil = PrescriptionStatus(status), parseNullTime(validUntil)
	switch rx.status {
	case PrescriptionSubmitted, PrescriptionDispensing:
	case PrescriptionDraft:
		return nil, notFound("prescription")
	default:
		return nil, &ConflictError{Rule: "status_flow", Message: fmt.Sprintf("%s is %s; nothing more can be dispensed for it.",
			rx.code, rx.status)}
	}
	if !rx.validUntil.IsZero() && t.now().After(rx.validUntil) {
		_, loc, err := clinicToday(ctx, t.q(), t.now())
		if err != nil {
			return nil, err
		}
		return nil, &ConflictError{Rule: "prescription_expired", Message: fmt.Sprintf(
			"%s expired on %s; it cannot be dispensed. The doctor must write a new prescription.",
			rx.code, rx.validUntil.In(loc).Format("2 Jan 2006 15:04"))}
	}
	meds, err := prescribedMedications(ctx, t.q(), `m.prescription_id = ?`, id)
	if err != nil {
		return nil, err
	}
	rx.meds = make(map[int64]*PrescribedMedication, len(meds))
	for i := range meds {
		rx.meds[meds[i].ID] = &meds[i]
	}
	return rx, nil
}

// checkLines validates every line before anything is written and fills in each line's
// item. A prescription's line may not exceed what is still to dispense; a walk-in line
// must be an over-the-counter item.
func (t *Tx) checkLines(ctx context.Context, rx *dispenseRx, in []DispenseLine) ([]DispenseLine, error) {
	lines := make([]DispenseLine, len(in))
	asked := map[int64]int{}
	for i, l := range in {
		if l.Quantity < 1 {
			return nil, invalid("quantity", "Each line must dispense at least 1.")
		}
		if rx == nil {
			if l.PrescriptionMedicationID != 0 {
				return nil, invalid("prescription_medication_id", "A walk-in sale has no prescription lines.")
			}
			if err := t.checkOverTheCounter(ctx, l.ItemID); err != nil {
				return nil, err
			}
			lines[i] = l
			continue
		}
		m, ok := rx.meds[l.PrescriptionMedicationID]
		if !ok {
			return nil, invalid("prescription_medication_id", "That line is not on "+rx.code+".")
		}
		switch {
		case l.ItemID == 0 && m.DispensedItemID() == 0:
			return nil, invalid("item", m.Name+" was prescribed as free text; choose the stocked item to dispense.")
		case l.ItemID == 0:
			l.ItemID = m.DispensedItemID()
		case m.InventoryItemID != 0 && l.ItemID != m.InventoryItemID:
			return nil, invalid("item", "Dispense "+m.Name+" as prescribed; a different item needs the doctor's amendment.")
		}
		asked[m.ID] += l.Quantity
		if asked[m.ID] > m.Outstanding() {
			return nil, invalid("quantity", dispenseLimit(*m))
		}
		lines[i] = l
	}
	return lines, nil
}

// dispenseLimit says how much more of m may be dispensed now, in its current fill.
func dispenseLimit(m PrescribedMedication) string {
	if m.Outstanding() == 0 {
		return fmt.Sprintf("%s: all %d of every fill has been dispensed; there are no refills left.", m.Name, m.Quantity)
	}
	if m.Fills <= 1 {
		return fmt.Sprintf("%s: %d prescribed and %d already dispensed, so at most %d more.",
			m.Name, m.Quantity, m.Dispensed, m.Outstanding())
	}
	fill := m.FillsBegun()
	if m.Dispensed%m.Quantity == 0 {
		fill++ // the next fill begins with this dispense
	}
	return fmt.Sprintf("%s: %d a fill, fill %d of %d, so at most %d more now.",
		m.Name, m.Quantity, fill, m.Fills, m.Outstanding())
}

func (t *Tx) checkOverTheCounter(ctx context.Context, itemID int64) error {
	var name string
	var otc bool
	err := t.queryRow(ctx, `SELECT name, over_the_counter FROM inventory_items WHERE id = ?`, itemID).Scan(&name, &otc)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return invalid("item", "Choose an item from the catalogue.")
	case err != nil:
		return translate(err)
	case !otc:
		return invalid("item", name+" needs a prescription; it is not sold over the counter.")
	}
	return nil
}

// openFulfilment continues a prescription's fulfilment, or starts one (always, for a
// walk-in sale).
func (t *Tx) openFulfilment(ctx context.Context, rx *dispenseRx, patientID, pharmacistID int64) (int64, error) {
	now := formatTime(t.now())
	if rx == nil {
		id, err := t.insert(ctx, `INSERT INTO pharmacy_fulfillments(patient_id, pharmacist_id, kind, created_at, updated_at)
			VALUES (?, ?, 'walk_in', ?, ?)`, nullID(patientID), pharmacistID, now, now)
		if errors.Is(err, ErrInvalid) {
			return 0, invalid("patient_id", "That patient does not exist.")
		}
		return id, err
	}
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM pharmacy_fulfillments WHERE prescription_id = ?`, rx.id).Scan(&id)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return id, translate(err)
	}
	return t.insert(ctx, `INSERT INTO pharmacy_fulfillments(prescription_id, patient_id, pharmacist_id, kind,
		created_at, updated_at) VALUES (?, ?, ?, 'prescription', ?, ?)`, rx.id, rx.patientID, pharmacistID, now, now)
}

// dispenseFrom takes one batch's part of a line out of stock and records it on the
// fulfilment, at the item's current price.
func (t *Tx) dispenseFrom(ctx context.Context, fulfilmentID int64, l DispenseLine, take BatchTake, reason string) error {
	if _, err := t.record(ctx, movement{itemID: l.ItemID, batchID: take.Batch.ID, kind: MovementDispense,
		quantity: -take.Quantity, reason: reason, fulfillmentID: fulfilmentID}); err != nil {
		return err
	}
	now := formatTime(t.now())
	_, err := t.exec(ctx, `INSERT INTO fulfillment_items(fulfillment_id, prescription_medication_id, inventory_item_id,
		batch_id, quantity, unit_price_cents, line_total_cents, created_at, updated_at)
		SELECT ?, ?, id, ?, ?, unit_price_cents, ? * unit_price_cents, ?, ? FROM inventory_items WHERE id = ?`,
		fulfilmentID, nullID(l.PrescriptionMedicationID), take.Batch.ID, take.Quantity, take.Quantity, now, now, l.ItemID)
	return err
}

// settleFulfilment totals the fulfilment and moves it (and its prescription) on: a
// bill that grew past what was paid and waived is unpaid again (for the new lines); a walk-in sale is fulfilled at
// once, a prescription when every stocked medication is wholly dispensed.
func (t *Tx) settleFulfilment(ctx context.Context, id int64, rx *dispenseRx) error {
	complete := true
	if rx != nil {
		var open int
		if err := t.queryRow(ctx, `SELECT count(*) FROM prescription_medications m
			JOIN prescriptions r ON r.id = m.prescription_id
			WHERE m.prescription_id = ? AND m.inventory_item_id IS NOT NULL
			  AND m.quantity * (1 + r.refills_allowed) > `+dispensedSQL,
			rx.id).Scan(&open); err != nil {
			return translate(err)
		}
		complete = open == 0
	}
	status, completedAt := FulfilmentPartial, any(nil)
	if complete {
		status, completedAt = FulfilmentFulfilled, formatTime(t.now())
	}
	if _, err := t.exec(ctx, `UPDATE pharmacy_fulfillments SET status = ?1, completed_at = ?2,
		total_cents = (SELECT coalesce(sum(line_total_cents), 0) FROM fulfillment_items WHERE fulfillment_id = ?3),
		payment_status = CASE WHEN payment_status IN ('paid', 'waived')
		     AND amount_paid_cents + (SELECT coalesce(sum(amount_cents), 0) FROM payments
		                              WHERE fulfillment_id = ?3 AND kind = 'waiver')
		         < (SELECT coalesce(sum(line_total_cents), 0) FROM fulfillment_items WHERE fulfillment_id = ?3)
		     THEN 'unpaid' ELSE payment_status END
		WHERE id = ?3`, string(status), completedAt, id); err != nil {
		return err
	}
	if rx == nil {
		return nil
	}
	next := PrescriptionDispensing
	if complete {
		next = PrescriptionFulfilled
	}
	if next != rx.status {
		if _, err := t.exec(ctx, `UPDATE prescriptions SET status = ? WHERE id = ?`, string(next), rx.id); err != nil {
			return err
		}
	}
	if !complete {
		return nil
	}
	if err := t.Notify(ctx, NotificationInput{UserID: rx.doctorUser, Kind: KindPrescriptionDispensed,
		Title:  rx.code + " dispensed",
		Body:   "Everything on " + rx.code + " for " + rx.patientName + " has been dispensed.",
		Entity: "prescriptions", EntityID: rx.id}); err != nil {
		return err
	}
	return t.notifyPatient(ctx, rx.patientID, KindPrescriptionReady, "Your prescription "+rx.code+" is ready",
		"Everything on "+rx.code+" has been dispensed by the clinic's pharmacy: it is ready to collect.",
		"prescriptions", rx.id)
}

// Dispense hands over the lines in one transaction and returns the fulfilment's id.
func (s *Store) Dispense(ctx context.Context, actor Actor, in DispenseInput) (int64, error) {
	defer s.timed("Dispense")()
	var id int64
	err := s.write(ctx, actor, func(tx *Tx) (err error) {
		id, err = tx.Dispense(ctx, in)
		return err
	})
	return id, err
}
