package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/reports"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// One paid fee of 50.00 on 10 March 2026 and one of 20.00 on 20 February: the admin
// moves between the reports and the months, and types dates.
func TestTheAdminReadsTheReportsAcrossMonthsAndDates(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, now)
	admin := c.User(store.NewUser{Email: "ada@clinic.test", FullName: "Ada Admin", Role: store.RoleAdmin})
	ctx := context.Background()
	paidVisits(c, paidVisit{now.Add(-6 * time.Hour), store.PaymentCash, 5000},
		paidVisit{now.AddDate(0, 0, -18), store.PaymentCash, 2000})
	m := reports.New(c.Common(admin))
	p := tuitest.StartScreen(t, c.S, c.Common(admin), m, 100, 60)
	p.WaitFor("Report 1 of 10", "Takings by day", "Sun 1 Mar 2026 – Tue 10 Mar 2026", "Tue 10 Mar 2026",
		"Total", "USD 50.00", "│█")
	p.Key("right")
	p.WaitFor("Report 2 of 10", "Takings by method", "cash")
	p.Key("right")
	p.WaitFor("Takings by doctor and pharmacy", "Dr. Anil Rao", "USD 50.00")
	p.Type("[")
	p.WaitFor("Sun 1 Feb 2026 – Sat 28 Feb 2026", "Dr. Anil Rao", "USD 20.00")
	p.Type("d")
	p.WaitFor("┃ First day")
	p.Inside(func() {
		if !m.Typing() {
			t.Error("the dates form is open but the tab is not typing")
		}
	})
	p.Type("x")
	p.Key("enter")
	p.WaitFor("Write the date as YYYY-MM-DD")
	p.Key("backspace")
	p.Key("enter")
	p.WaitFor("┃ Last day")
	for range len("2026-02-28") {
		p.Key("backspace")
	}
	p.Type("2026-03-10")
	p.Key("enter")
	p.WaitFor("Sun 1 Feb 2026 – Tue 10 Mar 2026", "USD 70.00")
	r, err := c.S.Report(ctx, admin.Actor(), "takings-by-doctor", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), now)
	if err != nil || r.Total.Values[3] != 7000 {
		t.Fatalf("the store's total: %+v %v", r.Total, err)
	}
	if strings.Contains(p.Screen(), "┃ First day") {
		t.Error("the dates form stayed open")
	}
}

func TestAPharmacistSeesOnlyThePharmacyReports(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC))
	ph := samPharmacist(c)
	p := tuitest.StartScreen(t, c.S, c.Common(ph), reports.New(c.Common(ph)), 100, 40)
	p.WaitFor("Report 1 of 5", "Pharmacy takings by day", "Nothing in these dates.")
	p.Key("left")
	p.WaitFor("Report 5 of 5", "Days of supply")
}
