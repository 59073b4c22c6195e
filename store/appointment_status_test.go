package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// flowAllows is the schema's status_flow rule, written out independently of it.
var flowAllows = map[AppointmentStatus][]AppointmentStatus{
	AppointmentScheduled:      {AppointmentConfirmed, AppointmentCheckedIn, AppointmentCancelled, AppointmentNoShow},
	AppointmentConfirmed:      {AppointmentScheduled, AppointmentCheckedIn, AppointmentCancelled, AppointmentNoShow},
	AppointmentCheckedIn:      {AppointmentInConsultation, AppointmentCancelled, AppointmentNoShow, AppointmentConfirmed},
	AppointmentInConsultation: {AppointmentCompleted},
}

func allowedStep(from, to AppointmentStatus) bool {
	for _, s := range flowAllows[from] {
		if s == to {
			return true
		}
	}
	return false
}

var allStatuses = []AppointmentStatus{AppointmentScheduled, AppointmentConfirmed, AppointmentCheckedIn,
	AppointmentInConsultation, AppointmentCompleted, AppointmentCancelled, AppointmentNoShow}

// importInStatus writes an appointment of Rao's with Asha that started at start and is
// in the status, with the timestamps that status implies.
func (f *apptFixture) importInStatus(t *testing.T, status AppointmentStatus, start time.Time) int64 {
	t.Helper()
	in := ImportedAppointment{PatientID: f.asha, DoctorID: f.rao, Start: start, End: start.Add(10 * time.Minute),
		Status: status, FeeCents: 50000}
	switch status {
	case AppointmentCancelled:
		in.CancelReason = "Earlier"
	case AppointmentCompleted:
		in.CompletedAt = start.Add(10 * time.Minute)
		fallthrough
	case AppointmentInConsultation:
		in.ConsultationStartedAt = start
		fallthrough
	case AppointmentCheckedIn:
		in.CheckedInAt = start.Add(-5 * time.Minute)
	}
	return f.imported(t, in)
}

// lastAudit is the newest audit row of an appointment: who, and the status before and after.
func (f *apptFixture) lastAudit(t *testing.T, id int64) (actor int64, action, before, after string) {
	t.Helper()
	var actorID sql.NullInt64
	var old, nw sql.NullString
	err := f.s.readers.QueryRowContext(calCtx, `SELECT actor_id, action, json_extract(old_values, '$.status'),
		json_extract(new_values, '$.status') FROM audit_trail WHERE table_name = 'appointments' AND row_id = ?
		ORDER BY id DESC LIMIT 1`, id).Scan(&actorID, &action, &old, &nw)
	if err != nil {
		t.Fatal(err)
	}
	return actorID.Int64, action, old.String, nw.String
}

// Every action from every status: allowed exactly where the schema's flow allows the
// step, refused in plain words elsewhere; each change audited with its actor.
func TestStatusChanges(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk, rao := f.desk.Actor(), f.raoUser.Actor()
	actions := []struct {
		name  string
		to    AppointmentStatus
		verb  string
		actor Actor
		do    func(Actor, int64) error
		stamp string // the column the change sets to the clock
	}{
		{"confirm", AppointmentConfirmed, "confirmed", desk, func(a Actor, id int64) error { return f.s.Confirm(calCtx, a, id) }, ""},
		{"check in", AppointmentCheckedIn, "checked in", desk, func(a Actor, id int64) error { return f.s.CheckIn(calCtx, a, id) }, "checked_in_at"},
		{"no-show", AppointmentNoShow, "marked as a no-show", desk, func(a Actor, id int64) error { return f.s.MarkNoShow(calCtx, a, id) }, ""},
		{"cancel", AppointmentCancelled, "cancelled", desk, func(a Actor, id int64) error { return f.s.Cancel(calCtx, a, id, "Unwell") }, ""},
		{"start", AppointmentInConsultation, "started", rao, func(a Actor, id int64) error { return f.s.StartConsultation(calCtx, a, id) }, "consultation_started_at"},
		{"complete", AppointmentCompleted, "completed", rao, func(a Actor, id int64) error { return f.s.Complete(calCtx, a, id) }, "completed_at"},
	}
	// Each case gets its own ten minutes of this morning, before the clock's 10:02.
	slot := 0
	for _, from := range allStatuses {
		for _, act := range actions {
			start := f.at(3, 0, 0).Add(time.Duration(slot) * 10 * time.Minute)
			slot++
			t.Run(fmt.Sprintf("%s from %s", act.name, from), func(t *testing.T) {
				id := f.importInStatus(t, from, start)
				err := act.do(act.actor, id)
				got := f.get(t, id)
				if !allowedStep(from, act.to) {
					want := fmt.Sprintf("%s is %s, so it cannot be %s.", got.Code, from.Label(), act.verb)
					if from == act.to {
						want = fmt.Sprintf("%s is already %s.", got.Code, from.Label())
					}
					var fe *FieldError
					if !errors.As(err, &fe) || fe.Field != "status" || fe.Message != want {
						t.Fatalf("error = %v, want %q", err, want)
					}
					if got.Status != from {
						t.Fatalf("status changed to %s", got.Status)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != act.to {
					t.Fatalf("status = %s, want %s", got.Status, act.to)
				}
				actorID, action, before, after := f.lastAudit(t, id)
				if actorID != act.actor.ID || action != "UPDATE" || before != string(from) || after != string(act.to) {
					t.Fatalf("audit row: actor %d %s %s→%s", actorID, action, before, after)
				}
				stamps := map[string]time.Time{"checked_in_at": got.CheckedInAt,
					"consultation_started_at": got.ConsultationStartedAt, "completed_at": got.CompletedAt}
				if act.stamp != "" && !stamps[act.stamp].Equal(f.clock.t) {
					t.Fatalf("%s = %v, want the clock %v", act.stamp, stamps[act.stamp], f.clock.t)
				}
				if act.to == AppointmentConfirmed && from == AppointmentCheckedIn && !got.CheckedInAt.IsZero() {
					t.Fatalf("confirming a checked-in visit kept checked_in_at %v", got.CheckedInAt)
				}
				if act.to == AppointmentCancelled && got.CancelReason != "Unwell" {
					t.Fatalf("cancel reason %q", got.CancelReason)
				}
			})
		}
	}
}

// The rule holds for any client: raw SQL on the writer is refused by the trigger, and the
// refusal is typed.
func TestStatusFlowTriggerFiresOnRawSQL(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	slot := 0
	for _, from := range allStatuses {
		for _, to := range allStatuses {
			if from == to {
				continue
			}
			start := f.at(3, 0, 0).Add(time.Duration(slot) * 10 * time.Minute)
			slot++
			t.Run(fmt.Sprintf("%s to %s", from, to), func(t *testing.T) {
				id := f.importInStatus(t, from, start)
				_, err := f.s.writer.ExecContext(calCtx, `UPDATE appointments SET status = ?,
					cancel_reason = coalesce(cancel_reason, 'raw') WHERE id = ?`, string(to), id)
				err = translate(err)
				if allowedStep(from, to) {
					if err != nil {
						t.Fatalf("allowed step refused: %v", err)
					}
					return
				}
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != "status_flow" {
					t.Fatalf("error = %v, want the status_flow rule", err)
				}
			})
		}
	}
}

func TestConsultationOnlyByItsOwnDoctor(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	id := f.importInStatus(t, AppointmentCheckedIn, f.at(3, 9, 0))
	err := f.s.StartConsultation(calCtx, f.mehta.Actor(), id)
	wantApptErr(t, err, ErrForbidden, "Only Dr. Anil Rao can run the consultation of APT")
	var refusals int
	if err := f.s.readers.QueryRowContext(calCtx, `SELECT count(*) FROM access_log WHERE user_id = ? AND allowed = 0
		AND action = ?`, f.mehta.ID, string(ActRunConsultation)).Scan(&refusals); err != nil {
		t.Fatal(err)
	}
	if refusals != 1 {
		t.Fatalf("%d refusals logged, want 1", refusals)
	}
	if err := f.s.StartConsultation(calCtx, f.desk.Actor(), id); !errors.Is(err, ErrForbidden) {
		t.Fatalf("receptionist starting a consultation: %v", err)
	}
	if err := f.s.StartConsultation(calCtx, f.raoUser.Actor(), id); err != nil {
		t.Fatal(err)
	}
	wantApptErr(t, f.s.Complete(calCtx, f.mehta.Actor(), id), ErrForbidden, "Only Dr. Anil Rao")
}

func TestCancelNeedsAReason(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	id := f.book(t, f.asha, f.rao, f.at(3, 11, 0))
	for _, reason := range []string{"", "   ", strings.Repeat("x", 501)} {
		err := f.s.Cancel(calCtx, f.desk.Actor(), id, reason)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "cancel_reason" {
			t.Fatalf("cancel with %q: %v", reason, err)
		}
	}
	if got := f.get(t, id); got.Status != AppointmentScheduled {
		t.Fatalf("status %s after refused cancels", got.Status)
	}
	// The schema refuses it too, whoever writes.
	_, err := f.s.writer.ExecContext(calCtx, `UPDATE appointments SET status = 'cancelled' WHERE id = ?`, id)
	if !errors.Is(translate(err), ErrInvalid) {
		t.Fatalf("raw cancel without reason: %v", err)
	}
}

func TestCheckInOnTheDayAndNoShowAfterTheStart(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	tomorrow := f.book(t, f.asha, f.mehtaID, f.at(10, 10, 0))
	wantApptErr(t, f.s.CheckIn(calCtx, f.desk.Actor(), tomorrow), ErrInvalid, "is on 10 March; a patient is checked in on the day")
	later := f.book(t, f.asha, f.rao, f.at(3, 11, 0))
	wantApptErr(t, f.s.MarkNoShow(calCtx, f.desk.Actor(), later), ErrInvalid, "It is too early to mark")
	if err := f.s.CheckIn(calCtx, f.desk.Actor(), later); err != nil {
		t.Fatalf("checking in early on the day: %v", err)
	}
	f.clock.advance(2 * time.Hour)
	if err := f.s.MarkNoShow(calCtx, f.desk.Actor(), later); err != nil {
		t.Fatalf("no-show after the start: %v", err)
	}
}

func TestReschedule(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	id := f.book(t, f.asha, f.rao, f.at(3, 11, 0))
	other := f.book(t, f.ravi, f.rao, f.at(3, 12, 0))
	before := f.get(t, id)

	tests := []struct {
		name  string
		to    time.Time
		kind  error
		words string
	}{
		{"into the doctor's taken slot", f.at(3, 12, 0), ErrConflict, "Dr. Anil Rao already has an appointment 12:00–12:15 on 3 March."},
		{"across the taken slot", f.at(3, 11, 55), ErrConflict, "Dr. Anil Rao already has an appointment 12:00–12:15 on 3 March."},
		{"to a holiday", f.at(4, 11, 0), ErrInvalid, "closed on 4 March"},
		{"into leave", f.at(7, 11, 0), ErrInvalid, "on leave 5–7 March"},
		{"outside hours", f.at(3, 13, 0), ErrInvalid, "outside those hours"},
		{"into the past", f.at(3, 9, 0), ErrInvalid, "has passed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantApptErr(t, f.s.Reschedule(calCtx, desk, id, tt.to), tt.kind, tt.words)
			if got := f.get(t, id); !got.Start.Equal(before.Start) || !got.End.Equal(before.End) || got.Status != before.Status {
				t.Fatalf("original changed: %+v", got)
			}
		})
	}
	// A patient's clash names the other doctor.
	f.book(t, f.ravi, f.mehtaID, f.at(10, 10, 0))
	wantApptErr(t, f.s.Reschedule(calCtx, desk, other, f.at(10, 10, 0)), ErrConflict,
		"Ravi Kumar already has an appointment 10:00–10:20 on 10 March with Dr. Meera Mehta.")

	// A confirmed visit moves and stays confirmed, keeping its length; the old time is in the audit trail.
	if err := f.s.Confirm(calCtx, desk, id); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Reschedule(calCtx, desk, id, f.at(10, 11, 0)); err != nil {
		t.Fatal(err)
	}
	got := f.get(t, id)
	if !got.Start.Equal(f.at(10, 11, 0)) || !got.End.Equal(f.at(10, 11, 15)) || got.Status != AppointmentConfirmed {
		t.Fatalf("moved %+v", got)
	}
	var oldStart string
	if err := f.s.readers.QueryRowContext(calCtx, `SELECT json_extract(old_values, '$.starts_at') FROM audit_trail
		WHERE table_name = 'appointments' AND row_id = ? AND actor_id = ? ORDER BY id DESC LIMIT 1`, id, f.desk.ID).Scan(&oldStart); err != nil {
		t.Fatal(err)
	}
	if oldStart != formatTime(f.at(3, 11, 0)) {
		t.Fatalf("audit old start %s", oldStart)
	}
	// A checked-in visit goes back to confirmed and is no longer checked in.
	if err := f.s.CheckIn(calCtx, desk, other); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Reschedule(calCtx, desk, other, f.at(3, 12, 30)); err != nil {
		t.Fatal(err)
	}
	if got := f.get(t, other); got.Status != AppointmentConfirmed || !got.CheckedInAt.IsZero() {
		t.Fatalf("moved checked-in visit %+v", got)
	}
	// A finished visit does not move.
	done := f.importInStatus(t, AppointmentCompleted, f.at(3, 8, 0))
	wantApptErr(t, f.s.Reschedule(calCtx, desk, done, f.at(10, 12, 0)), ErrInvalid, "is completed, so it cannot be moved.")
}

func TestRecordPayment(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	id := f.book(t, f.asha, f.rao, f.at(3, 11, 0))
	tests := []struct {
		name  string
		in    PaymentInput
		field string
		words string
	}{
		{"no status", PaymentInput{Method: PaymentCash, AmountCents: 50000}, "payment_status", "paid or waived"},
		{"refunded is not a payment", PaymentInput{Status: PaymentRefunded}, "payment_status", "paid or waived"},
		{"paid without a method", PaymentInput{Status: PaymentPaid, AmountCents: 50000}, "method", "Choose how it was paid"},
		{"paid by an unknown method", PaymentInput{Status: PaymentPaid, Method: "cheque", AmountCents: 50000}, "method", "Choose how"},
		{"paid nothing", PaymentInput{Status: PaymentPaid, Method: PaymentCash}, "amount", "Enter the amount"},
		{"more than the fee", PaymentInput{Status: PaymentPaid, Method: PaymentCash, AmountCents: 50001}, "amount",
			"The amount is more than the fee of INR 500.00."},
		{"waived with an amount", PaymentInput{Status: PaymentWaived, AmountCents: 100}, "amount", "no amount"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := f.s.RecordPayment(calCtx, desk, id, tt.in)
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || !strings.Contains(fe.Message, tt.words) {
				t.Fatalf("error = %v, want %s: %q", err, tt.field, tt.words)
			}
		})
	}
	if err := f.s.RecordPayment(calCtx, f.raoUser.Actor(), id, PaymentInput{Status: PaymentPaid, Method: PaymentCash,
		AmountCents: 50000}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("doctor taking payment: %v", err)
	}
	if err := f.s.RecordPayment(calCtx, desk, id, PaymentInput{Status: PaymentPaid, Method: PaymentUPI, AmountCents: 45000}); err != nil {
		t.Fatal(err)
	}
	a := f.get(t, id)
	if a.PaymentStatus != PaymentPaid || a.PaymentMethod != PaymentUPI || a.AmountPaidCents != 45000 || !a.PaidAt.Equal(f.clock.t) {
		t.Fatalf("paid %+v", a)
	}
	if actor, action, _, _ := f.lastAudit(t, id); actor != f.desk.ID || action != "UPDATE" {
		t.Fatalf("payment audited as actor %d %s", actor, action)
	}
	wantApptErr(t, f.s.RecordPayment(calCtx, desk, id, PaymentInput{Status: PaymentWaived}), ErrInvalid, "is already paid.")

	cancelled := f.importInStatus(t, AppointmentCancelled, f.at(3, 9, 0))
	for _, in := range []PaymentInput{{Status: PaymentPaid, Method: PaymentCash, AmountCents: 50000}, {Status: PaymentWaived}} {
		wantApptErr(t, f.s.RecordPayment(calCtx, desk, cancelled, in), ErrInvalid, "was cancelled, so it takes no payment.")
	}
	if a := f.get(t, cancelled); a.PaymentStatus != PaymentUnpaid || a.AmountPaidCents != 0 {
		t.Fatalf("cancelled visit took a payment: %+v", a)
	}

	waived := f.book(t, f.ravi, f.rao, f.at(3, 11, 15))
	if err := f.s.RecordPayment(calCtx, desk, waived, PaymentInput{Status: PaymentWaived}); err != nil {
		t.Fatal(err)
	}
	if a := f.get(t, waived); a.PaymentStatus != PaymentWaived || a.PaymentMethod != "" || a.AmountPaidCents != 0 {
		t.Fatalf("waived %+v", a)
	}
}

func TestReceipt(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	id, err := f.s.Book(calCtx, f.desk.Actor(), BookingInput{PatientID: f.asha, DoctorID: f.rao, Start: f.at(3, 11, 0),
		Reason: "Fever\x1b[2J"})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.advance(70 * time.Minute)
	if err := f.s.RecordPayment(calCtx, f.desk.Actor(), id, PaymentInput{Status: PaymentPaid, Method: PaymentCash,
		AmountCents: 40000}); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Receipt(calCtx, f.desk.Actor(), id)
	if err != nil {
		t.Fatal(err)
	}
	a := f.get(t, id)
	rule := strings.Repeat("-", 40)
	want := "Sunrise Clinic\nRECEIPT\n" + rule + "\n" +
		"Appointment  " + a.Code + "\n" +
		"Date         Monday 3 March 2025\n" +
		"Time         11:00–11:15 (Asia/Kolkata)\n" +
		"Patient      Asha Patel (" + a.PatientCode + ")\n" +
		"Doctor       Dr. Anil Rao\n" +
		"Reason       Fever\n" +
		rule + "\n" +
		"Fee          INR 500.00\n" +
		"Paid         INR 400.00\n" +
		"Discount     INR 100.00\n" +
		"Method       cash\n" +
		"Paid on      3 March 2025 11:12\n" +
		rule + "\n" +
		"Status       paid\n"
	if got != want {
		t.Fatalf("receipt:\n%s\nwant:\n%s", got, want)
	}
	unpaid := f.book(t, f.ravi, f.mehtaID, f.at(10, 9, 0))
	if got, _ := f.s.Receipt(calCtx, f.desk.Actor(), unpaid); !strings.Contains(got, "Due          INR 800.00\n") ||
		!strings.Contains(got, "Doctor       Dr. Meera Mehta\n") {
		t.Fatalf("unpaid receipt:\n%s", got)
	}
	if _, err := f.s.Receipt(calCtx, f.raoUser.Actor(), id); !errors.Is(err, ErrForbidden) {
		t.Fatalf("doctor printing a receipt: %v", err)
	}
}
