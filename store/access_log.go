package store

import (
	"context"
	"database/sql"
)

// accessEntry is one access_log row: a read of a clinical record, or a refused call.
type accessEntry struct {
	action    string
	entity    string
	entityID  int64
	patientID int64
	allowed   bool
	reason    string
}

// logAccess records a read or a refusal. It runs in its own short write so that a
// refusal is logged even though the refused call writes nothing; a failure to log is
// not the caller's error to handle, and the caller's own result stands.
func (s *Store) logAccess(ctx context.Context, actor Actor, e accessEntry) {
	_ = s.write(ctx, actor, func(tx *Tx) error { return tx.logAccess(ctx, e) })
}

// logAccess writes one access_log row for the transaction's actor, stamped with the
// store's clock as every other row of the record is (the demo writes its history at the
// time it happened; the tests' clocks hold). The row has no audit row of its own, so
// its change event is announced here: the access log on screen (the admin's, the
// patient's "Who looked") shows an access as it happens.
func (t *Tx) logAccess(ctx context.Context, e accessEntry) error {
	res, err := t.exec(ctx, `INSERT INTO access_log(at, user_id, action, entity, entity_id, patient_id, allowed, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, formatTime(t.now()),
		nullID(t.actor.ID), e.action, e.entity, nullID(e.entityID), nullID(e.patientID), e.allowed, e.reason)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return translate(err)
	}
	t.unaudited = append(t.unaudited, newEvent("access_log", id, "INSERT"))
	return nil
}

// nullID stores 0 as NULL: ids start at 1, and 0 means "none".
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// idOrZero reads a nullable id column back as 0 for "none".
func idOrZero(n sql.NullInt64) int64 {
	if n.Valid {
		return n.Int64
	}
	return 0
}
