package store

import (
	"context"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/money"
)

// Desk is a till: the front desk takes appointment fees, the pharmacy its sales.
type Desk string

// The desks of the schema's payments.desk and till_closes.desk.
const (
	DeskFront    Desk = "front_desk"
	DeskPharmacy Desk = "pharmacy"
)

// Desks lists the tills in the order screens show them.
var Desks = []Desk{DeskFront, DeskPharmacy}

// Valid reports whether d is one of the schema's desks.
func (d Desk) Valid() bool { return d == DeskFront || d == DeskPharmacy }

// String names the desk in words.
func (d Desk) String() string {
	if d == DeskPharmacy {
		return "pharmacy"
	}
	return "front desk"
}

// action is the permission that works the desk's till: taking its payments, giving its
// refunds, and closing it.
func (d Desk) action() Action {
	if d == DeskPharmacy {
		return ActDispense
	}
	return ActTakePayments
}

// The kinds of the schema's payments.kind.
const (
	moneyPayment = "payment"
	moneyRefund  = "refund"
	moneyWaiver  = "waiver"
)

// moneyRow is one row of the payments ledger about to be written: the bill is an
// appointment (front desk) or a fulfilment (pharmacy).
type moneyRow struct {
	desk   Desk
	billID int64
	kind   string
	method string // "" for a waiver
	amount int64  // signed: a refund is negative
	reason string
	// tillDate is the day whose till takes it, takenAt when.
	tillDate, takenAt time.Time
}

// recordMoney writes one row of the payments ledger into the desk's open till, at the
// store's clock, and returns the till's date.
func (t *Tx) recordMoney(ctx context.Context, m moneyRow) (time.Time, error) {
	day, err := t.openTillDate(ctx, m.desk)
	if err != nil {
		return time.Time{}, err
	}
	m.tillDate, m.takenAt = day, t.now()
	return day, t.insertMoney(ctx, m)
}

// insertMoney writes rows of the payments ledger, each into its till.
func (t *Tx) insertMoney(ctx context.Context, rows ...moneyRow) error {
	values := make([][]any, len(rows))
	for i, m := range rows {
		var appointment, fulfilment, method any
		if m.desk == DeskFront {
			appointment = m.billID
		} else {
			fulfilment = m.billID
		}
		if m.method != "" {
			method = m.method
		}
		values[i] = []any{string(m.desk), appointment, fulfilment, m.kind, method, m.amount, m.reason,
			formatDate(m.tillDate), nullID(t.actor.ID), formatTime(m.takenAt)}
	}
	_, err := t.insertRows(ctx, `INSERT INTO payments(desk, appointment_id, fulfillment_id, kind, method,
		amount_cents, reason, till_date, taken_by, taken_at)`, values)
	return err
}

// openTillDate is the day whose till takes money now: the clinic's date today, or the
// first day after it whose till is not closed yet (money taken after the close lands in
// the next day's till).
func (t *Tx) openTillDate(ctx context.Context, desk Desk) (time.Time, error) {
	loc, err := t.location(ctx)
	if err != nil {
		return time.Time{}, err
	}
	return openTillDateIn(ctx, t.q(), desk, localDate(t.now(), loc))
}

// netPaid is what has been taken for a bill less what was refunded.
func (t *Tx) netPaid(ctx context.Context, desk Desk, billID int64) (int64, error) {
	column := "appointment_id"
	if desk == DeskPharmacy {
		column = "fulfillment_id"
	}
	var net int64
	err := t.queryRow(ctx, `SELECT coalesce(sum(amount_cents), 0) FROM payments
		WHERE `+column+` = ? AND kind IN ('payment', 'refund')`, billID).Scan(&net)
	return net, translate(err)
}

// RefundInput gives money back for a bill: an amount up to what was paid, by a method,
// for a stated reason.
type RefundInput struct {
	Method      PaymentMethod
	AmountCents int64
	Reason      string
}

func (t *Tx) checkRefund(ctx context.Context, desk Desk, billID int64, in *RefundInput) error {
	in.Reason = strings.TrimSpace(in.Reason)
	net, err := t.netPaid(ctx, desk, billID)
	if err != nil {
		return err
	}
	switch {
	case net <= 0:
		return &ConflictError{Rule: "nothing_paid", Message: "Nothing has been paid for that, so nothing can be refunded."}
	case !in.Method.Valid():
		return invalid("method", "Choose how the money goes back: cash, card, UPI, insurance or other.")
	case in.AmountCents <= 0:
		return invalid("amount", "Enter the amount to refund.")
	case in.AmountCents > net:
		currency, err := clinicSetting(ctx, t.q(), SettingCurrency, "USD")
		if err != nil {
			return err
		}
		return invalid("amount", "The refund is more than the "+money.Cents(net).Format(currency)+" paid.")
	case len([]rune(in.Reason)) < 5:
		return invalid("reason", "Say why the money is refunded (at least 5 characters).")
	case len([]rune(in.Reason)) > 500:
		return invalid("reason", "The reason must be at most 500 characters.")
	}
	return nil
}

// RefundAppointment gives back money paid for an appointment's fee, for a stated
// reason, from today's front-desk till. A fee refunded in full is marked refunded.
func (t *Tx) RefundAppointment(ctx context.Context, id int64, in RefundInput) error {
	if err := t.allow(ActTakePayments); err != nil {
		return err
	}
	if _, err := loadAppointment(ctx, t.q(), id); err != nil {
		return err
	}
	if err := t.checkRefund(ctx, DeskFront, id, &in); err != nil {
		return err
	}
	if _, err := t.recordMoney(ctx, moneyRow{desk: DeskFront, billID: id, kind: moneyRefund,
		method: string(in.Method), amount: -in.AmountCents, reason: in.Reason}); err != nil {
		return err
	}
	net, err := t.netPaid(ctx, DeskFront, id)
	if err != nil || net > 0 {
		return err
	}
	_, err = t.exec(ctx, `UPDATE appointments SET payment_status = 'refunded' WHERE id = ?`, id)
	return err
}

// RefundFulfilment gives back money paid for a pharmacy bill, for a stated reason, from
// today's pharmacy till. The bill stays settled: what was refunded is not owed again.
func (t *Tx) RefundFulfilment(ctx context.Context, id int64, in RefundInput) error {
	if err := t.allow(ActDispense); err != nil {
		return err
	}
	if _, err := loadFulfilment(ctx, t.q(), id); err != nil {
		return err
	}
	if err := t.checkRefund(ctx, DeskPharmacy, id, &in); err != nil {
		return err
	}
	_, err := t.recordMoney(ctx, moneyRow{desk: DeskPharmacy, billID: id, kind: moneyRefund,
		method: string(in.Method), amount: -in.AmountCents, reason: in.Reason})
	return err
}

// RefundAppointment refunds an appointment's fee; see Tx.RefundAppointment.
func (s *Store) RefundAppointment(ctx context.Context, actor Actor, id int64, in RefundInput) error {
	return s.write(ctx, actor, func(tx *Tx) error { return tx.RefundAppointment(ctx, id, in) })
}

// RefundFulfilment refunds a pharmacy bill; see Tx.RefundFulfilment.
func (s *Store) RefundFulfilment(ctx context.Context, actor Actor, id int64, in RefundInput) error {
	return s.write(ctx, actor, func(tx *Tx) error { return tx.RefundFulfilment(ctx, id, in) })
}

// BillMoney is the ledger of one bill: each payment, refund and waiver in order.
type BillMoney struct {
	Kind    string // payment, refund or waiver
	Method  string
	Amount  int64 // signed
	Reason  string
	TillDay time.Time
	TakenBy string
	TakenAt time.Time
}

// BillLedger lists the payments, refunds and waivers of an appointment (front desk) or
// a fulfilment (pharmacy), oldest first.
func (s *Store) BillLedger(ctx context.Context, actor Actor, desk Desk, billID int64) ([]BillMoney, error) {
	if !desk.Valid() {
		return nil, invalid("desk", "Choose the front desk or the pharmacy.")
	}
	if err := s.allow(ctx, actor, desk.action()); err != nil {
		return nil, err
	}
	column := "appointment_id"
	if desk == DeskPharmacy {
		column = "fulfillment_id"
	}
	rows, err := s.readers.QueryContext(ctx, `SELECT p.kind, coalesce(p.method, ''), p.amount_cents, p.reason,
		p.till_date, coalesce(u.full_name, ''), p.taken_at FROM payments p LEFT JOIN users u ON u.id = p.taken_by
		WHERE p.`+column+` = ? ORDER BY p.id`, billID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []BillMoney
	for rows.Next() {
		var m BillMoney
		var day, at string
		if err := rows.Scan(&m.Kind, &m.Method, &m.Amount, &m.Reason, &day, &m.TakenBy, &at); err != nil {
			return nil, translate(err)
		}
		m.TillDay, m.TakenAt = parseStoredDate(day), parseTime(at)
		out = append(out, m)
	}
	return out, translate(rows.Err())
}
