package demo

import (
	"fmt"
	"time"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
)

// tillDays is how many days before today have their tills closed in the demo.
const tillDays = 14

// buildTills closes the front desk's and the pharmacy's tills of the past fortnight at
// 18:30 each day, counted by a receptionist and a pharmacist: most to the cent, a few a
// little short with the reason written down. Today's tills stay open for the desk to close.
func (b *builder) buildTills() error {
	b.begin("Closing the past tills")
	r := b.rand(9)
	closers := map[store.Desk]gen.StaffMember{store.DeskFront: b.team.Receptionists[0],
		store.DeskPharmacy: b.team.Pharmacists[0]}
	today := time.Date(b.now.Year(), b.now.Month(), b.now.Day(), 0, 0, 0, 0, b.now.Location())
	for back := tillDays; back >= 1; back-- {
		day := today.AddDate(0, 0, -back)
		b.clock.set(day.Add(18*time.Hour + 30*time.Minute))
		for _, desk := range store.Desks {
			actor := b.users[closers[desk].Email].Actor()
			till, err := b.h.Till(b.ctx, actor, desk, day)
			if err != nil {
				return fmt.Errorf("demo till %s %s: %w", desk, day.Format("2006-01-02"), err)
			}
			count := store.TillCount{Counted: map[store.PaymentMethod]int64{}}
			for _, l := range till.Lines {
				count.Counted[l.Method] = l.Expected
			}
			if cash := count.Counted[store.PaymentCash]; cash > 0 && r.IntN(5) == 0 {
				count.Counted[store.PaymentCash] = cash - int64(r.Between(1, 20))*1000
				count.Reason = gen.Pick(r, []string{"Change given twice; the patient was called back",
					"A note found torn; set aside for the bank", "Counted twice, still short; reported to the admin"})
			}
			if _, err := b.h.CloseTill(b.ctx, actor, desk, day, count); err != nil {
				return fmt.Errorf("demo till %s %s: %w", desk, day.Format("2006-01-02"), err)
			}
		}
	}
	b.clock.set(b.now)
	b.step(1)
	return nil
}
