package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
)

// rxWorld is a small clinic for the prescribing, inventory and pharmacy tests: two
// doctors, a pharmacist, a receptionist and a patient, on a fixed clock.
type rxWorld struct {
	s                                      *Store
	ctx                                    context.Context
	clock                                  *fixedClock
	doctor, doctor2, pharmacist, frontDesk User
	patientID                              int64
	slot                                   int // appointments so far, so each gets its own time
}

func newRxWorld(t testing.TB) *rxWorld {
	t.Helper()
	path, w := rxWorldFiles.Copy(t, "clinic.db")
	w.clock = rxClock()
	w.s = openTestStore(t, path, WithClock(w.clock.now))
	return &w
}

// newFreshRxWorld makes the rxWorld's clinic afresh in the test's own file, under an
// audit key of its own, for the tests of erasure, which prove nothing is left that a
// key shared with the other tests could account for.
func newFreshRxWorld(t testing.TB) *rxWorld {
	t.Helper()
	clock := rxClock()
	w := fillRxWorld(t, newTestStore(t, WithClock(clock.now)))
	w.clock = clock
	return w
}

func rxClock() *fixedClock { return &fixedClock{t: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)} }

// rxWorldFiles is the rxWorld's clinic, built once per test binary and copied for each
// test; its value is the world without a store or a clock.
var rxWorldFiles = testfixture.World[rxWorld]{Build: func(t testing.TB, path string) rxWorld {
	s := openStore(t, path, WithClock(rxClock().now))
	defer s.Close()
	w := fillRxWorld(t, s)
	closeWorld(t, s, false)
	w.s = nil
	return *w
}}

// fillRxWorld makes the world's accounts and patient in s.
func fillRxWorld(t testing.TB, s *Store) *rxWorld {
	t.Helper()
	w := &rxWorld{s: s, ctx: context.Background()}
	w.doctor = mustUser(t, s, RoleDoctor, "rao@clinic.test", "Anil Rao")
	w.doctor2 = mustUser(t, s, RoleDoctor, "mehta@clinic.test", "Priya Mehta")
	w.pharmacist = mustUser(t, s, RolePharmacist, "pharm@clinic.test", "Sam Patel")
	w.frontDesk = mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Dee Desk")
	w.patientID = w.patient(t, "Jane", "Doe")
	return w
}

// sql runs raw statements as the system, in one sealed write.
func (w *rxWorld) sql(t testing.TB, query string, args ...any) int64 {
	t.Helper()
	var id int64
	err := w.s.Batch(w.ctx, System("test"), func(tx *Tx) (err error) {
		id, err = tx.insert(w.ctx, query, args...)
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return id
}

func (w *rxWorld) patient(t testing.TB, first, last string) int64 {
	t.Helper()
	return w.sql(t, `INSERT INTO patients(first_name, last_name, date_of_birth, sex) VALUES (?, ?, '1980-05-01', 'female')`,
		first, last)
}

// appointment books the patient with the doctor, in consultation, each call an hour
// after the last.
func (w *rxWorld) appointment(t testing.TB, doctor User, patientID int64) int64 {
	t.Helper()
	return w.appointmentIn(t, "in_consultation", doctor, patientID)
}

func (w *rxWorld) appointmentIn(t testing.TB, status string, doctor User, patientID int64) int64 {
	t.Helper()
	w.slot++
	start := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC).Add(time.Duration(w.slot) * time.Hour)
	return w.sql(t, `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at, status, cancel_reason)
		VALUES (?, (SELECT id FROM doctors WHERE user_id = ?), ?, ?, ?, CASE WHEN ? = 'cancelled' THEN 'test' END)`,
		patientID, doctor.ID, formatTime(start), formatTime(start.Add(15*time.Minute)), status, status)
}

func (w *rxWorld) item(t testing.TB, name string, otc bool, minimum int, priceCents int64) int64 {
	t.Helper()
	id, err := w.s.AddInventoryItem(w.ctx, w.pharmacist.Actor(), ItemInput{Name: name, GenericName: genericOf(name),
		Strength: "500 mg", Form: "tablet", Unit: "tablet", OverTheCounter: otc, MinimumStock: minimum,
		UnitPriceCents: priceCents})
	if err != nil {
		t.Fatalf("add item %s: %v", name, err)
	}
	return id
}

// genericOf is the first word of a test item's name, in lower case.
func genericOf(name string) string {
	var g string
	fmt.Sscan(name, &g)
	return strings.ToLower(g)
}

func (w *rxWorld) receive(t testing.TB, itemID int64, batch string, expires time.Time, qty int) int64 {
	t.Helper()
	id, err := w.s.ReceiveStock(w.ctx, w.pharmacist.Actor(), itemID, ReceiveInput{BatchNumber: batch,
		ExpiresOn: expires, Quantity: qty, UnitCostCents: 10, Supplier: "Acme Pharma"})
	if err != nil {
		t.Fatalf("receive %s: %v", batch, err)
	}
	return id
}

// prescribe writes and submits a prescription by w.doctor for the patient with the
// medications given, returning its id and the medication lines' ids.
func (w *rxWorld) prescribe(t testing.TB, patientID int64, meds ...MedicationInput) (int64, []int64) {
	t.Helper()
	doc := w.doctor.Actor()
	rx, err := w.s.CreatePrescription(w.ctx, doc, w.appointment(t, w.doctor, patientID))
	if err != nil {
		t.Fatalf("create prescription: %v", err)
	}
	var ids []int64
	for _, m := range meds {
		id, err := w.s.AddMedication(w.ctx, doc, rx, m)
		if err != nil {
			t.Fatalf("add medication %s: %v", m.Name, err)
		}
		ids = append(ids, id)
	}
	if err := w.s.SubmitPrescription(w.ctx, doc, rx); err != nil {
		t.Fatalf("submit: %v", err)
	}
	return rx, ids
}

// day is the store clock's date moved by offset days.
func (w *rxWorld) day(offset int) time.Time { return w.clock.t.AddDate(0, 0, offset) }

// dateOnly is t's date as the store reads dates back: midnight UTC.
func dateOnly(t time.Time) time.Time { return parseStoredDate(formatDate(t)) }

// checkLedger asserts the stock invariant for every item (current stock = the sum of its
// batches' quantities = the sum of its movements) and that the audit chain is intact.
func (w *rxWorld) checkLedger(t testing.TB) {
	t.Helper()
	rows, err := w.s.readers.QueryContext(w.ctx, `SELECT i.name, i.current_stock,
		(SELECT coalesce(sum(quantity_left), 0) FROM inventory_batches WHERE item_id = i.id),
		(SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE item_id = i.id)
		FROM inventory_items i`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var stock, batches, ledger int
		if err := rows.Scan(&name, &stock, &batches, &ledger); err != nil {
			t.Fatal(err)
		}
		if stock != batches || stock != ledger {
			t.Errorf("%s: current stock %d, batches hold %d, ledger sums to %d", name, stock, batches, ledger)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	report, err := w.s.VerifyAudit(w.ctx)
	if err != nil || !report.Intact() {
		t.Errorf("audit chain after the stock work: %v %+v", err, report)
	}
}

func (w *rxWorld) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := w.s.readers.QueryRowContext(w.ctx, query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// rawRefused runs a statement straight on the writer connection, as another program
// would, and asserts that the schema refuses it with the rule given.
func (w *rxWorld) rawRefused(t testing.TB, rule, query string, args ...any) {
	t.Helper()
	_, err := w.s.writer.ExecContext(w.ctx, query, args...)
	if err == nil {
		t.Fatalf("%s: the schema allowed it", query)
	}
	err = translate(err)
	var c *ConflictError
	var f *FieldError
	switch {
	case errors.As(err, &c) && c.Rule == rule, errors.As(err, &f) && f.Field == rule:
	default:
		t.Fatalf("%s: want rule %s, got %v", query, rule, err)
	}
}

func rxWantErr(t testing.TB, err, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("want %v, got %v", kind, err)
	}
}

// confirmFreeText has the pharmacist confirm an unrecognised free-text line as written,
// as they must before anything of its prescription is handed over.
func (w *rxWorld) confirmFreeText(t testing.TB, medicationID int64) {
	t.Helper()
	if err := w.s.ReviewFreeText(w.ctx, w.pharmacist.Actor(), FreeTextReviewInput{MedicationID: medicationID,
		Reason: "Not a medicine: advice to the patient"}); err != nil {
		t.Fatalf("confirm free text: %v", err)
	}
}
