package store

import "testing"

func TestTheCounterShowsTheBillTheStoreWrites(t *testing.T) {
	t.Parallel()
	item := InventoryItem{UnitPriceCents: 1250}
	if got := item.LineTotal(3); got != 3750 {
		t.Errorf("3 × 12.50 = %d cents", got)
	}
	for _, c := range []struct {
		name string
		f    Fulfilment
		add  int64
		due  int64
	}{
		{"a new bill owes the new lines", Fulfilment{}, 500, 500},
		{"an unpaid bill owes its rest too", Fulfilment{ID: 1, PaymentStatus: "unpaid", TotalCents: 1000, AmountPaidCents: 400}, 500, 1100},
		{"a paid bill owes only the new lines", Fulfilment{ID: 1, PaymentStatus: "paid", TotalCents: 1000, AmountPaidCents: 1000}, 500, 500},
		{"a waived bill owes only the new lines", Fulfilment{ID: 1, PaymentStatus: "waived", TotalCents: 1000}, 500, 500},
	} {
		if got := c.f.DueAfter(c.add); got != c.due {
			t.Errorf("%s: %d, want %d", c.name, got, c.due)
		}
	}
	if got := (Fulfilment{ID: 1, PaymentStatus: "unpaid", TotalCents: 1000, AmountPaidCents: 400}).Due(); got != 600 {
		t.Errorf("still due %d, want 600", got)
	}
}
