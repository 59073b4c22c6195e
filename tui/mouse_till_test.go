package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// tillClinic is a clinic on 10 March 2026 whose front desk and pharmacy each closed
// their tills on the five days before, in order (the front desk's No. 1 to 5 from 5
// March, then the pharmacy's No. 6 to 10); the tills of 7 March were counted short,
// with a reason.
func tillClinic(t *testing.T) *tuitest.Clinic {
	t.Helper()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, now)
	desk := c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	ph := samPharmacist(c)
	for _, closer := range []struct {
		who  store.User
		desk store.Desk
	}{{desk, store.DeskFront}, {ph, store.DeskPharmacy}} {
		for d := 5; d <= 9; d++ {
			count := store.TillCount{Counted: map[store.PaymentMethod]int64{}}
			if d == 7 {
				count = store.TillCount{Counted: map[store.PaymentMethod]int64{store.PaymentCash: -100}, Reason: "Float miscounted"}
			}
			if _, err := c.S.CloseTill(context.Background(), closer.who.Actor(), closer.desk,
				time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC), count); err != nil {
				t.Fatal(err)
			}
		}
	}
	return c
}

// On the till of either desk, a click selects exactly the closed till under it (enter
// opens that one's report), the wheel moves on from it, and / filters the closed tills
// as typed.
func TestTheTillsClosedListTakesClicksTheWheelAndAFilter(t *testing.T) {
	t.Parallel()
	for _, desk := range []struct {
		email string
		first int // the number of the desk's first close, on 5 March
	}{{"desk@clinic.test", 1}, {"sam@clinic.test", 6}} {
		t.Run(desk.email, func(t *testing.T) {
			t.Parallel()
			c := tillClinic(t)
			p := startDesk(t, c.S, 80, 24)
			logIn(p, desk.email)
			no := func(day int) string { return fmt.Sprintf("No. %06d", desk.first+day-5) }
			p.WaitFor("4 Till")
			p.Type("4")
			screen := p.WaitFor("Closed tills", no(9), no(8))
			p.Click(10, tuitest.LineOf(screen, no(8)))
			p.Key("enter")
			p.WaitFor("CLOSE OF DAY "+no(8), "8 Mar 2026")
			p.Key("esc")
			screen = p.WaitFor("Closed tills", no(8))
			p.Wheel(10, tuitest.LineOf(screen, no(8)), true)
			p.Key("enter")
			p.WaitFor("CLOSE OF DAY "+no(7), "7 Mar 2026", "Float miscounted")
			p.Key("esc")
			p.WaitFor("Closed tills")
			p.Type("/")
			p.Type("miscount")
			screen = p.WaitFor("/ miscount", "1 of 5", no(7))
			if strings.Contains(screen, no(8)) || strings.Contains(screen, no(6)) {
				t.Fatalf("the filter kept other tills:\n%s", screen)
			}
			p.Key("enter")
			p.Key("enter")
			p.WaitFor("CLOSE OF DAY "+no(7), "Float miscounted")
			p.Key("esc")
			p.WaitFor("/ miscount")
			p.Key("esc")
			p.WaitUntil("the filter cleared", func(s string) bool {
				return !strings.Contains(s, "/ miscount") && strings.Contains(s, no(8)) && strings.Contains(s, no(6))
			})
		})
	}
}

// The closed tills' columns are named: the second sum is the difference, not the count
// (a bare "INR 0.00" after the takings read as nothing counted). At 80×24 the list
// still shows the five closes under its header.
func TestTheClosedTillsColumnsAreNamed(t *testing.T) {
	t.Parallel()
	c := tillClinic(t)
	p := startDesk(t, c.S, 80, 24)
	logIn(p, "desk@clinic.test")
	p.WaitFor("4 Till")
	p.Type("4")
	screen := p.WaitFor("Closed tills", "No. 000005", "No. 000001")
	header, shortfall := tuitest.LineOf(screen, "Report      Day"), tuitest.LineOf(screen, "No. 000003")
	if header != tuitest.LineOf(screen, "Closed tills")+1 || shortfall <= header {
		t.Fatalf("no header names the closed tills' columns:\n%s", screen)
	}
	lines := strings.Split(screen, "\n")
	if h, l := lines[header], lines[shortfall]; !strings.Contains(h, "Expected") || !strings.Contains(h, "Difference") ||
		strings.Index(l, "-1.00")+len("-1.00") != strings.Index(h, "Difference")+len("Difference") {
		t.Fatalf("the 7 March shortfall is not under Difference:\n%s\n%s", h, l)
	}
}
