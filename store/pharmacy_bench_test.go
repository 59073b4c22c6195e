package store_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
)

// dispenseItems are three over-the-counter items of the large clinic, given a million
// units each once per run so that every sale of the benchmark finds stock.
var dispenseItems struct {
	once sync.Once
	ids  []int64
}

// BenchmarkDispenseThreeItems sells three items over the counter, p99 < 3 ms: the
// fulfilment, its lines, the stock movements with their triggers, and the audit rows
// with their seals, in one transaction.
func BenchmarkDispenseThreeItems(b *testing.B) {
	s, sum := largeClinic(b)
	ctx := context.Background()
	pharmacist := account(b, s, sum, store.RolePharmacist).Actor()
	dispenseItems.once.Do(func() {
		items, err := s.SearchInventory(ctx, pharmacist, "", 200)
		if err != nil {
			b.Fatal(err)
		}
		err = s.Batch(ctx, pharmacist, func(tx *store.Tx) error {
			for _, it := range items {
				if !it.OverTheCounter || len(dispenseItems.ids) == 3 {
					continue
				}
				if _, err := tx.ReceiveStock(ctx, it.ID, store.ReceiveInput{BatchNumber: "BENCH-OTC",
					ExpiresOn: s.Now().AddDate(2, 0, 0), Quantity: 1_000_000, Supplier: "Bench"}); err != nil {
					return err
				}
				dispenseItems.ids = append(dispenseItems.ids, it.ID)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	})
	if len(dispenseItems.ids) != 3 {
		b.Fatalf("the clinic has %d over-the-counter items, not 3", len(dispenseItems.ids))
	}
	ids := dispenseItems.ids
	in := store.DispenseInput{Lines: []store.DispenseLine{{ItemID: ids[0], Quantity: 2}, {ItemID: ids[1], Quantity: 1},
		{ItemID: ids[2], Quantity: 3}}}
	b.Run("anonymous", func(b *testing.B) {
		timed(b, func(int) error {
			_, err := s.Dispense(ctx, pharmacist, in)
			return err
		})
	})
	// Sold to a named patient, the same three items are first checked against the
	// patient's allergies, current medications and active prescriptions, and each
	// other (the warnings acknowledged as a pharmacist would).
	b.Run("to a patient", func(b *testing.B) {
		named := in
		named.PatientID = 1
		named.Lines = slices.Clone(in.Lines)
		warnings, err := s.DispenseWarnings(ctx, pharmacist, named)
		if err != nil {
			b.Fatal(err)
		}
		for i := range named.Lines {
			named.Lines[i].Acknowledgements = store.AcknowledgeAll(warnings[i], "Benchmark")
		}
		timed(b, func(int) error {
			_, err := s.Dispense(ctx, pharmacist, named)
			return err
		})
	})
}
