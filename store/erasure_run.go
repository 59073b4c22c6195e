package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"

	count "github.com/clinicdesk/clinicdesk/internal/plural"
)

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
	err := s.writeAlone(ctx, actor, func(tx *Tx) error {
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

// compact rewrites the file without its free pages (VACUUM) and empties the
// write-ahead log into it (checkpoint TRUNCATE), so the bytes an erasure replaced are
// in neither. It reports whether the log was emptied: a reader still holding an old
// snapshot (a continuous replica does, always) keeps it, and it is emptied when the
// desks close.
func (s *Store) compact(ctx context.Context) (bool, error) {
	if err := s.vacuum(ctx); err != nil {
		return false, fmt.Errorf("the erasure is saved, but compacting the file failed: %w", translate(err))
	}
	emptied, err := s.ckpt.truncate()
	if err != nil {
		return false, fmt.Errorf("the erasure is saved, but emptying the write-ahead log failed: %w", translate(err))
	}
	return emptied, nil
}

// vacuum runs VACUUM on the writer connection with the copy it builds in a temporary
// file: the connection keeps temporary tables in memory (temp_store), where a large
// clinic's whole copy would have to fit; and the copy's pages in memory cost more
// than they save (freeing them took half the time).
func (s *Store) vacuum(ctx context.Context) error {
	conn, err := s.writer.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA temp_store = FILE"); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "VACUUM")
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA temp_store = MEMORY"); err == nil {
		err = rerr
	}
	return err
}
