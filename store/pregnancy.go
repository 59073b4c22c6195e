package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
)

// Pregnancy states a patient's chart may record (patient_pregnancy.status).
const (
	Pregnant      = drugs.Pregnant
	Breastfeeding = drugs.Breastfeeding
)

// Pregnancy is a patient's pregnancy flag: pregnant or breastfeeding, as noted on a
// day. A zero Pregnancy means neither is recorded.
type Pregnancy struct {
	Status  string    // Pregnant or Breastfeeding; "" when neither is recorded
	NotedOn time.Time // the calendar day it was noted
}

// String is the flag as screens show it: "pregnant (noted 2026-11-30)"; "" for none.
func (p Pregnancy) String() string {
	if p.Status == "" {
		return ""
	}
	return p.Status + " (noted " + formatDate(p.NotedOn) + ")"
}

// SetPregnancy records that a patient is pregnant or breastfeeding, noted on notedOn
// (today when zero; never in the future), replacing any earlier flag; status ""
// clears it. Only those who write the chart may; the change is audited.
func (t *Tx) SetPregnancy(ctx context.Context, patientID int64, status string, notedOn time.Time) error {
	if err := t.allow(ActWriteChart); err != nil {
		return err
	}
	if err := t.requirePatient(ctx, patientID); err != nil {
		return err
	}
	if status == "" {
		_, err := t.exec(ctx, `DELETE FROM patient_pregnancy WHERE patient_id = ?`, patientID)
		return err
	}
	if status != Pregnant && status != Breastfeeding {
		return invalid("pregnancy", "The flag must be pregnant or breastfeeding.")
	}
	today, _, err := clinicToday(ctx, t.q(), t.now())
	if err != nil {
		return err
	}
	noted := today
	if !notedOn.IsZero() {
		noted = formatDate(notedOn)
	}
	if noted > today {
		return invalid("noted_on", "The date it was noted cannot be in the future.")
	}
	_, err = t.exec(ctx, `INSERT INTO patient_pregnancy(patient_id, status, noted_on, recorded_by) VALUES (?, ?, ?, ?)
		ON CONFLICT(patient_id) DO UPDATE SET status = excluded.status, noted_on = excluded.noted_on,
		recorded_by = excluded.recorded_by`, patientID, status, noted, nullID(t.actor.ID))
	return err
}

// SetPregnancy records or clears a patient's pregnancy flag (Tx.SetPregnancy).
func (s *Store) SetPregnancy(ctx context.Context, actor Actor, patientID int64, status string, notedOn time.Time) error {
	return s.write(ctx, actor, func(tx *Tx) error { return tx.SetPregnancy(ctx, patientID, status, notedOn) })
}

// readPregnancy reads a patient's pregnancy flag; zero when none is recorded.
func readPregnancy(ctx context.Context, q querier, patientID int64) (Pregnancy, error) {
	var p Pregnancy
	var noted string
	err := q.QueryRowContext(ctx, `SELECT status, noted_on FROM patient_pregnancy WHERE patient_id = ?`, patientID).
		Scan(&p.Status, &noted)
	if errors.Is(err, sql.ErrNoRows) {
		return Pregnancy{}, nil
	}
	if err != nil {
		return Pregnancy{}, translate(err)
	}
	p.NotedOn = parseStoredDate(noted)
	return p, nil
}
