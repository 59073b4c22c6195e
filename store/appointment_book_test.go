package store

import "testing"

// The book's entries say what the whole appointment says about the fields the book
// draws: a cancelled one with its reason, a paid one with its fee.
func TestBookEntriesMatchTheAppointments(t *testing.T) {
	f := newApptFixture(t)
	desk := f.desk.Actor()
	cancelled := f.book(t, f.asha, f.rao, f.at(3, 10, 15))
	if err := f.s.Cancel(calCtx, desk, cancelled, "patient called"); err != nil {
		t.Fatal(err)
	}
	f.book(t, f.ravi, f.rao, f.at(3, 10, 15))
	f.book(t, f.asha, f.mehtaID, f.at(3, 11, 0))
	f.imported(t, ImportedAppointment{PatientID: f.ravi, DoctorID: f.mehtaID, Start: f.at(3, 8, 0), End: f.at(3, 8, 20),
		Status: AppointmentCompleted, FeeCents: 80000, PaymentStatus: PaymentPaid, PaymentMethod: PaymentCash, AmountPaidCents: 80000})

	check := func(name string, list []BookEntry, err error, want int) {
		t.Helper()
		if err != nil || len(list) != want {
			t.Fatalf("%s: %d entries, %v; want %d", name, len(list), err, want)
		}
		for _, e := range list {
			a, err := f.s.Appointment(calCtx, desk, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			full := BookEntry{ID: a.ID, Code: a.Code, DoctorID: a.DoctorID, Start: a.Start, End: a.End, Status: a.Status,
				Reason: a.Reason, CancelReason: a.CancelReason, FeeCents: a.FeeCents, PaymentStatus: a.PaymentStatus,
				PatientName: a.PatientName, PatientCode: a.PatientCode, DoctorName: a.DoctorName}
			if e != full {
				t.Errorf("%s: entry %+v\nwant %+v", name, e, full)
			}
		}
	}
	day, err := f.s.DayView(calCtx, desk, f.day(3))
	check("day view", day, err, 4)
	week, err := f.s.DoctorWeek(calCtx, desk, f.mehtaID, f.day(3))
	check("week", week, err, 2)
	if day[0].Status != AppointmentCancelled || day[0].CancelReason != "patient called" || day[2].PaymentStatus != PaymentPaid {
		t.Errorf("day view in order %+v", day)
	}
}
