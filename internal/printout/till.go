package printout

import (
	"fmt"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/money"
)

// TillClose is what a close-of-day report shows: one desk's till for one day, counted
// against what the day's payments say it took.
type TillClose struct {
	Clinic   string
	Number   int64  // the close's number
	Desk     string // "front desk" or "pharmacy"
	Day      time.Time
	Currency string
	Lines    []TillLine
	Payments int   // payments and refunds in the till
	Refunds  int64 // given back, positive
	Waived   int64 // written off, no money in the till
	Reason   string
	ClosedBy string
	ClosedAt time.Time // in the clinic's zone
	Zone     string
}

// TillLine is one payment method of a closed till.
type TillLine struct {
	Method            string
	Expected, Counted int64
}

// CloseOfDay is the close-of-day report of a till: per method the expected, counted and
// difference, the totals, the reason for any difference, and who closed it when.
func CloseOfDay(c TillClose) string {
	p := &sheet{width: ReceiptWidth}
	cash := func(cents int64) string { return money.Cents(cents).Format(c.Currency) }
	signed := func(cents int64) string {
		if cents > 0 {
			return "+" + cash(cents)
		}
		return cash(cents)
	}
	p.line(c.Clinic)
	p.line(fmt.Sprintf("CLOSE OF DAY No. %06d", c.Number))
	p.line("Till: " + c.Desk)
	p.line("Day: " + c.Day.Format("Monday 2 January 2006"))
	p.rule("-")
	var expected, counted int64
	shown := 0
	for _, l := range c.Lines {
		expected, counted = expected+l.Expected, counted+l.Counted
		if l.Expected == 0 && l.Counted == 0 {
			continue
		}
		shown++
		p.line(methodLabel(l.Method))
		p.ends(2, "expected", cash(l.Expected))
		p.ends(2, "counted", cash(l.Counted))
		if d := l.Counted - l.Expected; d != 0 {
			p.ends(2, "difference", signed(d))
		}
	}
	if shown == 0 {
		p.line("No money taken or counted.")
	}
	p.rule("-")
	p.ends(0, "Expected", cash(expected))
	p.ends(0, "Counted", cash(counted))
	p.ends(0, "Difference", signed(counted-expected))
	p.ends(0, "Payments", fmt.Sprint(c.Payments))
	if c.Refunds != 0 {
		p.ends(0, "Refunded", cash(c.Refunds))
	}
	if c.Waived != 0 {
		p.ends(0, "Waived (not in till)", cash(c.Waived))
	}
	if c.Reason != "" {
		p.rule("-")
		p.line("Reason for the difference:")
		p.indented(2, c.Reason)
	}
	p.rule("-")
	p.field("Closed by", receiptCol, c.ClosedBy)
	p.field("Closed at", receiptCol, c.ClosedAt.Format("2 January 2006 15:04")+" ("+c.Zone+")")
	p.line("Sealed in the audit trail; final.")
	return p.String()
}
