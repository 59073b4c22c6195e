package pharmacy

import (
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// Changes committed close together start reloads side by side; when the first one's
// answer arrives last, it must not replace the second's. Each part starts two reads
// (their commands would query the store; their answers are made here), hands in the
// newer answer, then the older.
func TestAnOlderReloadArrivingLastIsDropped(t *testing.T) {
	t.Parallel()
	c := &common.Common{User: store.User{ID: 1, Role: store.RolePharmacist}}
	t.Run("fulfil", func(t *testing.T) {
		m := newFulfil(c, 2, 0)
		m.load()
		m.load()
		meds := []store.PrescribedMedication{{ID: 11, Name: "Amoxicillin", Quantity: 10}, {ID: 10, Name: "Metformin", Quantity: 10}}
		m.update(fulfilLoadedMsg{stamp: 2, rxID: 2, rx: store.Prescription{ID: 2, Medications: meds}})
		m.update(fulfilLoadedMsg{stamp: 1, rxID: 2, rx: store.Prescription{ID: 2, Medications: meds[1:]}})
		if len(m.lines) != 2 {
			t.Fatalf("the older read's %d line replaced the newer read's two", len(m.lines))
		}
	})
	t.Run("sale's warnings", func(t *testing.T) {
		s := NewSale(c)
		s.patient = store.Patient{ID: 9}
		s.lines = []*line{{item: store.InventoryItem{ID: 4}}}
		s.check()
		s.check() // an allergy was added: this check warns
		s.Update(saleWarningsMsg{stamp: 2, items: []int64{4}, warnings: [][]store.CounterWarning{{{}}}})
		s.Update(saleWarningsMsg{stamp: 1, items: []int64{4}, warnings: [][]store.CounterWarning{nil}})
		if len(s.lines[0].warnings) != 1 {
			t.Fatal("the check from before the allergy took the newer check's warning away")
		}
	})
	t.Run("sale's batches", func(t *testing.T) {
		s := NewSale(c)
		s.lines = []*line{{item: store.InventoryItem{ID: 4}}}
		s.refreshBatches()
		s.refreshBatches()
		later := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
		batches := []store.Batch{{ID: 2, QuantityLeft: 5, ExpiresOn: later}, {ID: 1, QuantityLeft: 5, ExpiresOn: later}}
		s.Update(planMsg{stamp: 2, itemID: 4, plan: store.LinePlan{Batches: batches}})
		s.Update(planMsg{stamp: 1, itemID: 4, plan: store.LinePlan{Batches: batches[1:]}})
		if len(s.lines[0].plan.Batches) != 2 {
			t.Fatalf("the older plan's %d batch replaced the newer plan's two", len(s.lines[0].plan.Batches))
		}
	})
}

// An item page closed (esc) and another opened at once: the first page's read, counted
// like the second's first, must not show its item as the other.
func TestItemPageDropsAClosedPagesRead(t *testing.T) {
	t.Parallel()
	c := &common.Common{User: store.User{ID: 1, Role: store.RolePharmacist}}
	first := newItemPage(c, 1, 80, 20)
	first.reload()
	next := newItemPage(c, 2, 80, 20)
	next.reload()
	next.update(itemLoadedMsg{id: 1, seq: 1, item: store.InventoryItem{ID: 1, Name: "Amoxicillin"}, pages: next.pages})
	if next.loaded || next.item.ID != 0 {
		t.Fatalf("item 2's page shows item %d", next.item.ID)
	}
}
