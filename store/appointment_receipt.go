package store

import (
	"context"

	"github.com/clinicdesk/clinicdesk/internal/printout"
)

// Receipt is a print-ready plain-text receipt for an appointment (see
// printout.AppointmentReceipt): the clinic, the appointment's code, date and time in
// clinic time, patient, doctor, fee and what was paid, how and when. It is
// terminal-safe, so it can be shown or printed as it is.
func (s *Store) Receipt(ctx context.Context, actor Actor, id int64) (string, error) {
	defer s.timed("Receipt")()
	if err := s.allow(ctx, actor, ActTakePayments); err != nil {
		return "", err
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	a, err := loadAppointment(ctx, s.readers, id)
	if err != nil {
		return "", err
	}
	loc := set.Location()
	return printout.AppointmentReceipt(printout.Appointment{
		Clinic: set.ClinicName, Code: a.Code, Start: a.Start.In(loc), End: a.End.In(loc), Zone: loc.String(),
		PatientName: a.PatientName, PatientCode: a.PatientCode, Doctor: doctorTitle(a.DoctorName),
		Reason: a.Reason, Currency: set.Currency, FeeCents: a.FeeCents, Payment: string(a.PaymentStatus),
		Method: string(a.PaymentMethod), PaidCents: a.AmountPaidCents, PaidAt: a.PaidAt.In(loc),
	}), nil
}
