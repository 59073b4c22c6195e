package store

import (
	"context"
	"time"
)

// ImportedAppointment is a historical appointment brought in whole, in any status, with
// its timestamps and payment — as a migration from another system (or the demo
// generator) writes history. Zero times are "never"; a zero CreatedAt is the store's clock.
type ImportedAppointment struct {
	PatientID             int64
	DoctorID              int64
	Start, End            time.Time
	Status                AppointmentStatus // "" means scheduled
	Reason                string
	Notes                 string
	CancelReason          string // required when cancelled
	FeeCents              int64
	PaymentStatus         PaymentStatus // "" means unpaid
	PaymentMethod         PaymentMethod // required when paid
	AmountPaidCents       int64
	PaidAt                time.Time
	CheckedInAt           time.Time
	ConsultationStartedAt time.Time
	CompletedAt           time.Time
	SeriesID              int64
	BookedBy              int64
	CreatedAt             time.Time
}

func (in *ImportedAppointment) validate() error {
	if in.Status == "" {
		in.Status = AppointmentScheduled
	}
	if in.PaymentStatus == "" {
		in.PaymentStatus = PaymentUnpaid
	}
	switch {
	case !in.Status.Valid():
		return invalid("status", "Unknown appointment status "+string(in.Status)+".")
	case in.Start.IsZero() || !in.End.After(in.Start):
		return invalid("end", "An appointment must end after it starts.")
	case in.Status == AppointmentCancelled && in.CancelReason == "":
		return invalid("cancel_reason", "A cancelled appointment needs its reason.")
	case in.PaymentStatus == PaymentPaid && !in.PaymentMethod.Valid():
		return invalid("method", "A paid appointment needs its payment method.")
	}
	return nil
}

// ImportAppointment writes one historical appointment and returns its id. It skips the
// booking rules about hours, leave, holidays and the past — history happened — but the
// schema's rules still hold: the overlap triggers (refused as Book refuses them) and
// every CHECK. It takes the booking permission (or a system actor), and on success
// costs one INSERT, and one more into the payments ledger for a fee paid or waived (in
// the front-desk till of the day it was paid), so the demo generator can write a large
// book quickly.
func (t *Tx) ImportAppointment(ctx context.Context, in ImportedAppointment) (int64, error) {
	if err := t.allow(ActBookAppointments); err != nil {
		return 0, err
	}
	if err := in.validate(); err != nil {
		return 0, err
	}
	created := in.CreatedAt
	if created.IsZero() {
		created = t.now()
	}
	var method, cancelReason any
	if in.PaymentMethod != "" {
		method = string(in.PaymentMethod)
	}
	if in.CancelReason != "" {
		cancelReason = in.CancelReason
	}
	id, err := t.insert(ctx, importAppointmentInsert,
		in.PatientID, in.DoctorID, formatTime(in.Start), formatTime(in.End), string(in.Status), in.Reason,
		in.Notes, cancelReason, in.FeeCents, string(in.PaymentStatus), method, in.AmountPaidCents,
		nullTime(in.PaidAt), nullTime(in.CheckedInAt), nullTime(in.ConsultationStartedAt), nullTime(in.CompletedAt),
		nullID(in.SeriesID), nullID(in.BookedBy), formatTime(created), formatTime(created))
	if err == nil {
		return id, t.importMoney(ctx, id, in)
	}
	loc, lerr := t.location(ctx)
	if lerr != nil {
		return 0, err
	}
	d, derr := loadDoctor(ctx, t.q(), in.DoctorID)
	if derr != nil {
		return 0, err
	}
	return 0, t.explainClash(ctx, err, loc, 0, in.PatientID, d, in.Start, in.End)
}

var importAppointmentInsert = codedInsert("appointments", "appointment_code", "APT", `patient_id, doctor_id,
	starts_at, ends_at, status, reason, notes, cancel_reason, fee_cents, payment_status, payment_method,
	amount_paid_cents, paid_at, checked_in_at, consultation_started_at, completed_at, series_id, booked_by,
	created_at, updated_at`)

// importMoney writes the payment or waiver an imported appointment carries, as taken at
// its PaidAt (else its check-in, else its start) by whoever booked it.
func (t *Tx) importMoney(ctx context.Context, id int64, in ImportedAppointment) error {
	row := moneyRow{desk: DeskFront, billID: id, kind: moneyPayment, method: string(in.PaymentMethod),
		amount: in.AmountPaidCents}
	if in.PaymentStatus == PaymentWaived {
		row = moneyRow{desk: DeskFront, billID: id, kind: moneyWaiver, amount: in.FeeCents - in.AmountPaidCents}
	}
	if row.amount <= 0 || (row.kind == moneyPayment && row.method == "") {
		return nil
	}
	at := in.PaidAt
	for _, t := range []time.Time{in.CheckedInAt, in.Start} {
		if at.IsZero() {
			at = t
		}
	}
	loc, err := t.location(ctx)
	if err != nil {
		return err
	}
	return t.insertMoney(ctx, row, localDate(at, loc), at)
}
