package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
)

// tillFixture is apptFixture's clinic with a morning of fees taken at the front desk on
// Monday 3 March 2025: two of 500.00 in cash (same amount, same method: both count),
// one of 300.00 by UPI (a discount), one waived.
type tillFixture struct {
	*apptFixture
	paid []int64
}

func newTillFixture(t *testing.T) *tillFixture {
	t.Helper()
	path, v := tillWorld.Copy(t, "clinic.db")
	f := v.appt
	f.clock = apptClock(f.loc)
	f.s = openTestStore(t, path, WithClock(f.clock.now))
	return &tillFixture{apptFixture: &f, paid: slices.Clone(v.paid)}
}

// tillWorld is the tillFixture's clinic, built once per test binary and copied for
// each test.
var tillWorld = testfixture.World[tillWorldValue]{Build: func(t testing.TB, path string) (v tillWorldValue) {
	f := apptWorld.CopyTo(t, path)
	f.clock = apptClock(f.loc)
	f.s = openStore(t, path, WithClock(f.clock.now))
	defer f.s.Close()
	third := f.patient(t, "Lata", "Iyer")
	fourth := f.patient(t, "Omar", "Khan")
	desk := f.desk.Actor()
	for i, p := range []struct {
		patient int64
		in      PaymentInput
	}{
		{f.asha, PaymentInput{Status: PaymentPaid, Method: PaymentCash, AmountCents: 50000}},
		{f.ravi, PaymentInput{Status: PaymentPaid, Method: PaymentCash, AmountCents: 50000}},
		{third, PaymentInput{Status: PaymentPaid, Method: PaymentUPI, AmountCents: 30000}},
		{fourth, PaymentInput{Status: PaymentWaived}},
	} {
		id := f.book(t, p.patient, f.rao, f.at(3, 10, 15+15*i))
		if err := f.s.RecordPayment(calCtx, desk, id, p.in); err != nil {
			t.Fatalf("payment %d: %v", i, err)
		}
		v.paid = append(v.paid, id)
	}
	closeWorld(t, f.s, false)
	f.s, f.clock = nil, nil
	v.appt = f
	return v
}}

// tillWorldValue is what each copy of the tillFixture needs besides its files.
type tillWorldValue struct {
	appt apptFixture
	paid []int64
}

func (f *tillFixture) till(t *testing.T, day int) Till {
	t.Helper()
	till, err := f.s.Till(calCtx, f.desk.Actor(), DeskFront, f.day(day))
	if err != nil {
		t.Fatal(err)
	}
	return till
}

func (f *tillFixture) raw(t *testing.T, rule, query string, args ...any) {
	t.Helper()
	(&rxWorld{s: f.s, ctx: calCtx}).rawRefused(t, rule, query, args...)
}

func lineOf(till Till, m PaymentMethod) TillLine {
	for _, l := range till.Lines {
		if l.Method == m {
			return l
		}
	}
	return TillLine{}
}

func TestATillExpectsEveryPaymentOfItsDayEvenTwoOfTheSameAmount(t *testing.T) {
	t.Parallel()
	f := newTillFixture(t)
	till := f.till(t, 3)
	if got := lineOf(till, PaymentCash).Expected; got != 100000 {
		t.Errorf("cash expected %d, want 100000 (two payments of 500.00)", got)
	}
	if got := lineOf(till, PaymentUPI).Expected; got != 30000 {
		t.Errorf("UPI expected %d, want 30000", got)
	}
	if till.Payments != 3 || till.Waived != 50000 || till.Expected() != 130000 || till.Closed || !till.CanClose || !till.OpenDayNow {
		t.Errorf("till = %+v", till)
	}
	if other := f.till(t, 2); other.Expected() != 0 || other.Payments != 0 {
		t.Errorf("the day before holds %+v", other)
	}
}

func TestClosingATillNeedsAReasonForADifferenceAndIsFinal(t *testing.T) {
	t.Parallel()
	f := newTillFixture(t)
	desk := f.desk.Actor()
	short := TillCount{Counted: map[PaymentMethod]int64{PaymentCash: 99000, PaymentUPI: 30000}}
	_, err := f.s.CloseTill(calCtx, desk, DeskFront, f.day(3), short)
	wantApptErr(t, err, ErrInvalid, "say why")
	if _, err := f.s.CloseTill(calCtx, desk, DeskFront, f.day(5), TillCount{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("closing a day not begun: %v", err)
	}
	_, err = f.s.CloseTill(calCtx, f.mehta.Actor(), DeskFront, f.day(3), short)
	rxWantErr(t, err, ErrForbidden)
	short.Reason = "Gave 10.00 too much change"
	number, err := f.s.CloseTill(calCtx, desk, DeskFront, f.day(3), short)
	if err != nil || number != 1 {
		t.Fatalf("close: %d %v", number, err)
	}
	_, err = f.s.CloseTill(calCtx, desk, DeskFront, f.day(3), short)
	wantApptErr(t, err, ErrConflict, "already closed")

	till := f.till(t, 3)
	if !till.Closed || till.Number != 1 || till.Counted() != 129000 || lineOf(till, PaymentCash).Difference() != -1000 ||
		till.Reason != short.Reason || till.ClosedBy != "Dee Desk" {
		t.Errorf("closed till = %+v", till)
	}
	text, err := f.s.CloseOfDayReport(calCtx, desk, DeskFront, f.day(3))
	for _, want := range []string{"CLOSE OF DAY No. 000001", "Till: front desk", "Monday 3 March 2025",
		"INR -10.00", "Gave 10.00 too much change", "Dee Desk"} {
		if err != nil || !strings.Contains(text, want) {
			t.Errorf("the report does not say %q (%v):\n%s", want, err, text)
		}
	}
	// Sealed into the audit trail, and the schema keeps it as it was.
	if n := (&rxWorld{s: f.s, ctx: calCtx}).count(t, `SELECT count(*) FROM audit_log
		WHERE table_name = 'till_closes' AND action = 'INSERT' AND actor_id = ? AND hash IS NOT NULL`, f.desk.ID); n != 1 {
		t.Errorf("%d sealed audit rows of the close", n)
	}
	f.raw(t, "append_only", `UPDATE till_closes SET counted_cash_cents = expected_cash_cents`)
	f.raw(t, "append_only", `DELETE FROM till_closes`)
	f.raw(t, "append_only", `UPDATE payments SET amount_cents = 1`)
	f.raw(t, "append_only", `DELETE FROM payments`)
	f.raw(t, "till_closed", `INSERT INTO payments(desk, appointment_id, kind, method, amount_cents, till_date, taken_at)
		VALUES ('front_desk', ?, 'payment', 'cash', 100, '2025-03-03', '2025-03-03T12:00:00Z')`, f.paid[0])
	report, err := f.s.VerifyAudit(calCtx)
	if err != nil || !report.Intact() {
		t.Errorf("audit after the close: %+v %v", report, err)
	}
}

func TestTheSchemaChecksATillsExpectedAmountsAgainstItsPayments(t *testing.T) {
	t.Parallel()
	f := newTillFixture(t)
	f.raw(t, "till_expected", `INSERT INTO till_closes(desk, till_date, payment_count,
		expected_cash_cents, counted_cash_cents, expected_card_cents, counted_card_cents, expected_upi_cents,
		counted_upi_cents, expected_insurance_cents, counted_insurance_cents, expected_other_cents,
		counted_other_cents, closed_at) VALUES ('front_desk', '2025-03-03', 3, 50000, 50000, 0, 0, 30000, 30000,
		0, 0, 0, 0, '2025-03-03T12:00:00Z')`)
	f.raw(t, "length", `INSERT INTO till_closes(desk, till_date, payment_count,
		expected_cash_cents, counted_cash_cents, expected_card_cents, counted_card_cents, expected_upi_cents,
		counted_upi_cents, expected_insurance_cents, counted_insurance_cents, expected_other_cents,
		counted_other_cents, closed_at) VALUES ('front_desk', '2025-03-03', 3, 100000, 1, 0, 0, 30000, 30000,
		0, 0, 0, 0, '2025-03-03T12:00:00Z')`)
}

func TestMoneyTakenAfterTheCloseLandsInTheNextDaysTill(t *testing.T) {
	t.Parallel()
	f := newTillFixture(t)
	desk := f.desk.Actor()
	late := f.book(t, f.patient(t, "Late", "Comer"), f.rao, f.at(3, 12, 0))
	if _, err := f.s.CloseTill(calCtx, desk, DeskFront, f.day(3), TillCount{
		Counted: map[PaymentMethod]int64{PaymentCash: 100000, PaymentUPI: 30000}}); err != nil {
		t.Fatal(err)
	}
	if till := f.till(t, 3); till.OpenDayNow {
		t.Error("a closed day still takes money")
	}
	if err := f.s.RecordPayment(calCtx, desk, late, PaymentInput{Status: PaymentPaid, Method: PaymentCard,
		AmountCents: 50000}); err != nil {
		t.Fatal(err)
	}
	if got := lineOf(f.till(t, 3), PaymentCard).Expected; got != 0 {
		t.Errorf("the closed day took %d", got)
	}
	next := f.till(t, 4)
	if got := lineOf(next, PaymentCard).Expected; got != 50000 || !next.OpenDayNow || next.Payments != 1 {
		t.Errorf("the next day's till: %+v", next)
	}
	ledger, err := f.s.BillLedger(calCtx, desk, DeskFront, late)
	if err != nil || len(ledger) != 1 || !ledger[0].TillDay.Equal(time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)) ||
		ledger[0].TakenBy != "Dee Desk" {
		t.Errorf("ledger = %+v, %v", ledger, err)
	}
}

func TestAnAppointmentRefundIsReasonedBoundedAndAudited(t *testing.T) {
	t.Parallel()
	f := newTillFixture(t)
	desk := f.desk.Actor()
	id := f.paid[0]
	for _, c := range []struct {
		in    RefundInput
		field string
	}{
		{RefundInput{Method: PaymentCash, AmountCents: 60000, Reason: "Doctor left early"}, "amount"},
		{RefundInput{Method: PaymentCash, AmountCents: 20000, Reason: " "}, "reason"},
		{RefundInput{Method: "cheque", AmountCents: 20000, Reason: "Doctor left early"}, "method"},
		{RefundInput{Method: PaymentCash, Reason: "Doctor left early"}, "amount"},
	} {
		var fe *FieldError
		if err := f.s.RefundAppointment(calCtx, desk, id, c.in); !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%+v: %v, want a %s error", c.in, err, c.field)
		}
	}
	if err := f.s.RefundAppointment(calCtx, desk, f.paid[3], RefundInput{Method: PaymentCash, AmountCents: 100,
		Reason: "Doctor left early"}); !errors.Is(err, ErrConflict) {
		t.Errorf("refund of a waived fee: %v", err)
	}
	if err := f.s.RefundAppointment(calCtx, desk, id, RefundInput{Method: PaymentCash, AmountCents: 20000,
		Reason: "Part of the visit missed"}); err != nil {
		t.Fatal(err)
	}
	if a := f.get(t, id); a.PaymentStatus != PaymentPaid {
		t.Errorf("after a part refund the fee is %s", a.PaymentStatus)
	}
	f.raw(t, "refund_above_paid", `INSERT INTO payments(desk, appointment_id, kind, method, amount_cents, reason,
		till_date, taken_at) VALUES ('front_desk', ?, 'refund', 'cash', -30001, 'too much', '2025-03-03',
		'2025-03-03T12:00:00Z')`, id)
	if err := f.s.RefundAppointment(calCtx, desk, id, RefundInput{Method: PaymentCash, AmountCents: 30000,
		Reason: "Doctor left early"}); err != nil {
		t.Fatal(err)
	}
	if a := f.get(t, id); a.PaymentStatus != PaymentRefunded {
		t.Errorf("after a full refund the fee is %s", a.PaymentStatus)
	}
	till := f.till(t, 3)
	if lineOf(till, PaymentCash).Expected != 50000 || till.Refunds != 50000 || till.Payments != 5 {
		t.Errorf("till after refunds: %+v", till)
	}
	if n := (&rxWorld{s: f.s, ctx: calCtx}).count(t, `SELECT count(*) FROM audit_trail WHERE table_name = 'payments'
		AND json_extract(new_values, '$.kind') = 'refund' AND hash IS NOT NULL`); n != 2 {
		t.Errorf("%d sealed audit rows of refunds", n)
	}
}

func TestAWaivedPharmacyBillThatGrowsOwesItsNewLines(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph := w.pharmacist.Actor()
	item := w.item(t, "Amoxicillin 500", false, 0, 1000)
	w.receive(t, item, "B1", w.day(300), 50)
	rx, meds := w.prescribe(t, w.patientID,
		MedicationInput{Name: "Amoxicillin 500", InventoryItemID: item, Quantity: 10, Dosage: "1", Frequency: "TDS", DurationDays: 3})
	fid, err := w.s.Dispense(w.ctx, ph, DispenseInput{PrescriptionID: rx,
		Lines:   []DispenseLine{{PrescriptionMedicationID: meds[0], Quantity: 4}},
		Payment: &SalePayment{Waive: true}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Dispense(w.ctx, ph, DispenseInput{PrescriptionID: rx,
		Lines: []DispenseLine{{PrescriptionMedicationID: meds[0], Quantity: 6}}}); err != nil {
		t.Fatal(err)
	}
	f, err := w.s.Fulfilment(w.ctx, ph, fid)
	if err != nil || f.PaymentStatus != "unpaid" || f.WaivedCents != 4000 || f.Due() != 6000 {
		t.Fatalf("grown bill: status %s waived %d due %d (%v)", f.PaymentStatus, f.WaivedCents, f.Due(), err)
	}
	if err := w.s.RecordFulfilmentPayment(w.ctx, ph, fid, SalePayment{Method: "cash", AmountCents: 6000}); err != nil {
		t.Fatalf("paid now: %v", err)
	}
	if f, _ = w.s.Fulfilment(w.ctx, ph, fid); f.PaymentStatus != "paid" || f.Due() != 0 {
		t.Errorf("after paying: %s, due %d", f.PaymentStatus, f.Due())
	}
	till, err := w.s.Till(w.ctx, ph, DeskPharmacy, w.day(0))
	if err != nil || lineOf(till, PaymentCash).Expected != 6000 || till.Waived != 4000 {
		t.Errorf("pharmacy till: %+v %v", till, err)
	}
}

func TestAPharmacySaleRefundedInFullCanThenBeCancelled(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph := w.pharmacist.Actor()
	item := w.item(t, "Zinc 20", true, 0, 250)
	w.receive(t, item, "Z1", w.day(300), 20)
	fid, err := w.s.Dispense(w.ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: item, Quantity: 4}},
		Payment: &SalePayment{Method: "card", AmountCents: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.CancelFulfilment(w.ctx, ph, fid, "Wrong item"); !errors.Is(err, ErrConflict) ||
		!strings.Contains(err.Error(), "refund it first") {
		t.Fatalf("cancel of a paid sale: %v", err)
	}
	if err := w.s.RefundFulfilment(w.ctx, w.frontDesk.Actor(), fid, RefundInput{Method: PaymentCard,
		AmountCents: 1000, Reason: "Wrong item"}); !errors.Is(err, ErrForbidden) {
		t.Errorf("the front desk refunded a pharmacy sale: %v", err)
	}
	if err := w.s.RefundFulfilment(w.ctx, ph, fid, RefundInput{Method: PaymentCard, AmountCents: 1000,
		Reason: "Wrong item handed over"}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.CancelFulfilment(w.ctx, ph, fid, "Wrong item"); err != nil {
		t.Fatalf("cancel after the refund: %v", err)
	}
	f, _ := w.s.Fulfilment(w.ctx, ph, fid)
	if f.RefundedCents != 1000 || f.Status != FulfilmentCancelled {
		t.Errorf("fulfilment after refund and cancel: %+v", f)
	}
	w.checkLedger(t)
}
