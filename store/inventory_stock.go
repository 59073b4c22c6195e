package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ReceiveInput is a delivery of one batch of an item.
type ReceiveInput struct {
	BatchNumber   string
	ExpiresOn     time.Time // the date printed on the pack; its own calendar date is used
	Quantity      int
	UnitCostCents int64
	Supplier      string
}

// movement is one ledger line to record.
type movement struct {
	itemID, batchID int64
	kind            MovementKind
	quantity        int
	reason          string
	fulfillmentID   int64
}

// batchFacts is what the stock operations need to know about a batch.
type batchFacts struct {
	itemID       int64
	itemName     string
	number       string
	expiresOn    string
	quantityLeft int
}

func (t *Tx) batchFacts(ctx context.Context, batchID int64) (batchFacts, error) {
	var b batchFacts
	err := t.queryRow(ctx, `SELECT b.item_id, i.name, b.batch_number, b.expires_on, b.quantity_left
		FROM inventory_batches b JOIN inventory_items i ON i.id = b.item_id WHERE b.id = ?`, batchID).
		Scan(&b.itemID, &b.itemName, &b.number, &b.expiresOn, &b.quantityLeft)
	if err != nil {
		return b, notFoundOr(err, "batch")
	}
	return b, nil
}

// record writes one stock movement; the schema's triggers apply it to the batch and the
// item, and refuse it if either would go below zero. When the movement takes the item
// from at or above its minimum stock to below it, the pharmacists are notified in the
// same transaction, so the warning is raised exactly once per crossing.
func (t *Tx) record(ctx context.Context, m movement) (int64, error) {
	var name, unit string
	var before, minimum int
	if err := t.queryRow(ctx, `SELECT name, unit, current_stock, minimum_stock FROM inventory_items WHERE id = ?`,
		m.itemID).Scan(&name, &unit, &before, &minimum); err != nil {
		return 0, notFoundOr(err, "inventory item")
	}
	id, err := t.insert(ctx, `INSERT INTO stock_movements(item_id, batch_id, kind, quantity, reason, fulfillment_id,
		actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, m.itemID, m.batchID, string(m.kind), m.quantity,
		m.reason, nullID(m.fulfillmentID), nullID(t.actor.ID), formatTime(t.now()))
	if err != nil {
		return 0, t.explainShortage(ctx, err, m)
	}
	if after := before + m.quantity; before >= minimum && after < minimum {
		err = t.Notify(ctx, NotificationInput{Role: RolePharmacist, Kind: KindLowStock,
			Title:  "Low stock: " + name,
			Body:   fmt.Sprintf("%s is down to %d %s; the minimum is %d.", name, after, unit, minimum),
			Entity: "inventory_items", EntityID: m.itemID})
	}
	return id, err
}

// explainShortage rewrites the schema's insufficient_stock refusal with the batch and
// the quantities, so the pharmacist reads what is actually left.
func (t *Tx) explainShortage(ctx context.Context, err error, m movement) error {
	var c *ConflictError
	if !errors.As(err, &c) || c.Rule != "insufficient_stock" {
		return err
	}
	b, ferr := t.batchFacts(ctx, m.batchID)
	if ferr != nil {
		return err
	}
	return &ConflictError{Rule: c.Rule, Message: fmt.Sprintf(
		"Not enough stock: batch %s of %s has %d left, and %d cannot be taken from it.",
		b.number, b.itemName, b.quantityLeft, -m.quantity)}
}

// ReceiveStock records a delivery: it creates the batch when its number is new for the
// item (receiving more under a known batch number adds to that batch) and records a
// receipt in the ledger. It returns the batch's id.
func (t *Tx) ReceiveStock(ctx context.Context, itemID int64, in ReceiveInput) (int64, error) {
	if err := t.allow(ActManageInventory); err != nil {
		return 0, err
	}
	in.BatchNumber, in.Supplier = strings.TrimSpace(in.BatchNumber), strings.TrimSpace(in.Supplier)
	today, _, err := clinicToday(ctx, t.q(), t.now())
	if err != nil {
		return 0, err
	}
	expires := formatDate(in.ExpiresOn)
	switch {
	case in.BatchNumber == "":
		return 0, invalid("batch_number", "The batch number is required.")
	case len([]rune(in.BatchNumber)) > 60:
		return 0, invalid("batch_number", "The batch number must be at most 60 characters.")
	case in.ExpiresOn.IsZero():
		return 0, invalid("expires_on", "The expiry date is required.")
	case expires < today:
		return 0, invalid("expires_on", "That batch expired on "+expires+"; expired stock cannot be received.")
	case in.Quantity <= 0:
		return 0, invalid("quantity", "The quantity received must be at least 1.")
	case in.UnitCostCents < 0:
		return 0, invalid("unit_cost_cents", "The unit cost cannot be negative.")
	}
	var batchID int64
	var knownExpiry string
	err = t.queryRow(ctx, `SELECT id, expires_on FROM inventory_batches WHERE item_id = ? AND batch_number = ?`,
		itemID, in.BatchNumber).Scan(&batchID, &knownExpiry)
	switch {
	case err == nil && knownExpiry != expires:
		return 0, invalid("expires_on", fmt.Sprintf("Batch %s was received before with expiry %s, not %s.",
			in.BatchNumber, knownExpiry, expires))
	case err != nil && !errors.Is(translate(err), ErrNotFound):
		return 0, translate(err)
	case err != nil:
		now := formatTime(t.now())
		batchID, err = t.insert(ctx, `INSERT INTO inventory_batches(item_id, batch_number, expires_on, unit_cost_cents,
			supplier, received_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			itemID, in.BatchNumber, expires, in.UnitCostCents, in.Supplier, now, now, now)
		if errors.Is(err, ErrInvalid) {
			return 0, notFound("inventory item")
		}
		if err != nil {
			return 0, err
		}
	}
	_, err = t.record(ctx, movement{itemID: itemID, batchID: batchID, kind: MovementReceive, quantity: in.Quantity})
	return batchID, err
}

// AdjustStock corrects a batch's quantity by delta (negative takes away), for a count
// correction or damage. The reason is required and kept in the ledger.
func (t *Tx) AdjustStock(ctx context.Context, batchID int64, delta int, reason string) error {
	if err := t.allow(ActManageInventory); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case delta == 0:
		return invalid("quantity", "An adjustment must change the quantity.")
	case reason == "":
		return invalid("reason", "Say why the stock is adjusted, for example a count correction or damage.")
	}
	b, err := t.batchFacts(ctx, batchID)
	if err != nil {
		return err
	}
	_, err = t.record(ctx, movement{itemID: b.itemID, batchID: batchID, kind: MovementAdjust, quantity: delta, reason: reason})
	return err
}

// WriteOffExpired takes everything left in an expired batch out of stock. A batch that
// has not expired yet is refused.
func (t *Tx) WriteOffExpired(ctx context.Context, batchID int64) error {
	if err := t.allow(ActManageInventory); err != nil {
		return err
	}
	b, err := t.batchFacts(ctx, batchID)
	if err != nil {
		return err
	}
	today, _, err := clinicToday(ctx, t.q(), t.now())
	if err != nil {
		return err
	}
	switch {
	case b.expiresOn >= today:
		return &ConflictError{Rule: "not_expired", Message: fmt.Sprintf(
			"Batch %s of %s expires on %s; it has not expired yet.", b.number, b.itemName, b.expiresOn)}
	case b.quantityLeft == 0:
		return &ConflictError{Rule: "nothing_left", Message: fmt.Sprintf(
			"Batch %s of %s has nothing left to write off.", b.number, b.itemName)}
	}
	_, err = t.record(ctx, movement{itemID: b.itemID, batchID: batchID, kind: MovementExpire,
		quantity: -b.quantityLeft, reason: "Expired on " + b.expiresOn})
	return err
}

// ReturnToSupplier sends qty units of a batch back to its supplier.
func (t *Tx) ReturnToSupplier(ctx context.Context, batchID int64, qty int, reason string) error {
	if err := t.allow(ActManageInventory); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case qty <= 0:
		return invalid("quantity", "The quantity returned must be at least 1.")
	case reason == "":
		return invalid("reason", "Say why the stock goes back to the supplier.")
	}
	b, err := t.batchFacts(ctx, batchID)
	if err != nil {
		return err
	}
	_, err = t.record(ctx, movement{itemID: b.itemID, batchID: batchID, kind: MovementReturn, quantity: -qty, reason: reason})
	return err
}

// ReceiveStock records a delivery of one batch and returns the batch's id.
func (s *Store) ReceiveStock(ctx context.Context, actor Actor, itemID int64, in ReceiveInput) (int64, error) {
	defer s.timed("ReceiveStock")()
	var id int64
	err := s.write(ctx, actor, func(tx *Tx) (err error) {
		id, err = tx.ReceiveStock(ctx, itemID, in)
		return err
	})
	return id, err
}

// AdjustStock corrects a batch's quantity by delta, for the reason given.
func (s *Store) AdjustStock(ctx context.Context, actor Actor, batchID int64, delta int, reason string) error {
	defer s.timed("AdjustStock")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.AdjustStock(ctx, batchID, delta, reason) })
}

// WriteOffExpired takes everything left in an expired batch out of stock.
func (s *Store) WriteOffExpired(ctx context.Context, actor Actor, batchID int64) error {
	defer s.timed("WriteOffExpired")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.WriteOffExpired(ctx, batchID) })
}

// ReturnToSupplier sends qty units of a batch back to its supplier.
func (s *Store) ReturnToSupplier(ctx context.Context, actor Actor, batchID int64, qty int, reason string) error {
	defer s.timed("ReturnToSupplier")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.ReturnToSupplier(ctx, batchID, qty, reason) })
}
