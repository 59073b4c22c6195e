package tui

import (
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// At 80×24 the Calendars tab's hours form (taller than the body) scrolls: the slot
// length's field and its error are on screen, and the hours are saved once fixed.
func TestTheHoursFormFitsTheDeskAt80x24(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	doctor := c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "D-1", FeeCents: 50000}})
	c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	p := startDesk(t, c.S, 80, 24)
	logIn(p, "desk@clinic.test")
	p.WaitFor("3 Calendars")
	p.Type("3")
	p.WaitFor("Dr. Anil Rao — weekly hours")
	p.Type("a")
	p.WaitFor("Working hours for Dr. Anil Rao", "┃ Days")
	for range 6 { // Sunday
		p.Key("down")
	}
	p.Key("space")
	p.Key("enter")
	p.WaitFor("┃ From")
	p.Key("enter")
	p.WaitFor("┃ To")
	p.Key("enter")
	p.WaitFor("┃ Slot length (minutes)")
	p.Key("ctrl+u")
	p.Type("2")
	p.Key("enter")
	p.WaitFor("┃ > 2", "Slot length must be from 5 to 240 minutes.")
	p.Key("ctrl+u")
	p.Type("20")
	p.Key("enter")
	p.WaitFor("Added 09:00–13:00 on Sundays for Dr. Anil Rao.")
	blocks, err := c.S.Schedule(t.Context(), store.System("test"), c.DoctorID(doctor))
	if err != nil || len(blocks) != 1 || blocks[0].Weekday != time.Sunday || blocks[0].SlotMinutes != 20 {
		t.Fatalf("stored blocks %+v %v", blocks, err)
	}
}
