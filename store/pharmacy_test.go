package store

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDispenseChoosesFirstExpiryFirstOutAndNeverAnExpiredBatch(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph := w.pharmacist.Actor()
	item := w.item(t, "Cetirizine 10 mg", true, 0, 12)
	gone := w.receive(t, item, "GONE", w.day(1), 50)
	later := w.receive(t, item, "LATER", w.day(200), 10)
	first := w.receive(t, item, "FIRST", w.day(20), 3)
	w.clock.advance(48 * time.Hour) // GONE has expired and still holds 50

	id, err := w.s.Dispense(w.ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: item, Quantity: 5}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := w.s.Fulfilment(w.ctx, ph, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 2 || f.Items[0].BatchID != first || f.Items[0].Quantity != 3 ||
		f.Items[1].BatchID != later || f.Items[1].Quantity != 2 {
		t.Fatalf("FEFO split: %+v", f.Items)
	}
	if f.TotalCents != 60 || f.Items[0].LineTotalCents != 36 || f.Kind != FulfilmentWalkIn || f.Status != FulfilmentFulfilled {
		t.Fatalf("walk-in sale: %+v", f)
	}

	// Only 8 unexpired units are left; the 50 expired ones do not count.
	movements := w.count(t, `SELECT count(*) FROM stock_movements`)
	_, err = w.s.Dispense(w.ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: item, Quantity: 9}}})
	var c *ConflictError
	if !errors.As(err, &c) || c.Rule != "insufficient_stock" || !strings.Contains(c.Message, "stock of Cetirizine 10 mg: 8 tablet left") {
		t.Fatalf("asking for more than the unexpired stock: %v", err)
	}
	_, err = w.s.Dispense(w.ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: item, BatchID: gone, Quantity: 1}}})
	if !errors.As(err, &c) || c.Rule != "expired" || !strings.Contains(c.Message, "GONE") {
		t.Fatalf("naming an expired batch: %v", err)
	}
	// A sale whose second line fails leaves nothing of its first line behind.
	_, err = w.s.Dispense(w.ctx, ph, DispenseInput{Lines: []DispenseLine{
		{ItemID: item, BatchID: later, Quantity: 1}, {ItemID: item, BatchID: gone, Quantity: 1}}})
	rxWantErr(t, err, ErrConflict)
	if got := w.count(t, `SELECT count(*) FROM stock_movements`); got != movements {
		t.Fatalf("a refused dispense wrote %d movements", got-movements)
	}
	if got := w.count(t, `SELECT count(*) FROM pharmacy_fulfillments`); got != 1 {
		t.Fatalf("a refused dispense left %d fulfilments", got-1)
	}
	w.checkLedger(t)
}

func TestDispensePartiallyThenComplete(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	amox := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	para := w.item(t, "Paracetamol 500 mg", true, 0, 20)
	w.receive(t, amox, "A1", w.day(100), 3)
	w.receive(t, para, "P1", w.day(100), 50)
	rx, meds := w.prescribe(t, w.patientID, amoxicillin(amox),
		MedicationInput{InventoryItemID: para, Dosage: "1 tablet", Frequency: "QID", Quantity: 10},
		MedicationInput{Name: "Steam inhalation", Frequency: "BD", Quantity: 1})

	q, err := w.s.Queue(ctx, ph, 10)
	if err != nil || len(q) != 1 || q[0].StockCovers || q[0].Items != 3 || q[0].Outstanding != 3 || q[0].FulfilmentID != 0 {
		t.Fatalf("queue before dispensing: %v %+v", err, q)
	}

	w.confirmFreeText(t, meds[2])
	fid, err := w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[0], Quantity: 3}, {PrescriptionMedicationID: meds[1], Quantity: 10}}})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := w.s.Fulfilment(ctx, ph, fid)
	r, _ := w.s.Prescription(ctx, ph, rx)
	if f.Status != FulfilmentPartial || r.Status != PrescriptionDispensing || f.TotalCents != 3*250+10*20 {
		t.Fatalf("after a partial dispense: fulfilment %s, prescription %s, total %d", f.Status, r.Status, f.TotalCents)
	}
	if m := f.Medications[0]; m.Dispensed != 3 || m.Quantity != 15 {
		t.Fatalf("amoxicillin: %d of %d dispensed, want 3 of 15", m.Dispensed, m.Quantity)
	}
	q, _ = w.s.Queue(ctx, ph, 10)
	if len(q) != 1 || q[0].Status != PrescriptionDispensing || q[0].Outstanding != 2 || q[0].FulfilmentID != fid {
		t.Fatalf("queue after a partial dispense: %+v", q)
	}

	_, err = w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[0], Quantity: 13}}})
	var f2 *FieldError
	if !errors.As(err, &f2) || !strings.Contains(f2.Message, "at most 12 more") {
		t.Fatalf("over-dispensing the prescription: %v", err)
	}
	_, err = w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[0], ItemID: para, Quantity: 1}}})
	rxWantErr(t, err, ErrInvalid) // not the prescribed item
	_, err = w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[2], Quantity: 1}}})
	rxWantErr(t, err, ErrInvalid) // free text needs a chosen item

	w.receive(t, amox, "A2", w.day(150), 20)
	if _, err := w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[0], Quantity: 12}}}); err != nil {
		t.Fatal(err)
	}
	f, _ = w.s.Fulfilment(ctx, ph, fid)
	r, _ = w.s.Prescription(ctx, ph, rx)
	if f.Status != FulfilmentFulfilled || r.Status != PrescriptionFulfilled || f.CompletedAt.IsZero() ||
		f.TotalCents != 15*250+10*20 {
		t.Fatalf("after completing: fulfilment %+v, prescription %s", f, r.Status)
	}
	if q, _ := w.s.Queue(ctx, ph, 10); len(q) != 0 {
		t.Fatalf("a fulfilled prescription stays on the queue: %+v", q)
	}
	notes, _ := w.s.Notifications(ctx, w.doctor.Actor(), true, 10)
	if len(notes) != 1 || notes[0].Kind != KindPrescriptionDispensed || notes[0].EntityID != rx {
		t.Fatalf("the doctor's notification: %+v", notes)
	}
	_, err = w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[0], Quantity: 1}}})
	rxWantErr(t, err, ErrConflict)
	w.checkLedger(t)
}

func TestDispenseRefusals(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	amox := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	w.receive(t, amox, "A1", w.day(100), 30)

	_, err := w.s.Dispense(ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: amox, Quantity: 1}}})
	var f *FieldError
	if !errors.As(err, &f) || !strings.Contains(f.Message, "needs a prescription") {
		t.Fatalf("selling a prescription-only item over the counter: %v", err)
	}
	_, err = w.s.Dispense(ctx, ph, DispenseInput{})
	rxWantErr(t, err, ErrInvalid)
	_, err = w.s.Dispense(ctx, w.doctor.Actor(), DispenseInput{Lines: []DispenseLine{{ItemID: amox, Quantity: 1}}})
	rxWantErr(t, err, ErrForbidden)

	draft, _ := w.s.CreatePrescription(ctx, w.doctor.Actor(), w.appointment(t, w.doctor, w.patientID))
	_, err = w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: draft, Lines: []DispenseLine{{Quantity: 1}}})
	rxWantErr(t, err, ErrNotFound)

	rx, meds := w.prescribe(t, w.patientID, amoxicillin(amox))
	_, err = w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[0] + 100, Quantity: 1}}})
	rxWantErr(t, err, ErrInvalid)
	_, err = w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[0], Quantity: 0}}})
	rxWantErr(t, err, ErrInvalid)
	w.s.CancelPrescription(ctx, w.doctor.Actor(), rx, "changed plan")
	_, err = w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[0], Quantity: 1}}})
	rxWantErr(t, err, ErrConflict)
}

func TestDispenseQueueOrderAndFlags(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx, doc := w.pharmacist.Actor(), w.ctx, w.doctor.Actor()
	w.sql(t, `INSERT INTO allergies(patient_id, allergen, severity) VALUES (?, 'sulfa', 'moderate')`, w.patientID)
	para := w.item(t, "Paracetamol 500 mg", true, 0, 20)
	w.receive(t, para, "P1", w.day(100), 100)
	plain, _ := w.prescribe(t, w.patientID, MedicationInput{InventoryItemID: para, Frequency: "TDS", Quantity: 9})

	w.clock.advance(time.Minute)
	other := w.patient(t, "Raj", "Kumar")
	rx, err := w.s.CreatePrescription(ctx, doc, w.appointment(t, w.doctor, other))
	if err != nil {
		t.Fatal(err)
	}
	w.s.AddMedication(ctx, doc, rx, MedicationInput{InventoryItemID: para, Frequency: "TDS", Quantity: 9})
	w.s.AddTestOrder(ctx, doc, rx, TestOrderInput{Name: "Blood culture", Priority: TestStat})
	w.s.SubmitPrescription(ctx, doc, rx)

	w.clock.advance(time.Minute)
	flagged, err := w.s.CreatePrescription(ctx, doc, w.appointment(t, w.doctor, w.patientID))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.AddMedication(ctx, doc, flagged, MedicationInput{Name: "Co-trimoxazole 960 mg",
		GenericName: "sulfamethoxazole + trimethoprim", Frequency: "BD", Quantity: 10,
		AllergyOverrideReason: "No alternative; monitored"}); err != nil {
		t.Fatal(err)
	}
	w.s.SubmitPrescription(ctx, doc, flagged)

	testsOnly, _ := w.s.CreatePrescription(ctx, doc, w.appointment(t, w.doctor, w.patientID))
	w.s.AddTestOrder(ctx, doc, testsOnly, TestOrderInput{Name: "HbA1c"})
	w.s.SubmitPrescription(ctx, doc, testsOnly)

	q, err := w.s.Queue(ctx, ph, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(q) != 3 || q[0].PrescriptionID != plain || q[1].PrescriptionID != rx || q[2].PrescriptionID != flagged {
		t.Fatalf("queue order (oldest first, no tests-only prescriptions): %+v", q)
	}
	if q[0].UrgentTest || q[0].AllergyOverride || !q[0].StockCovers || q[0].PatientName != "Jane Doe" || q[0].DoctorName != "Anil Rao" {
		t.Fatalf("plain entry: %+v", q[0])
	}
	if !q[1].UrgentTest || q[1].PatientName != "Raj Kumar" {
		t.Fatalf("stat test entry: %+v", q[1])
	}
	if !q[2].AllergyOverride || !q[2].StockCovers {
		t.Fatalf("override entry (its only medicine is free text, so stock covers it): %+v", q[2])
	}
	if q, _ := w.s.Queue(ctx, ph, 2); len(q) != 2 {
		t.Fatalf("limit: %d entries", len(q))
	}
	// Pages of one follow each other, ties of submission time broken by id: a fourth
	// prescription submitted in the same minute as the third comes after it.
	tie, _ := w.prescribe(t, w.patientID, MedicationInput{InventoryItemID: para, Frequency: "TDS", Quantity: 3})
	want := []int64{plain, rx, flagged, tie}
	var paged []int64
	for last := (QueueEntry{}); ; {
		page, err := w.s.QueueAfter(ctx, ph, last, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		paged, last = append(paged, page[0].PrescriptionID), page[0]
	}
	if fmt.Sprint(paged) != fmt.Sprint(want) {
		t.Fatalf("paged one at a time: %v, want %v", paged, want)
	}
	_, err = w.s.Queue(ctx, doc, 10)
	rxWantErr(t, err, ErrForbidden)
	_, err = w.s.QueueAfter(ctx, doc, q[0], 10)
	rxWantErr(t, err, ErrForbidden)
}

func TestDispensePaymentsAndCancellation(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	para := w.item(t, "Paracetamol 500 mg", true, 0, 20)
	batch := w.receive(t, para, "P1", w.day(100), 100)

	paid, err := w.s.Dispense(ctx, ph, DispenseInput{PatientID: w.patientID,
		Lines:   []DispenseLine{{ItemID: para, Quantity: 10}},
		Payment: &SalePayment{Method: "cash", AmountCents: 200}})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := w.s.Fulfilment(ctx, ph, paid)
	if f.PaymentStatus != "paid" || f.PaymentMethod != "cash" || f.AmountPaidCents != 200 || f.PatientName != "Jane Doe" {
		t.Fatalf("walk-in sale paid at once: %+v", f)
	}
	rxWantErr(t, w.s.RecordFulfilmentPayment(ctx, ph, paid, SalePayment{Method: "cash", AmountCents: 1}), ErrConflict)
	rxWantErr(t, w.s.CancelFulfilment(ctx, ph, paid, "mistake"), ErrConflict)

	open, _ := w.s.Dispense(ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: para, Quantity: 5}}})
	for _, bad := range []SalePayment{{Method: "cheque", AmountCents: 10}, {Method: "card"},
		{Method: "card", AmountCents: 101}, {Waive: true, AmountCents: 5}} {
		rxWantErr(t, w.s.RecordFulfilmentPayment(ctx, ph, open, bad), ErrInvalid)
	}
	if err := w.s.RecordFulfilmentPayment(ctx, ph, open, SalePayment{Method: "UPI", AmountCents: 60}); err != nil {
		t.Fatal(err)
	}
	if f, _ := w.s.Fulfilment(ctx, ph, open); f.PaymentStatus != "unpaid" || f.AmountPaidCents != 60 {
		t.Fatalf("part payment: %+v", f)
	}
	if err := w.s.RecordFulfilmentPayment(ctx, ph, open, SalePayment{Waive: true}); err != nil {
		t.Fatal(err)
	}
	receipt, err := w.s.SaleReceipt(ctx, ph, open)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"PHARMACY RECEIPT", "Paracetamol 500 mg", "5 x USD 0.20", "USD 1.00", "Paid         USD 0.60 (UPI)",
		"Waived       USD 0.40"} {
		if !strings.Contains(receipt, want) {
			t.Errorf("receipt lacks %q:\n%s", want, receipt)
		}
	}

	unpaid, _ := w.s.Dispense(ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: para, BatchID: batch, Quantity: 7}}})
	rxWantErr(t, w.s.CancelFulfilment(ctx, ph, unpaid, " "), ErrInvalid)
	if err := w.s.CancelFulfilment(ctx, ph, unpaid, "Customer changed mind"); err != nil {
		t.Fatal(err)
	}
	if it, _ := w.s.InventoryItem(ctx, ph, para); it.CurrentStock != 100-10-5 {
		t.Fatalf("stock after the cancelled sale = %d, want 85", it.CurrentStock)
	}
	rxWantErr(t, w.s.CancelFulfilment(ctx, ph, unpaid, "again"), ErrConflict)
	rxWantErr(t, w.s.RecordFulfilmentPayment(ctx, ph, unpaid, SalePayment{Method: "cash", AmountCents: 1}), ErrConflict)
	receipt, _ = w.s.SaleReceipt(ctx, ph, unpaid)
	if !strings.Contains(receipt, "CANCELLED    Customer changed mind") {
		t.Errorf("cancelled receipt:\n%s", receipt)
	}

	// A prescription's partial fulfilment, cancelled, cancels the prescription and tells its doctor.
	rx, meds := w.prescribe(t, w.patientID, MedicationInput{InventoryItemID: para, Frequency: "QID", DurationDays: 5, Quantity: 20})
	fid, _ := w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{{PrescriptionMedicationID: meds[0], Quantity: 4}}})
	if err := w.s.CancelFulfilment(ctx, ph, fid, "Patient left without the medicines"); err != nil {
		t.Fatal(err)
	}
	r, _ := w.s.Prescription(ctx, w.doctor.Actor(), rx)
	if r.Status != PrescriptionCancelled || !strings.Contains(r.CancelReason, "Patient left") || r.Medications[0].Dispensed != 0 {
		t.Fatalf("prescription after its fulfilment was cancelled: %+v", r)
	}
	if n, _ := w.s.UnreadCount(ctx, w.doctor.Actor()); n != 1 {
		t.Fatalf("doctor has %d unread notifications, want 1", n)
	}
	if q, _ := w.s.Queue(ctx, ph, 10); len(q) != 0 {
		t.Fatalf("queue: %+v", q)
	}
	w.checkLedger(t)
}

func TestDispenseLabels(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	if err := w.s.PutSetting(ctx, System("test"), SettingClinicName, "Green Park Clinic"); err != nil {
		t.Fatal(err)
	}
	amox := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	w.receive(t, amox, "AMX-7", w.day(10), 5)
	w.receive(t, amox, "AMX-9", w.day(300), 50)
	rx, meds := w.prescribe(t, w.patientID, amoxicillin(amox))
	fid, err := w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[0], Quantity: 15}}})
	if err != nil {
		t.Fatal(err)
	}
	labels, err := w.s.Labels(ctx, ph, fid)
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) != 2 {
		t.Fatalf("want a label per batch used, got %d", len(labels))
	}
	for _, want := range []string{"Green Park Clinic", "Date: 10 Mar 2026", "RX000001", "Patient: Jane Doe (PAT",
		"Amoxicillin 500 mg tablet\n", "1 tablet three times a day for 5 days.", "After food.", "Qty: 5 tablet",
		"Batch: AMX-7   Exp: 2026-03-20", "Prescriber: Dr. Anil Rao", "Pharmacist: Sam Patel"} {
		if !strings.Contains(labels[0], want) {
			t.Errorf("label lacks %q:\n%s", want, labels[0])
		}
	}
	if !strings.Contains(labels[1], "Qty: 10 tablet") || !strings.Contains(labels[1], "AMX-9") {
		t.Errorf("second label:\n%s", labels[1])
	}

	otc := w.item(t, "Zinc 20 mg", true, 0, 5)
	w.receive(t, otc, "Z1", w.day(100), 5)
	sale, _ := w.s.Dispense(ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: otc, Quantity: 2}}})
	labels, _ = w.s.Labels(ctx, ph, sale)
	if len(labels) != 1 || !strings.Contains(labels[0], "Use as directed on the pack.") || strings.Contains(labels[0], "Patient:") {
		t.Fatalf("walk-in label:\n%s", labels)
	}
}

// TestConcurrentDispenseOfTheLastUnits races twenty counters for the last seven units
// of one batch, two at a time: three fit, the rest are refused in plain words, and
// nothing is half-written.
func TestConcurrentDispenseOfTheLastUnits(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph := w.pharmacist.Actor()
	item := w.item(t, "Oral rehydration salts", true, 0, 30)
	batch := w.receive(t, item, "ORS-1", w.day(100), 7)

	var wg sync.WaitGroup
	errs := make([]error, 20)
	start := make(chan struct{})
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			line := DispenseLine{ItemID: item, BatchID: batch, Quantity: 2}
			if i%2 == 1 {
				line.BatchID = 0 // half of them let the store choose the batch
			}
			_, errs[i] = w.s.Dispense(w.ctx, ph, DispenseInput{Lines: []DispenseLine{line}})
		}()
	}
	close(start)
	wg.Wait()

	var ok int
	for _, err := range errs {
		var c *ConflictError
		switch {
		case err == nil:
			ok++
		case errors.As(err, &c) && c.Rule == "insufficient_stock" && strings.HasPrefix(c.Message, "Not enough stock"):
		default:
			t.Errorf("want success or a plain insufficient-stock refusal, got %v", err)
		}
	}
	if ok != 3 {
		t.Fatalf("%d dispenses succeeded, want 3", ok)
	}
	if n := w.count(t, `SELECT count(*) FROM pharmacy_fulfillments`); n != 3 {
		t.Fatalf("%d fulfilments, want 3", n)
	}
	if n := w.count(t, `SELECT count(*) FROM fulfillment_items`); n != 3 {
		t.Fatalf("%d fulfilment items, want 3", n)
	}
	if left := w.count(t, `SELECT quantity_left FROM inventory_batches WHERE id = ?`, batch); left != 1 {
		t.Fatalf("%d left in the batch, want 1", left)
	}
	w.checkLedger(t)
}
