package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

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

// fitsTheDesk fails when a screen drawn at 80×24 runs past the window: a line wider
// than 80 columns is cut, and a row past the 24th is not seen.
func fitsTheDesk(t *testing.T, screen string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) > 24 {
		t.Fatalf("%d rows at 80×24:\n%s", len(lines), screen)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 80 {
			t.Fatalf("row %d is %d columns wide at 80×24:\n%s", i+1, w, screen)
		}
	}
}

// At 80×24, after a resize down from 100×30, the pharmacist's new-item form scrolls
// to its unit price and that field's error; the minimum stock and price start empty
// (typed digits used to follow a prefilled "0": "012"), esc on a half-filled form
// asks, and an empty minimum means 0.
func TestTheNewItemFormFitsTheDeskAt80x24(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	samPharmacist(c)
	p := startDesk(t, c.S, 100, 30)
	logIn(p, "sam@clinic.test")
	p.WaitFor("3 Inventory")
	p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	p.Type("3")
	p.WaitFor("No items")
	p.Type("n")
	p.WaitFor("New item", "┃ Name")
	p.Fill("Testol 5 mg", "Generic name")
	for _, next := range []string{"Strength", "Form", "Unit", "Minimum stock"} {
		p.Key("enter")
		p.WaitFor("┃ " + next)
	}
	p.Fill("12", "Unit price")
	p.Type("abc")
	p.Key("enter")
	fitsTheDesk(t, p.WaitFor("┃ > abc", "Type the amount in digits"))

	p.Key("esc")
	p.WaitFor("Leave without saving?")
	p.Type("n")
	p.Key("ctrl+u")
	p.Fill("4.50", "Sold over the counter?")
	p.Key("enter")
	p.WaitFor("Testol 5 mg", "USD 4.50") // the list, the new item on it
	items, err := c.S.SearchInventory(t.Context(), store.System("test"), "testol", 5)
	if err != nil || len(items) != 1 || items[0].MinimumStock != 12 || items[0].UnitPriceCents != 450 {
		t.Fatalf("stored %+v %v", items, err)
	}

	p.Type("n")
	p.WaitFor("New item", "┃ Name")
	p.Fill("Blankol", "Generic name")
	for range 7 {
		p.Key("enter")
	}
	p.WaitFor("Blankol", "USD 0.00")
	items, err = c.S.SearchInventory(t.Context(), store.System("test"), "blankol", 5)
	if err != nil || len(items) != 1 || items[0].MinimumStock != 0 || items[0].UnitPriceCents != 0 {
		t.Fatalf("stored %+v %v", items, err)
	}
}

// At 80×24 the admin's settings form (taller than the body) scrolls: a refused idle
// lock's sentence is on screen under the fields (it was cut below the window), what
// was typed stays, and the settings are saved once it is fixed.
func TestTheSettingsFormFitsTheDeskAt80x24(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	addUser(t, c.S, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := startDesk(t, c.S, 100, 30)
	logIn(p, "grace@clinic.test")
	p.WaitFor("2 Settings")
	p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	p.Type("2")
	p.WaitFor("Idle lock")
	p.Type("e")
	p.WaitFor("┃ Clinic name")
	for _, next := range []string{"Time zone", "Currency", "Idle lock (minutes)"} {
		p.Key("enter")
		p.WaitFor("┃ " + next)
	}
	p.Key("ctrl+u")
	p.Type("999")
	for _, next := range []string{"Print command", "Prescription validity (days)", "Retention (years)"} {
		p.Key("enter")
		p.WaitFor("┃ " + next)
	}
	p.Key("enter")
	fitsTheDesk(t, p.WaitFor("Idle lock must be a whole number of minutes from 1 to 240.", "> 999"))
	for range 3 {
		p.Key("enter")
	}
	p.WaitFor("┃ Idle lock (minutes)")
	p.Key("ctrl+u")
	p.Type("15")
	for range 4 {
		p.Key("enter")
	}
	p.WaitFor("Settings saved.", "15 minutes")
	set, err := c.S.Settings(t.Context())
	if err != nil || set.IdleLockMinutes != 15 {
		t.Fatalf("stored %+v %v", set, err)
	}
}
