package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The access log is sealed like the audit trail, in a chain of its own under the same
// key: each row's seal is "m1:" + hex(HMAC-SHA-256(key, "clinicdesk access m1" ‖ 0 ‖
// prev ‖ 0 ‖ its fields framed as the audit header's are)).

// accessRow is one access_log row as its chain sees it.
type accessRow struct {
	ID        int64
	At        string
	UserID    sql.NullInt64
	Action    string
	Entity    string
	EntityID  sql.NullInt64
	PatientID sql.NullInt64
	Allowed   int64
	Reason    string
}

const accessRowColumns = `id, at, user_id, action, entity, entity_id, patient_id, allowed, reason`

func scanAccessRow(rows *sql.Rows, r *accessRow, more ...any) error {
	return rows.Scan(append([]any{&r.ID, &r.At, &r.UserID, &r.Action, &r.Entity, &r.EntityID, &r.PatientID,
		&r.Allowed, &r.Reason}, more...)...)
}

func (s *sealer) sealAccess(prev string, r accessRow) string {
	b := append(s.buf[:0], "clinicdesk access m1\x00"...)
	s.mac.Reset()
	s.mac.Write(b)
	s.mac.Write([]byte(prev))
	b = append(b[:0], 0)
	b = appendInt(b, r.ID, true)
	b = appendString(b, r.At, true)
	b = appendInt(b, r.UserID.Int64, r.UserID.Valid)
	b = appendString(b, r.Action, true)
	b = appendString(b, r.Entity, true)
	b = appendInt(b, r.EntityID.Int64, r.EntityID.Valid)
	b = appendInt(b, r.PatientID.Int64, r.PatientID.Valid)
	b = appendInt(b, r.Allowed, true)
	b = appendString(b, r.Reason, true)
	s.mac.Write(b)
	s.buf = s.mac.Sum(b[:0])
	return macPrefix + fmt.Sprintf("%x", s.buf)
}

// sealAccessRows seals written onto the access chain after prev and returns the new
// head.
func sealAccessRows(ctx context.Context, tx *Tx, sl *sealer, prev string, written []accessRow) (witnessHead, error) {
	seals := make([]rowSeal, len(written))
	for i, r := range written {
		hash := sl.sealAccess(prev, r)
		seals[i] = rowSeal{id: r.ID, prev: prev, hash: hash}
		prev = hash
	}
	if err := writeSeals(ctx, tx, "access_log", seals); err != nil {
		return witnessHead{}, err
	}
	return witnessHead{ID: written[len(written)-1].ID, Hash: prev}, nil
}

// accessChainHead is the seal of the last access row before accessFrom whose seal
// holds, as chainHead is for the audit trail; "" before the first sealed row.
func accessChainHead(ctx context.Context, tx *Tx, sl *sealer) (string, error) {
	rows, err := tx.query(ctx, `SELECT `+accessRowColumns+`, `+sealColumns+` FROM access_log
		WHERE id <= ? AND `+sealed("hash")+` ORDER BY id DESC`, tx.accessFrom)
	if err != nil {
		return "", fmt.Errorf("seal access log: %w", err)
	}
	defer rows.Close()
	passed := false
	for rows.Next() {
		var r accessRow
		var prevHash, hash sql.NullString
		if err := scanAccessRow(rows, &r, &prevHash, &hash); err != nil {
			return "", fmt.Errorf("seal access log: %w", err)
		}
		passed = true
		if strings.HasPrefix(hash.String, macPrefix) && sl.sealAccess(prevHash.String, r) == hash.String {
			return hash.String, nil
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("seal access log: %w", translate(err))
	}
	if passed {
		return "", errNoChainHead
	}
	return "", nil
}

// verifyAccessRows walks access_log. Rows up to anchor (-1: none) were written before
// the chain began and may be unsealed.
func verifyAccessRows(ctx context.Context, tx *sql.Tx, sl *sealer, anchor int64, c *chainCheck, report *ChainReport) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+accessRowColumns+`, `+sealColumns+` FROM access_log ORDER BY id`)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r accessRow
		var prevHash, hash sql.NullString
		if err := scanAccessRow(rows, &r, &prevHash, &hash); err != nil {
			return translate(err)
		}
		report.Accesses++
		if !c.row(r.ID, hash, r.ID <= anchor) {
			continue
		}
		c.resolve(prevHash)
		good := strings.HasPrefix(hash.String, macPrefix) && (sl == nil || sl.sealAccess(prevHash.String, r) == hash.String)
		c.sealed(r.ID, prevHash, hash.String, good)
	}
	return translate(rows.Err())
}
