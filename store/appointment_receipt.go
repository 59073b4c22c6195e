package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

var methodLabels = map[PaymentMethod]string{
	PaymentCash: "cash", PaymentCard: "card", PaymentUPI: "UPI", PaymentInsurance: "insurance", PaymentOther: "other",
}

// Receipt is a print-ready plain-text receipt for an appointment: the clinic, the
// appointment's code, date and time in clinic time, patient, doctor, fee and what was
// paid, how and when. Every name in it is made terminal-safe, so it can be shown or
// printed as it is.
func (s *Store) Receipt(ctx context.Context, actor Actor, id int64) (string, error) {
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
	start, end := a.Start.In(loc), a.End.In(loc)
	cash := func(cents int64) string { return money.Cents(cents).Format(set.Currency) }

	var b strings.Builder
	rule := strings.Repeat("-", 44)
	line := func(label, value string) { fmt.Fprintf(&b, "%-13s%s\n", label, value) }
	b.WriteString(textsafe.Line(set.ClinicName) + "\nRECEIPT\n" + rule + "\n")
	line("Appointment", a.Code)
	line("Date", start.Format("Monday 2 January 2006"))
	line("Time", start.Format("15:04")+"–"+end.Format("15:04")+" ("+loc.String()+")")
	line("Patient", textsafe.Line(a.PatientName)+" ("+a.PatientCode+")")
	line("Doctor", textsafe.Line(doctorTitle(a.DoctorName)))
	if a.Reason != "" {
		line("Reason", textsafe.Line(a.Reason))
	}
	b.WriteString(rule + "\n")
	line("Fee", cash(a.FeeCents))
	switch a.PaymentStatus {
	case PaymentPaid:
		line("Paid", cash(a.AmountPaidCents))
		if a.AmountPaidCents < a.FeeCents {
			line("Discount", cash(a.FeeCents-a.AmountPaidCents))
		}
		line("Method", methodLabels[a.PaymentMethod])
		line("Paid on", a.PaidAt.In(loc).Format("2 January 2006 15:04"))
	case PaymentWaived:
		line("Waived", cash(a.FeeCents))
		line("Waived on", a.PaidAt.In(loc).Format("2 January 2006 15:04"))
	case PaymentRefunded:
		line("Refunded", cash(a.AmountPaidCents))
	default:
		line("Due", cash(a.FeeCents))
	}
	b.WriteString(rule + "\n")
	line("Status", string(a.PaymentStatus))
	return b.String(), nil
}
