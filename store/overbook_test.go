package store

import (
	"errors"
	"testing"
)

// The schema, not only the store, decides: a second row in a doctor's time is accepted
// only when it (or the row it shares the time with) states an overbook reason.
func TestTheSchemaAcceptsAnOverlapOnlyForARowWithAnOverbookReason(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	first := f.book(t, f.asha, f.rao, f.at(3, 11, 0))
	w := &rxWorld{s: f.s, ctx: calCtx}
	insert := `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at, overbook_reason)
		VALUES (?, ?, '2025-03-03T05:30:00Z', '2025-03-03T05:45:00Z', ?)`
	w.rawRefused(t, "doctor_overlap", insert, f.ravi, f.rao, nil)
	w.rawRefused(t, "overbook_reason", insert, f.ravi, f.rao, "  ")
	if _, err := f.s.writer.ExecContext(calCtx, insert, f.ravi, f.rao, "Urgent: chest pain"); err != nil {
		t.Fatalf("an overbooking with its reason: %v", err)
	}
	// The reason cannot be taken off a row that shares its time with another.
	w.rawRefused(t, "doctor_overlap", `UPDATE appointments SET overbook_reason = NULL WHERE id <> ?`, first)
	// A patient is never in two places at once, overbooked or not.
	w.rawRefused(t, "patient_overlap", `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at, overbook_reason)
		VALUES (?, ?, '2025-03-03T05:30:00Z', '2025-03-03T05:50:00Z', 'Same patient twice')`, f.ravi, f.mehtaID)
}

func TestTheDeskOverbooksOnPurposeAndTheBookMarksIt(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	f.book(t, f.asha, f.rao, f.at(3, 11, 0))
	in := BookingInput{PatientID: f.ravi, DoctorID: f.rao, Start: f.at(3, 11, 0)}
	_, err := f.s.Book(calCtx, desk, in)
	wantApptErr(t, err, ErrConflict, "Dr. Anil Rao already has an appointment 11:00–11:15")
	in.OverbookReason = "ok"
	var fe *FieldError
	if _, err := f.s.Book(calCtx, desk, in); !errors.As(err, &fe) || fe.Field != "overbook_reason" {
		t.Errorf("a reason too short: %v", err)
	}
	free := BookingInput{PatientID: f.ravi, DoctorID: f.rao, Start: f.at(3, 12, 0), OverbookReason: "Squeeze in"}
	_, err = f.s.Book(calCtx, desk, free)
	wantApptErr(t, err, ErrInvalid, "is free at that time")
	in.OverbookReason = "Fever since morning, cannot wait"
	id, err := f.s.Book(calCtx, desk, in)
	if err != nil {
		t.Fatalf("overbook: %v", err)
	}
	if a := f.get(t, id); a.OverbookReason != in.OverbookReason {
		t.Errorf("overbook reason = %q", a.OverbookReason)
	}
	day, err := f.s.DayView(calCtx, desk, f.day(3))
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for _, e := range day {
		if e.Overbooked {
			marked++
		}
	}
	if marked != 1 || len(day) != 2 {
		t.Errorf("the book marks %d of %d entries overbooked, want 1 of 2", marked, len(day))
	}
	w := &rxWorld{s: f.s, ctx: calCtx}
	if n := w.count(t, `SELECT count(*) FROM audit_trail WHERE table_name = 'appointments' AND row_id = ?
		AND action = 'INSERT' AND json_extract(new_values, '$.overbook_reason') = ? AND hash IS NOT NULL`,
		id, in.OverbookReason); n != 1 {
		t.Errorf("%d sealed audit rows carry the overbook reason", n)
	}
}
