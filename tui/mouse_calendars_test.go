package tui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// On the Calendars tab a click on the right-hand pane selects exactly the hours or
// leave under it (x then removes that one, in the store; a section's title selects
// nothing), and the wheel moves on from it.
func TestAClickOnTheCalendarsItemsSelectsTheItemUnderIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, now)
	c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	doctor := c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "D-1", FeeCents: 5000}})
	id := c.DoctorID(doctor)
	for _, day := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday} {
		c.Block(tuitest.System, store.ScheduleBlock{DoctorID: id, Weekday: day, Start: "09:00", End: "13:00"})
	}
	if _, err := c.S.AddLeave(ctx, tuitest.System, id, now.AddDate(0, 1, 0), now.AddDate(0, 1, 2), "conference"); err != nil {
		t.Fatal(err)
	}
	weekdays := func() map[time.Weekday]bool {
		t.Helper()
		blocks, err := c.S.Schedule(ctx, tuitest.System, id)
		if err != nil {
			t.Fatal(err)
		}
		out := map[time.Weekday]bool{}
		for _, b := range blocks {
			out[b.Weekday] = true
		}
		return out
	}
	p := startDesk(t, c.S, 80, 24)
	logIn(p, "desk@clinic.test")
	p.WaitFor("Dee Desk · receptionist", "3 Calendars")
	p.Type("3")
	screen := p.WaitFor("Dr. Anil Rao — weekly hours", "Tuesday", "Thursday", "conference")
	p.Click(40, tuitest.LineOf(screen, "Weekly hours")) // a title: nothing to remove
	p.Type("x")
	p.Click(40, tuitest.LineOf(screen, "Wednesday"))
	p.Type("x")
	p.WaitFor("Remove Wednesday")
	p.Type("y")
	p.WaitFor("Removed Wednesday")
	if got := weekdays(); got[time.Wednesday] || !got[time.Tuesday] || !got[time.Thursday] || !got[time.Monday] {
		t.Fatalf("weekly hours left: %v, want all but Wednesday's", got)
	}
	// The status comes before the list is read again: click on the list without Wednesday.
	screen = p.WaitUntil("the hours without Wednesday", func(s string) bool {
		return strings.Contains(s, "conference") && !listsHours(s, "Wednesday")
	})
	p.Click(40, tuitest.LineOf(screen, "Monday"))
	p.Wheel(40, tuitest.LineOf(screen, "Monday"), true)
	p.Type("x")
	p.WaitFor("Remove Tuesday")
	p.Type("y")
	p.WaitFor("Removed Tuesday")
	if got := weekdays(); got[time.Tuesday] || !got[time.Monday] || !got[time.Thursday] {
		t.Fatalf("weekly hours left: %v, want Monday's and Thursday's", got)
	}
	screen = p.WaitUntil("the hours without Tuesday", func(s string) bool {
		return strings.Contains(s, "conference") && !listsHours(s, "Tuesday")
	})
	p.Click(40, tuitest.LineOf(screen, "conference"))
	p.Type("x")
	p.WaitFor("Remove leave")
	p.Type("y")
	p.WaitFor("Removed leave")
	if leaves, err := c.S.Leaves(ctx, tuitest.System, id, now); err != nil || len(leaves) != 0 {
		t.Fatalf("leaves left: %v %v", leaves, err)
	}
}

// listsHours reports whether the calendar's items pane has a row of the day's hours
// (a status line naming the day does not count).
func listsHours(screen, day string) bool {
	return regexp.MustCompile(`(?m)^\s+(› )?` + day + `\s+\d\d:\d\d`).MatchString(screen)
}
