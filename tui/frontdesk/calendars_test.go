package frontdesk_test

import (
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func TestCalendarsAddHoursLeaveAndHoliday(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	admin, err := c.s.CreateUser(ctx, store.System("test"), store.NewUser{Email: "ada@clinic.test",
		FullName: "Ada Admin", Role: store.RoleAdmin, Password: "correct horse battery staple"})
	if err != nil {
		t.Fatal(err)
	}
	p := start(t, c, frontdesk.NewCalendars(c.common(t, admin)), 80, 24)
	p.WaitFor("Dr. Anil Rao", "Dr. Meera Mehta", "Monday    09:00–13:00")
	p.Type("j")
	p.WaitFor("Dr. Meera Mehta — weekly hours", "Tuesday   09:00–13:00  20-minute slots")
	// Wednesday evenings: a second block on a day is allowed.
	p.Type("a")
	p.WaitFor("Working hours for Dr. Meera Mehta", "┃ Days")
	p.Key("down")
	p.Key("down")
	p.Key("space")
	p.Key("enter")
	p.WaitFor("┃ From")
	p.Key("ctrl+u")
	p.Fill("16:00", "To")
	p.Key("ctrl+u")
	p.Fill("18:00", "Slot length (minutes)")
	p.Key("enter")
	p.WaitFor("Added 16:00–18:00 on Wednesdays for Dr. Meera Mehta.", "Wednesday 16:00–18:00  15-minute slots")
	// An overlapping block is refused in words and the form keeps what was typed.
	p.Type("a")
	p.WaitFor("┃ Days")
	p.Key("space")
	p.Key("enter")
	p.WaitFor("┃ From")
	p.Key("ctrl+u")
	p.Fill("12:00", "To")
	p.Key("ctrl+u")
	p.Fill("14:00", "Slot length (minutes)")
	p.Key("enter")
	p.WaitFor("Dr. Meera Mehta already works 09:00–13:00 on Mondays", "12:00", "14:00")
	p.Key("esc")
	p.Type("v")
	p.WaitFor("Leave for Dr. Meera Mehta", "┃ First day of leave")
	p.Fill("2025-03-10", "Last day of leave")
	p.Fill("2025-03-11", "Reason")
	p.Type("conference")
	p.Key("enter")
	p.WaitFor("Leave added", "leave Mon 10 Mar – Tue 11 Mar 2025 · conference")
	p.Type("o")
	p.WaitFor("┃ Day the clinic is closed")
	p.Fill("2025-03-14", "Holiday")
	p.Type("Holi")
	p.Key("enter")
	p.WaitFor("closed Fri 14 Mar 2025 · Holi")
	blocks, err := c.s.Schedule(ctx, admin.Actor(), c.mehta)
	if err != nil || len(blocks) != 3 {
		t.Fatalf("stored blocks %+v %v", blocks, err)
	}
	slots, err := c.s.NextFreeSlots(ctx, c.desk.Actor(), c.mehta, c.at(10, 0, 0), 1)
	if err != nil || len(slots) != 1 || !slots[0].Start.Equal(c.at(12, 16, 0)) {
		t.Fatalf("the book offers %+v %v; want Wednesday 12 March 16:00", slots, err)
	}
	// Removing asks first.
	p.Key("enter")
	p.Type("x")
	p.WaitFor("Remove Monday")
	p.Type("y")
	p.WaitFor("Removed Monday")
	if blocks, _ := c.s.Schedule(ctx, admin.Actor(), c.mehta); len(blocks) != 2 {
		t.Fatalf("blocks left %+v", blocks)
	}
}

// TestCalendarsFilterDoctorsAsYouType narrows the doctors by name or speciality at each
// key after /; the calendar shown and the form opened are the listed doctor's.
func TestCalendarsFilterDoctorsAsYouType(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewCalendars(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Dr. Anil Rao", "Dr. Meera Mehta", "Dr. Anil Rao — weekly hours")
	p.Type("/")
	p.Type("cardio")
	screen := p.WaitFor("/ cardio", "Dr. Meera Mehta — weekly hours")
	if strings.Contains(screen, "Anil Rao") {
		t.Fatalf("the filter kept Dr. Anil Rao:\n%s", screen)
	}
	p.Key("enter")
	p.Type("v") // a letter is a key of the list again, not the filter's text
	p.WaitFor("Leave for Dr. Meera Mehta", "┃ First day of leave")
	p.Fill("2025-03-10", "Last day of leave")
	p.Fill("2025-03-10", "Reason")
	p.Key("enter")
	p.WaitFor("Leave added")
	leaves, err := c.s.Leaves(ctx, c.desk.Actor(), c.mehta, c.at(3, 0, 0))
	if err != nil || len(leaves) != 1 {
		t.Fatalf("Dr. Mehta's leaves %+v %v", leaves, err)
	}
	p.Key("esc")
	p.WaitUntil("both doctors again", func(s string) bool {
		return strings.Contains(s, "Dr. Anil Rao") && strings.Contains(s, "Dr. Meera Mehta") && !strings.Contains(s, "/ cardio")
	})
}

// A click on a doctor in the left pane shows that doctor's calendar.
func TestCalendarsAClickChoosesTheDoctorUnderIt(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewCalendars(c.common(t, c.desk)), 80, 24)
	screen := p.WaitFor("Dr. Anil Rao — weekly hours")
	p.Click(3, tuitest.LineOf(screen, "  Dr. Meera Mehta"))
	p.WaitFor("Dr. Meera Mehta — weekly hours", "20-minute slots")
	p.Type("v")
	p.WaitFor("Leave for Dr. Meera Mehta")
}
