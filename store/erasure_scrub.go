package store

import (
	"context"
	"database/sql"
	"strings"
)

// scrubText replaces the identifying strings in the free text the desk wrote about the
// patient (their appointments' reason and notes, their messages: every string in ident)
// and in any other message that names them (the strings in naming, which name them
// alone: another patient who shares a first name keeps it). Their outbox messages lose
// their addresses and the pending ones are cancelled; the login's own notifications are
// deleted. It returns how many messages it changed or removed.
func (t *Tx) scrubText(ctx context.Context, patientID int64, userID sql.NullInt64, ident, naming []string, pseudonym string) (int, error) {
	for _, s := range ident {
		if _, err := t.exec(ctx, `UPDATE appointments SET reason = replace(reason, ?1, ?2), notes = replace(notes, ?1, ?2)
			WHERE patient_id = ?3 AND (instr(reason, ?1) > 0 OR instr(notes, ?1) > 0)`, s, pseudonym, patientID); err != nil {
			return 0, err
		}
	}
	if _, err := t.exec(ctx, `UPDATE notifications SET address = '',
			delivery = CASE delivery WHEN 'pending' THEN 'cancelled' ELSE delivery END,
			delivery_note = CASE delivery WHEN 'pending' THEN 'cancelled: the patient''s details were erased' ELSE delivery_note END,
			next_attempt_at = NULL
		WHERE patient_id = ?`, patientID); err != nil {
		return 0, err
	}
	n := 0
	if userID.Valid {
		res, err := t.exec(ctx, `DELETE FROM notifications WHERE user_id = ?`, userID.Int64)
		if err != nil {
			return 0, err
		}
		deleted, _ := res.RowsAffected()
		n = int(deleted)
	}
	where := []string{"patient_id = ?"}
	args := []any{patientID}
	for _, s := range naming {
		where = append(where, "instr(title || ' ' || body || ' ' || address, ?) > 0")
		args = append(args, s)
	}
	rows, err := t.query(ctx, `SELECT id, title, body, address, patient_id IS ? FROM notifications WHERE `+
		strings.Join(where, " OR "), append([]any{patientID}, args...)...)
	if err != nil {
		return 0, err
	}
	type message struct {
		id                   int64
		title, body, address string
		own                  bool
	}
	var changed []message
	for rows.Next() {
		var m message
		if err := rows.Scan(&m.id, &m.title, &m.body, &m.address, &m.own); err != nil {
			rows.Close()
			return 0, translate(err)
		}
		strs := naming
		if m.own {
			strs = ident
		}
		for _, s := range strs {
			m.title, m.body = strings.ReplaceAll(m.title, s, pseudonym), strings.ReplaceAll(m.body, s, pseudonym)
			m.address = strings.ReplaceAll(m.address, s, "")
		}
		changed = append(changed, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, translate(err)
	}
	for _, m := range changed {
		if _, err := t.exec(ctx, `UPDATE notifications SET title = ?, body = ?, address = ? WHERE id = ?`,
			m.title, m.body, m.address, m.id); err != nil {
			return 0, err
		}
	}
	n += len(changed)
	t.unaudited = append(t.unaudited, newEvent("notifications", 0, "UPDATE"))
	return n, nil
}

// identityRowsCond is the condition of the audit_log_identity_rows index (schema.sql),
// repeated in each condition that reads it: SQLite reads a partial index only for a
// query that states the index's own condition.
const identityRowsCond = `table_name IN ('patients', 'users', 'session', 'user_ssh_keys')`

// auditScrubStep is one set of audit rows (a condition on audit_log) and what of them
// an erasure takes out.
type auditScrubStep struct {
	scrub auditScrub
	where string
	args  []any
}

// scrubAudit takes the patient's identifying values out of the sealed audit trail:
// every value of their patients row and their login's users row and session events,
// the login's name on rows it wrote, and any other value of their rows that names them.
func (t *Tx) scrubAudit(ctx context.Context, sl *sealer, patientID int64, userID sql.NullInt64, ident []string, count *int) error {
	for _, st := range auditScrubSteps(patientID, userID, ident) {
		n, err := scrubAuditRows(ctx, t, sl, st.scrub, st.where, st.args...)
		if err != nil {
			return err
		}
		*count += n
	}
	return nil
}

// auditScrubSteps are the sets of audit rows an erasure scrubs, each read through an
// index: the patient's record and their login's rows by table and row, the rows about
// the patient by patient, the login's own writes by actor.
func auditScrubSteps(patientID int64, userID sql.NullInt64, ident []string) []auditScrubStep {
	steps := []auditScrubStep{
		{auditScrub{values: true}, identityRowsCond + ` AND table_name = 'patients' AND row_id = ?`, []any{patientID}},
		{auditScrub{names: ident}, `patient_id = ? AND table_name NOT IN ('patients', 'patient_erasures')`, []any{patientID}},
	}
	if userID.Valid {
		steps = append(steps,
			auditScrubStep{auditScrub{values: true}, identityRowsCond + ` AND table_name IN ('users', 'session', 'user_ssh_keys') AND row_id = ?`, []any{userID.Int64}},
			auditScrubStep{auditScrub{actor: true, names: ident}, `actor_id = ?`, []any{userID.Int64}})
	}
	return steps
}

// identifying is the patient's identifying strings worth searching text for: those of
// at least four characters (a shorter name would match inside common words), without
// repeats.
func identifying(values ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		v = strings.TrimSpace(v)
		if len([]rune(v)) < 4 || seen[strings.ToLower(v)] {
			continue
		}
		seen[strings.ToLower(v)] = true
		out = append(out, v)
	}
	return out
}

// containsAny reports whether lowered text holds any of the strings, in any case.
func containsAny(lowered string, strs []string) bool {
	for _, s := range strs {
		if strings.Contains(lowered, strings.ToLower(s)) {
			return true
		}
	}
	return false
}
