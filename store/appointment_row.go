package store

// appointmentColumns reads an appointment as one text (see row_text.go), as the
// book's rows are read (bookRowColumn): in twenty-six columns the driver's locks were
// most of a doctor's day.
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
	var f [11]string
	var texts [15]string
	var n [7]int64
	if err := splitRow(row, f[:], texts[:]); err != nil {
		return Appointment{}, err
	}
	if err := rowInts(n[:], f[:7]...); err != nil {
		return Appointment{}, err
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
