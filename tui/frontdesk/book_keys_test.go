package frontdesk_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui"
	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// The book's footer offers only what works on the selected appointment, and a key it
// does not offer does nothing.
func TestBookFooterFollowsTheSelectedAppointment(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	asha := c.book(t, c.asha, c.rao, c.at(3, 10, 15), "fever")
	ravi := c.book(t, c.ravi, c.rao, c.at(3, 10, 30), "cough")
	for _, step := range []func() error{
		func() error { return c.s.CheckIn(ctx, c.desk.Actor(), ravi) },
		func() error { return c.s.StartConsultation(ctx, c.raoUser.Actor(), ravi) },
		func() error { return c.s.Complete(ctx, c.raoUser.Actor(), ravi) },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	p := tuitest.Start(t, tui.New(tui.Options{Store: c.s, Renderer: tuitest.Renderer(), User: &c.desk}), 120, 30)
	p.WaitFor("Dee Desk · receptionist", "Asha Patel", "Ravi Kumar")
	footer := func() string {
		lines := strings.Split(strings.TrimRight(p.Screen(), "\n"), "\n")
		return lines[len(lines)-1]
	}

	p.Type("j") // the cursor starts at the current time, 10:00: Asha's, scheduled, later today
	p.WaitFor("APT000001 10:15–10:30", "i check in", "c confirm")
	if f := footer(); strings.Contains(f, "no-show") {
		t.Errorf("a no-show is offered before the appointment's time: %q", f)
	}

	p.Type("j") // Ravi's, completed
	p.WaitFor("APT000002 10:30–10:45", "$ payment")
	for _, gone := range []string{"check in", "confirm", "cancel", "reschedule", "no-show"} {
		if f := footer(); strings.Contains(f, gone) {
			t.Errorf("%q is offered for a completed appointment: %q", gone, f)
		}
	}
	p.Type("?")
	full := p.WaitFor("follow-ups")
	if regexp.MustCompile(`\bi +check in|\bx +cancel|\bc +confirm`).MatchString(full) {
		t.Errorf("'?' lists keys that do not work on a completed appointment:\n%s", full)
	}
	p.Type("?")
	p.Type("i")
	p.Type("x")
	p.WaitFor("$ payment")
	if a := c.appointment(t, ravi); a.Status != store.AppointmentCompleted {
		t.Fatalf("the completed appointment became %s", a.Status)
	}
	if strings.Contains(p.Screen(), "reason:") {
		t.Errorf("x opened the cancel prompt on a completed appointment:\n%s", p.Screen())
	}

	p.Type("k") // back to Asha's: check her in; now c undoes it and i is gone
	p.WaitFor("APT000001 10:15–10:30", "i check in")
	p.Type("i")
	p.WaitFor("Asha Patel checked in", "c undo check-in")
	if f := footer(); strings.Contains(f, "i check in") {
		t.Errorf("check in is still offered once checked in: %q", f)
	}
	if a := c.appointment(t, asha); a.Status != store.AppointmentCheckedIn {
		t.Fatalf("stored status %s", a.Status)
	}
	p.Type("c")
	p.WaitFor("Asha Patel's check-in undone; APT000001 is confirmed.", "i check in")
	if a := c.appointment(t, asha); a.Status != store.AppointmentConfirmed {
		t.Fatalf("stored status %s after undoing the check-in", a.Status)
	}
}

// TestAPromptsErrorShowsAtEightyByTwentyFour: in the frame's body at 80×24 (20 rows)
// the go-to-date prompt's error is on screen, with what was typed kept below it.
func TestAPromptsErrorShowsAtEightyByTwentyFour(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewBook(c.common(t, c.desk)), 78, 21)
	p.WaitFor("Dr. Anil Rao")
	p.Type("d")
	p.WaitFor("Go to date")
	p.Type("31/13/2026")
	p.Key("enter")
	p.WaitFor("Not a date: type one as 31/12/2026", "Go to date: 31/13/2026")
	p.Key("ctrl+u")
	p.Type("31/12/2026")
	p.Key("enter")
	p.WaitFor("Thursday 31 December 2026")
}
