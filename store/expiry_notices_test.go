package store

import (
	"context"
	"testing"
	"time"
)

func TestExpiringBatchesAreAnnouncedOnceToPharmacists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &fixedClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	s := newTestStore(t, WithClock(clock.now))
	ph := mustUser(t, s, RolePharmacist, "ph@clinic.test", "Ravi Pharma")
	item, err := s.AddInventoryItem(ctx, ph.Actor(), ItemInput{Name: "Amoxicillin 500 mg capsule", GenericName: "amoxicillin",
		Unit: "capsule", MinimumStock: 0, UnitPriceCents: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []struct {
		number  string
		expires time.Time
	}{
		{"SOON", clock.t.AddDate(0, 0, 10)},
		{"LATER", clock.t.AddDate(0, 0, 200)},
	} {
		if _, err := s.ReceiveStock(ctx, ph.Actor(), item, ReceiveInput{BatchNumber: b.number, ExpiresOn: b.expires,
			Quantity: 20, UnitCostCents: 100, Supplier: "Medline"}); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.AnnounceExpiringBatches(ctx)
	if err != nil || n != 1 {
		t.Fatalf("first check announced %d (%v), want the one batch expiring within %d days", n, err, ExpiryWarningDays)
	}
	if n, err := s.AnnounceExpiringBatches(ctx); err != nil || n != 0 {
		t.Fatalf("second check announced %d again (%v)", n, err)
	}
	list, err := s.Notifications(ctx, ph.Actor(), true, 10)
	if err != nil || len(list) != 1 || list[0].Kind != KindBatchExpiring || list[0].Title == "" {
		t.Fatalf("pharmacist's notifications: %+v (%v)", list, err)
	}
	clock.advance(200 * 24 * time.Hour)
	if n, _ := s.AnnounceExpiringBatches(ctx); n != 1 {
		t.Fatalf("the later batch was not announced when its time came: %d", n)
	}
}
