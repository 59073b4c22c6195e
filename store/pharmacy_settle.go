package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/money"
)

// SalePayment is money taken at the pharmacy counter: an amount by a method (cash,
// card, upi, insurance or other), or the rest of the bill waived.
type SalePayment struct {
	Method      string
	AmountCents int64
	Waive       bool
}

var saleMethods = map[string]bool{"cash": true, "card": true, "upi": true, "insurance": true, "other": true}

// RecordFulfilmentPayment takes a payment towards a fulfilment's bill: it is paid once
// the amounts taken reach the total. Waive writes off what is still due.
func (t *Tx) RecordFulfilmentPayment(ctx context.Context, fulfilmentID int64, p SalePayment) error {
	if err := t.allow(ActDispense); err != nil {
		return err
	}
	return t.applyPayment(ctx, fulfilmentID, p)
}

func (t *Tx) applyPayment(ctx context.Context, id int64, p SalePayment) error {
	var status, paymentStatus string
	var total, paid, waived int64
	err := t.queryRow(ctx, `SELECT status, payment_status, total_cents, amount_paid_cents,
		(SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE fulfillment_id = f.id AND kind = 'waiver')
		FROM pharmacy_fulfillments f WHERE id = ?`, id).Scan(&status, &paymentStatus, &total, &paid, &waived)
	if err != nil {
		return notFoundOr(err, "fulfilment")
	}
	due := total - paid - waived
	p.Method = strings.ToLower(strings.TrimSpace(p.Method))
	switch {
	case status == string(FulfilmentCancelled):
		return &ConflictError{Rule: "cancelled", Message: "That fulfilment was cancelled; it takes no payment."}
	case paymentStatus != "unpaid" || due <= 0:
		return &ConflictError{Rule: "settled", Message: "That bill is already settled."}
	case p.Waive && (p.AmountCents != 0 || p.Method != ""):
		return invalid("amount", "A waived bill takes no amount and no method.")
	case p.Waive:
		if _, err := t.recordMoney(ctx, moneyRow{desk: DeskPharmacy, billID: id, kind: moneyWaiver, amount: due}); err != nil {
			return err
		}
		_, err = t.exec(ctx, `UPDATE pharmacy_fulfillments SET payment_status = 'waived' WHERE id = ?`, id)
		return err
	case !saleMethods[p.Method]:
		return invalid("method", "Choose how it was paid: cash, card, UPI, insurance or other.")
	case p.AmountCents <= 0:
		return invalid("amount", "Enter the amount paid.")
	case p.AmountCents > due:
		currency, err := storedSetting(ctx, t.q(), SettingCurrency, "USD")
		if err != nil {
			return err
		}
		return invalid("amount", "The amount is more than the "+money.Cents(due).Format(currency)+" still due.")
	}
	next := "unpaid"
	if p.AmountCents == due {
		next = "paid"
	}
	if _, err := t.recordMoney(ctx, moneyRow{desk: DeskPharmacy, billID: id, kind: moneyPayment,
		method: p.Method, amount: p.AmountCents}); err != nil {
		return err
	}
	_, err = t.exec(ctx, `UPDATE pharmacy_fulfillments SET amount_paid_cents = amount_paid_cents + ?,
		payment_method = ?, payment_status = ? WHERE id = ?`, p.AmountCents, p.Method, next, id)
	return err
}

// CancelFulfilment undoes a fulfilment recorded by mistake or never collected: every
// unit goes back into its batch (an 'adjust' movement naming the fulfilment) and the
// fulfilment is cancelled. The schema gives a prescription one fulfilment and no way
// back to submitted, so a prescription's fulfilment cancels the prescription too (its
// doctor is told and may write a new one); a fulfilled prescription is final, and a
// bill with money kept against it is refused: refund it first.
func (t *Tx) CancelFulfilment(ctx context.Context, id int64, reason string) error {
	if err := t.allow(ActDispense); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return invalid("cancel_reason", "Say why the fulfilment is cancelled.")
	}
	var status string
	var paid int64
	var rxID, doctorUser sql.NullInt64
	var rxCode, rxStatus sql.NullString
	err := t.queryRow(ctx, `SELECT f.status, f.amount_paid_cents + (SELECT coalesce(sum(amount_cents), 0)
		FROM payments WHERE fulfillment_id = f.id AND kind = 'refund'), f.prescription_id, r.prescription_code, r.status,
		d.user_id FROM pharmacy_fulfillments f
		LEFT JOIN prescriptions r ON r.id = f.prescription_id LEFT JOIN doctors d ON d.id = r.doctor_id
		WHERE f.id = ?`, id).Scan(&status, &paid, &rxID, &rxCode, &rxStatus, &doctorUser)
	if err != nil {
		return notFoundOr(err, "fulfilment")
	}
	switch {
	case status == string(FulfilmentCancelled):
		return &ConflictError{Rule: "cancelled", Message: "That fulfilment is already cancelled."}
	case paid > 0:
		return &ConflictError{Rule: "paid",
			Message: "Money has been taken for that fulfilment, so it cannot be cancelled; refund it first."}
	case rxStatus.String == string(PrescriptionFulfilled):
		return &ConflictError{Rule: "status_flow",
			Message: rxCode.String + " is fulfilled, and a fulfilled prescription cannot be undone."}
	}
	if err := t.restock(ctx, id, reason); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `UPDATE pharmacy_fulfillments SET status = 'cancelled', cancel_reason = ? WHERE id = ?`,
		reason, id); err != nil {
		return err
	}
	if !rxID.Valid {
		return nil
	}
	if _, err := t.exec(ctx, `UPDATE prescriptions SET status = 'cancelled', cancel_reason = ? WHERE id = ?`,
		"Dispensing cancelled at the pharmacy: "+reason, rxID.Int64); err != nil {
		return err
	}
	return t.Notify(ctx, NotificationInput{UserID: doctorUser.Int64, Kind: "prescription_cancelled",
		Title: rxCode.String + " cancelled at the pharmacy", Body: reason,
		Entity: "prescriptions", EntityID: rxID.Int64})
}

// restock puts every unit of a fulfilment back into the batch it came from.
func (t *Tx) restock(ctx context.Context, id int64, reason string) error {
	rows, err := t.query(ctx, `SELECT inventory_item_id, batch_id, quantity FROM fulfillment_items
		WHERE fulfillment_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	var back []movement
	for rows.Next() {
		m := movement{kind: MovementAdjust, fulfillmentID: id,
			reason: fmt.Sprintf("Returned to stock: fulfilment %d cancelled (%s)", id, reason)}
		if err := rows.Scan(&m.itemID, &m.batchID, &m.quantity); err != nil {
			rows.Close()
			return translate(err)
		}
		back = append(back, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	for _, m := range back {
		if _, err := t.record(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// RecordFulfilmentPayment takes a payment towards a fulfilment's bill.
func (s *Store) RecordFulfilmentPayment(ctx context.Context, actor Actor, fulfilmentID int64, p SalePayment) error {
	defer s.timed("RecordFulfilmentPayment")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.RecordFulfilmentPayment(ctx, fulfilmentID, p) })
}

// CancelFulfilment undoes a fulfilment, for the reason given.
func (s *Store) CancelFulfilment(ctx context.Context, actor Actor, id int64, reason string) error {
	defer s.timed("CancelFulfilment")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.CancelFulfilment(ctx, id, reason) })
}
