package demo

import (
	"fmt"
	"sort"
	"time"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
)

// buildInventory stocks the pharmacy: each item of the catalogue with its batches, each
// batch received on the day it arrived (so batches that have expired since were good
// when they came in).
func (b *builder) buildInventory() error {
	b.begin("Stocking the pharmacy")
	r := b.rand(2)
	meds := gen.Inventory(b.counts.InventoryItems)
	b.items = map[string]int64{}
	b.meds = map[int64]gen.Medicine{}
	b.stock = &stockModel{batches: map[int64][]modelBatch{}, numbers: map[int64]map[string]bool{}}
	pharmacist := b.users[b.team.Pharmacists[0].Email].Actor()
	err := b.h.Batch(b.ctx, pharmacist, func(tx *store.Tx) error {
		for _, m := range meds {
			id, err := tx.AddInventoryItem(b.ctx, store.ItemInput{Name: m.Name, GenericName: m.GenericName,
				DrugClass: m.Class, Strength: m.Strength, Form: m.Form, Unit: m.Unit, OverTheCounter: m.OTC,
				MinimumStock: m.MinStock, UnitPriceCents: m.PriceCents})
			if err != nil {
				return fmt.Errorf("demo item %s: %w", m.Name, err)
			}
			b.items[m.Name], b.meds[id] = id, m
			for _, bt := range gen.Batches(r, m) {
				if bt.Quantity == 0 {
					continue
				}
				b.clock.set(bt.ReceivedOn.Add(10 * time.Hour))
				_, err := tx.ReceiveStock(b.ctx, id, store.ReceiveInput{BatchNumber: bt.Number,
					ExpiresOn: bt.ExpiresOn, Quantity: bt.Quantity, UnitCostCents: bt.UnitCostCents, Supplier: bt.Supplier})
				if err != nil {
					return fmt.Errorf("demo batch %s of %s: %w", bt.Number, m.Name, err)
				}
				b.stock.add(id, bt.Number, date(bt.ExpiresOn), bt.Quantity)
			}
		}
		return nil
	})
	b.clock.set(b.now)
	b.step(len(meds))
	b.sum.Items = len(meds)
	return err
}

// stockModel mirrors the pharmacy's unexpired stock, so that the demo never asks to
// dispense more than the shelves hold (a refused dispense would abort its batch).
type stockModel struct {
	batches map[int64][]modelBatch    // by item, in expiry order
	numbers map[int64]map[string]bool // by item, the batch numbers received
}

type modelBatch struct {
	expires string
	qty     int
}

func (m *stockModel) add(item int64, number, expires string, qty int) {
	if m.numbers[item] == nil {
		m.numbers[item] = map[string]bool{}
	}
	m.numbers[item][number] = true
	bs := append(m.batches[item], modelBatch{expires, qty})
	sort.SliceStable(bs, func(i, j int) bool { return bs[i].expires < bs[j].expires })
	m.batches[item] = bs
}

// available is what can be dispensed of item on day: the batches not expired by then.
func (m *stockModel) available(item int64, day string) int {
	n := 0
	for _, bt := range m.batches[item] {
		if bt.expires >= day {
			n += bt.qty
		}
	}
	return n
}

// take removes qty first-expiry-first-out, as the pharmacy does.
func (m *stockModel) take(item int64, day string, qty int) {
	bs := m.batches[item]
	for i := range bs {
		if bs[i].expires < day || qty == 0 {
			continue
		}
		n := min(qty, bs[i].qty)
		bs[i].qty -= n
		qty -= n
	}
}

// restock receives a delivery of an item that has run short on the day a collected
// prescription needs it, an hour before the patient comes: the pharmacy reorders what
// it dispenses, so old prescriptions were collected whole. It brings the shortfall in
// packs of ten, so the shelf ends about as bare as before and the low-stock list keeps
// its items.
func (b *builder) restock(tx *store.Tx, r *gen.Rand, item int64, at time.Time, short int) error {
	bt := gen.Delivery(r, b.meds[item], at, (short+9)/10*10)
	for b.stock.numbers[item][bt.Number] {
		bt = gen.Delivery(r, b.meds[item], at, bt.Quantity)
	}
	b.clock.set(at.Add(-time.Hour))
	defer b.clock.set(at)
	_, err := tx.ReceiveStock(b.ctx, item, store.ReceiveInput{BatchNumber: bt.Number, ExpiresOn: bt.ExpiresOn,
		Quantity: bt.Quantity, UnitCostCents: bt.UnitCostCents, Supplier: bt.Supplier})
	if err != nil {
		return fmt.Errorf("demo delivery %s of %s: %w", bt.Number, b.meds[item].Name, err)
	}
	b.stock.add(item, bt.Number, date(bt.ExpiresOn), bt.Quantity)
	return nil
}
