package demo

import (
	"fmt"
	"strings"
	"time"
)

// Batch is one received lot of an inventory item.
type Batch struct {
	Number        string
	ExpiresOn     time.Time // a date (midnight)
	ReceivedOn    time.Time
	Quantity      int   // units left
	UnitCostCents int64 // what the clinic paid, below the selling price
	Supplier      string
}

// suppliers are made-up pharmaceutical distributors.
var suppliers = []string{
	"Sunrise Pharma Distributors", "Lotus Medical Agencies", "Ganesh Drug House", "Apex Healthcare Supplies",
	"Nilgiri Pharma Traders", "Metro Medicos Wholesale", "Shree Balaji Medical Agency", "Crescent Pharma Links",
}

// BatchNumber makes a batch number in the demo's one format: three letters of the
// generic name, the year and month of manufacture, and a serial: "AMO2403-0457".
func BatchNumber(r *Rand, generic string, made time.Time) string {
	letters := strings.ToUpper(emailWord(generic))
	letters = (letters + "XXX")[:3]
	return fmt.Sprintf("%s%s-%04d", letters, made.Format("0601"), r.IntN(10_000))
}

// Expiry draws an expiry date relative to the day ref: about 6% already expired (up to
// six months ago), 12% within the next 90 days, and the rest from three months to about
// two and a half years ahead.
func Expiry(r *Rand, ref time.Time) time.Time {
	day := midnight(ref)
	switch n := r.IntN(1000); {
	case n < 60:
		return day.AddDate(0, 0, -r.Between(1, 180))
	case n < 180:
		return day.AddDate(0, 0, r.Between(1, 90))
	default:
		return day.AddDate(0, 0, r.Between(91, 900))
	}
}

// Batches draws the stock of one item as of today: one to three batches with distinct
// numbers, oldest expiry first. Most items hold two to six times their minimum stock;
// about one in eight is below it, so the low-stock list is not empty.
func Batches(r *Rand, m Medicine) []Batch {
	today := r.Today()
	n := r.Between(1, 3)
	total := m.MinStock * r.Between(2, 6)
	if r.Chance(125) {
		total = m.MinStock * r.Between(0, 9) / 10
	}
	total = max(total, n)
	seen := map[string]bool{}
	out := make([]Batch, 0, n)
	for i := range n {
		exp := Expiry(r, today)
		made := exp.AddDate(-2, 0, 0)
		if limit := today.AddDate(0, 0, -30); made.After(limit) {
			made = limit.AddDate(0, 0, -r.IntN(180))
		}
		received := made.AddDate(0, 0, r.Between(14, 90))
		if received.After(today) {
			received = today.AddDate(0, 0, -r.Between(1, 14))
		}
		num := BatchNumber(r, m.GenericName, made)
		for seen[num] {
			num = BatchNumber(r, m.GenericName, made)
		}
		seen[num] = true
		qty := total / n
		if i == 0 {
			qty += total % n
		}
		out = append(out, Batch{
			Number:        num,
			ExpiresOn:     exp,
			ReceivedOn:    received,
			Quantity:      qty,
			UnitCostCents: m.PriceCents * int64(r.Between(60, 80)) / 100,
			Supplier:      Pick(r, suppliers),
		})
	}
	for i := 1; i < len(out); i++ { // insertion sort by expiry: stable and tiny
		for j := i; j > 0 && out[j].ExpiresOn.Before(out[j-1].ExpiresOn); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Delivery is a batch of qty units of m delivered on day: made one to three months
// before, good for a year and a half to two and a half years after that.
func Delivery(r *Rand, m Medicine, day time.Time, qty int) Batch {
	made := midnight(day).AddDate(0, -r.Between(1, 3), 0)
	return Batch{
		Number:        BatchNumber(r, m.GenericName, made),
		ExpiresOn:     made.AddDate(0, r.Between(18, 30), 0),
		ReceivedOn:    day,
		Quantity:      qty,
		UnitCostCents: m.PriceCents * int64(r.Between(60, 80)) / 100,
		Supplier:      Pick(r, suppliers),
	}
}

// Inventory chooses n items of the catalogue for a clinic: every item that the typical
// prescriptions and current medications name, then the rest in catalogue order, so that
// what the demo doctors prescribe is in stock. n past the catalogue's length means all.
func Inventory(n int) []Medicine {
	used := map[string]bool{}
	for _, ds := range diagnoses {
		for _, d := range ds {
			for _, l := range d.Rx {
				used[l.Medicine] = true
			}
		}
	}
	for _, c := range conditions {
		for _, m := range c.Medications {
			used[m.Name] = true
		}
	}
	var first, rest []Medicine
	for _, m := range medicines {
		if used[m.Name] {
			first = append(first, m)
		} else {
			rest = append(rest, m)
		}
	}
	all := append(first, rest...)
	return all[:min(n, len(all))]
}
