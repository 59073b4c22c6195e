package store

import (
	"strings"
	"testing"
	"time"
)

// TestTxReadsReuseItsStatements: the reads a write makes inside a transaction (the
// patient's latest consent, the clinic's time zone) go through the transaction's
// prepared statements, and the time zone is read once, so a batch of thousands pays
// for neither a parse nor a settings query per row. A statement that writes the
// settings makes the next write read the zone again.
func TestTxReadsReuseItsStatements(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	paid := func(day, hour int) ImportedAppointment {
		return ImportedAppointment{PatientID: f.asha, DoctorID: f.rao, Start: f.at(day, hour, 0), End: f.at(day, hour, 30),
			Status: AppointmentCompleted, FeeCents: 50000, PaymentStatus: PaymentPaid, PaymentMethod: PaymentCash,
			AmountPaidCents: 50000, CheckedInAt: f.at(day, hour, 0), ConsultationStartedAt: f.at(day, hour, 0),
			CompletedAt: f.at(day, hour, 25)}
	}
	err := f.s.Batch(calCtx, System("test"), func(tx *Tx) error {
		if err := tx.recordConsent(calCtx, f.asha, ContactConsent{Email: true}, false); err != nil {
			return err
		}
		prepared := false
		for q := range tx.stmts.byQuery {
			prepared = prepared || strings.Contains(q, "FROM patient_consents c")
		}
		if !prepared {
			t.Error("the consent read was not one of the transaction's prepared statements")
		}
		if _, err := tx.ImportAppointment(calCtx, paid(-3, 10)); err != nil {
			return err
		}
		if tx.loc == nil || tx.loc.String() != "Asia/Kolkata" {
			t.Errorf("the transaction's time zone after an import: %v; want Asia/Kolkata kept", tx.loc)
		}
		if _, err := tx.exec(calCtx, `UPDATE settings SET value = 'America/New_York' WHERE key = 'time_zone'`); err != nil {
			return err
		}
		// 02:00 in Kolkata on day -2 is still the day before in New York.
		_, err := tx.ImportAppointment(calCtx, paid(-2, 2))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var till string
	if err := f.s.readers.QueryRowContext(calCtx, `SELECT till_date FROM payments ORDER BY id DESC LIMIT 1`).Scan(&till); err != nil {
		t.Fatal(err)
	}
	ny, _ := time.LoadLocation("America/New_York")
	if want := f.at(-2, 2, 0).In(ny).Format(time.DateOnly); till != want {
		t.Fatalf("the second payment fell in the till of %s; want %s, the day in the zone written meanwhile", till, want)
	}
}
