package printout

import (
	"fmt"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/money"
)

// receiptCol is the column where a receipt's values start.
const receiptCol = 13

// Appointment is what an appointment's receipt shows. Times are in the clinic's zone,
// named by Zone.
type Appointment struct {
	Clinic      string
	Code        string // APT000001
	Start, End  time.Time
	Zone        string // "Asia/Kolkata"
	PatientName string
	PatientCode string
	Doctor      string // as the clinic names them: "Dr. Anil Rao"
	Reason      string
	Currency    string
	FeeCents    int64
	Payment     string // unpaid, paid, waived or refunded
	Method      string // cash, card, upi, insurance or other once paid
	PaidCents   int64
	PaidAt      time.Time // when it was paid or waived
}

// AppointmentReceipt is the receipt of an appointment: the clinic, the appointment's
// code, date and time, patient, doctor and reason, the fee and what became of it.
func AppointmentReceipt(a Appointment) string {
	p := &sheet{width: ReceiptWidth}
	field := func(label, value string) { p.field(label, receiptCol, value) }
	cash := func(cents int64) string { return money.Cents(cents).Format(a.Currency) }
	p.line(a.Clinic)
	p.line("RECEIPT")
	p.rule("-")
	field("Appointment", a.Code)
	field("Date", a.Start.Format("Monday 2 January 2006"))
	field("Time", a.Start.Format("15:04")+"–"+a.End.Format("15:04")+" ("+a.Zone+")")
	field("Patient", withCode(a.PatientName, a.PatientCode))
	field("Doctor", a.Doctor)
	if a.Reason != "" {
		field("Reason", a.Reason)
	}
	// An appointment imported from another system may carry no time of payment: the
	// receipt leaves the line out rather than print the zero time (1 January 0001).
	settledOn := func(label string) {
		if !a.PaidAt.IsZero() {
			field(label, a.PaidAt.Format("2 January 2006 15:04"))
		}
	}
	p.rule("-")
	field("Fee", cash(a.FeeCents))
	switch a.Payment {
	case "paid":
		field("Paid", cash(a.PaidCents))
		if a.PaidCents < a.FeeCents {
			field("Discount", cash(a.FeeCents-a.PaidCents))
		}
		field("Method", methodLabel(a.Method))
		settledOn("Paid on")
	case "waived":
		field("Waived", cash(a.FeeCents))
		settledOn("Waived on")
	case "refunded":
		field("Refunded", cash(a.PaidCents))
	default:
		field("Due", cash(a.FeeCents))
	}
	p.rule("-")
	field("Status", a.Payment)
	return p.String()
}

// Sale is what a pharmacy receipt shows: a sale over the counter (no Prescription,
// perhaps no patient) or the dispensing of a prescription. Times are in the clinic's
// zone.
type Sale struct {
	Clinic       string
	Number       string // the receipt's number: "F000012"
	At           time.Time
	PatientName  string // "" for an anonymous sale
	PatientCode  string
	Prescription string // the prescription's code; "" for a sale over the counter
	Pharmacist   string
	Currency     string
	Lines        []SaleLine
	TotalCents   int64
	Payment      string // unpaid, paid or waived
	Method       string // how what was paid was paid: cash, card, upi, insurance or other
	PaidCents    int64
	Cancelled    bool
	CancelReason string
}

// SaleLine is one line of a sale: an item from one batch.
type SaleLine struct {
	Name, Strength, Form string
	Quantity             int
	UnitCents            int64
	TotalCents           int64
	// Safety are the overrides it was handed over with, as on its label.
	Safety []string
}

// PharmacySaleReceipt is the receipt of a pharmacy sale: the clinic, the number and
// date, the patient and prescription when there are any, the pharmacist, each line with
// its quantity, unit price and total, the bill and what became of it.
func PharmacySaleReceipt(s Sale) string {
	p := &sheet{width: ReceiptWidth}
	field := func(label, value string) { p.field(label, receiptCol, value) }
	cash := func(cents int64) string { return money.Cents(cents).Format(s.Currency) }
	paid := func() string { return cash(s.PaidCents) + " (" + methodLabel(s.Method) + ")" }
	p.line(s.Clinic)
	p.line("PHARMACY RECEIPT")
	p.rule("-")
	field("Receipt", s.Number)
	field("Date", s.At.Format("2 January 2006 15:04"))
	if s.PatientName != "" {
		field("Patient", withCode(s.PatientName, s.PatientCode))
	}
	if s.Prescription != "" {
		field("Prescription", s.Prescription)
	}
	field("Pharmacist", s.Pharmacist)
	p.rule("-")
	for _, l := range s.Lines {
		p.line(medicineName(l.Name, l.Strength, l.Form))
		p.ends(2, fmt.Sprintf("%d x %s", l.Quantity, cash(l.UnitCents)), cash(l.TotalCents))
		for _, s := range l.Safety {
			p.indented(2, "! "+s)
		}
	}
	p.rule("-")
	field("Total", cash(s.TotalCents))
	switch s.Payment {
	case "paid":
		field("Paid", paid())
	case "waived":
		if s.PaidCents > 0 {
			field("Paid", paid())
		}
		field("Waived", cash(s.TotalCents-s.PaidCents))
	default:
		if s.PaidCents > 0 {
			field("Paid", paid())
		}
		field("Due", cash(s.TotalCents-s.PaidCents))
	}
	if s.Cancelled {
		field("CANCELLED", s.CancelReason)
	}
	return p.String()
}
