package frontdesk

import (
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// TestGoToDateReadsDayFirstDatesAndNamesWhatItCannot: 31/12/2026 is a date; for a
// text that is none the desk names the forms that work.
func TestGoToDateReadsDayFirstDatesAndNamesWhatItCannot(t *testing.T) {
	t.Parallel()
	base := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	for in, want := range map[string]string{
		"31/12/2026": "2026-12-31", "2026-12-31": "2026-12-31", "1/2/2027": "2027-02-01", "31.12.2026": "2026-12-31",
		"tomorrow": "2026-03-04", "+3": "2026-03-06",
	} {
		got, err := parseDay(in, base, time.UTC)
		if err != nil || got.Format("2006-01-02") != want {
			t.Errorf("%q: %s, %v; want %s", in, got.Format("2006-01-02"), err, want)
		}
	}
	for _, in := range []string{"31/13/2026", "next week", "32/12/2026"} {
		_, err := parseDay(in, base, time.UTC)
		if err == nil || !strings.Contains(err.Error(), "Not a date") || !strings.Contains(err.Error(), "31/12/2026") ||
			len(err.Error()) > 78 {
			t.Errorf("%q: %v", in, err)
		}
	}
}

// TestNoPaymentOnACancelledVisit: $ is off on a cancelled appointment still unpaid,
// and reads "receipt" on one paid before it was cancelled.
func TestNoPaymentOnACancelledVisit(t *testing.T) {
	t.Parallel()
	b := NewBook(tuitest.NewClinic(t, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)).Common(store.User{}))
	at := func(status store.AppointmentStatus, paid store.PaymentStatus) {
		b.grid.cols = []gridColumn{{appts: []store.BookEntry{{Status: status, PaymentStatus: paid}},
			cells: []int32{0}}}
		b.grid.row, b.grid.col = 0, 0
		b.syncKeys()
	}
	at(store.AppointmentCancelled, store.PaymentUnpaid)
	if b.keys.Pay.Enabled() {
		t.Error("$ payment is offered on a cancelled visit")
	}
	at(store.AppointmentCancelled, store.PaymentPaid)
	if !b.keys.Pay.Enabled() || b.keys.Pay.Help().Desc != "receipt" {
		t.Errorf("a paid, cancelled visit's receipt: enabled %v, %q", b.keys.Pay.Enabled(), b.keys.Pay.Help().Desc)
	}
	at(store.AppointmentScheduled, store.PaymentUnpaid)
	if !b.keys.Pay.Enabled() || b.keys.Pay.Help().Desc != "payment" {
		t.Errorf("a scheduled visit's payment: enabled %v, %q", b.keys.Pay.Enabled(), b.keys.Pay.Help().Desc)
	}
}
