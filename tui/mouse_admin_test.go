package tui

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// On the admin's Audit tab a click selects exactly the row under it (enter opens that
// row's diff, the store's row of that place on the page), and the wheel moves on from it.
func TestAClickOnTheAuditTrailSelectsTheRowUnderItAndTheWheelMovesOn(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	admin := addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	for _, name := range []string{"Ana", "Bo", "Cy"} {
		addUser(t, s, store.RoleReceptionist, name+"@clinic.test", name+" Desk")
	}
	p := startDesk(t, s, 80, 24)
	logIn(p, "grace@clinic.test")
	p.WaitFor("Grace Admin · admin", "3 Audit")
	p.Type("3")
	rows, err := s.AuditPage(context.Background(), admin.Actor(), store.AuditFilter{}, 0, 50)
	if err != nil || len(rows) < 6 {
		t.Fatalf("the store's trail: %d rows, %v", len(rows), err)
	}
	// The page is drawn once its rows are: the login's row is the newest.
	screen := p.WaitFor("Page 1 · all rows", " login ")
	first := tuitest.LineOf(screen, "When") + 1
	p.Click(30, first+2)
	p.Key("enter")
	p.WaitFor(fmt.Sprintf("Audit row %d ·", rows[2].ID))
	p.Key("esc")
	p.WaitFor("Page 1 · all rows")
	p.Wheel(30, first, true)
	p.Wheel(30, first, true)
	p.Wheel(30, first, false)
	p.Key("enter")
	p.WaitFor(fmt.Sprintf("Audit row %d ·", rows[3].ID))
}

// On the Audit tab's access log a click selects exactly the access under it, and the
// wheel moves on from it.
func TestAClickOnTheAccessLogSelectsTheAccessUnderIt(t *testing.T) {
	t.Parallel()
	c := newLookedAtClinic(t)
	p := startDesk(t, c.s, 80, 24)
	logIn(p, "grace@clinic.test")
	p.WaitFor("Grace Admin · admin", "3 Audit")
	p.Type("3")
	p.WaitFor("Page 1 · all rows")
	p.Type("a")
	screen := p.WaitFor("Access log", "Anil Rao", "Dee Desk")
	rows, err := c.s.AccessLogPage(context.Background(), c.admin.Actor(), store.AccessFilter{}, 0, 50)
	if err != nil || len(rows) < 3 {
		t.Fatalf("the store's access log: %d rows, %v", len(rows), err)
	}
	first := tuitest.LineOf(screen, "When") + 1
	p.Click(30, first+1)
	p.Key("enter")
	p.WaitFor(fmt.Sprintf("Access row %d", rows[1].ID))
	p.Key("esc")
	p.WaitFor("Access log")
	p.Wheel(30, first, true)
	p.Key("enter")
	p.WaitFor(fmt.Sprintf("Access row %d", rows[2].ID))
}

// On the Outbox (Settings, o) a click selects exactly the message under it: x then
// cancels that one, in the store; the wheel moves the selection as ↓ does.
func TestAClickOnTheOutboxSelectsTheMessageUnderIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	raw, err := sql.Open("sqlite", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, title := range []string{"Notice Alpha", "Notice Bravo", "Notice Charlie", "Notice Delta"} {
		if _, err := raw.Exec(`INSERT INTO notifications(role, channel, kind, title, body, delivery, attempts, address)
			VALUES ('patient', 'email', 'appointment_reminder', ?, 'See you.', 'pending', 0, 'asha@patient.example')`, title); err != nil {
			t.Fatal(err)
		}
	}
	p := startDesk(t, s, 80, 24)
	logIn(p, "grace@clinic.test")
	p.WaitFor("Grace Admin · admin", "2 Settings")
	p.Type("2")
	p.WaitFor("E-mail")
	p.Type("o")
	screen := p.WaitFor("pending 4", "Notice Alpha", "Notice Delta")
	p.Click(20, tuitest.LineOf(screen, "Notice Bravo"))
	p.Type("x")
	p.WaitFor("Cancel this message?")
	p.Type("y")
	p.WaitFor("Message cancelled.", "pending 3", "cancelled 1")
	cancelled := func() []string {
		t.Helper()
		list, err := s.Outbox(ctx, store.System("test"), store.DeliveryCancelled, 10)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, m := range list {
			titles = append(titles, m.Title)
		}
		return titles
	}
	if got := cancelled(); len(got) != 1 || got[0] != "Notice Bravo" {
		t.Fatalf("cancelled %q, want the clicked Notice Bravo", got)
	}
	// The list now reads Delta, Charlie, Alpha; the wheel from Delta stops on Charlie.
	screen = p.WaitFor("Notice Delta", "Notice Charlie")
	p.Click(20, tuitest.LineOf(screen, "Notice Delta"))
	p.Wheel(20, tuitest.LineOf(screen, "Notice Delta"), true)
	p.Type("x")
	p.WaitFor("Cancel this message?")
	p.Type("y")
	p.WaitFor("pending 2", "cancelled 2")
	if got := cancelled(); len(got) != 2 || got[0] != "Notice Charlie" {
		t.Fatalf("cancelled %q, want Notice Charlie after the wheel", got)
	}
}
