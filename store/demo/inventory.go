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
	b.prices = map[int64]int64{}
	b.stock = &stockModel{batches: map[int64][]modelBatch{}}
	pharmacist := b.users[b.team.Pharmacists[0].Email].Actor()
	err := b.h.Batch(b.ctx, pharmacist, func(tx *store.Tx) error {
		for _, m := range meds {
			id, err := tx.AddInventoryItem(b.ctx, store.ItemInput{Name: m.Name, GenericName: m.GenericName,
				DrugClass: m.Class, Strength: m.Strength, Form: m.Form, Unit: m.Unit, OverTheCounter: m.OTC,
				MinimumStock: m.MinStock, UnitPriceCents: m.PriceCents})
			if err != nil {
				return fmt.Errorf("demo item %s: %w", m.Name, err)
			}
			b.items[m.Name], b.prices[id] = id, m.PriceCents
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
				b.stock.add(id, date(bt.ExpiresOn), bt.Quantity)
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
	batches map[int64][]modelBatch // by item, in expiry order
}

type modelBatch struct {
	expires string
	qty     int
}

func (m *stockModel) add(item int64, expires string, qty int) {
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
