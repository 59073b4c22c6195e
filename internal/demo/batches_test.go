package demo

import (
	"regexp"
	"testing"
)

var batchRE = regexp.MustCompile(`^[A-Z]{3}\d{4}-\d{4}$`)

func TestExpiry(t *testing.T) {
	t.Parallel()
	r := New(2)
	ref := midnight(Reference)
	var expired, soon int
	const n = 20_000
	for range n {
		e := Expiry(r, ref)
		switch days := int(e.Sub(ref).Hours() / 24); {
		case days < -180 || days > 900:
			t.Fatalf("expiry %d days away", days)
		case days <= 0:
			expired++
		case days <= 90:
			soon++
		}
	}
	if expired*1000/n < 40 || expired*1000/n > 80 || soon*1000/n < 95 || soon*1000/n > 145 {
		t.Errorf("%d expired and %d within 90 days of %d", expired, soon, n)
	}
}

func TestBatches(t *testing.T) {
	t.Parallel()
	r := New(4)
	today := r.Today()
	low := 0
	for _, m := range Medicines() {
		bs := Batches(r, m)
		if len(bs) < 1 || len(bs) > 3 {
			t.Fatalf("%s: %d batches", m.Name, len(bs))
		}
		seen := map[string]bool{}
		total := 0
		for i, b := range bs {
			if !batchRE.MatchString(b.Number) || seen[b.Number] {
				t.Errorf("%s: batch number %q", m.Name, b.Number)
			}
			seen[b.Number] = true
			if i > 0 && b.ExpiresOn.Before(bs[i-1].ExpiresOn) {
				t.Errorf("%s: batches out of expiry order", m.Name)
			}
			if b.ReceivedOn.After(today) || b.Quantity < 0 || b.UnitCostCents <= 0 || b.UnitCostCents >= m.PriceCents || b.Supplier == "" {
				t.Errorf("%s: bad batch %+v", m.Name, b)
			}
			total += b.Quantity
		}
		if total < m.MinStock {
			low++
		}
	}
	if low == 0 || low > len(medicines)/4 {
		t.Errorf("%d of %d items low on stock", low, len(medicines))
	}
	if got := BatchNumber(New(1), "co-trimoxazole", Reference); got[:7] != "COT2503" {
		t.Errorf("BatchNumber = %q", got)
	}
}
