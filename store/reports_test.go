package store

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/report"
)

// reportWorld is tillFixture's morning plus a refund, a no-show, a cancellation, and a
// pharmacy: two walk-in sales of the same amount, one refunded in part, and a batch
// written off as expired two days later (when the clock has moved to Wednesday 5 March).
type reportWorld struct {
	*tillFixture
	pharmacist User
}

func newReportWorld(t *testing.T) *reportWorld {
	t.Helper()
	w := &reportWorld{tillFixture: newTillFixture(t)}
	w.pharmacist = mustUser(t, w.s, RolePharmacist, "pharm@clinic.test", "Sam Patel")
	desk, ph := w.desk.Actor(), w.pharmacist.Actor()
	if err := w.s.RefundAppointment(calCtx, desk, w.paid[1], RefundInput{Method: PaymentCash, AmountCents: 10000,
		Reason: "Part of the visit missed"}); err != nil {
		t.Fatal(err)
	}
	gone := w.book(t, w.patient(t, "No", "Show"), w.mehtaID, w.at(3, 11, 0))
	cancelled := w.book(t, w.patient(t, "Can", "Cel"), w.mehtaID, w.at(3, 11, 20))
	if err := w.s.Cancel(calCtx, desk, cancelled, "Patient called"); err != nil {
		t.Fatal(err)
	}
	item, err := w.s.AddInventoryItem(calCtx, ph, ItemInput{Name: "Zinc 20", Unit: "tablet", OverTheCounter: true,
		UnitPriceCents: 250})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []struct {
		number  string
		expires time.Time
		qty     int
	}{{"Z1", w.day(4), 10}, {"Z2", w.day(30), 40}} {
		if _, err := w.s.ReceiveStock(calCtx, ph, item, ReceiveInput{BatchNumber: b.number, ExpiresOn: b.expires,
			Quantity: b.qty, UnitCostCents: 100 + int64(b.qty)}); err != nil {
			t.Fatal(err)
		}
	}
	var sales []int64
	for range 2 {
		id, err := w.s.Dispense(calCtx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: item, Quantity: 4}},
			Payment: &SalePayment{Method: "upi", AmountCents: 1000}})
		if err != nil {
			t.Fatal(err)
		}
		sales = append(sales, id)
	}
	if err := w.s.RefundFulfilment(calCtx, ph, sales[0], RefundInput{Method: PaymentUPI, AmountCents: 250,
		Reason: "One strip damaged"}); err != nil {
		t.Fatal(err)
	}
	w.clock.t = w.at(5, 9, 0)
	if err := w.s.MarkNoShow(calCtx, desk, gone); err != nil {
		t.Fatal(err)
	}
	var z1 int64
	if err := w.s.readers.QueryRow(`SELECT id FROM inventory_batches WHERE batch_number = 'Z1'`).Scan(&z1); err != nil {
		t.Fatal(err)
	}
	if err := w.s.WriteOffExpired(calCtx, ph, z1); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *reportWorld) run(t *testing.T, actor Actor, name string) report.Report {
	t.Helper()
	r, err := w.s.Report(calCtx, actor, name, w.day(1), w.day(31))
	if err != nil {
		t.Fatalf("report %s: %v", name, err)
	}
	return r
}

func (w *reportWorld) sum(t *testing.T, query string, args ...any) int64 {
	t.Helper()
	var v int64
	if err := w.s.readers.QueryRow(query, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

// Every total of every report equals a sum taken straight from the tables, by a query
// of its own: the bills' own amounts, the payments ledger, the stock ledger, the batches.
func TestEveryReportTotalReconcilesWithAnIndependentSum(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t)
	admin, ph := w.admin.Actor(), w.pharmacist.Actor()
	billsPaid := w.sum(t, `SELECT (SELECT sum(amount_paid_cents) FROM appointments)
		+ (SELECT sum(amount_paid_cents) FROM pharmacy_fulfillments)`)
	refunded := w.sum(t, `SELECT -sum(amount_cents) FROM payments WHERE kind = 'refund'`)
	if billsPaid != 132000 || refunded != 10250 {
		t.Fatalf("the fixture took %d and refunded %d", billsPaid, refunded)
	}
	check := func(what string, got, want int64) {
		t.Helper()
		if got != want {
			t.Errorf("%s: report %d, tables %d", what, got, want)
		}
	}

	byDay := w.run(t, admin, "takings-by-day")
	check("by day, net", byDay.Total.Values[3], billsPaid-refunded)
	check("by day, front desk", byDay.Total.Values[0], w.sum(t, `SELECT sum(amount_paid_cents) FROM appointments`))
	check("by day, pharmacy", byDay.Total.Values[1], w.sum(t, `SELECT sum(amount_paid_cents) FROM pharmacy_fulfillments`))
	check("by day, refunds", byDay.Total.Values[2], refunded)
	if len(byDay.Rows) != 31 || byDay.Rows[2].Values[3] != billsPaid-refunded {
		t.Errorf("by day: %d rows, 3 March nets %d", len(byDay.Rows), byDay.Rows[2].Values[3])
	}

	byMethod := w.run(t, admin, "takings-by-method")
	check("by method, net", byMethod.Total.Values[3], billsPaid-refunded)
	for _, row := range byMethod.Rows {
		method := strings.ToLower(row.Label)
		check("by method, "+method, row.Values[3], w.sum(t, `SELECT coalesce(sum(amount_cents), 0) FROM payments
			WHERE method = ?`, method))
	}

	byDoctor := w.run(t, admin, "takings-by-doctor")
	check("by doctor, net", byDoctor.Total.Values[3], billsPaid-refunded)
	check("by doctor, Dr. Anil Rao", byDoctor.Rows[0].Values[1], w.sum(t, `SELECT sum(amount_paid_cents)
		FROM appointments WHERE doctor_id = ?`, w.rao))
	if last := byDoctor.Rows[len(byDoctor.Rows)-1]; last.Label != "Pharmacy" || last.Values[1] != 2000 {
		t.Errorf("by doctor ends with %+v", last)
	}

	appts := w.run(t, admin, "appointments")
	check("appointments booked", appts.Total.Values[0], w.sum(t, `SELECT count(*) FROM appointments`))
	check("completed", appts.Total.Values[1], w.sum(t, `SELECT count(*) FROM appointments WHERE status = 'completed'`))
	check("no-shows", appts.Total.Values[2], w.sum(t, `SELECT count(*) FROM appointments WHERE status = 'no_show'`))
	check("cancelled", appts.Total.Values[3], w.sum(t, `SELECT count(*) FROM appointments WHERE status = 'cancelled'`))
	check("no-show rate (1 of 5 not cancelled)", appts.Total.Values[5], 2000)
	check("cancel rate (1 of 6)", appts.Total.Values[6], 1667)

	refunds := w.run(t, admin, "refunds")
	check("refunds", refunds.Total.Values[0], refunded)
	if len(refunds.Rows) != 2 || !strings.Contains(refunds.Rows[0].Detail, "Part of the visit missed") {
		t.Errorf("refund rows %+v", refunds.Rows)
	}

	pharmacy := w.run(t, ph, "pharmacy-takings")
	check("pharmacy net", pharmacy.Total.Values[2], 2000-250)

	value := w.run(t, ph, "stock-valuation")
	check("stock value", value.Total.Values[1], w.sum(t, `SELECT sum(quantity_left * unit_cost_cents) FROM inventory_batches`))
	check("stock units", value.Total.Values[0], w.sum(t, `SELECT sum(current_stock) FROM inventory_items`))
	before, err := w.s.Report(calCtx, ph, "stock-valuation", w.day(1), w.day(4))
	if err != nil {
		t.Fatal(err)
	}
	// At the end of 4 March the expired batch's last 2 units were still on the shelf (the
	// sales took 8 of Z1, first expiry first out): every movement but the write-off.
	check("stock value at the end of 4 March", before.Total.Values[1], w.sum(t, `SELECT sum(m.quantity * b.unit_cost_cents)
		FROM stock_movements m JOIN inventory_batches b ON b.id = m.batch_id WHERE m.kind <> 'expire'`))

	expired := w.run(t, ph, "expiry-write-offs")
	check("written off", expired.Total.Values[1], w.sum(t, `SELECT -sum(m.quantity * b.unit_cost_cents)
		FROM stock_movements m JOIN inventory_batches b ON b.id = m.batch_id WHERE m.kind = 'expire'`))

	top := w.run(t, ph, "top-dispensed")
	if len(top.Rows) != 1 || top.Rows[0].Values[0] != w.sum(t, `SELECT sum(quantity) FROM fulfillment_items`) ||
		top.Rows[0].Values[1] != 2 {
		t.Errorf("top dispensed: %+v", top.Rows)
	}
	supply := w.run(t, ph, "days-of-supply")
	if len(supply.Rows) != 1 || supply.Rows[0].Values[0] != 40 || supply.Rows[0].Values[2] != 40*31/8 {
		t.Errorf("days of supply: %+v", supply.Rows)
	}
}

// The appointments report reads each doctor's month from appointments_doctor_start
// alone, in doctor order: no table row per visit and no sort of the month's visits (on
// the large demo those were most of its time).
func TestAppointmentsReportReadsOneIndexWithoutASort(t *testing.T) {
	t.Parallel()
	plan := queryPlan(t, newTestStore(t), appointmentsReportQuery, "", "")
	want := "SEARCH a USING COVERING INDEX appointments_doctor_start (doctor_id=? AND starts_at>? AND starts_at<?)"
	if !strings.Contains(plan, want) || strings.Contains(plan, "GROUP BY") {
		t.Fatalf("plan:\n%s\nwant %s and no temporary tree for the GROUP BY", plan, want)
	}
}

func TestReportsAreForTheRolesThatReadThem(t *testing.T) {
	t.Parallel()
	w := newReportWorld(t)
	if _, err := w.s.Report(calCtx, w.pharmacist.Actor(), "takings-by-day", w.day(1), w.day(3)); !isForbidden(err) {
		t.Errorf("a pharmacist read the clinic's takings: %v", err)
	}
	if _, err := w.s.Report(calCtx, w.desk.Actor(), "stock-valuation", w.day(1), w.day(3)); !isForbidden(err) {
		t.Errorf("the front desk read the stock valuation: %v", err)
	}
	if _, err := w.s.Report(calCtx, w.raoUser.Actor(), "appointments", w.day(1), w.day(3)); !isForbidden(err) {
		t.Errorf("a doctor read the appointments report: %v", err)
	}
	for _, c := range []struct {
		name     string
		from, to time.Time
		field    string
	}{
		{"takings", w.day(1), w.day(3), "report"},
		{"takings-by-day", w.day(3), w.day(1), "to"},
		{"takings-by-day", w.day(1), w.day(1).AddDate(4, 0, 0), "to"},
	} {
		_, err := w.s.Report(calCtx, w.admin.Actor(), c.name, c.from, c.to)
		if fe, ok := err.(*FieldError); !ok || fe.Field != c.field {
			t.Errorf("%s %v–%v: %v, want a %s error", c.name, c.from, c.to, err, c.field)
		}
	}
	if got := len(Reports(RoleAdmin)); got != len(ReportNames()) {
		t.Errorf("the admin reads %d of %d reports", got, len(ReportNames()))
	}
	if got := len(Reports(RoleDoctor)); got != 0 {
		t.Errorf("a doctor is offered %d reports", got)
	}
	var csv bytes.Buffer
	if err := w.run(t, w.admin.Actor(), "takings-by-method").WriteCSV(&csv); err != nil ||
		!strings.Contains(csv.String(), "Method,Front desk,Pharmacy,Refunds,Net\n") ||
		!strings.Contains(csv.String(), "Total,1300.00,20.00,102.50,1217.50\n") {
		t.Errorf("CSV:\n%s %v", csv.String(), err)
	}
}

func isForbidden(err error) bool { _, ok := err.(*ForbiddenError); return ok }
