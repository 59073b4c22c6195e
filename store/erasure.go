package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	count "github.com/clinicdesk/clinicdesk/internal/plural"
)

// The erasure rule. A patient may be erased (on their request, or past the retention
// period) only when nothing is open: no appointment still to come or under way, no
// prescription still to be dispensed (a draft, or a submitted one still valid), and no
// bill unpaid. An erasure then replaces every identifying detail with a pseudonym and
// keeps the clinical and financial facts the clinic must keep, under that pseudonym:
//
//   - the patients row: the name becomes "Erased" and the pseudonym, the date of birth
//     its year (1 January), phone, e-mail, address and emergency contact empty; the code,
//     sex and blood group stay, so visits, prescriptions, dispensing and the ledger
//     still add up;
//   - the search index: the row is indexed again under the pseudonym and the index
//     merged, so no old token stays in its pages;
//   - the portal login: its name and e-mail become the pseudonym's, its password
//     unusable, the account inactive, its SSH keys removed;
//   - the audit trail: the values of the patient's and the login's rows, the login's
//     session rows, and any other value of theirs naming them become erasure markers,
//     as does the login's name on rows it wrote (see audit_erasure.go); audit verify
//     still passes;
//   - appointments' reason and notes, notifications and the outbox: the details are
//     replaced in their text, the outbox's addresses emptied and its pending messages
//     cancelled; the login's own notifications are deleted;
//   - printouts saved in the print directory for the patient are deleted (see
//     erasePrintouts);
//   - then the file is compacted (VACUUM) and its write-ahead log emptied
//     (checkpoint TRUNCATE), so no freed page keeps the old bytes.
//
// What stays: submitted prescriptions (frozen by the schema) and the chart keep any
// free text a clinician wrote; the access log and emergency grants keep the reasons
// staff typed (sealed evidence, written about the patient by id); backups and replicas
// made before the erasure keep the details until they are discarded.

// ErasureBasis is why a patient is erased.
type ErasureBasis string

// The bases of patient_erasures.basis.
const (
	ErasureOnRequest ErasureBasis = "request"   // the patient asked
	ErasureRetention ErasureBasis = "retention" // past the retention period
)

// ErasurePlan is what erasing one patient would keep and take out, or why it may not
// be done now.
type ErasurePlan struct {
	PatientID   int64
	Code        string
	Name        string
	DateOfBirth time.Time
	LastVisit   time.Time // the start of the last appointment begun by now; zero when never seen
	Registered  time.Time
	ErasedAt    time.Time // when already erased
	Blockers    []string  // sentences saying what is still open; none when it may be done
	// Kept under the pseudonym.
	Appointments, Prescriptions, Payments int
	// Taken out.
	Messages    int  // notifications and outbox messages about the patient
	Pending     int  // of them, e-mail and SMS not yet sent: cancelled
	PortalLogin bool // the patient's login is closed
}

// Allowed reports whether the patient may be erased now.
func (p ErasurePlan) Allowed() bool { return len(p.Blockers) == 0 }

// Erasure is what one erasure did.
type Erasure struct {
	PatientID int64
	Code      string
	Pseudonym string
	Basis     ErasureBasis
	ErasedAt  time.Time
	AuditRows int // audit rows whose values or actor were replaced by markers
	Messages  int // notifications and outbox messages scrubbed or removed
	Printouts int // printout files deleted
	// LogEmptied says the write-ahead log was emptied into the compacted file; false
	// when a reader held it (see compact).
	LogEmptied bool
}

// ErasureRefusedError is an erasure the rule refuses: what is still open.
type ErasureRefusedError struct {
	Code     string
	Blockers []string
}

func (e *ErasureRefusedError) Error() string {
	return e.Code + " cannot be erased yet: " + strings.Join(e.Blockers, " ")
}

// Is makes the refusal a conflict for errors.Is.
func (e *ErasureRefusedError) Is(target error) bool { return target == ErrConflict }

// ErasureCandidate is one patient the admin's erasure search found.
type ErasureCandidate struct {
	PatientID   int64
	Code        string
	Name        string
	DateOfBirth time.Time
	Erased      bool
}

// ErasureSearch finds patients to erase by name, phone, e-mail or code, as the front
// desk's search does; the admin sees only who they are, never their record.
func (s *Store) ErasureSearch(ctx context.Context, actor Actor, query string, limit int) ([]ErasureCandidate, error) {
	defer s.timed("ErasureSearch")()
	if err := s.allow(ctx, actor, ActErasePatients); err != nil {
		return nil, err
	}
	patients, err := s.searchPatients(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	out := make([]ErasureCandidate, 0, len(patients))
	for _, p := range patients {
		var erased bool
		if err := s.readers.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM patient_erasures WHERE patient_id = ?)`,
			p.ID).Scan(&erased); err != nil {
			return nil, translate(err)
		}
		out = append(out, ErasureCandidate{PatientID: p.ID, Code: p.Code, Name: p.FirstName + " " + p.LastName,
			DateOfBirth: p.DateOfBirth, Erased: erased})
	}
	return out, nil
}

// ErasurePlan says what erasing the patient would do, and what stops it now.
func (s *Store) ErasurePlan(ctx context.Context, actor Actor, patientID int64) (ErasurePlan, error) {
	defer s.timed("ErasurePlan")()
	if err := s.allow(ctx, actor, ActErasePatients); err != nil {
		return ErasurePlan{}, err
	}
	return erasurePlan(ctx, s.readers, patientID, s.now())
}

// PatientIDByCode finds a patient's id by code for the erasure command.
func (s *Store) PatientIDByCode(ctx context.Context, actor Actor, code string) (int64, error) {
	if err := s.allow(ctx, actor, ActErasePatients); err != nil {
		return 0, err
	}
	var id int64
	err := s.readers.QueryRowContext(ctx, `SELECT id FROM patients WHERE patient_code = ?`,
		strings.ToUpper(strings.TrimSpace(code))).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("patient with the code " + strings.TrimSpace(code))
	}
	return id, translate(err)
}

func erasurePlan(ctx context.Context, q querier, patientID int64, now time.Time) (ErasurePlan, error) {
	p := ErasurePlan{PatientID: patientID}
	var dob, created string
	var lastVisit, erasedAt sql.NullString
	var userID sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT coalesce(p.patient_code, ''), p.first_name || ' ' || p.last_name,
			p.date_of_birth, p.created_at, p.user_id,
			(SELECT max(starts_at) FROM appointments WHERE patient_id = p.id AND status NOT IN ('cancelled', 'no_show')
			    AND starts_at <= ?2),
			(SELECT erased_at FROM patient_erasures WHERE patient_id = p.id),
			(SELECT count(*) FROM appointments WHERE patient_id = p.id),
			(SELECT count(*) FROM prescriptions WHERE patient_id = p.id),
			(SELECT count(*) FROM payments y WHERE y.appointment_id IN (SELECT id FROM appointments WHERE patient_id = p.id)
			    OR y.fulfillment_id IN (SELECT id FROM pharmacy_fulfillments WHERE patient_id = p.id)),
			(SELECT count(*) FROM notifications WHERE patient_id = p.id),
			(SELECT count(*) FROM notifications WHERE patient_id = p.id AND delivery = 'pending')
		FROM patients p WHERE p.id = ?1`, patientID, formatTime(now)).
		Scan(&p.Code, &p.Name, &dob, &created, &userID, &lastVisit, &erasedAt,
			&p.Appointments, &p.Prescriptions, &p.Payments, &p.Messages, &p.Pending)
	if errors.Is(err, sql.ErrNoRows) {
		return p, notFound("patient")
	}
	if err != nil {
		return p, translate(err)
	}
	p.DateOfBirth, _ = time.Parse(dateLayout, dob)
	p.Registered = parseTime(created)
	p.PortalLogin = userID.Valid
	if lastVisit.Valid {
		p.LastVisit = parseTime(lastVisit.String)
	}
	if erasedAt.Valid {
		p.ErasedAt = parseTime(erasedAt.String)
		p.Blockers = []string{"They were already erased on " + p.ErasedAt.Format("2 Jan 2006") + "."}
		return p, nil
	}
	p.Blockers, err = erasureBlockers(ctx, q, patientID, now)
	return p, err
}

// erasureBlockers lists what is still open for the patient, one sentence each.
func erasureBlockers(ctx context.Context, q querier, patientID int64, now time.Time) ([]string, error) {
	checks := []struct {
		query      string
		one, many  string
		what, then string
	}{
		{`SELECT appointment_code FROM appointments WHERE patient_id = ?1
			AND status IN ('scheduled', 'confirmed', 'checked_in', 'in_consultation') ORDER BY starts_at`,
			"appointment", "appointments", "still to come or under way", "cancel or finish them first."},
		{`SELECT prescription_code FROM prescriptions WHERE patient_id = ?1
			AND (status = 'draft' OR status IN ('submitted', 'dispensing') AND (valid_until IS NULL OR valid_until > ?2))
			ORDER BY created_at`,
			"prescription", "prescriptions", "not yet dispensed", "dispense, cancel or let them expire first."},
		{`SELECT appointment_code FROM appointments WHERE patient_id = ?1 AND payment_status = 'unpaid'
			AND fee_cents > amount_paid_cents AND status IN ('checked_in', 'in_consultation', 'completed')
			UNION ALL
			SELECT coalesce(r.prescription_code, printf('F%06d', f.id)) FROM pharmacy_fulfillments f
			LEFT JOIN prescriptions r ON r.id = f.prescription_id
			WHERE f.patient_id = ?1 AND f.status <> 'cancelled' AND f.payment_status = 'unpaid'
			AND f.total_cents > f.amount_paid_cents`,
			"unpaid bill", "unpaid bills", "", "settle or waive them first."},
	}
	var out []string
	for _, c := range checks {
		rows, err := q.QueryContext(ctx, c.query, patientID, formatTime(now))
		if err != nil {
			return nil, translate(err)
		}
		var codes []string
		for rows.Next() {
			var code sql.NullString
			if err := rows.Scan(&code); err != nil {
				rows.Close()
				return nil, translate(err)
			}
			codes = append(codes, code.String)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, translate(err)
		}
		if len(codes) == 0 {
			continue
		}
		list := strings.Join(codes[:min(3, len(codes))], ", ")
		if len(codes) > 3 {
			list += ", …"
		}
		what := count.N(len(codes), c.one, c.many)
		if c.what != "" {
			what += " " + c.what
		}
		out = append(out, fmt.Sprintf("They have %s (%s): %s", what, list, c.then))
	}
	return out, nil
}

// CheckErasureReason is the rule on an erasure's reason: 10 to 500 characters. That it
// does not name the patient is checked with the patient's details, by the erasure.
func CheckErasureReason(reason string) error {
	if n := len([]rune(strings.TrimSpace(reason))); n < 10 || n > 500 {
		return invalid("reason", "The reason must be 10 to 500 characters: say who asked, or which review this is.")
	}
	return nil
}

// ErasePatient erases the patient's identifying details for the reason (10 to 500
// characters, not naming them), as the rule at the top of this file says, and then
// compacts the file. A patient with anything open is refused with what is open.
func (s *Store) ErasePatient(ctx context.Context, actor Actor, patientID int64, reason string) (Erasure, error) {
	defer s.timed("ErasePatient")()
	if err := s.allow(ctx, actor, ActErasePatients); err != nil {
		return Erasure{}, err
	}
	done, err := s.erase(ctx, actor, []int64{patientID}, ErasureOnRequest, reason)
	if len(done) == 0 {
		return Erasure{}, err
	}
	return done[0], err
}

// erase erases the patients in one transaction, deletes their printouts, and compacts
// the file. The erasures are committed when it returns them, even with a compaction
// error.
func (s *Store) erase(ctx context.Context, actor Actor, ids []int64, basis ErasureBasis, reason string) ([]Erasure, error) {
	reason = strings.TrimSpace(reason)
	if err := CheckErasureReason(reason); err != nil {
		return nil, err
	}
	done := make([]Erasure, len(ids))
	printouts := make([][]string, len(ids))
	err := s.write(ctx, actor, func(tx *Tx) error {
		if err := tx.allow(ActErasePatients); err != nil {
			return err
		}
		for i, id := range ids {
			done[i] = Erasure{PatientID: id, Basis: basis}
			var err error
			if printouts[i], err = tx.erasePatient(ctx, &done[i], reason); err != nil {
				return err
			}
		}
		// Merging the index drops the segments that held the old tokens.
		_, err := tx.exec(ctx, `INSERT INTO patients_fts(patients_fts) VALUES ('optimize')`)
		return err
	})
	if err != nil {
		return nil, err
	}
	for i := range done {
		if done[i].Printouts, err = s.erasePrintouts(done[i], printouts[i]); err != nil {
			return done, err
		}
	}
	emptied, err := s.compact(ctx)
	for i := range done {
		done[i].LogEmptied = emptied
	}
	return done, err
}

// erasePatient does the erasure of e.PatientID on e.Basis inside the transaction,
// filling in e, and returns the strings that name the patient, which their printouts
// are searched for. e.AuditRows is counted once the transaction's rows are sealed.
func (t *Tx) erasePatient(ctx context.Context, e *Erasure, reason string) ([]string, error) {
	patientID, basis := e.PatientID, e.Basis
	plan, err := erasurePlan(ctx, t.q(), patientID, t.now())
	if err != nil {
		return nil, err
	}
	if basis == ErasureRetention && plan.ErasedAt.IsZero() {
		if years, err := retentionYears(ctx, t.q()); err != nil {
			return nil, err
		} else if !plan.pastRetention(years, t.now()) {
			plan.Blockers = append(plan.Blockers, fmt.Sprintf("Their last visit is within the retention period of %s.", count.S(years, "year")))
		}
	}
	if !plan.Allowed() {
		return nil, &ErasureRefusedError{Code: plan.Code, Blockers: plan.Blockers}
	}
	var p struct {
		first, last, dob, phone, email, address, ecName, ecPhone string
		userID                                                   sql.NullInt64
		loginEmail, loginName                                    sql.NullString
	}
	if err := t.queryRow(ctx, `SELECT p.first_name, p.last_name, p.date_of_birth, p.phone, p.email, p.address,
			p.emergency_contact_name, p.emergency_contact_phone, p.user_id, u.email, u.full_name
		FROM patients p LEFT JOIN users u ON u.id = p.user_id WHERE p.id = ?`, patientID).
		Scan(&p.first, &p.last, &p.dob, &p.phone, &p.email, &p.address, &p.ecName, &p.ecPhone,
			&p.userID, &p.loginEmail, &p.loginName); err != nil {
		return nil, translate(err)
	}
	ident := identifying(p.first+" "+p.last, p.first, p.last, p.phone, p.email, p.address, p.ecName, p.ecPhone,
		p.loginEmail.String, p.loginName.String)
	// The reason is kept, and printouts are searched, for the strings that name the
	// patient alone; a first name alone would match other people's text.
	naming := identifying(p.first+" "+p.last, p.phone, p.email, p.address, p.loginEmail.String, p.loginName.String)
	if containsAny(strings.ToLower(reason), naming) {
		return nil, invalid("reason", "The reason must not name the patient, or give their phone, e-mail or address: it is kept.")
	}
	token := make([]byte, 4)
	if _, err := rand.Read(token); err != nil {
		return nil, err
	}
	pseudonym := strings.ToUpper(hex.EncodeToString(token))
	e.Code, e.Pseudonym, e.ErasedAt = plan.Code, "Erased "+pseudonym, t.now()
	if _, err := t.exec(ctx, `UPDATE patients SET first_name = 'Erased', last_name = ?, date_of_birth = substr(date_of_birth, 1, 4) || '-01-01',
			phone = '', email = '', address = '', emergency_contact_name = '', emergency_contact_phone = '' WHERE id = ?`,
		pseudonym, patientID); err != nil {
		return nil, err
	}
	if p.userID.Valid {
		if _, err := t.exec(ctx, `DELETE FROM user_ssh_keys WHERE user_id = ?`, p.userID.Int64); err != nil {
			return nil, err
		}
		if _, err := t.exec(ctx, `UPDATE users SET email = ?, full_name = ?, password_hash = 'erased', active = 0,
				failed_logins = 0, locked_until = NULL WHERE id = ?`,
			"erased-"+strings.ToLower(pseudonym)+"@erased.invalid", e.Pseudonym, p.userID.Int64); err != nil {
			return nil, err
		}
	}
	if e.Messages, err = t.scrubText(ctx, patientID, p.userID, ident, naming, e.Pseudonym); err != nil {
		return nil, err
	}
	if _, err := t.exec(ctx, `INSERT INTO patient_erasures(patient_id, pseudonym, basis, reason, erased_by, erased_at)
		VALUES (?, ?, ?, ?, ?, ?)`, patientID, e.Pseudonym, string(basis), reason, nullID(t.actor.ID), formatTime(e.ErasedAt)); err != nil {
		return nil, err
	}
	t.afterSeal = append(t.afterSeal, func(sl *sealer) error {
		return t.scrubAudit(ctx, sl, patientID, p.userID, ident, &e.AuditRows)
	})
	return naming, nil
}

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
	steps := []auditScrubStep{
		{auditScrub{values: true}, `table_name = 'patients' AND row_id = ?`, []any{patientID}},
		{auditScrub{names: ident}, `patient_id = ? AND table_name NOT IN ('patients', 'patient_erasures')`, []any{patientID}},
	}
	if userID.Valid {
		steps = append(steps,
			auditScrubStep{auditScrub{values: true}, `table_name IN ('users', 'session', 'user_ssh_keys') AND row_id = ?`, []any{userID.Int64}},
			auditScrubStep{auditScrub{actor: true, names: ident}, `actor_id = ?`, []any{userID.Int64}})
	}
	for _, st := range steps {
		n, err := scrubAuditRows(ctx, t, sl, st.scrub, st.where, st.args...)
		if err != nil {
			return err
		}
		*count += n
	}
	return nil
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

// compact rewrites the file without its free pages (VACUUM) and empties the
// write-ahead log into it (checkpoint TRUNCATE), so the bytes an erasure replaced are
// in neither. It reports whether the log was emptied: a reader still holding an old
// snapshot (a continuous replica does, always) keeps it, and it is emptied when the
// desks close.
func (s *Store) compact(ctx context.Context) (bool, error) {
	if _, err := s.writer.ExecContext(ctx, "VACUUM"); err != nil {
		return false, fmt.Errorf("the erasure is saved, but compacting the file failed: %w", translate(err))
	}
	emptied, err := s.ckpt.truncate(ctx)
	if err != nil {
		return false, fmt.Errorf("the erasure is saved, but emptying the write-ahead log failed: %w", translate(err))
	}
	return emptied, nil
}
