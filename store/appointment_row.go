package store

import (
	"fmt"
	"strconv"
	"strings"
)

// appointmentColumns reads an appointment as one text, which one printf builds and
// parseAppointmentRow takes apart, as the book's rows are read (bookRowColumn): the
// driver locks the connection three times for each column of each row it hands over,
// and in twenty-six columns that was most of a doctor's day. First the fields of known
// shape, separated by '|' (numbers, and the instants and statuses the schema's CHECKs
// keep free of it); then the byte length of each text, separated by '|'; then the
// texts unseparated, so that each may hold any character. A NULL is an empty text, a
// NULL id 0.
const appointmentColumns = `printf('%d|%d|%d|%d|%d|%d|%d|%s|%s|%s|%s|` +
	`%d|%d|%d|%d|%d|%d|%d|%d|%d|%d|%d|%d|%d|%d|%d|` +
	`%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s',
	a.id, a.patient_id, a.doctor_id, a.fee_cents, a.amount_paid_cents, coalesce(a.series_id, 0),
	coalesce(a.booked_by, 0), a.starts_at, a.ends_at, a.status, a.payment_status,
	octet_length(a.appointment_code), octet_length(a.reason), octet_length(a.notes), octet_length(a.cancel_reason),
	octet_length(a.payment_method), octet_length(a.paid_at), octet_length(a.checked_in_at),
	octet_length(a.consultation_started_at), octet_length(a.completed_at), octet_length(a.created_at),
	octet_length(a.updated_at), octet_length(a.overbook_reason), octet_length(p.first_name || ' ' || p.last_name),
	octet_length(p.patient_code), octet_length(u.full_name),
	coalesce(a.appointment_code, ''), a.reason, a.notes, coalesce(a.cancel_reason, ''),
	coalesce(a.payment_method, ''), coalesce(a.paid_at, ''), coalesce(a.checked_in_at, ''),
	coalesce(a.consultation_started_at, ''), coalesce(a.completed_at, ''), a.created_at,
	a.updated_at, coalesce(a.overbook_reason, ''), p.first_name || ' ' || p.last_name,
	coalesce(p.patient_code, ''), u.full_name)`

// appointmentRowFields and appointmentRowTexts count the '|'-separated fields before
// the texts' lengths, and the texts.
const (
	appointmentRowFields = 11
	appointmentRowTexts  = 15
)

// scanAppointment reads one row of appointmentColumns.
func scanAppointment(row interface{ Scan(...any) error }) (Appointment, error) {
	var text string
	if err := row.Scan(&text); err != nil {
		return Appointment{}, err
	}
	return parseAppointmentRow(text)
}

// parseAppointmentRow takes apart one text of appointmentColumns.
func parseAppointmentRow(row string) (Appointment, error) {
	var f [appointmentRowFields + appointmentRowTexts]string
	rest := row
	for i := range f {
		var ok bool
		if f[i], rest, ok = strings.Cut(rest, "|"); !ok {
			return Appointment{}, fmt.Errorf("appointment row %.40q: %d fields, want %d", row, i, len(f))
		}
	}
	var n [appointmentRowTexts + 7]int64
	for i, field := range append(f[:7:7], f[appointmentRowFields:]...) {
		v, err := strconv.ParseInt(field, 10, 64)
		if err != nil || v < 0 {
			return Appointment{}, fmt.Errorf("appointment row %.40q: field %q", row, field)
		}
		n[i] = v
	}
	var texts [appointmentRowTexts]string
	for i := range texts {
		size := int(n[7+i])
		if size > len(rest) {
			return Appointment{}, fmt.Errorf("appointment row %.40q: a text shorter than its length", row)
		}
		texts[i], rest = rest[:size], rest[size:]
	}
	if rest != "" {
		return Appointment{}, fmt.Errorf("appointment row %.40q: %d bytes after the texts", row, len(rest))
	}
	return Appointment{
		ID: n[0], PatientID: n[1], DoctorID: n[2], FeeCents: n[3], AmountPaidCents: n[4], SeriesID: n[5], BookedBy: n[6],
		Start: parseTime(f[7]), End: parseTime(f[8]), Status: AppointmentStatus(f[9]), PaymentStatus: PaymentStatus(f[10]),
		Code: texts[0], Reason: texts[1], Notes: texts[2], CancelReason: texts[3], PaymentMethod: PaymentMethod(texts[4]),
		PaidAt: parseTime(texts[5]), CheckedInAt: parseTime(texts[6]), ConsultationStartedAt: parseTime(texts[7]),
		CompletedAt: parseTime(texts[8]), CreatedAt: parseTime(texts[9]), UpdatedAt: parseTime(texts[10]),
		OverbookReason: texts[11], PatientName: texts[12], PatientCode: texts[13], DoctorName: texts[14],
	}, nil
}
