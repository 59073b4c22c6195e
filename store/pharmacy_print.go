package store

import (
	"context"
	"fmt"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	"github.com/clinicdesk/clinicdesk/internal/printout"
)

// Labels returns one plain-text dispensing label per fulfilment item (see
// printout.DispensingLabels): the clinic, the date, the patient, the medicine, the
// prescriber's directions with the frequency in words, the quantity, the batch and its
// expiry, the prescriber and the pharmacist. They are terminal-safe, so they can be
// shown or printed as they are.
func (s *Store) Labels(ctx context.Context, actor Actor, fulfilmentID int64) ([]string, error) {
	defer s.timed("Labels")()
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
	d := printout.Dispensing{Clinic: set.ClinicName, Prescription: f.PrescriptionCode, PatientName: f.PatientName,
		PatientCode: f.PatientCode, Pharmacist: f.PharmacistName}
	if f.PrescriptionID != 0 {
		err := s.readers.QueryRowContext(ctx, `SELECT u.full_name FROM prescriptions r JOIN doctors d ON d.id = r.doctor_id
			JOIN users u ON u.id = d.user_id WHERE r.id = ?`, f.PrescriptionID).Scan(&d.Prescriber)
		if err != nil {
			return nil, translate(err)
		}
		d.Prescriber = doctorTitle(d.Prescriber)
	}
	meds := make(map[int64]PrescribedMedication, len(f.Medications))
	for _, m := range f.Medications {
		meds[m.ID] = m
	}
	loc := set.Location()
	for _, it := range f.Items {
		line := printout.DispensedLine{Date: it.CreatedAt.In(loc), Name: it.ItemName, Strength: it.Strength,
			Form: it.Form, Quantity: it.Quantity, Unit: it.Unit, Batch: it.BatchNumber, Expires: it.ExpiresOn}
		if m, ok := meds[it.PrescriptionMedicationID]; ok {
			line.Directions = &printout.Directions{Dose: m.Dosage, Frequency: m.Frequency, DurationDays: m.DurationDays,
				Route: m.Route, Instructions: m.Instructions}
			if fr, ok := drugs.LookupFrequency(m.Frequency); ok {
				line.Directions.Frequency = fr.Words
			}
		}
		d.Lines = append(d.Lines, line)
	}
	return printout.DispensingLabels(d), nil
}

// SaleReceipt is a plain-text receipt for a fulfilment (see
// printout.PharmacySaleReceipt): the clinic, the date, the patient and prescription when
// there are any, each line with its quantity, unit price and total, the bill and what
// was paid. It is terminal-safe.
func (s *Store) SaleReceipt(ctx context.Context, actor Actor, fulfilmentID int64) (string, error) {
	defer s.timed("SaleReceipt")()
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
	sale := printout.Sale{Clinic: set.ClinicName, Number: fmt.Sprintf("F%06d", f.ID), At: f.CreatedAt.In(set.Location()),
		PatientName: f.PatientName, PatientCode: f.PatientCode, Prescription: f.PrescriptionCode,
		Pharmacist: f.PharmacistName, Currency: set.Currency, TotalCents: f.TotalCents, Payment: f.PaymentStatus,
		Method: f.PaymentMethod, PaidCents: f.AmountPaidCents, Cancelled: f.Status == FulfilmentCancelled,
		CancelReason: f.CancelReason}
	for _, it := range f.Items {
		sale.Lines = append(sale.Lines, printout.SaleLine{Name: it.ItemName, Strength: it.Strength, Form: it.Form,
			Quantity: it.Quantity, UnitCents: it.UnitPriceCents, TotalCents: it.LineTotalCents})
	}
	return printout.PharmacySaleReceipt(sale), nil
}
