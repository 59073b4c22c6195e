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

// On the Reports tab a click selects exactly the report's row under it, the wheel moves
// the selection on, and / filters the rows as typed (a filtered report has no total,
// as the rows it hides would be in it). The desk draws without colour, so the selected
// row is the one in reverse video.
func TestTheReportsRowsTakeClicksTheWheelAndAFilter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, now)
	c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	doctor := c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "D-1", FeeCents: 5000}})
	desk := c.User(store.NewUser{Email: "clerk@clinic.test", FullName: "Cleo Clerk", Role: store.RoleReceptionist})
	for day := 2; day <= 6; day++ {
		patient := c.Patient(desk.Actor(), store.PatientInput{FirstName: "Pat", LastName: "Day" + string(rune('A'+day)),
			DateOfBirth: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "male"})
		start := time.Date(2026, 3, day, 10, 0, 0, 0, time.UTC)
		if err := c.S.Batch(ctx, tuitest.System, func(tx *store.Tx) error {
			_, err := tx.ImportAppointment(ctx, store.ImportedAppointment{PatientID: patient.ID, DoctorID: c.DoctorID(doctor),
				Start: start, End: start.Add(15 * time.Minute), Status: store.AppointmentCompleted, FeeCents: 5000,
				PaymentStatus: store.PaymentPaid, PaymentMethod: store.PaymentCash, AmountPaidCents: int64(1000 * day),
				PaidAt: start})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := c.S.Report(ctx, desk.Actor(), "takings-by-day", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), now)
	if err != nil || len(r.Rows) < 5 || r.Total == nil {
		t.Fatalf("the store's report: %+v %v", r, err)
	}
	p := tuitest.Start(t, New(Options{Store: c.S, Renderer: tuitest.Renderer(), NoColor: true}), 80, 24)
	logIn(p, "desk@clinic.test")
	p.WaitFor("Dee Desk · receptionist", "5 Reports")
	p.Type("5")
	screen := p.WaitFor("Takings by day", "Wed 4 Mar 2026", "Fri 6 Mar 2026", "Total")
	p.WaitSelected(r.Rows[0].Label)
	p.Click(10, tuitest.LineOf(screen, "Wed 4 Mar 2026"))
	p.WaitSelected("Wed 4 Mar 2026")
	p.Wheel(10, tuitest.LineOf(screen, "Wed 4 Mar 2026"), true)
	p.WaitSelected("Thu 5 Mar 2026")
	p.Click(10, tuitest.LineOf(screen, "Takings by day")) // the report's title: no row
	p.Type("k")
	p.WaitSelected("Wed 4 Mar 2026")

	p.Type("/")
	p.Type("fri")
	screen = p.WaitFor("/ fri", fmt.Sprintf("1 of %d rows", len(r.Rows)), "Fri 6 Mar 2026")
	p.WaitSelected("Fri 6 Mar 2026")
	if strings.Contains(screen, "Wed 4 Mar 2026") || strings.Contains(screen, "Total") {
		t.Fatalf("the filter kept other rows or the total:\n%s", screen)
	}
	p.Key("enter")
	p.Key("esc")
	p.WaitUntil("the filter cleared", func(s string) bool {
		return !strings.Contains(s, "/ fri") && strings.Contains(s, "Wed 4 Mar 2026") && strings.Contains(s, "Total")
	})
}
