package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
)

// SettingRetentionYears is how many years after a patient's last visit (their
// registration, when they never came) the clinic keeps their identifying details.
const SettingRetentionYears = "retention_years"

// DefaultRetentionYears is the retention period when the clinic has not set one.
const DefaultRetentionYears = 10

// MaxRetentionYears bounds the setting: a longer period is a typing error.
const MaxRetentionYears = 100

// CheckRetentionYears is the rule on the retention_years setting: a whole number of
// years from 1 to 100.
func CheckRetentionYears(value string) error {
	if n, err := strconv.Atoi(strings.TrimSpace(value)); err != nil || n < 1 || n > MaxRetentionYears {
		return invalid(SettingRetentionYears, "Retention must be a whole number of years from 1 to 100.")
	}
	return nil
}

// retentionYears reads the setting, or its default.
func retentionYears(ctx context.Context, q querier) (int, error) {
	var value string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, SettingRetentionYears).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultRetentionYears, nil
	}
	if err != nil {
		return 0, translate(err)
	}
	if n, err := strconv.Atoi(value); err == nil {
		return n, nil
	}
	return DefaultRetentionYears, nil
}

// lastSeen is the patient's last visit, or their registration when they never came.
func (p ErasurePlan) lastSeen() time.Time {
	if p.LastVisit.IsZero() {
		return p.Registered
	}
	return p.LastVisit
}

// pastRetention reports whether the patient was last seen more than years ago.
func (p ErasurePlan) pastRetention(years int, now time.Time) bool {
	return p.lastSeen().Before(now.AddDate(-years, 0, 0))
}

// RetentionReport is the patients past the retention period, each with what would be
// kept and what stops their erasure now.
type RetentionReport struct {
	Years    int
	Cutoff   time.Time // last seen before it: past the period
	Patients []ErasurePlan
}

// Ready lists the ids of the report's patients that may be erased now.
func (r RetentionReport) Ready() []int64 {
	var ids []int64
	for _, p := range r.Patients {
		if p.Allowed() {
			ids = append(ids, p.PatientID)
		}
	}
	return ids
}

// RetentionDue lists the patients not yet erased whose last visit (or registration,
// when they never came) is older than the retention period, oldest first.
func (s *Store) RetentionDue(ctx context.Context, actor Actor) (RetentionReport, error) {
	defer s.timed("RetentionDue")()
	if err := s.allow(ctx, actor, ActErasePatients); err != nil {
		return RetentionReport{}, err
	}
	tx, err := s.readers.BeginTx(ctx, nil)
	if err != nil {
		return RetentionReport{}, translate(err)
	}
	defer tx.Rollback()
	years, err := retentionYears(ctx, tx)
	if err != nil {
		return RetentionReport{}, err
	}
	now := s.now()
	report := RetentionReport{Years: years, Cutoff: now.AddDate(-years, 0, 0)}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM (
			SELECT p.id, coalesce((SELECT max(a.starts_at) FROM appointments a WHERE a.patient_id = p.id
			                          AND a.status NOT IN ('cancelled', 'no_show')), p.created_at) AS seen
			  FROM patients p WHERE NOT EXISTS (SELECT 1 FROM patient_erasures e WHERE e.patient_id = p.id))
		WHERE seen < ? ORDER BY seen, id`, formatTime(report.Cutoff))
	if err != nil {
		return report, translate(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return report, translate(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return report, translate(err)
	}
	for _, id := range ids {
		plan, err := erasurePlan(ctx, tx, id, now)
		if err != nil {
			return report, err
		}
		report.Patients = append(report.Patients, plan)
	}
	return report, nil
}

// ApplyRetention erases the reviewed patients (ids from RetentionDue) for the reason,
// in one transaction: each must still be past the period with nothing open, or none
// is erased.
func (s *Store) ApplyRetention(ctx context.Context, actor Actor, ids []int64, reason string) ([]Erasure, error) {
	defer s.timed("ApplyRetention")()
	if err := s.allow(ctx, actor, ActErasePatients); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, invalid("patients", "No patient is past the retention period with nothing open.")
	}
	return s.erase(ctx, actor, ids, ErasureRetention, reason)
}
