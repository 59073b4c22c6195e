package store

import (
	"context"
	"strings"
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

func TestExpiryNoticesAreOnePerDay(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &fixedClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	s := newTestStore(t, WithClock(clock.now))
	ph := mustUser(t, s, RolePharmacist, "ph@clinic.test", "Ravi Pharma")
	item, err := s.AddInventoryItem(ctx, ph.Actor(), ItemInput{Name: "Cetirizine 10 mg", GenericName: "cetirizine",
		Unit: "tablet", UnitPriceCents: 50})
	if err != nil {
		t.Fatal(err)
	}
	receive := func(number string, days int) {
		if _, err := s.ReceiveStock(ctx, ph.Actor(), item, ReceiveInput{BatchNumber: number,
			ExpiresOn: clock.t.AddDate(0, 0, days), Quantity: 5, UnitCostCents: 10, Supplier: "Medline"}); err != nil {
			t.Fatal(err)
		}
	}
	receive("C1", 5)
	receive("C2", 12)
	if n, err := s.AnnounceExpiringBatches(ctx); err != nil || n != 2 {
		t.Fatalf("announced %d, %v", n, err)
	}
	clock.advance(3 * time.Hour)
	receive("C3", 20) // later the same day: it joins the day's notice
	if n, _ := s.AnnounceExpiringBatches(ctx); n != 1 {
		t.Fatalf("the batch received later was announced %d times", n)
	}
	list, err := s.Notifications(ctx, ph.Actor(), false, 10)
	if err != nil || len(list) != 1 || list[0].Title != "3 batches expiring or expired" ||
		strings.Count(list[0].Body, "\n") != 2 || !strings.Contains(list[0].Body, "batch C3 expires on") {
		t.Fatalf("the day's notices: %+v (%v)", list, err)
	}
	clock.advance(24 * time.Hour)
	receive("C4", 3)
	s.AnnounceExpiringBatches(ctx)
	if list, _ := s.Notifications(ctx, ph.Actor(), true, 10); len(list) != 2 || !strings.Contains(list[0].Title, "batch C4 expires") {
		t.Fatalf("the next day: %+v", list)
	}
}

// An expired batch's notice asks to write it off, never to dispense it first: the
// schema refuses to dispense it.
func TestAnExpiredBatchsNoticeDoesNotSayDispenseIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &fixedClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	s := newTestStore(t, WithClock(clock.now))
	ph := mustUser(t, s, RolePharmacist, "ph@clinic.test", "Ravi Pharma")
	item, err := s.AddInventoryItem(ctx, ph.Actor(), ItemInput{Name: "Cetirizine 10 mg", GenericName: "cetirizine",
		Unit: "tablet", UnitPriceCents: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []struct {
		number string
		days   int
	}{{"GONE", 2}, {"SOON", 20}} {
		if _, err := s.ReceiveStock(ctx, ph.Actor(), item, ReceiveInput{BatchNumber: b.number,
			ExpiresOn: clock.t.AddDate(0, 0, b.days), Quantity: 5, UnitCostCents: 10, Supplier: "Medline"}); err != nil {
			t.Fatal(err)
		}
	}
	clock.advance(5 * 24 * time.Hour) // GONE has expired
	if n, err := s.AnnounceExpiringBatches(ctx); err != nil || n != 2 {
		t.Fatalf("announced %d, %v", n, err)
	}
	list, err := s.Notifications(ctx, ph.Actor(), false, 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("notifications: %+v (%v)", list, err)
	}
	for _, line := range strings.Split(list[0].Body, "\n") {
		expired := strings.Contains(line, "batch GONE expired on")
		if expired && (strings.Contains(line, "Dispense") || !strings.Contains(line, "Write it off")) {
			t.Errorf("the expired batch's line: %q", line)
		}
		if strings.Contains(line, "batch SOON") && !strings.Contains(line, "Dispense it first") {
			t.Errorf("the expiring batch's line: %q", line)
		}
	}
}

// The expiry check's look at its last notice reads the day notices through their index,
// not every notification: it runs inside a write, at each start and every hour.
func TestTheLastDayNoticeIsReadThroughTheIndex(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	plan := queryPlan(t, s, lastDayNoticeQuery, KindBatchExpiring)
	if !strings.Contains(plan, "USING INDEX notifications_entity (entity=?") || strings.Contains(plan, "SCAN notifications") {
		t.Fatalf("plan:\n%s\nwant a search of notifications_entity", plan)
	}
}
