package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// auditRow is one audit_log row as the hash chain sees it.
type auditRow struct {
	ID        int64
	At        string
	ActorID   sql.NullInt64
	ActorName sql.NullString
	Table     string
	RowID     sql.NullInt64
	PatientID sql.NullInt64
	Action    string
	OldValues sql.NullString
	NewValues sql.NullString
}

const auditRowColumns = `id, at, actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values`

func scanAuditRow(rows *sql.Rows, r *auditRow) error {
	return rows.Scan(&r.ID, &r.At, &r.ActorID, &r.ActorName, &r.Table, &r.RowID, &r.PatientID,
		&r.Action, &r.OldValues, &r.NewValues)
}

// canonical is the row's content in one fixed encoding: a JSON array in column order,
// with SQL NULL as JSON null. The hash covers exactly this.
func (r auditRow) canonical() []byte {
	nullable := func(v any, valid bool) any {
		if !valid {
			return nil
		}
		return v
	}
	b, _ := json.Marshal([]any{
		r.ID, r.At,
		nullable(r.ActorID.Int64, r.ActorID.Valid), nullable(r.ActorName.String, r.ActorName.Valid),
		r.Table,
		nullable(r.RowID.Int64, r.RowID.Valid), nullable(r.PatientID.Int64, r.PatientID.Valid),
		r.Action,
		nullable(r.OldValues.String, r.OldValues.Valid), nullable(r.NewValues.String, r.NewValues.Valid),
	})
	return b
}

// chainHash is sha256(prev hash ‖ canonical row), hex-encoded.
func chainHash(prev string, r auditRow) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write(r.canonical())
	return hex.EncodeToString(h.Sum(nil))
}

// sealAudit seals the audit rows this transaction wrote, in id order, onto the end of
// the chain, and returns them as change events. Rows written outside the application
// (with a smaller id, left unsealed) are never sealed here, so `audit verify` still
// reports them.
func sealAudit(ctx context.Context, tx *Tx) ([]Event, error) {
	var prev string
	err := tx.queryRow(ctx, `SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1`).Scan(&prev)
	if err != nil && err != sql.ErrNoRows {
		return nil, fmt.Errorf("seal audit: %w", translate(err))
	}
	rows, err := tx.query(ctx, `SELECT `+auditRowColumns+` FROM audit_log WHERE id > ? ORDER BY id`, tx.auditFrom)
	if err != nil {
		return nil, fmt.Errorf("seal audit: %w", err)
	}
	var written []auditRow
	for rows.Next() {
		var r auditRow
		if err := scanAuditRow(rows, &r); err != nil {
			rows.Close()
			return nil, fmt.Errorf("seal audit: %w", err)
		}
		written = append(written, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("seal audit: %w", err)
	}
	events := make([]Event, 0, len(written))
	seals := make([][3]any, 0, min(len(written), sealsPerUpdate))
	for _, r := range written {
		hash := chainHash(prev, r)
		seals = append(seals, [3]any{r.ID, prev, hash})
		prev = hash
		events = append(events, newEvent(r.Table, r.RowID.Int64, r.Action))
		if len(seals) == sealsPerUpdate {
			if err := writeSeals(ctx, tx, seals); err != nil {
				return nil, err
			}
			seals = seals[:0]
		}
	}
	if err := writeSeals(ctx, tx, seals); err != nil {
		return nil, err
	}
	return events, nil
}

// sealsPerUpdate is how many rows one UPDATE seals: a large transaction (a demo's
// 64,000 appointments write 64,000 audit rows) paid the driver's cost of a statement
// for each row.
const sealsPerUpdate = 1000

// writeSeals stores the hashes of seals, each [id, prev_hash, hash], in one UPDATE.
func writeSeals(ctx context.Context, tx *Tx, seals [][3]any) error {
	if len(seals) == 0 {
		return nil
	}
	list, err := json.Marshal(seals)
	if err != nil {
		return fmt.Errorf("seal audit: %w", err)
	}
	if _, err := tx.exec(ctx, `UPDATE audit_log SET prev_hash = s.value ->> 1, hash = s.value ->> 2
		FROM json_each(?) AS s WHERE audit_log.id = s.value ->> 0`, string(list)); err != nil {
		return fmt.Errorf("seal audit: %w", err)
	}
	return nil
}

// ChainReport is the result of checking the audit hash chain.
type ChainReport struct {
	Checked int64  // rows checked
	BadRow  int64  // id of the first row that fails, 0 when the chain is intact
	Problem string // what is wrong with BadRow, in words
}

// Intact reports whether every row verified.
func (r ChainReport) Intact() bool { return r.BadRow == 0 }

// VerifyAudit walks the whole audit log in id order and checks that each row is sealed,
// that it links to the row before it, and that its hash matches its content: an edited
// row, a deleted row and a row inserted outside the application each break one of the
// three. It reads in one read transaction so the chain it checks is one snapshot.
func (s *Store) VerifyAudit(ctx context.Context) (ChainReport, error) {
	var report ChainReport
	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return report, translate(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+auditRowColumns+`, prev_hash, hash FROM audit_log ORDER BY id`)
	if err != nil {
		return report, translate(err)
	}
	defer rows.Close()
	prev := ""
	var lastID int64
	for rows.Next() {
		var r auditRow
		var prevHash, hash sql.NullString
		if err := rows.Scan(&r.ID, &r.At, &r.ActorID, &r.ActorName, &r.Table, &r.RowID, &r.PatientID,
			&r.Action, &r.OldValues, &r.NewValues, &prevHash, &hash); err != nil {
			return report, translate(err)
		}
		report.Checked++
		fail := func(problem string) (ChainReport, error) {
			report.BadRow, report.Problem = r.ID, problem
			return report, nil
		}
		switch {
		case r.ID != lastID+1:
			return fail(fmt.Sprintf("rows %d to %d are missing (deleted)", lastID+1, r.ID-1))
		case !hash.Valid:
			return fail("the row is not sealed (written outside ClinicDesk)")
		case prevHash.String != prev:
			return fail("the row does not link to the row before it (a row was removed or replaced)")
		case chainHash(prev, r) != hash.String:
			return fail("the row's content does not match its seal (it was edited)")
		}
		prev, lastID = hash.String, r.ID
	}
	return report, translate(rows.Err())
}
