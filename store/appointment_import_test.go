package store

import (
	"fmt"
	"strconv"
	"testing"
	"time"
)

// A list is imported by multi-row INSERTs, several of them for a list longer than one
// statement takes, with every trigger firing per row: the ids come back in order, each
// appointment has its code, its sealed audit row and its payment, the chain verifies,
// and a clash anywhere in the list is named, and the refused statement writes none of
// its rows.
func TestImportAppointments(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	count := func(query string) int {
		t.Helper()
		var n int
		if err := f.s.readers.QueryRowContext(calCtx, query).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	appointmentsBefore, paymentsBefore := count(`SELECT count(*) FROM appointments`), count(`SELECT count(*) FROM payments`)
	const n = maxRowsPerInsert + 7
	list := make([]ImportedAppointment, n)
	first := f.at(1, 0, 0).AddDate(0, -6, 0)
	for i := range list {
		start := first.Add(time.Duration(i) * 20 * time.Minute)
		list[i] = ImportedAppointment{PatientID: f.asha, DoctorID: f.rao, Start: start, End: start.Add(15 * time.Minute),
			Status: AppointmentCompleted, FeeCents: 50000, PaymentStatus: PaymentPaid, PaymentMethod: PaymentCash,
			AmountPaidCents: 50000, CheckedInAt: start.Add(-5 * time.Minute)}
	}
	var ids []int64
	err := f.s.Batch(calCtx, System("test"), func(tx *Tx) (err error) {
		ids, err = tx.ImportAppointments(calCtx, list)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != n {
		t.Fatalf("%d ids for %d appointments", len(ids), n)
	}
	for i, id := range ids {
		a := f.get(t, id)
		if !a.Start.Equal(list[i].Start) || a.Code != fmt.Sprintf("APT%06d", id) || a.Status != AppointmentCompleted {
			t.Fatalf("id %d (the %dth) holds %+v", id, i, a)
		}
	}
	if got := count(`SELECT count(*) FROM appointments`) - appointmentsBefore; got != n {
		t.Fatalf("%d appointments written, want %d", got, n)
	}
	if got := count(`SELECT count(*) FROM payments`) - paymentsBefore; got != n {
		t.Fatalf("%d payments written, want %d", got, n)
	}
	if got := count(`SELECT count(*) FROM audit_log WHERE table_name = 'appointments' AND action = 'INSERT' AND hash IS NOT NULL
		AND row_id >= ` + strconv.FormatInt(ids[0], 10)); got != n {
		t.Fatalf("%d sealed audit rows of the imported appointments, want %d", got, n)
	}
	// Their 2n audit rows were sealed by several UPDATEs of a VALUES list each.
	if report, err := f.s.VerifyAudit(calCtx); err != nil || !report.Intact() {
		t.Fatalf("verify after the import: %+v, %v", report, err)
	}

	// The last of a new list takes the time of the first: the clash is named, and
	// neither the list's appointments nor their payments stay.
	clash := []ImportedAppointment{
		{PatientID: f.ravi, DoctorID: f.rao, Start: f.at(2, 9, 0), End: f.at(2, 9, 15), FeeCents: 50000,
			PaymentStatus: PaymentPaid, PaymentMethod: PaymentCard, AmountPaidCents: 50000, Status: AppointmentCompleted},
		{PatientID: f.ravi, DoctorID: f.rao, Start: f.at(2, 9, 30), End: f.at(2, 9, 45), Status: AppointmentNoShow},
		{PatientID: f.asha, DoctorID: f.rao, Start: f.at(2, 9, 5), End: f.at(2, 9, 20)},
	}
	appointmentsBefore, paymentsBefore = count(`SELECT count(*) FROM appointments`), count(`SELECT count(*) FROM payments`)
	var refused error
	var written int
	err = f.s.Batch(calCtx, System("test"), func(tx *Tx) error {
		_, refused = tx.ImportAppointments(calCtx, clash)
		return tx.queryRow(calCtx, `SELECT count(*) FROM appointments WHERE starts_at >= ?`,
			formatTime(f.at(2, 0, 0))).Scan(&written)
	})
	if err != nil {
		t.Fatal(err)
	}
	wantApptErr(t, refused, ErrConflict, "Dr. Anil Rao already has an appointment 09:00–09:15 on 2 March.")
	if written != 0 {
		t.Fatalf("after the refused list, the transaction holds %d of its appointments", written)
	}
	if count(`SELECT count(*) FROM appointments`) != appointmentsBefore || count(`SELECT count(*) FROM payments`) != paymentsBefore {
		t.Fatal("the refused list left rows behind")
	}
}
