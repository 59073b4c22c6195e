package store

import (
	"context"
	"errors"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/money"
)

// Status changes. Each is one UPDATE that the schema's status_flow trigger checks; a
// refused step comes back as a FieldError on "status" saying what the appointment is
// and what cannot be done to it. Every change writes an audit row naming the actor.

// explainFlow rewords the schema's status_flow refusal for appointment a.
func explainFlow(err error, a Appointment, verb string) error {
	var fe *FieldError
	if errors.As(err, &fe) && fe.Field == "status_flow" {
		return invalid("status", a.Code+" is "+a.Status.Label()+", so it cannot be "+verb+".")
	}
	return err
}

// changeStatus moves a to status to, with set the further assignments (", col = ?")
// and their arguments.
func (t *Tx) changeStatus(ctx context.Context, a Appointment, to AppointmentStatus, verb, set string, args ...any) error {
	if a.Status == to {
		return invalid("status", a.Code+" is already "+to.Label()+".")
	}
	args = append(append([]any{string(to)}, args...), a.ID)
	_, err := t.exec(ctx, `UPDATE appointments SET status = ?`+set+` WHERE id = ?`, args...)
	return explainFlow(err, a, verb)
}

// Confirm marks that the patient has confirmed they will come. Confirming a checked-in
// appointment undoes the check-in (the patient stepped out, or was checked in by mistake).
func (t *Tx) Confirm(ctx context.Context, id int64) error {
	if err := t.allow(ActBookAppointments); err != nil {
		return err
	}
	a, err := loadAppointment(ctx, t.q(), id)
	if err != nil {
		return err
	}
	set := ""
	if a.Status == AppointmentCheckedIn {
		set = ", checked_in_at = NULL"
	}
	return t.changeStatus(ctx, a, AppointmentConfirmed, "confirmed", set)
}

// Confirm marks an appointment confirmed; see Tx.Confirm.
func (s *Store) Confirm(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("Confirm")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.Confirm(ctx, id) })
}

// CheckIn records that the patient has arrived, at the store's clock; it is allowed
// only on the appointment's own clinic day. The patient then waits in the waiting room.
func (t *Tx) CheckIn(ctx context.Context, id int64) error {
	if err := t.allow(ActBookAppointments); err != nil {
		return err
	}
	a, err := loadAppointment(ctx, t.q(), id)
	if err != nil {
		return err
	}
	loc, err := t.location(ctx)
	if err != nil {
		return err
	}
	now := t.now()
	if day := localDate(a.Start, loc); !day.Equal(localDate(now, loc)) {
		return invalid("status", a.Code+" is on "+dayText(day, now)+"; a patient is checked in on the day of the appointment.")
	}
	if err := t.changeStatus(ctx, a, AppointmentCheckedIn, "checked in", ", checked_in_at = ?", formatTime(now)); err != nil {
		return err
	}
	return t.notifyCheckedIn(ctx, a)
}

// CheckIn records the patient's arrival; see Tx.CheckIn.
func (s *Store) CheckIn(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("CheckIn")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.CheckIn(ctx, id) })
}

// MarkNoShow records that the patient did not come. It is refused before the
// appointment's start: until then the patient may still come.
func (t *Tx) MarkNoShow(ctx context.Context, id int64) error {
	if err := t.allow(ActBookAppointments); err != nil {
		return err
	}
	a, err := loadAppointment(ctx, t.q(), id)
	if err != nil {
		return err
	}
	if now := t.now(); now.Before(a.Start) {
		loc, err := t.location(ctx)
		if err != nil {
			return err
		}
		return invalid("status", "It is too early to mark "+a.Code+" as a no-show: it is booked for "+
			spanText(a.Start, a.End, loc, now)+".")
	}
	return t.changeStatus(ctx, a, AppointmentNoShow, "marked as a no-show", "")
}

// MarkNoShow records a missed appointment; see Tx.MarkNoShow.
func (s *Store) MarkNoShow(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("MarkNoShow")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.MarkNoShow(ctx, id) })
}

// Cancel cancels an appointment for a reason, which is required. Its time is free again.
func (t *Tx) Cancel(ctx context.Context, id int64, reason string) error {
	if err := t.allow(ActBookAppointments); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return invalid("cancel_reason", "Give a reason for cancelling.")
	}
	if len([]rune(reason)) > 500 {
		return invalid("cancel_reason", "The reason must be at most 500 characters.")
	}
	a, err := loadAppointment(ctx, t.q(), id)
	if err != nil {
		return err
	}
	return t.changeStatus(ctx, a, AppointmentCancelled, "cancelled", ", cancel_reason = ?", reason)
}

// Cancel cancels an appointment; see Tx.Cancel.
func (s *Store) Cancel(ctx context.Context, actor Actor, id int64, reason string) error {
	defer s.timed("Cancel")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.Cancel(ctx, id, reason) })
}

// notOwnError refuses a doctor acting on another doctor's appointment. It matches
// ErrForbidden.
type notOwnError struct{ message string }

func (e *notOwnError) Error() string        { return e.message }
func (e *notOwnError) Is(target error) bool { return target == ErrForbidden }

// requireOwnDoctor lets only the appointment's own doctor run its consultation.
func (t *Tx) requireOwnDoctor(ctx context.Context, a Appointment) error {
	if t.actor.system {
		return nil
	}
	var userID int64
	if err := t.queryRow(ctx, `SELECT user_id FROM doctors WHERE id = ?`, a.DoctorID).Scan(&userID); err != nil {
		return translate(err)
	}
	if userID != t.actor.ID {
		return &notOwnError{message: "Only " + doctorTitle(a.DoctorName) + " can run the consultation of " + a.Code + "."}
	}
	return nil
}

// writeConsultation runs a consultation step and logs a refusal on another doctor's
// appointment, as refusals by the matrix are logged.
func (s *Store) writeConsultation(ctx context.Context, actor Actor, fn func(*Tx) error) error {
	err := s.write(ctx, actor, fn)
	var notOwn *notOwnError
	if errors.As(err, &notOwn) {
		s.logRefusal(ctx, actor, ActRunConsultation)
	}
	return err
}

// StartConsultation is the doctor calling a checked-in patient in. Only the
// appointment's own doctor may; the start is the store's clock.
func (t *Tx) StartConsultation(ctx context.Context, id int64) error {
	return t.consultationStep(ctx, id, AppointmentInConsultation, "started", "consultation_started_at")
}

// StartConsultation starts a consultation; see Tx.StartConsultation.
func (s *Store) StartConsultation(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("StartConsultation")()
	return s.writeConsultation(ctx, actor, func(tx *Tx) error { return tx.StartConsultation(ctx, id) })
}

// Complete ends a consultation. Only the appointment's own doctor may.
func (t *Tx) Complete(ctx context.Context, id int64) error {
	return t.consultationStep(ctx, id, AppointmentCompleted, "completed", "completed_at")
}

// consultationStep moves the doctor's own appointment to status and stamps the store's
// clock in the column that records when.
func (t *Tx) consultationStep(ctx context.Context, id int64, status AppointmentStatus, verb, stampColumn string) error {
	if err := t.allow(ActRunConsultation); err != nil {
		return err
	}
	a, err := loadAppointment(ctx, t.q(), id)
	if err != nil {
		return err
	}
	if err := t.requireOwnDoctor(ctx, a); err != nil {
		return err
	}
	return t.changeStatus(ctx, a, status, verb, ", "+stampColumn+" = ?", formatTime(t.now()))
}

// Complete ends a consultation; see Tx.Complete.
func (s *Store) Complete(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("Complete")()
	return s.writeConsultation(ctx, actor, func(tx *Tx) error { return tx.Complete(ctx, id) })
}

// PaymentInput settles an appointment's fee: paid (by a method, up to the fee — less is
// a discount) or waived (no amount).
type PaymentInput struct {
	Status      PaymentStatus // PaymentPaid or PaymentWaived
	Method      PaymentMethod // required when paid
	AmountCents int64
}

// RecordPayment settles an unpaid appointment's fee at the store's clock. A settled fee
// cannot be settled again, and a cancelled visit takes no payment.
func (t *Tx) RecordPayment(ctx context.Context, id int64, p PaymentInput) error {
	if err := t.allow(ActTakePayments); err != nil {
		return err
	}
	a, err := loadAppointment(ctx, t.q(), id)
	if err != nil {
		return err
	}
	if a.PaymentStatus != PaymentUnpaid {
		return invalid("payment_status", a.Code+" is already "+string(a.PaymentStatus)+".")
	}
	if a.Status == AppointmentCancelled {
		// A cancelled visit owes nothing: its fee is neither taken nor waived.
		return invalid("payment_status", a.Code+" was cancelled, so it takes no payment.")
	}
	var method any
	switch p.Status {
	case PaymentPaid:
		if !p.Method.Valid() {
			return invalid("method", "Choose how it was paid: cash, card, UPI, insurance or other.")
		}
		if a.FeeCents == 0 {
			return invalid("amount", a.Code+" has no fee to pay.")
		}
		if p.AmountCents <= 0 {
			return invalid("amount", "Enter the amount paid.")
		}
		if p.AmountCents > a.FeeCents {
			currency, err := clinicSetting(ctx, t.q(), SettingCurrency, "USD")
			if err != nil {
				return err
			}
			return invalid("amount", "The amount is more than the fee of "+money.Cents(a.FeeCents).Format(currency)+".")
		}
		method = string(p.Method)
	case PaymentWaived:
		if p.AmountCents != 0 {
			return invalid("amount", "A waived fee takes no amount.")
		}
		if p.Method != "" {
			return invalid("method", "A waived fee has no payment method.")
		}
	default:
		return invalid("payment_status", "Record the fee as paid or waived.")
	}
	row := moneyRow{desk: DeskFront, billID: id, kind: moneyPayment, method: string(p.Method), amount: p.AmountCents}
	if p.Status == PaymentWaived {
		row = moneyRow{desk: DeskFront, billID: id, kind: moneyWaiver, amount: a.FeeCents}
	}
	if row.amount > 0 {
		if _, err := t.recordMoney(ctx, row); err != nil {
			return err
		}
	}
	_, err = t.exec(ctx, `UPDATE appointments SET payment_status = ?, payment_method = ?, amount_paid_cents = ?,
		paid_at = ? WHERE id = ?`, string(p.Status), method, p.AmountCents, formatTime(t.now()), id)
	return err
}

// RecordPayment settles a fee; see Tx.RecordPayment.
func (s *Store) RecordPayment(ctx context.Context, actor Actor, id int64, p PaymentInput) error {
	defer s.timed("RecordPayment")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.RecordPayment(ctx, id, p) })
}
