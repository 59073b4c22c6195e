package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// esc in the pharmacy's payment form closes it and keeps the items on the counter, so
// the desk does not ask "Leave without saving?" there (a yes lost nothing); it asks once
// an amount is typed, which esc would drop, and the answer no keeps the amount.
func TestEscInThePaymentFormGoesBackWithoutAsking(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 11, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, now)
	ph := samPharmacist(c)
	item := c.Item(ph.Actor(), store.ItemInput{Name: "Paracetamol", GenericName: "paracetamol", Strength: "500 mg",
		Form: "tablet", Unit: "tablet", OverTheCounter: true, UnitPriceCents: 150})
	c.Receive(ph.Actor(), item, store.ReceiveInput{BatchNumber: "PCM-1", ExpiresOn: now.AddDate(1, 0, 0),
		Quantity: 100, UnitCostCents: 50})

	p := startDesk(t, c.S, 80, 24)
	logIn(p, "sam@clinic.test")
	p.WaitFor("Sam Patel · pharmacist")
	p.Type("2")
	p.WaitFor("Anonymous sale")
	p.Type("a")
	p.WaitFor("Find item")
	p.Type("para")
	p.WaitFor("Paracetamol 500 mg")
	p.Key("enter")
	p.WaitFor("> Paracetamol", "FEFO: PCM-1")
	p.Type("3")
	p.WaitFor("> Paracetamol", "4.50")

	p.Type("d")
	p.WaitFor("┃ Payment", "Sale total")
	p.Key("esc")
	screen := p.WaitUntil("the payment form closed", func(s string) bool { return !strings.Contains(s, "┃ Payment") })
	if strings.Contains(screen, "Leave without saving?") || !strings.Contains(screen, "> Paracetamol") {
		t.Fatalf("esc in the payment form asked first, or lost the counter:\n%s", screen)
	}

	// An amount typed is work esc would drop: the desk asks, and no keeps it.
	p.Type("d")
	p.WaitFor("┃ Payment")
	p.Key("enter") // paid now
	p.WaitFor("┃ Method")
	p.Key("enter") // cash
	p.WaitFor("┃ Amount")
	p.Type("4")
	p.Key("esc")
	p.WaitFor("Leave without saving?")
	p.Type("n")
	p.WaitFor("┃ Amount", "4")
	p.Key("esc")
	p.WaitFor("Leave without saving?")
	p.Type("y")
	screen = p.WaitUntil("the question and the payment form closed", func(s string) bool {
		return !strings.Contains(s, "Leave without saving?") && !strings.Contains(s, "┃ Amount")
	})
	if !strings.Contains(screen, "> Paracetamol") {
		t.Fatalf("the counter was lost with the amount:\n%s", screen)
	}
	if n := c.Count(`SELECT count(*) FROM pharmacy_fulfillments`); n != 0 {
		t.Fatalf("%d sales written by esc, want none", n)
	}
}
