package store

import (
	"context"
	"strings"
)

// FreeTextReviewInput is the pharmacist's review of a medicine prescribed as free text:
// the catalogue item it is (ItemID), or, for one the pharmacy does not stock, a Reason
// to hand over the rest of the prescription with it unmatched ("herbal syrup the
// patient buys elsewhere; checked by hand against their medicines").
type FreeTextReviewInput struct {
	MedicationID int64
	ItemID       int64
	Reason       string
}

// ReviewFreeText records the pharmacist's review of a free-text line of a prescription
// at the pharmacy: mapped to a catalogue item, which it is then dispensed as and
// checked as, or confirmed as written with a reason. A review may be changed while the
// prescription is at the pharmacy; each change is audited.
func (t *Tx) ReviewFreeText(ctx context.Context, in FreeTextReviewInput) error {
	if err := t.allow(ActDispense); err != nil {
		return err
	}
	pharmacistID, err := t.pharmacistID(ctx)
	if err != nil {
		return err
	}
	in.Reason = strings.TrimSpace(in.Reason)
	switch {
	case in.ItemID == 0 && in.Reason == "":
		return invalid("reason", "Choose the catalogue item it is, or say why it is confirmed as written.")
	case in.ItemID != 0 && in.Reason != "":
		return invalid("reason", "Either choose the catalogue item it is or confirm it as written, not both.")
	case len([]rune(in.Reason)) > 500:
		return invalid("reason", "The reason must be at most 500 characters.")
	}
	var item any
	if in.ItemID != 0 {
		if _, err := t.itemName(ctx, in.ItemID); err != nil {
			return invalid("item", "Choose an item from the catalogue.")
		}
		item = in.ItemID
	}
	var stocked any
	var name, code, status string
	err = t.queryRow(ctx, `SELECT m.inventory_item_id, m.name, coalesce(r.prescription_code, ''), r.status
		FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = ?`, in.MedicationID).
		Scan(&stocked, &name, &code, &status)
	if err != nil {
		return notFoundOr(err, "medication")
	}
	switch {
	case status != string(PrescriptionSubmitted) && status != string(PrescriptionDispensing):
		return &ConflictError{Rule: "status_flow", Message: code + " is " + humanField(status) +
			"; its lines are reviewed only while it is at the pharmacy."}
	case stocked != nil:
		return invalid("medication", name+" is a catalogue item, not free text: there is nothing to review.")
	}
	var reason any
	if in.Reason != "" {
		reason = in.Reason
	}
	now := formatTime(t.now())
	_, err = t.exec(ctx, `INSERT INTO free_text_reviews(prescription_medication_id, inventory_item_id, reason,
		pharmacist_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (prescription_medication_id) DO UPDATE SET inventory_item_id = excluded.inventory_item_id,
		reason = excluded.reason, pharmacist_id = excluded.pharmacist_id, updated_at = excluded.updated_at`,
		in.MedicationID, item, reason, pharmacistID, now, now)
	return err
}

// ReviewFreeText records the pharmacist's review of a free-text line.
func (s *Store) ReviewFreeText(ctx context.Context, actor Actor, in FreeTextReviewInput) error {
	return s.write(ctx, actor, func(tx *Tx) error { return tx.ReviewFreeText(ctx, in) })
}

// mapChosenItems records, as each free-text line's mapping, the item a dispense hands
// over for it, when the line was not mapped to it already, and keeps rx's lines in step.
func (t *Tx) mapChosenItems(ctx context.Context, rx *dispenseRx, lines []DispenseLine, pharmacistID int64) error {
	for _, l := range lines {
		m := rx.meds[l.PrescriptionMedicationID]
		if m.InventoryItemID != 0 || m.Review.Item().ID == l.ItemID {
			continue
		}
		now := formatTime(t.now())
		if _, err := t.exec(ctx, `INSERT INTO free_text_reviews(prescription_medication_id, inventory_item_id,
			pharmacist_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (prescription_medication_id) DO UPDATE SET inventory_item_id = excluded.inventory_item_id,
			reason = NULL, pharmacist_id = excluded.pharmacist_id, updated_at = excluded.updated_at`,
			m.ID, l.ItemID, pharmacistID, now, now); err != nil {
			return err
		}
		m.Review = &FreeTextReview{ItemID: l.ItemID}
	}
	return nil
}
