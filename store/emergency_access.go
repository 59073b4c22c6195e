package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	count "github.com/clinicdesk/clinicdesk/internal/plural"
	"strings"
	"time"
)

// EmergencyAccessDuration is how long a break-glass grant lets its holder read a chart.
const EmergencyAccessDuration = 30 * time.Minute

// KindBreakGlass is the notification kind that tells admins about emergency access.
const KindBreakGlass = "break_glass"

// BreakGlass is emergency access (HIPAA's "break-glass"): a user whose role may not
// read charts opens one patient's chart for a stated reason. The grant lasts
// EmergencyAccessDuration; it is written to the access log and, sealed, to the audit
// trail, and every admin is notified. Chart then allows the user that patient's chart
// until the returned time.
func (s *Store) BreakGlass(ctx context.Context, actor Actor, patientID int64, reason string) (time.Time, error) {
	defer s.timed("BreakGlass")()
	if err := s.allow(ctx, actor, ActBreakGlass); err != nil {
		return time.Time{}, err
	}
	reason = strings.TrimSpace(reason)
	if n := len([]rune(reason)); n < 10 || n > 500 {
		return time.Time{}, invalid("reason", "Say why you need the chart, in 10 to 500 characters.")
	}
	var until time.Time
	err := s.write(ctx, actor, func(tx *Tx) error {
		var err error
		until, err = tx.breakGlass(ctx, patientID, reason)
		return err
	})
	return until, err
}

func (t *Tx) breakGlass(ctx context.Context, patientID int64, reason string) (time.Time, error) {
	if err := t.allow(ActBreakGlass); err != nil {
		return time.Time{}, err
	}
	var code sql.NullString
	if err := t.queryRow(ctx, `SELECT patient_code FROM patients WHERE id = ?`, patientID).Scan(&code); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return time.Time{}, notFound("patient")
		}
		return time.Time{}, translate(err)
	}
	now := t.now().Truncate(time.Second)
	until := now.Add(EmergencyAccessDuration)
	if _, err := t.exec(ctx, `INSERT INTO emergency_access(user_id, patient_id, reason, granted_at, expires_at)
		VALUES (?, ?, ?, ?, ?)`, t.actor.ID, patientID, reason, formatTime(now), formatTime(until)); err != nil {
		return time.Time{}, err
	}
	if err := t.logAccess(ctx, accessEntry{action: string(ActBreakGlass), entity: "patients", entityID: patientID,
		patientID: patientID, allowed: true, reason: "emergency access: " + reason}); err != nil {
		return time.Time{}, err
	}
	if _, err := t.exec(ctx, `INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, new_values)
		VALUES (?, ?, ?, ?, ?, ?, json_object('reason', ?, 'expires_at', ?))`,
		nullID(t.actor.ID), t.actor.Name, SessionTable, nullID(t.actor.ID), patientID, EventBreakGlass,
		reason, formatTime(until)); err != nil {
		return time.Time{}, err
	}
	return until, t.Notify(ctx, NotificationInput{Role: RoleAdmin, Kind: KindBreakGlass,
		Title: "Emergency access to a chart",
		Body: fmt.Sprintf("%s (%s) opened the chart of patient %s for %s: %s",
			t.actor.Name, t.actor.Role, code.String, count.S(int(EmergencyAccessDuration.Minutes()), "minute"), reason),
		Entity: "patients", EntityID: patientID})
}

// EmergencyAccessUntil returns when the actor's emergency access to the patient's chart
// ends, or the zero time when they hold none.
func (s *Store) EmergencyAccessUntil(ctx context.Context, actor Actor, patientID int64) (time.Time, error) {
	defer s.timed("EmergencyAccessUntil")()
	var until sql.NullString
	err := s.readers.QueryRowContext(ctx, `SELECT max(expires_at) FROM emergency_access
		WHERE user_id = ? AND patient_id = ? AND expires_at > ?`, actor.ID, patientID, formatTime(s.now())).Scan(&until)
	return parseNullTime(until), translate(err)
}

// allowChart lets a role that reads charts through, and a holder of an unexpired
// emergency grant for this patient (emergency is then true). A refusal is logged.
func (s *Store) allowChart(ctx context.Context, actor Actor, patientID int64) (emergency bool, err error) {
	if actor.system || Allowed(actor.Role, ActReadChart) {
		return false, nil
	}
	if Allowed(actor.Role, ActBreakGlass) && actor.ID != 0 {
		until, err := s.EmergencyAccessUntil(ctx, actor, patientID)
		if err != nil {
			return false, err
		}
		if !until.IsZero() {
			return true, nil
		}
	}
	s.logRefusal(ctx, actor, ActReadChart)
	return false, &ForbiddenError{Role: actor.Role, Action: ActReadChart}
}
