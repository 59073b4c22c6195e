package pharmacy

import (
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// line is one thing to hand over at the counter: a prescribed medication, or an item of
// a walk-in sale. Its plan is the store's: which of the item's dispensable batches the
// quantity comes from (first expiry first, or the batch the pharmacist chose), the
// same plan Dispense writes.
type line struct {
	med     *store.PrescribedMedication // nil in a walk-in sale
	item    store.InventoryItem         // ID 0 until an item is chosen
	plan    store.LinePlan
	plans   common.Reloads // the store's plans asked for; only the newest one's is kept
	touched bool           // the pharmacist changed the quantity or batch
	// warnings are the store's, as it checks the line at the counter (allergies,
	// interactions, not checked, dose): the pharmacist acknowledges them to hand it over.
	warnings []store.CounterWarning
}

// qty is the quantity to hand over now.
func (l *line) qty() int { return l.plan.Line.Quantity }

// batchID is the batch the pharmacist chose, 0 for first expiry first.
func (l *line) batchID() int64 { return l.plan.Line.BatchID }

// remaining is what the prescription still asks for; a walk-in line has no cap but stock.
func (l *line) remaining() int {
	if l.med == nil {
		return l.plan.Available()
	}
	return l.med.Outstanding()
}

// cap is the most this line can hand over now.
func (l *line) cap() int {
	if l.item.ID == 0 {
		return 0
	}
	return min(l.remaining(), l.plan.Available())
}

// replan asks the store's plan for a batch choice and quantity, kept within the cap.
func (l *line) replan(batchID int64, qty int) {
	l.plan = l.plan.Replan(batchID, max(qty, 0))
	if l.qty() > l.cap() {
		l.plan = l.plan.Replan(batchID, l.cap())
	}
}

// rebatch takes a fresh plan of the line's item (new stock, or a reload), keeping the
// batch the pharmacist chose while it can still be dispensed.
func (l *line) rebatch(p store.LinePlan) {
	batch := l.batchID()
	if !slices.ContainsFunc(p.Batches, func(b store.Batch) bool { return b.ID == batch }) {
		batch = 0
	}
	qty := l.qty()
	l.plan = p
	l.replan(batch, qty)
}

// fit sets the default quantity: all that is still to dispense, as far as stock goes.
func (l *line) fit() {
	if !l.touched || l.qty() > l.cap() {
		l.replan(l.batchID(), l.cap())
	}
}

// setQty sets the quantity the pharmacist asked for, kept within the cap; past it, it
// says why the line holds less than asked (nothing silently shrinks), else "".
func (l *line) setQty(q int) string {
	l.replan(l.batchID(), q)
	l.touched = true
	return l.over(q)
}

// over says why the line cannot hold q, or "" when it can.
func (l *line) over(q int) string {
	switch {
	case q <= l.cap():
		return ""
	case l.med != nil && l.remaining() < l.plan.Available():
		return fmt.Sprintf("%d asked, but only %s left to dispense on this line.", q, plural.S(l.remaining(), "unit"))
	}
	return fmt.Sprintf("%d asked, but only %s in stock for this line.", q, plural.S(l.plan.Available(), "unit"))
}

// typeDigit types one digit of the quantity: it follows the digits typed before, or,
// saying why, starts the quantity again when they would pass the cap; the line's
// first digit starts it too.
func (l *line) typeDigit(d rune) string {
	q := l.qty()*10 + int(d-'0')
	if !l.touched {
		return l.setQty(int(d - '0'))
	}
	if why := l.over(q); why != "" {
		l.setQty(int(d - '0'))
		return why + " Typed again from " + string(d) + "."
	}
	return l.setQty(q)
}

// eraseDigit takes the quantity's last digit off.
func (l *line) eraseDigit() { l.setQty(l.qty() / 10) }

// nextBatch cycles through first-expiry-first-out and then each dispensable batch.
func (l *line) nextBatch() {
	batches := l.plan.Batches
	if len(batches) == 0 {
		return
	}
	next := int64(0)
	i := slices.IndexFunc(batches, func(b store.Batch) bool { return b.ID == l.batchID() })
	if i+1 < len(batches) {
		next = batches[i+1].ID
	}
	l.replan(next, l.qty())
	l.touched = true
}

// short is how much of what the prescription still asks for the stock cannot cover,
// as the store plans it; 0 for a walk-in line.
func (l *line) short() int {
	if l.med == nil || l.item.ID == 0 {
		return 0
	}
	return l.plan.Replan(l.batchID(), l.remaining()).Short
}

// batchText says where the quantity comes from: "FEFO: B-01 (exp 2026-05-01) ×6, B-02
// (exp 2026-08-01) ×4", and what the stock cannot cover.
func (l *line) batchText() string {
	if l.item.ID == 0 {
		return ""
	}
	if len(l.plan.Batches) == 0 {
		return "no unexpired stock"
	}
	var parts []string
	for _, t := range l.plan.Takes {
		parts = append(parts, fmt.Sprintf("%s (exp %s) ×%d", t.Batch.BatchNumber, date(t.Batch.ExpiresOn), t.Quantity))
	}
	head := "FEFO: "
	if l.batchID() != 0 {
		head = "batch: "
	}
	if len(parts) == 0 {
		b := l.plan.Batches[0]
		if i := slices.IndexFunc(l.plan.Batches, func(b store.Batch) bool { return b.ID == l.batchID() }); i >= 0 {
			b = l.plan.Batches[i]
		}
		parts = append(parts, fmt.Sprintf("%s (exp %s)", b.BatchNumber, date(b.ExpiresOn)))
	}
	text := head + strings.Join(parts, ", ")
	if short := l.short(); short > 0 {
		text += fmt.Sprintf(" · %d short", short)
	}
	return text
}

func (l *line) totalCents() int64 { return l.item.LineTotal(l.qty()) }

// dispenseLine is what the store is asked to hand over for this line.
func (l *line) dispenseLine() store.DispenseLine {
	d := store.DispenseLine{ItemID: l.item.ID, BatchID: l.batchID(), Quantity: l.qty()}
	if l.med != nil {
		d.PrescriptionMedicationID = l.med.ID
	}
	return d
}

// dispenseLines are the lines with something to hand over.
func dispenseLines(lines []*line) []store.DispenseLine {
	var out []store.DispenseLine
	for _, l := range lines {
		if l.item.ID != 0 && l.qty() > 0 {
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

// planMsg is the store's plan for an item on the counter.
type planMsg struct {
	stamp  uint64 // of the line's plans (line.plans)
	itemID int64
	plan   store.LinePlan
	err    error
}

// planCmd asks the store where a quantity of an item would come from now; rxID is the
// prescription the line belongs to, 0 in a walk-in sale; stamp is the line's plans'.
func planCmd(c *common.Common, rxID int64, l store.DispenseLine, stamp uint64) tea.Cmd {
	s, actor := c.Store, c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		plans, err := s.PlanDispense(ctx, actor, store.DispenseInput{PrescriptionID: rxID, Lines: []store.DispenseLine{l}})
		msg := planMsg{stamp: stamp, itemID: l.ItemID, err: err}
		if err == nil && len(plans) == 1 {
			msg.plan = plans[0]
		}
		return msg
	}
}
