package store

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

func TestInventoryItemsAndReceiving(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	item := w.item(t, "Amoxicillin 500 mg", false, 10, 250)
	_, err := w.s.AddInventoryItem(ctx, ph, ItemInput{Name: "Amoxicillin 500 mg"})
	var f *FieldError
	if !errors.As(err, &f) || f.Field != "name" || !strings.Contains(f.Message, "already called") {
		t.Fatalf("duplicate name: %v", err)
	}
	_, err = w.s.AddInventoryItem(ctx, w.doctor.Actor(), ItemInput{Name: "Aspirin"})
	rxWantErr(t, err, ErrForbidden)
	if err := w.s.UpdateInventoryItem(ctx, ph, item, ItemInput{Name: "Amoxicillin 500 mg capsule",
		GenericName: "amoxicillin", Unit: "capsule", MinimumStock: 20, UnitPriceCents: 300}); err != nil {
		t.Fatal(err)
	}
	rxWantErr(t, w.s.UpdateInventoryItem(ctx, ph, 999, ItemInput{Name: "x"}), ErrNotFound)

	b1 := w.receive(t, item, "B1", w.day(90), 30)
	again := w.receive(t, item, "B1", w.day(90), 20)
	if again != b1 {
		t.Fatalf("receiving under a known batch number made a new batch")
	}
	w.receive(t, item, "B2", w.day(30), 5)
	for _, tc := range []struct {
		field string
		in    ReceiveInput
	}{
		{"expires_on", ReceiveInput{BatchNumber: "B1", ExpiresOn: w.day(60), Quantity: 1}},
		{"expires_on", ReceiveInput{BatchNumber: "OLD", ExpiresOn: w.day(-1), Quantity: 1}},
		{"batch_number", ReceiveInput{BatchNumber: " ", ExpiresOn: w.day(60), Quantity: 1}},
		{"quantity", ReceiveInput{BatchNumber: "B3", ExpiresOn: w.day(60)}},
	} {
		_, err := w.s.ReceiveStock(ctx, ph, item, tc.in)
		if !errors.As(err, &f) || f.Field != tc.field {
			t.Errorf("%+v: want field %s, got %v", tc.in, tc.field, err)
		}
	}
	_, err = w.s.ReceiveStock(ctx, ph, 999, ReceiveInput{BatchNumber: "X", ExpiresOn: w.day(60), Quantity: 1})
	rxWantErr(t, err, ErrNotFound)

	got, err := w.s.InventoryItem(ctx, w.doctor.Actor(), item)
	if err != nil {
		t.Fatal(err)
	}
	if got.CurrentStock != 55 || got.Unit != "capsule" || got.UnitPriceCents != 300 || !got.NearestExpiry.Equal(dateOnly(w.day(30))) {
		t.Fatalf("item after receipts: %+v", got)
	}
	w.checkLedger(t)
}

func TestInventoryAdjustWriteOffAndReturn(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	item := w.item(t, "Paracetamol 500 mg", true, 0, 20)
	short := w.receive(t, item, "P1", w.day(2), 10)
	long := w.receive(t, item, "P2", w.day(200), 10)

	rxWantErr(t, w.s.AdjustStock(ctx, ph, long, -2, ""), ErrInvalid)
	rxWantErr(t, w.s.AdjustStock(ctx, ph, long, 0, "count"), ErrInvalid)
	if err := w.s.AdjustStock(ctx, ph, long, -2, "Damaged in transit"); err != nil {
		t.Fatal(err)
	}
	if err := w.s.AdjustStock(ctx, ph, long, 1, "Count correction"); err != nil {
		t.Fatal(err)
	}
	err := w.s.AdjustStock(ctx, ph, long, -50, "Count correction")
	var c *ConflictError
	if !errors.As(err, &c) || c.Rule != "insufficient_stock" || !strings.Contains(c.Message, "batch P2") ||
		!strings.Contains(c.Message, "has 9 left") {
		t.Fatalf("adjusting below zero: %v", err)
	}

	err = w.s.WriteOffExpired(ctx, ph, short)
	if !errors.As(err, &c) || c.Rule != "not_expired" {
		t.Fatalf("writing off an unexpired batch: %v", err)
	}
	w.clock.advance(3 * 24 * 60 * 60 * 1e9)
	if err := w.s.WriteOffExpired(ctx, ph, short); err != nil {
		t.Fatal(err)
	}
	rxWantErr(t, w.s.WriteOffExpired(ctx, ph, short), ErrConflict) // nothing left

	rxWantErr(t, w.s.ReturnToSupplier(ctx, ph, long, 3, ""), ErrInvalid)
	if err := w.s.ReturnToSupplier(ctx, ph, long, 3, "Recalled by maker"); err != nil {
		t.Fatal(err)
	}
	rxWantErr(t, w.s.ReturnToSupplier(ctx, w.doctor.Actor(), long, 1, "x"), ErrForbidden)

	it, _ := w.s.InventoryItem(ctx, ph, item)
	if it.CurrentStock != 6 {
		t.Fatalf("stock = %d, want 10+10-2+1-10-3 = 6", it.CurrentStock)
	}
	page, err := w.s.Ledger(ctx, ph, item, LedgerPlace{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	kinds := []MovementKind{MovementReturn, MovementExpire, MovementAdjust, MovementAdjust, MovementReceive, MovementReceive}
	for i, k := range kinds {
		if page[i].Kind != k {
			t.Fatalf("ledger[%d] = %s, want %s", i, page[i].Kind, k)
		}
	}
	if page[0].ActorName != "Sam Patel" || page[1].Quantity != -10 || page[1].Reason != "Expired on 2026-03-12" {
		t.Fatalf("ledger lines: %+v %+v", page[0], page[1])
	}
	w.checkLedger(t)
}

func TestInventorySchemaGuardsTheLedger(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	item := w.item(t, "Ibuprofen 400 mg", true, 0, 15)
	batch := w.receive(t, item, "I1", w.day(100), 5)
	move := w.count(t, `SELECT max(id) FROM stock_movements`)

	w.rawRefused(t, "insufficient_stock", `INSERT INTO stock_movements(item_id, batch_id, kind, quantity) VALUES (?, ?, 'dispense', -6)`,
		item, batch)
	w.rawRefused(t, "ledger", `UPDATE inventory_items SET current_stock = 100 WHERE id = ?`, item)
	w.rawRefused(t, "ledger", `UPDATE inventory_items SET current_stock = 100, last_movement_id = ? WHERE id = ?`, move, item)
	w.rawRefused(t, "ledger", `UPDATE inventory_batches SET quantity_left = 100 WHERE id = ?`, batch)
	w.rawRefused(t, "ledger", `UPDATE stock_movements SET quantity = 100 WHERE id = ?`, move)
	w.rawRefused(t, "ledger", `DELETE FROM stock_movements WHERE id = ?`, move)
	w.rawRefused(t, "ledger", `DELETE FROM inventory_batches WHERE id = ?`, batch)
	w.rawRefused(t, "ledger", `INSERT INTO inventory_items(name, current_stock) VALUES ('Free stock', 50)`)
	other := w.item(t, "Cetirizine 10 mg", true, 0, 5)
	w.rawRefused(t, "batch_mismatch", `INSERT INTO stock_movements(item_id, batch_id, kind, quantity) VALUES (?, ?, 'receive', 1)`,
		other, batch)
	w.checkLedger(t)
}

func TestInventoryLowStockNotifiesOncePerCrossing(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	second := mustUser(t, w.s, RolePharmacist, "pharm2@clinic.test", "Lee Second")
	item := w.item(t, "Metformin 500 mg", false, 10, 5)
	batch := w.receive(t, item, "M1", w.day(300), 20)
	// One notice a day, a line per crossing.
	notes := func() int {
		var body string
		err := w.s.readers.QueryRow(`SELECT coalesce(group_concat(body, char(10)), '') FROM notifications
			WHERE kind = 'low_stock' AND user_id = ?`, w.pharmacist.ID).Scan(&body)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(body, "Metformin")
	}
	steps := []struct {
		delta int
		want  int
	}{
		{-8, 0},  // 12: still at or above the minimum
		{-2, 0},  // 10: at the minimum is not below it
		{-1, 1},  // 9: crossed
		{-4, 1},  // 5: already below
		{+10, 1}, // 15: back above
		{-6, 2},  // 9: crossed again
	}
	for i, st := range steps {
		if err := w.s.AdjustStock(ctx, ph, batch, st.delta, "count"); err != nil {
			t.Fatal(err)
		}
		if got := notes(); got != st.want {
			t.Fatalf("step %d: %d notifications, want %d", i, got, st.want)
		}
	}
	list, err := w.s.Notifications(ctx, second.Actor(), true, 10)
	if err != nil || len(list) != 1 || list[0].Title != "Low stock: 2 items today" ||
		strings.Count(list[0].Body, "down to 9 tablet") != 2 {
		t.Fatalf("the other pharmacist's copies: %v %+v", err, list)
	}
	low, err := w.s.LowStock(ctx, w.doctor.Actor(), 10)
	if err != nil || len(low) != 1 || low[0].ID != item {
		t.Fatalf("low stock: %v %+v", err, low)
	}
}

func TestInventorySearch(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ctx, doc := w.ctx, w.doctor.Actor()
	amoxOut := w.item(t, "Amoxicillin 250 mg syrup", false, 0, 100)
	amoxIn := w.item(t, "Amoxicillin 500 mg", false, 0, 100)
	w.item(t, "Amlodipine 5 mg", false, 0, 100)
	w.item(t, "Co-amoxiclav 625 mg", false, 0, 100)
	w.receive(t, amoxIn, "A1", w.day(100), 10)

	got, err := w.s.SearchInventory(ctx, doc, "amox", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ID != amoxIn {
		t.Fatalf("'amox': want 3 with the stocked one first, got %+v", names(got))
	}
	if got[1].ID != amoxOut && got[2].ID != amoxOut {
		t.Fatalf("'amox' misses the syrup: %v", names(got))
	}
	if got, _ := w.s.SearchInventory(ctx, doc, "amox 500", 10); len(got) != 1 || got[0].ID != amoxIn {
		t.Fatalf("'amox 500': %v", names(got))
	}
	if got, _ := w.s.SearchInventory(ctx, doc, "am", 10); len(got) != 4 {
		t.Fatalf("'am': %v", names(got))
	}
	all, err := w.s.SearchInventory(ctx, doc, "  ", 10)
	if err != nil || strings.Join(names(all), "|") != "Amlodipine 5 mg|Amoxicillin 250 mg syrup|Amoxicillin 500 mg|Co-amoxiclav 625 mg" {
		t.Fatalf("empty query lists by name: %v %v", err, names(all))
	}
	for _, hostile := range []string{`"`, `amox"`, `*`, `amox*`, `NEAR(amox`, `amox OR`, `-amox`, `name:amox`, `^amox`,
		`(`, `amox AND NOT`, `'; DROP TABLE inventory_items; --`, `""""`, "\x00", `ámox`} {
		if _, err := w.s.SearchInventory(ctx, doc, hostile, 10); err != nil {
			t.Errorf("search %q: %v", hostile, err)
		}
	}
	_, err = w.s.SearchInventory(ctx, w.frontDesk.Actor(), "amox", 10)
	rxWantErr(t, err, ErrForbidden)
}

func names(items []InventoryItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
	}
	return out
}

func TestInventoryBatchesAndExpiry(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ctx, ph := w.ctx, w.pharmacist.Actor()
	item := w.item(t, "Salbutamol inhaler", false, 0, 500)
	w.receive(t, item, "LATE", w.day(200), 5)
	w.receive(t, item, "SOON", w.day(3), 5)
	w.receive(t, item, "GONE", w.day(1), 5)
	w.receive(t, item, "MID", w.day(40), 5)
	w.clock.advance(2 * 24 * 60 * 60 * 1e9) // GONE has now expired

	bs, err := w.s.Batches(ctx, ph, item)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, b := range bs {
		order = append(order, b.BatchNumber)
	}
	if strings.Join(order, ",") != "SOON,MID,LATE,GONE" || !bs[3].Expired || bs[0].Expired {
		t.Fatalf("FEFO order: %v (%+v)", order, bs)
	}
	exp, err := w.s.ExpiringWithin(ctx, ph, 30, 10)
	if err != nil || len(exp) != 2 || exp[0].BatchNumber != "GONE" || exp[1].BatchNumber != "SOON" ||
		exp[0].ItemName != "Salbutamol inhaler" {
		t.Fatalf("expiring within 30 days: %v %+v", err, exp)
	}
	it, _ := w.s.InventoryItem(ctx, ph, item)
	if !it.NearestExpiry.Equal(dateOnly(w.day(1))) { // SOON, two days on
		t.Fatalf("nearest unexpired expiry = %v", it.NearestExpiry)
	}
}

// The ledger runs by time, then by the order recorded: movements recorded with a clock
// set back (as the demo's backdated deliveries are) take their place by time, pages
// split movements of one second without losing or repeating one, and each balance is
// the stock after the movement in that order.
func TestInventoryLedgerPagesWithRunningBalance(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ctx, ph := w.ctx, w.pharmacist.Actor()
	item := w.item(t, "Omeprazole 20 mg", false, 0, 30)
	batch := w.receive(t, item, "O1", w.day(300), 100)
	rng := rand.New(rand.NewSource(7))
	for i := range 24 {
		switch i % 4 {
		case 1: // same second as the one before
		case 3:
			w.clock.advance(-90 * time.Minute) // the clock set back
		default:
			w.clock.advance(time.Hour)
		}
		if err := w.s.AdjustStock(ctx, ph, batch, rng.Intn(7)-3|1, "count"); err != nil {
			t.Fatal(err)
		}
	}
	// The ledger's order and the balance after each movement, from the whole ledger.
	var order []int64
	want := map[int64]int{}
	rows, _ := w.s.readers.QueryContext(ctx, `SELECT id, quantity FROM stock_movements WHERE item_id = ? ORDER BY created_at, id`, item)
	balance, byID := 0, true
	for rows.Next() {
		var id int64
		var q int
		rows.Scan(&id, &q)
		balance += q
		want[id] = balance
		byID = byID && (len(order) == 0 || id > order[0])
		order = append([]int64{id}, order...)
	}
	rows.Close()
	if byID {
		t.Fatal("the fixture's times run in the order recorded: it tests nothing")
	}

	var seen []int64
	before := LedgerPlace{}
	for page := 0; ; page++ {
		got, err := w.s.Ledger(ctx, ph, item, before, 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			break
		}
		for i, m := range got {
			if m.RunningBalance != want[m.ID] {
				t.Fatalf("page %d row %d (movement %d): balance %d, want %d", page, i, m.ID, m.RunningBalance, want[m.ID])
			}
			seen = append(seen, m.ID)
		}
		before = got[len(got)-1].Place()
	}
	if fmt.Sprint(seen) != fmt.Sprint(order) {
		t.Fatalf("paged through movements %v, want newest first by time %v", seen, order)
	}
}

func TestInventoryStockHistory(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ctx, ph := w.ctx, w.pharmacist.Actor()
	if err := w.s.PutSetting(ctx, System("test"), SettingTimeZone, "Asia/Kolkata"); err != nil {
		t.Fatal(err)
	}
	item := w.item(t, "Atorvastatin 10 mg", false, 0, 40)
	batch := w.receive(t, item, "T1", w.day(300), 50) // 10 March, 14:30 in Kolkata
	w.clock.advance(24 * 60 * 60 * 1e9)
	w.s.AdjustStock(ctx, ph, batch, -5, "count") // 11 March
	w.s.AdjustStock(ctx, ph, batch, 2, "count")
	w.clock.advance(2 * 24 * 60 * 60 * 1e9)
	w.s.AdjustStock(ctx, ph, batch, -10, "count") // 13 March

	hist, err := w.s.StockHistory(ctx, ph, item, 5)
	if err != nil {
		t.Fatal(err)
	}
	type day struct {
		date           string
		stock, in, out int
	}
	want := []day{{"2026-03-09", 0, 0, 0}, {"2026-03-10", 50, 50, 0}, {"2026-03-11", 47, 2, 5},
		{"2026-03-12", 47, 0, 0}, {"2026-03-13", 37, 0, 10}}
	for i, d := range hist {
		got := day{formatDate(d.Date), d.Stock, d.In, d.Out}
		if got != want[i] {
			t.Errorf("day %d = %+v, want %+v", i, got, want[i])
		}
	}
}

func TestInventoryLedgerInvariantAfterRandomWork(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ctx, ph := w.ctx, w.pharmacist.Actor()
	rng := rand.New(rand.NewSource(42))
	var items, batches []int64
	for i, name := range []string{"Aspirin 75 mg", "Losartan 50 mg", "Zinc 20 mg"} {
		items = append(items, w.item(t, name, true, 5, int64(10+i)))
	}
	soon, late := w.day(30), w.day(400)
	for step := range 300 {
		item := items[rng.Intn(len(items))]
		var err error
		switch op := rng.Intn(6); {
		case op == 0 || len(batches) == 0:
			// Batches A to D expire about half way through; E to H outlast the test.
			letter := rng.Intn(8)
			expires := late
			if letter < 4 {
				expires = soon
			}
			var b int64
			b, err = w.s.ReceiveStock(ctx, ph, item, ReceiveInput{BatchNumber: string(rune('A' + letter)),
				ExpiresOn: expires, Quantity: 1 + rng.Intn(20)})
			if err == nil {
				batches = append(batches, b)
			}
		case op == 1:
			_, err = w.s.Dispense(ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: item, Quantity: 1 + rng.Intn(6)}}})
		case op == 2:
			err = w.s.AdjustStock(ctx, ph, batches[rng.Intn(len(batches))], rng.Intn(9)-4|1, "count")
		case op == 3:
			err = w.s.ReturnToSupplier(ctx, ph, batches[rng.Intn(len(batches))], 1+rng.Intn(3), "damaged")
		case op == 4:
			err = w.s.WriteOffExpired(ctx, ph, batches[rng.Intn(len(batches))])
		default:
			w.clock.advance(24 * 60 * 60 * 1e9)
		}
		if err != nil && !errors.Is(err, ErrConflict) && !errors.Is(err, ErrInvalid) {
			t.Fatalf("step %d: %v", step, err)
		}
	}
	w.checkLedger(t)
	for _, kind := range []MovementKind{MovementReceive, MovementDispense, MovementAdjust, MovementExpire, MovementReturn} {
		if n := w.count(t, `SELECT count(*) FROM stock_movements WHERE kind = ?`, string(kind)); n == 0 {
			t.Errorf("the random work recorded no %s movement", kind)
		}
	}
}

func TestSearchOverTheCounterFindsOnlyItemsSoldWithoutAPrescription(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	w.item(t, "Paracetamol 500 mg", true, 0, 20)
	w.item(t, "Paracetamol 650 mg", false, 0, 30)
	w.item(t, "Cough syrup", true, 0, 90)
	w.item(t, "Amoxicillin 500 mg", false, 0, 250)

	all, err := w.s.SearchInventory(ctx, ph, "para", 10)
	if err != nil || strings.Join(names(all), "|") != "Paracetamol 500 mg|Paracetamol 650 mg" {
		t.Fatalf("the whole catalogue has both paracetamols: %v %v", err, names(all))
	}
	got, err := w.s.SearchOverTheCounter(ctx, ph, "para", 10)
	if err != nil || strings.Join(names(got), "|") != "Paracetamol 500 mg" {
		t.Fatalf("over the counter, \"para\": %v %v", err, names(got))
	}
	got, err = w.s.SearchOverTheCounter(ctx, ph, "", 10)
	if err != nil || strings.Join(names(got), "|") != "Cough syrup|Paracetamol 500 mg" {
		t.Fatalf("over the counter, by name: %v %v", err, names(got))
	}
	if got, err := w.s.SearchOverTheCounter(ctx, ph, "amox", 10); err != nil || len(got) != 0 {
		t.Fatalf("a prescription-only item came up: %v %v", err, names(got))
	}
	if _, err := w.s.SearchOverTheCounter(ctx, w.frontDesk.Actor(), "para", 10); !errors.Is(err, ErrForbidden) {
		t.Fatalf("the front desk searched the inventory: %v", err)
	}
}
