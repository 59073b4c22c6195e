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

// ImportAppointment writes one historical appointment and returns its id, as
// ImportAppointments writes a list of one.
func (t *Tx) ImportAppointment(ctx context.Context, in ImportedAppointment) (int64, error) {
	ids, err := t.ImportAppointments(ctx, []ImportedAppointment{in})
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// ImportAppointments writes historical appointments and returns their ids, in order. It
// skips the booking rules about hours, leave, holidays and the past (history happened),
// but the schema's rules still hold: the overlap triggers (refused as Book refuses them,
// naming the appointment that clashed) and every CHECK. It takes the booking permission
// (or a system actor). The appointments go in by INSERTs of many rows each, and the
// payments or waivers they carry likewise, so that a migration from another system (or
// the demo generator) writes a large book quickly: a statement's fixed costs (its
// journal of the pages it touches, the driver's round trip) were a fifth of an imported
// appointment's. An error may leave the rows of the statements before it written: the
// caller returns it from its Batch, which rolls the whole transaction back.
func (t *Tx) ImportAppointments(ctx context.Context, list []ImportedAppointment) ([]int64, error) {
	if err := t.allow(ActBookAppointments); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, nil
	}
	var last int64
	if err := t.queryRow(ctx, `SELECT coalesce(max(id), 0) FROM appointments`).Scan(&last); err != nil {
		return nil, translate(err)
	}
	ids := make([]int64, len(list))
	rows := make([][]any, len(list))
	var money []moneyRow
	for i, in := range list {
		if err := in.validate(); err != nil {
			return nil, err
		}
		ids[i] = last + int64(i) + 1
		rows[i] = importedRow(ids[i], in, t.now())
		m, ok, err := t.importedMoney(ctx, ids[i], in)
		if err != nil {
			return nil, err
		}
		if ok {
			money = append(money, m)
		}
	}
	if done, err := t.insertRows(ctx, importAppointmentInsert, rows); err != nil {
		return nil, t.explainImport(ctx, err, list[done:])
	}
	if err := t.insertMoney(ctx, money...); err != nil {
		return nil, err
	}
	return ids, nil
}

// importAppointmentInsert names the columns importedRow gives, in its order. The id and
// the code are the ones the table's after-insert trigger in schema.sql would give
// (rowCode): the trigger then finds the code in place and writes nothing.
const importAppointmentInsert = `INSERT INTO appointments(id, appointment_code, patient_id, doctor_id,
	starts_at, ends_at, status, reason, notes, cancel_reason, fee_cents, payment_status, payment_method,
	amount_paid_cents, paid_at, checked_in_at, consultation_started_at, completed_at, series_id, booked_by,
	created_at, updated_at)`

// importedRow is the values of importAppointmentInsert for in, written as id.
func importedRow(id int64, in ImportedAppointment, now time.Time) []any {
	created := in.CreatedAt
	if created.IsZero() {
		created = now
	}
	var method, cancelReason any
	if in.PaymentMethod != "" {
		method = string(in.PaymentMethod)
	}
	if in.CancelReason != "" {
		cancelReason = in.CancelReason
	}
	return []any{id, rowCode("APT", id), in.PatientID, in.DoctorID, formatTime(in.Start), formatTime(in.End),
		string(in.Status), in.Reason, in.Notes, cancelReason, in.FeeCents, string(in.PaymentStatus), method,
		in.AmountPaidCents, nullTime(in.PaidAt), nullTime(in.CheckedInAt), nullTime(in.ConsultationStartedAt),
		nullTime(in.CompletedAt), nullID(in.SeriesID), nullID(in.BookedBy), formatTime(created), formatTime(created)}
}

// explainImport turns the error of the INSERT of list's first rows into the error of
// the appointment that caused it: for a list of more than one, it imports them one at a
// time, inside a savepoint it then rolls back, until one fails.
func (t *Tx) explainImport(ctx context.Context, err error, list []ImportedAppointment) error {
	if len(list) > 1 {
		one := t.tryUndone(ctx, "import_explain", func() error {
			for _, in := range list {
				if _, err := t.ImportAppointments(ctx, []ImportedAppointment{in}); err != nil {
					return err
				}
			}
			return nil
		})
		if one == nil {
			return err
		}
		return one
	}
	in := list[0]
	loc, lerr := t.location(ctx)
	if lerr != nil {
		return err
	}
	d, derr := loadDoctor(ctx, t.q(), in.DoctorID)
	if derr != nil {
		return err
	}
	return t.explainClash(ctx, err, loc, 0, in.PatientID, d, in.Start, in.End)
}

// importedMoney is the payment or waiver an imported appointment carries, as taken at
// its PaidAt (else its check-in, else its start) by whoever imports it, into that
// day's front-desk till; ok is false when it carries none.
func (t *Tx) importedMoney(ctx context.Context, id int64, in ImportedAppointment) (m moneyRow, ok bool, err error) {
	m = moneyRow{desk: DeskFront, billID: id, kind: moneyPayment, method: string(in.PaymentMethod),
		amount: in.AmountPaidCents}
	if in.PaymentStatus == PaymentWaived {
		m = moneyRow{desk: DeskFront, billID: id, kind: moneyWaiver, amount: in.FeeCents - in.AmountPaidCents}
	}
	if m.amount <= 0 || (m.kind == moneyPayment && m.method == "") {
		return moneyRow{}, false, nil
	}
	m.takenAt = in.PaidAt
	for _, at := range []time.Time{in.CheckedInAt, in.Start} {
		if m.takenAt.IsZero() {
			m.takenAt = at
		}
	}
	loc, err := t.location(ctx)
	if err != nil {
		return moneyRow{}, false, err
	}
	m.tillDate = localDate(m.takenAt, loc)
	return m, true, nil
}
