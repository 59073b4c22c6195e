package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/till"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A morning at the front desk (Tuesday 10 March 2026, 09:00 UTC): two fees of 50.00 in
// cash, one of 30.00 by card; the receptionist counts 45.00 short in cash.
func TestTheDeskCountsAndClosesItsTillIntoANumberedReport(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, now)
	ctx := context.Background()
	desk := paidVisits(c, paidVisit{now.Add(-6 * time.Hour), store.PaymentCash, 5000},
		paidVisit{now.Add(-5 * time.Hour), store.PaymentCash, 5000}, paidVisit{now.Add(-4 * time.Hour), store.PaymentCard, 3000})
	p := tuitest.StartScreen(t, c.S, c.Common(desk), till.New(c.Common(desk), store.DeskFront), 100, 40)
	p.WaitFor("Till · front desk · Tue 10 Mar 2026", "open · takes today's money", "USD 100.00", "USD 30.00", "3 payments",
		"No till of this desk has been closed yet.")
	p.Type("c")
	p.WaitFor("┃ Cash")
	p.Fill("55", "Card")
	p.Fill("30", "UPI")
	p.Key("enter")
	p.Key("enter")
	p.Key("enter")
	p.WaitFor("┃ Reason for a difference")
	p.Key("enter")
	// The store asks for the reason; the count stays as typed and the cursor waits there.
	p.WaitFor("say why", "> 55", "> 30", "┃ Reason for a difference")
	if n := c.Count(`SELECT count(*) FROM till_closes`); n != 0 {
		t.Fatalf("%d closes after a refused count", n)
	}
	p.Type("Change given twice")
	p.Key("enter")
	p.WaitFor("CLOSE OF DAY No. 000001", "Difference", "USD -45.00", "Change given twice", "Dee Desk")
	p.Key("esc")
	p.WaitFor("closed · report No. 000001", "USD -45.00", "Reason: Change given twice", "No. 000001  Tue 10 Mar 2026")
	got, err := c.S.Till(ctx, desk.Actor(), store.DeskFront, now)
	if err != nil || !got.Closed || got.Counted() != 8500 || got.Number != 1 {
		t.Fatalf("the store's till: %+v %v", got, err)
	}
	p.Type("c")
	p.WaitFor("That till is closed")
}

// The frame asks before an esc reaches a screen holding unsaved input; the esc that
// reaches the tab discards the count.
func TestEscDiscardsACountAndLeavesTheTillOpen(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC))
	ph := samPharmacist(c)
	m := till.New(c.Common(ph), store.DeskPharmacy)
	p := tuitest.StartScreen(t, c.S, c.Common(ph), m, 100, 40)
	p.WaitFor("Till · pharmacy", "open · takes today's money", "0 payments")
	p.Type("c")
	p.WaitFor("┃ Cash")
	p.Type("12")
	p.Inside(func() {
		if !m.Dirty() || !m.Typing() {
			t.Error("an open count is neither dirty nor typing")
		}
	})
	p.Key("esc")
	p.WaitFor("The count was discarded; the till is still open.")
	if strings.Contains(p.Screen(), "┃ Cash") || c.Count(`SELECT count(*) FROM till_closes`) != 0 {
		t.Errorf("after discarding:\n%s", p.Screen())
	}
}

// paidVisit is a completed visit of 15 minutes whose fee of 50.00 was paid: when, how,
// and how much.
type paidVisit struct {
	start  time.Time
	method store.PaymentMethod
	cents  int64
}

// paidVisits adds the doctor Anil Rao (fee 50.00), the receptionist Dee Desk and, for
// each visit, a patient of their own whom the doctor saw then, paid as given. It
// returns the receptionist.
func paidVisits(c *tuitest.Clinic, visits ...paidVisit) store.User {
	c.T.Helper()
	doctor := c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "D-1", FeeCents: 5000}})
	desk := c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	for i, v := range visits {
		v.pay(c, desk, c.DoctorID(doctor), i+1)
	}
	return desk
}

// pay adds the visit's patient, the n-th visitor, whom the doctor saw then and who paid
// as given, as the receptionist desk registers them.
func (v paidVisit) pay(c *tuitest.Clinic, desk store.User, doctorID int64, n int) {
	c.T.Helper()
	ctx := context.Background()
	patient := c.Patient(desk.Actor(), store.PatientInput{FirstName: "Pat", LastName: fmt.Sprintf("Visitor%d", n),
		DateOfBirth: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
	err := c.S.Batch(ctx, tuitest.System, func(tx *store.Tx) error {
		_, err := tx.ImportAppointment(ctx, store.ImportedAppointment{PatientID: patient.ID, DoctorID: doctorID,
			Start: v.start, End: v.start.Add(15 * time.Minute), Status: store.AppointmentCompleted, FeeCents: 5000,
			PaymentStatus: store.PaymentPaid, PaymentMethod: v.method, AmountPaidCents: v.cents, PaidAt: v.start})
		return err
	})
	if err != nil {
		c.T.Fatal(err)
	}
}
