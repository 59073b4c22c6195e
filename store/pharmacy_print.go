package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

// Labels returns one plain-text dispensing label per fulfilment item: the clinic, the
// date, the patient, the medicine and its strength, the prescriber's directions, the
// quantity, the batch and its expiry. Every name in them is made terminal-safe, so they
// can be shown or printed as they are.
func (s *Store) Labels(ctx context.Context, actor Actor, fulfilmentID int64) ([]string, error) {
	if err := s.allow(ctx, actor, ActDispense); err != nil {
		return nil, err
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	f, err := loadFulfilment(ctx, s.readers, fulfilmentID)
	if err != nil {
		return nil, err
	}
	var doctor string
	if f.PrescriptionID != 0 {
		err := s.readers.QueryRowContext(ctx, `SELECT u.full_name FROM prescriptions r JOIN doctors d ON d.id = r.doctor_id
			JOIN users u ON u.id = d.user_id WHERE r.id = ?`, f.PrescriptionID).Scan(&doctor)
		if err != nil {
			return nil, translate(err)
		}
	}
	meds := make(map[int64]PrescribedMedication, len(f.Medications))
	for _, m := range f.Medications {
		meds[m.ID] = m
	}
	loc := set.Location()
	labels := make([]string, 0, len(f.Items))
	for _, it := range f.Items {
		var b strings.Builder
		line := func(text string) { b.WriteString(text + "\n") }
		line(textsafe.Line(set.ClinicName))
		head := "Date: " + it.CreatedAt.In(loc).Format("2 Jan 2006")
		if f.PrescriptionCode != "" {
			head += "   " + f.PrescriptionCode
		}
		line(head)
		if f.PatientName != "" {
			line("Patient: " + textsafe.Line(f.PatientName) + " (" + f.PatientCode + ")")
		}
		line(textsafe.Line(joinWords(it.ItemName, strengthUnlessNamed(it.ItemName, it.Strength))))
		if m, ok := meds[it.PrescriptionMedicationID]; ok {
			for _, d := range directions(m) {
				line(textsafe.Line(d))
			}
		} else {
			line("Use as directed on the pack.")
		}
		line(fmt.Sprintf("Qty: %d %s", it.Quantity, textsafe.Line(it.Unit)))
		line("Batch: " + textsafe.Line(it.BatchNumber) + "   Exp: " + formatDate(it.ExpiresOn))
		if doctor != "" {
			line("Prescriber: " + textsafe.Line(doctor))
		}
		line("Keep out of the reach of children.")
		labels = append(labels, b.String())
	}
	return labels, nil
}

// directions are the prescriber's directions as label lines: "1 tablet three times a
// day for 5 days.", the instructions, and the route when it is not by mouth.
func directions(m PrescribedMedication) []string {
	freq := m.Frequency
	if f, ok := drugs.LookupFrequency(m.Frequency); ok {
		freq = f.Words
	}
	var duration string
	switch {
	case m.DurationDays == 1:
		duration = "for 1 day"
	case m.DurationDays > 1:
		duration = fmt.Sprintf("for %d days", m.DurationDays)
	}
	var out []string
	if d := joinWords(m.Dosage, freq, duration); d != "" {
		out = append(out, sentence(d))
	}
	if m.Instructions != "" {
		out = append(out, sentence(m.Instructions))
	}
	if m.Route != "" && !strings.EqualFold(m.Route, "oral") {
		out = append(out, "Route: "+m.Route+".")
	}
	if len(out) == 0 {
		out = append(out, "Use as directed by the prescriber.")
	}
	return out
}

// strengthUnlessNamed leaves out a strength the item's name already states.
func strengthUnlessNamed(name, strength string) string {
	if strings.Contains(strings.ToLower(name), strings.ToLower(strength)) {
		return ""
	}
	return strength
}

func joinWords(words ...string) string {
	var kept []string
	for _, w := range words {
		if w = strings.TrimSpace(w); w != "" {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// SaleReceipt is a plain-text receipt for a fulfilment: the clinic, the date, the
// patient and prescription when there are any, each line with its quantity, unit price
// and total, the bill and what was paid. Names are made terminal-safe.
func (s *Store) SaleReceipt(ctx context.Context, actor Actor, fulfilmentID int64) (string, error) {
	if err := s.allow(ctx, actor, ActDispense); err != nil {
		return "", err
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	f, err := loadFulfilment(ctx, s.readers, fulfilmentID)
	if err != nil {
		return "", err
	}
	money := func(cents int64) string { return money.Cents(cents).Format(set.Currency) }
	loc := set.Location()
	var b strings.Builder
	rule := strings.Repeat("-", 48)
	field := func(label, value string) { fmt.Fprintf(&b, "%-14s%s\n", label, value) }
	b.WriteString(textsafe.Line(set.ClinicName) + "\nPHARMACY RECEIPT\n" + rule + "\n")
	field("Receipt", fmt.Sprintf("F%06d", f.ID))
	field("Date", f.CreatedAt.In(loc).Format("2 January 2006 15:04"))
	if f.PatientName != "" {
		field("Patient", textsafe.Line(f.PatientName)+" ("+f.PatientCode+")")
	}
	if f.PrescriptionCode != "" {
		field("Prescription", f.PrescriptionCode)
	}
	field("Pharmacist", textsafe.Line(f.PharmacistName))
	b.WriteString(rule + "\n")
	for _, it := range f.Items {
		b.WriteString(textsafe.Truncate(textsafe.Line(joinWords(it.ItemName, strengthUnlessNamed(it.ItemName, it.Strength))), 48) + "\n")
		fmt.Fprintf(&b, "  %d x %s%*s\n", it.Quantity, money(it.UnitPriceCents),
			max(1, 44-len(fmt.Sprint(it.Quantity))-len(money(it.UnitPriceCents))), money(it.LineTotalCents))
	}
	b.WriteString(rule + "\n")
	field("Total", money(f.TotalCents))
	switch f.PaymentStatus {
	case "paid":
		field("Paid", money(f.AmountPaidCents)+" ("+f.PaymentMethod+")")
	case "waived":
		if f.AmountPaidCents > 0 {
			field("Paid", money(f.AmountPaidCents)+" ("+f.PaymentMethod+")")
		}
		field("Waived", money(f.TotalCents-f.AmountPaidCents))
	default:
		if f.AmountPaidCents > 0 {
			field("Paid", money(f.AmountPaidCents)+" ("+f.PaymentMethod+")")
		}
		field("Due", money(f.TotalCents-f.AmountPaidCents))
	}
	if f.Status == FulfilmentCancelled {
		field("CANCELLED", textsafe.Line(f.CancelReason))
	}
	return b.String(), nil
}
