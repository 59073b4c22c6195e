package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// On an item's page in the inventory, a click selects exactly the batch under it (a
// then adjusts that batch, in the store), the wheel moves on from it, and / filters the
// batches as typed.
func TestTheItemPagesBatchesTakeClicksTheWheelAndAFilter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, now)
	ph := samPharmacist(c)
	item := c.Item(ph.Actor(), store.ItemInput{Name: "Amoxicillin", Strength: "500 mg", Form: "tablet", Unit: "tablet",
		MinimumStock: 10, UnitPriceCents: 25})
	batches := map[string]int64{}
	for i, b := range []struct{ number, supplier string }{{"B-ALPHA", "Acme Pharma"}, {"B-BRAVO", "Acme Pharma"},
		{"B-CHARLIE", "Zenith Drugs"}, {"B-DELTA", "Acme Pharma"}} {
		batches[b.number] = c.Receive(ph.Actor(), item, store.ReceiveInput{BatchNumber: b.number, Supplier: b.supplier,
			ExpiresOn: now.AddDate(0, 3+i, 0), Quantity: 50, UnitCostCents: 10})
	}
	left := func(number string) int {
		t.Helper()
		list, err := c.S.Batches(context.Background(), ph.Actor(), item)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range list {
			if b.ID == batches[number] {
				return b.QuantityLeft
			}
		}
		t.Fatalf("no batch %s", number)
		return 0
	}
	p := startDesk(t, c.S, 80, 24)
	logIn(p, "sam@clinic.test")
	p.WaitFor("Sam Patel · pharmacist", "3 Invento")
	p.Type("3")
	p.WaitFor("Amoxicillin 500 mg")
	p.Key("enter")
	screen := p.WaitFor("Batches", "B-ALPHA", "B-DELTA", "Ledger")
	p.Click(10, tuitest.LineOf(screen, "B-CHARLIE"))
	p.Type("a")
	p.WaitFor("Adjust batch B-CHARLIE of Amoxicillin", "┃ Change")
	p.Fill("-2", "Reason")
	p.Type("damaged")
	p.Key("enter")
	screen = p.WaitFor("Adjusted batch B-CHARLIE by -2.", "damag")
	if left("B-CHARLIE") != 48 || left("B-BRAVO") != 50 || left("B-ALPHA") != 50 {
		t.Fatalf("the adjustment missed the clicked batch: CHARLIE %d, BRAVO %d, ALPHA %d",
			left("B-CHARLIE"), left("B-BRAVO"), left("B-ALPHA"))
	}
	p.Wheel(10, tuitest.LineOf(screen, "B-CHARLIE"), false)
	p.Type("a")
	p.WaitFor("Adjust batch B-BRAVO of Amoxicillin")
	p.Key("esc")
	p.WaitFor("Batches", "Ledger")
	p.Type("/")
	p.Type("zenith")
	screen = p.WaitFor("/ zenith", "1 of 4", "B-CHARLIE")
	if shelf := batchRows(screen); strings.Contains(shelf, "B-ALPHA") || strings.Contains(shelf, "B-DELTA") {
		t.Fatalf("the filter kept other batches:\n%s", screen)
	}
	p.Key("enter")
	p.Type("a")
	p.WaitFor("Adjust batch B-CHARLIE of Amoxicillin")
	p.Key("esc")
	p.WaitFor("/ zenith")
	p.Key("esc")
	p.WaitUntil("the filter cleared", func(s string) bool {
		return !strings.Contains(s, "/ zenith") && strings.Contains(batchRows(s), "B-ALPHA")
	})
	p.Key("esc")
	p.WaitUntil("the list again", func(s string) bool { return !strings.Contains(s, "Ledger") })
}

// batchRows is the item page's batches: the lines between their title and the ledger's
// (the ledger names batches too).
func batchRows(screen string) string {
	lines := strings.Split(screen, "\n")
	from, to := tuitest.LineOf(screen, "Batches"), tuitest.LineOf(screen, "Ledger, page")
	if from < 0 || to < from {
		return ""
	}
	return strings.Join(lines[from+1:to], "\n")
}
