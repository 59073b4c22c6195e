package store

import (
	"errors"
	"testing"
	"time"
)

// takes writes a plan's takes as batch id → quantity, in order.
func takes(p LinePlan) [][2]int64 {
	var out [][2]int64
	for _, tk := range p.Takes {
		out = append(out, [2]int64{tk.Batch.ID, int64(tk.Quantity)})
	}
	return out
}

func sameTakes(a, b [][2]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPlanLineTakesFirstExpiryFirstAndSkipsExpiredBatches(t *testing.T) {
	t.Parallel()
	day := func(n int) time.Time { return time.Date(2026, 3, 1+n, 0, 0, 0, 0, time.UTC) }
	batches := []Batch{
		{ID: 1, ExpiresOn: day(200), QuantityLeft: 10},
		{ID: 2, ExpiresOn: day(1), QuantityLeft: 50, Expired: true},
		{ID: 3, ExpiresOn: day(20), QuantityLeft: 3},
		{ID: 4, ExpiresOn: day(5), QuantityLeft: 0},
		{ID: 5, ExpiresOn: day(20), QuantityLeft: 4}, // same expiry as 3: the older batch first
	}
	for _, tc := range []struct {
		name    string
		line    DispenseLine
		want    [][2]int64
		short   int
		avail   int
		batches int
	}{
		{"first expiry first", DispenseLine{Quantity: 5}, [][2]int64{{3, 3}, {5, 2}}, 0, 17, 3},
		{"across every batch", DispenseLine{Quantity: 17}, [][2]int64{{3, 3}, {5, 4}, {1, 10}}, 0, 17, 3},
		{"shortfall", DispenseLine{Quantity: 20}, [][2]int64{{3, 3}, {5, 4}, {1, 10}}, 3, 17, 3},
		{"named batch", DispenseLine{BatchID: 1, Quantity: 4}, [][2]int64{{1, 4}}, 0, 10, 3},
		{"named batch runs short", DispenseLine{BatchID: 3, Quantity: 5}, [][2]int64{{3, 3}}, 2, 3, 3},
		{"an expired batch covers nothing", DispenseLine{BatchID: 2, Quantity: 1}, nil, 1, 0, 3},
		{"nothing asked", DispenseLine{Quantity: 0}, nil, 0, 17, 3},
	} {
		p := PlanLine(tc.line, batches)
		if got := takes(p); !sameTakes(got, tc.want) || p.Short != tc.short || p.Available() != tc.avail ||
			len(p.Batches) != tc.batches {
			t.Errorf("%s: takes %v short %d available %d batches %d; want %v, %d, %d, %d", tc.name, got, p.Short,
				p.Available(), len(p.Batches), tc.want, tc.short, tc.avail, tc.batches)
		}
	}
	p := PlanLine(DispenseLine{Quantity: 2}, batches).Replan(1, 12)
	if got := takes(p); !sameTakes(got, [][2]int64{{1, 10}}) || p.Short != 2 || p.Line.BatchID != 1 {
		t.Errorf("replanned on batch 1: %v short %d", got, p.Short)
	}
}

// TestPlanDispenseIsWhatDispenseWrites plans a prescription, then dispenses it: the
// batches written are the ones planned, expired stock is never planned, and the part
// the stock cannot cover is reported short.
func TestPlanDispenseIsWhatDispenseWrites(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	amox := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	para := w.item(t, "Paracetamol 500 mg", true, 0, 20)
	w.receive(t, amox, "OLD", w.day(1), 40)
	late := w.receive(t, amox, "LATE", w.day(300), 6)
	soon := w.receive(t, amox, "SOON", w.day(30), 4)
	p1 := w.receive(t, para, "P1", w.day(100), 50)
	rx, meds := w.prescribe(t, w.patientID, amoxicillin(amox),
		MedicationInput{InventoryItemID: para, Dosage: "1 tablet", Frequency: "QID", Quantity: 10},
		MedicationInput{Name: "Steam inhalation", Frequency: "BD", Quantity: 1})
	w.clock.advance(72 * time.Hour) // OLD has expired with 40 left

	plans, err := w.s.PlanDispense(ctx, ph, DispenseInput{PrescriptionID: rx})
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) != 2 || plans[0].Line.PrescriptionMedicationID != meds[0] || plans[1].Line.ItemID != para {
		t.Fatalf("one plan per stocked medication, free text left out: %+v", plans)
	}
	amoxPlan := plans[0]
	if got := takes(amoxPlan); !sameTakes(got, [][2]int64{{soon, 4}, {late, 6}}) || amoxPlan.Short != 5 ||
		amoxPlan.Line.Quantity != 15 {
		t.Fatalf("amoxicillin: takes %v, short %d of %d; want SOON 4, LATE 6, short 5", got, amoxPlan.Short,
			amoxPlan.Line.Quantity)
	}
	if got := takes(plans[1]); !sameTakes(got, [][2]int64{{p1, 10}}) || plans[1].Short != 0 {
		t.Fatalf("paracetamol: takes %v short %d", got, plans[1].Short)
	}

	// The counter dispenses what the plan covers; the write takes the planned batches.
	w.confirmFreeText(t, meds[2])
	covered := amoxPlan.Replan(0, amoxPlan.Line.Quantity-amoxPlan.Short)
	fid, err := w.s.Dispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{covered.Line}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := w.s.Fulfilment(ctx, ph, fid)
	if err != nil {
		t.Fatal(err)
	}
	var written [][2]int64
	for _, it := range f.Items {
		written = append(written, [2]int64{it.BatchID, int64(it.Quantity)})
	}
	if !sameTakes(written, takes(covered)) {
		t.Fatalf("dispensed %v, planned %v", written, takes(covered))
	}

	// Planned again, the dispensed part is no longer outstanding and nothing is left.
	plans, err = w.s.PlanDispense(ctx, ph, DispenseInput{PrescriptionID: rx})
	if err != nil || plans[0].Line.Quantity != 5 || plans[0].Short != 5 || len(plans[0].Takes) != 0 {
		t.Fatalf("after dispensing: %v %+v", err, plans)
	}
	// A free-text medication is planned with the item the pharmacist chose.
	plans, err = w.s.PlanDispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[2], ItemID: para, Quantity: 1}}})
	if err != nil || len(plans) != 1 || !sameTakes(takes(plans[0]), [][2]int64{{p1, 1}}) {
		t.Fatalf("free text with a chosen item: %v %+v", err, plans)
	}
	_, err = w.s.PlanDispense(ctx, ph, DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{
		{PrescriptionMedicationID: meds[2] + 100, ItemID: para, Quantity: 1}}})
	rxWantErr(t, err, ErrInvalid)

	// A walk-in sale's lines are planned as they are.
	plans, err = w.s.PlanDispense(ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: para, Quantity: 60}}})
	if err != nil || plans[0].Short != 10 || plans[0].Available() != 50 {
		t.Fatalf("a walk-in line beyond the stock: %v %+v", err, plans)
	}

	// Only a pharmacist plans a dispense.
	for _, u := range []User{w.doctor, w.frontDesk} {
		if _, err := w.s.PlanDispense(ctx, u.Actor(), DispenseInput{PrescriptionID: rx}); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s planned a dispense: %v", u.Role, err)
		}
	}
	w.checkLedger(t)
}
