package tui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// Every role's forms, each opened at 80×24 after a resize down from 100×30 and given a
// value it refuses: the focused field and its refusal are on the screen, and no row
// runs past the window (issue 15, point 8). Forms with their own test (the hours, the
// new item, the settings, the payment) are left out here.
func TestEveryFormShowsItsRefusalAt80x24(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC) // a Tuesday
	c := tuitest.NewClinic(t, now)
	c.User(store.NewUser{Email: "grace@clinic.test", FullName: "Grace Admin", Role: store.RoleAdmin})
	doctor := c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "D-1", FeeCents: 50000}})
	desk := c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	pharmacist := samPharmacist(c)
	c.Block(desk.Actor(), store.ScheduleBlock{DoctorID: c.DoctorID(doctor), Weekday: time.Tuesday, Start: "09:00", End: "12:00"})
	jane := c.Patient(desk.Actor(), store.PatientInput{FirstName: "Jane", LastName: "Doe",
		DateOfBirth: time.Date(1980, 5, 1, 0, 0, 0, 0, time.UTC), Sex: "female", Phone: "+44 20 7946 0001"})
	c.Book(desk.Actor(), store.BookingInput{PatientID: jane.ID, DoctorID: c.DoctorID(doctor), Start: now.Add(30 * time.Minute),
		Minutes: 15, Reason: "sore throat"})
	item := c.Item(pharmacist.Actor(), store.ItemInput{Name: "Paracetamol", Strength: "500 mg", Form: "tablet",
		Unit: "tablet", OverTheCounter: true, UnitPriceCents: 150})
	c.Receive(pharmacist.Actor(), item, store.ReceiveInput{BatchNumber: "PCM-1", ExpiresOn: now.AddDate(1, 0, 0),
		Quantity: 40, UnitCostCents: 10, Supplier: "Acme"})

	password := func(tab string) func(p *tuitest.Program) []string {
		return func(p *tuitest.Program) []string {
			p.Type(tab)
			p.Type("p")
			p.WaitFor("┃ Current password")
			p.Fill("wrong", "New password")
			p.Type("short")
			p.Key("enter")
			return []string{"┃ > *****", "at least 15 characters"}
		}
	}
	till := func(p *tuitest.Program) []string {
		p.Type("4")
		p.WaitFor("open · takes today's money") // the day is read: c counts
		p.Type("c")
		p.WaitFor("┃ Cash")
		p.Type("12x")
		p.Key("enter")
		return []string{"> 12x", "Type the amount in digits"}
	}
	for _, form := range []struct {
		name, email, ready string
		open               func(p *tuitest.Program) []string // keys that reach a refusal; what then shows
	}{
		{"patient registration", "desk@clinic.test", "1 Book", func(p *tuitest.Program) []string {
			p.Type("2")
			p.WaitFor("Jane Doe")
			p.Type("a")
			p.WaitFor("┃ First name")
			p.Fill("Zed", "Last name")
			p.Fill("Qux", "Date of birth")
			p.Type("31/31/2000")
			p.Key("enter")
			return []string{"┃ > 31/31/2000", "Date of birth must be a date such as 1990-04-25."}
		}},
		{"front desk till", "desk@clinic.test", "1 Book", till},
		{"front desk password", "desk@clinic.test", "1 Book", password("7")},
		{"vital signs", "rao@clinic.test", "Jane Doe", func(p *tuitest.Program) []string {
			p.Key("enter")
			p.WaitFor("Vital signs")
			p.Type("v")
			p.WaitFor("┃ Height (cm)")
			for range 8 {
				p.Key("enter")
			}
			return []string{"Record vital signs", "Enter at least one measurement."}
		}},
		{"doctor password", "rao@clinic.test", "Jane Doe", password("3")},
		{"receive stock", "sam@clinic.test", "3 Inventory", func(p *tuitest.Program) []string {
			p.Type("3")
			p.WaitFor("Paracetamol")
			p.Key("enter")
			p.WaitFor("Ledger, page 1")
			p.Type("r")
			p.WaitFor("┃ Supplier")
			p.Fill("Acme", "Batch number")
			p.Fill("PCM-2", "Expiry date")
			p.Fill("2027-06-30", "Quantity")
			p.Type("abc")
			p.Key("enter")
			return []string{"┃ > abc", "Enter a whole number."}
		}},
		{"walk-in sale payment", "sam@clinic.test", "2 Walk-in", func(p *tuitest.Program) []string {
			p.Type("2")
			p.WaitFor("Nothing on the counter")
			p.Type("a")
			p.WaitFor("Find item")
			p.Type("pa")
			p.WaitFor("Paracetamol 500 mg")
			p.Key("enter")
			p.WaitFor("Total USD 1.50")
			p.Type("d")
			p.WaitFor("┃ Payment")
			p.Key("enter")
			p.WaitFor("┃ Method")
			p.Key("enter")
			p.WaitFor("┃ Amount")
			p.Type("abc")
			p.Key("enter")
			return []string{"┃ > abc", "Type the amount in digits"}
		}},
		{"pharmacy till", "sam@clinic.test", "4 Till", till},
		{"new doctor", "grace@clinic.test", "1 Users", func(p *tuitest.Program) []string {
			p.Type("n")
			p.WaitFor("┃ Role")
			p.Key("down") // doctor
			p.Key("enter")
			p.Fill("Mira Shah", "Email")
			p.Fill("mira@clinic.test", "Temporary password")
			p.Fill("a long temporary pass phrase", "Qualification")
			p.Fill("MBBS", "Licence number")
			p.Fill("D-2", "Specialisations")
			p.Fill("", "Consultation fee")
			p.Type("abc")
			p.Key("enter")
			return []string{"┃ > abc", "Type the amount in digits"}
		}},
		{"admin password", "grace@clinic.test", "1 Users", password("8")},
	} {
		t.Run(form.name, func(t *testing.T) {
			t.Parallel()
			p := startDesk(t, c.S, 100, 30)
			logIn(p, form.email)
			p.WaitFor(form.ready)
			p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
			fitsTheDesk(t, p.WaitFor(form.open(p)...))
		})
	}
}
