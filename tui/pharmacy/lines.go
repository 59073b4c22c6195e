package pharmacy

import (
	"fmt"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	"github.com/clinicdesk/clinicdesk/store"
)

// line is one thing to hand over at the counter: a prescribed medication, or an item of
// a walk-in sale. Its batches are the item's unexpired batches with stock, in
// first-expiry-first-out order; batch -1 lets the store take them in that order.
type line struct {
	med     *store.PrescribedMedication // nil in a walk-in sale
	item    store.InventoryItem         // ID 0 until an item is chosen
	batches []store.Batch
	batch   int
	qty     int
	touched bool // the pharmacist changed the quantity or batch
	// allergies are the patient's allergies the medication matches, most severe first.
	allergies []drugs.Match
}

// allocation is a quantity from one batch.
type allocation struct {
	batch store.Batch
	qty   int
}

// unexpired keeps the batches that may be dispensed.
func unexpired(all []store.Batch) []store.Batch {
	var out []store.Batch
	for _, b := range all {
		if !b.Expired && b.QuantityLeft > 0 {
			out = append(out, b)
		}
	}
	return out
}

// remaining is what the prescription still asks for; a walk-in line has no cap but stock.
func (l *line) remaining() int {
	if l.med == nil {
		return l.available()
	}
	return max(0, l.med.Quantity-l.med.Dispensed)
}

// available is what the chosen batch, or every unexpired batch, holds.
func (l *line) available() int {
	if l.batch >= 0 && l.batch < len(l.batches) {
		return l.batches[l.batch].QuantityLeft
	}
	n := 0
	for _, b := range l.batches {
		n += b.QuantityLeft
	}
	return n
}

// cap is the most this line can hand over now.
func (l *line) cap() int {
	if l.item.ID == 0 {
		return 0
	}
	return min(l.remaining(), l.available())
}

// fit sets the default quantity: all that is still to dispense, as far as stock goes.
func (l *line) fit() {
	if !l.touched || l.qty > l.cap() {
		l.qty = l.cap()
	}
}

func (l *line) setQty(q int) {
	l.qty, l.touched = min(max(q, 0), l.cap()), true
}

// nextBatch cycles through first-expiry-first-out and then each unexpired batch.
func (l *line) nextBatch() {
	if len(l.batches) == 0 {
		return
	}
	l.batch++
	if l.batch >= len(l.batches) {
		l.batch = -1
	}
	l.touched = true
	l.qty = min(l.qty, l.cap())
}

// allocations are the batches the quantity comes from, as the store will take them.
func (l *line) allocations() []allocation {
	if l.batch >= 0 && l.batch < len(l.batches) {
		return []allocation{{batch: l.batches[l.batch], qty: l.qty}}
	}
	var out []allocation
	need := l.qty
	for _, b := range l.batches {
		if need <= 0 {
			break
		}
		take := min(need, b.QuantityLeft)
		out = append(out, allocation{batch: b, qty: take})
		need -= take
	}
	return out
}

// batchText says where the quantity comes from: "FEFO: B-01 (2026-05-01) ×6, B-02 ×4".
func (l *line) batchText() string {
	if l.item.ID == 0 {
		return ""
	}
	if len(l.batches) == 0 {
		return "no unexpired stock"
	}
	var parts []string
	for _, a := range l.allocations() {
		parts = append(parts, fmt.Sprintf("%s (exp %s) ×%d", a.batch.BatchNumber, date(a.batch.ExpiresOn), a.qty))
	}
	head := "FEFO: "
	if l.batch >= 0 {
		head = "batch: "
	}
	if len(parts) == 0 {
		b := l.batches[max(l.batch, 0)]
		parts = append(parts, fmt.Sprintf("%s (exp %s)", b.BatchNumber, date(b.ExpiresOn)))
	}
	return head + strings.Join(parts, ", ")
}

func (l *line) totalCents() int64 { return int64(l.qty) * l.item.UnitPriceCents }

// dispenseLine is what the store is asked to hand over for this line.
func (l *line) dispenseLine() store.DispenseLine {
	d := store.DispenseLine{ItemID: l.item.ID, Quantity: l.qty}
	if l.med != nil {
		d.PrescriptionMedicationID = l.med.ID
	}
	if l.batch >= 0 && l.batch < len(l.batches) {
		d.BatchID = l.batches[l.batch].ID
	}
	return d
}

// dispenseLines are the lines with something to hand over.
func dispenseLines(lines []*line) []store.DispenseLine {
	var out []store.DispenseLine
	for _, l := range lines {
		if l.item.ID != 0 && l.qty > 0 {
			out = append(out, l.dispenseLine())
		}
	}
	return out
}

func linesTotal(lines []*line) int64 {
	var t int64
	for _, l := range lines {
		t += l.totalCents()
	}
	return t
}
