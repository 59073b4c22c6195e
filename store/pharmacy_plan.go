package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// BatchTake is a quantity taken from one batch.
type BatchTake struct {
	Batch    Batch
	Quantity int
}

// LinePlan is where one line's quantity comes from: the batches it takes, first expiry
// first (or only the batch the line names), and what they cannot cover. The counter
// shows it and Dispense writes it: both plan with PlanLine.
type LinePlan struct {
	Line DispenseLine
	// Batches are the item's batches that may be dispensed: not expired and with stock
	// left, first expiry first. They are what the line may choose from.
	Batches []Batch
	Takes   []BatchTake
	// Short is the part of Line.Quantity the batches cannot cover.
	Short int
}

// PlanLine plans a line from an item's batches: expired and empty batches are skipped,
// the rest taken first expiry first (then oldest batch first), or only the batch the
// line names when it names one (a named batch that is not among them covers nothing).
func PlanLine(l DispenseLine, batches []Batch) LinePlan {
	p := LinePlan{Line: l}
	for _, b := range batches {
		if !b.Expired && b.QuantityLeft > 0 {
			p.Batches = append(p.Batches, b)
		}
	}
	slices.SortStableFunc(p.Batches, func(a, b Batch) int {
		return cmp.Or(a.ExpiresOn.Compare(b.ExpiresOn), cmp.Compare(a.ID, b.ID))
	})
	need := max(l.Quantity, 0)
	for _, b := range p.Batches {
		if need == 0 {
			break
		}
		if l.BatchID != 0 && b.ID != l.BatchID {
			continue
		}
		take := min(need, b.QuantityLeft)
		p.Takes = append(p.Takes, BatchTake{Batch: b, Quantity: take})
		need -= take
	}
	p.Short = need
	return p
}

// Replan is the plan of the same item for another batch choice (0: first expiry
// first) and quantity, from the same batches.
func (p LinePlan) Replan(batchID int64, quantity int) LinePlan {
	l := p.Line
	l.BatchID, l.Quantity = batchID, quantity
	return PlanLine(l, p.Batches)
}

// Available is the most the line can take: what its named batch holds, or all its
// batches together.
func (p LinePlan) Available() int {
	n := 0
	for _, b := range p.Batches {
		if p.Line.BatchID == 0 || b.ID == p.Line.BatchID {
			n += b.QuantityLeft
		}
	}
	return n
}

// Outstanding is what is still to be dispensed of the medication.
func (m PrescribedMedication) Outstanding() int { return max(0, m.Quantity-m.Dispensed) }

// PlanDispense says where each line of a dispense would come from now, without
// writing anything. For a prescription given without lines it plans every stocked
// medication's outstanding quantity; a line of a prescription that does not name its
// item takes the prescribed one. Only a pharmacist may, as only a pharmacist
// dispenses.
func (s *Store) PlanDispense(ctx context.Context, actor Actor, in DispenseInput) ([]LinePlan, error) {
	defer s.timed("PlanDispense")()
	if err := s.allow(ctx, actor, ActDispense); err != nil {
		return nil, err
	}
	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback()
	lines := in.Lines
	if in.PrescriptionID != 0 {
		meds, err := prescribedMedications(ctx, tx, `m.prescription_id = ?`, in.PrescriptionID)
		if err != nil {
			return nil, err
		}
		if lines, err = prescriptionLines(meds, lines); err != nil {
			return nil, err
		}
	}
	today, _, err := clinicToday(ctx, tx, s.now())
	if err != nil {
		return nil, err
	}
	plans := make([]LinePlan, len(lines))
	for i, l := range lines {
		batches, err := itemBatches(ctx, tx, l.ItemID, today)
		if err != nil {
			return nil, err
		}
		plans[i] = PlanLine(l, batches)
	}
	return plans, nil
}

// prescriptionLines fills in the prescribed item of each line, or (with no lines) makes
// one for each stocked medication's outstanding quantity.
func prescriptionLines(meds []PrescribedMedication, lines []DispenseLine) ([]DispenseLine, error) {
	if len(lines) == 0 {
		for _, m := range meds {
			if m.InventoryItemID != 0 {
				lines = append(lines, DispenseLine{PrescriptionMedicationID: m.ID, ItemID: m.InventoryItemID,
					Quantity: m.Outstanding()})
			}
		}
		return lines, nil
	}
	out := slices.Clone(lines)
	for i, l := range out {
		j := slices.IndexFunc(meds, func(m PrescribedMedication) bool { return m.ID == l.PrescriptionMedicationID })
		if j < 0 {
			return nil, invalid("prescription_medication_id", "That line is not on the prescription.")
		}
		if l.ItemID == 0 {
			out[i].ItemID = meds[j].InventoryItemID
		}
	}
	return out, nil
}

// itemBatches reads an item's batches with stock left, with Expired decided for today.
func itemBatches(ctx context.Context, q querier, itemID int64, today string) ([]Batch, error) {
	return queryBatches(ctx, q, `SELECT `+batchColumns+` FROM inventory_batches b
		JOIN inventory_items i ON i.id = b.item_id
		WHERE b.item_id = ?2 AND b.quantity_left > 0 ORDER BY b.expires_on, b.id`, today, itemID)
}

// planFor is the plan Dispense writes for one checked line: a named batch must belong
// to the item and not have expired; the plan must cover the whole quantity.
func (t *Tx) planFor(ctx context.Context, l DispenseLine, today string) (LinePlan, error) {
	var named batchFacts
	if l.BatchID != 0 {
		b, err := t.batchFacts(ctx, l.BatchID)
		switch {
		case err != nil:
			return LinePlan{}, err
		case b.itemID != l.ItemID:
			return LinePlan{}, invalid("batch", "Batch "+b.number+" is not a batch of that item.")
		case b.expiresOn < today:
			return LinePlan{}, &ConflictError{Rule: "expired", Message: fmt.Sprintf(
				"Batch %s of %s expired on %s; it cannot be dispensed.", b.number, b.itemName, b.expiresOn)}
		}
		named = b
	}
	batches, err := itemBatches(ctx, t.q(), l.ItemID, today)
	if err != nil {
		return LinePlan{}, err
	}
	p := PlanLine(l, batches)
	switch {
	case p.Short == 0:
		return p, nil
	case l.BatchID != 0:
		return LinePlan{}, &ConflictError{Rule: "insufficient_stock", Message: fmt.Sprintf(
			"Not enough stock: batch %s of %s has %d left, and %d cannot be taken from it.",
			named.number, named.itemName, p.Available(), l.Quantity)}
	}
	var name, unit string
	_ = t.queryRow(ctx, `SELECT name, unit FROM inventory_items WHERE id = ?`, l.ItemID).Scan(&name, &unit)
	return LinePlan{}, &ConflictError{Rule: "insufficient_stock", Message: fmt.Sprintf(
		"Not enough stock of %s: %d %s left in unexpired batches, and %d asked for.", name, p.Available(), unit, l.Quantity)}
}
