package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Tx is one write transaction. Store methods build their statements on it; it carries
// the actor so that the schema's audit triggers can name them.
type Tx struct {
	tx         *sql.Tx
	actor      Actor
	auditFrom  int64            // audit_log rows with a larger id were written by this transaction
	accessFrom int64            // and access_log rows
	cookie     int64            // the file's schema cookie, checked to be ClinicDesk's schema
	recorded   *schemaChange    // the change of schema outside ClinicDesk this transaction records
	now        func() time.Time // the store's clock, so rules about "now" obey WithClock
	unaudited  []Event          // changes to tables without audit rows (notifications), published with the rest
	// afterSeal runs once the transaction's audit rows are sealed, before commit: an
	// erasure takes identifying values out of sealed rows, its own among them.
	afterSeal []func(*sealer) error
	// stmts are the statements this transaction has prepared, by their text. A statement
	// run many times in one transaction (a batch) is parsed, and its triggers compiled,
	// once; the transaction closes them when it ends.
	stmts map[string]*sql.Stmt
	// shared is the store's statement cache; fresh lists the statements this
	// transaction prepared because the cache lacked them, for the cache to add later.
	shared *stmtCache
	fresh  []string
	// loc is the clinic's time zone once the transaction has read it (see location).
	loc *time.Location
}

// location is the clinic's time zone, read once per transaction: importing a large book
// read the setting again for each paid appointment (3.6% of the large demo's build). A
// statement of the transaction that names the settings table forgets it.
func (t *Tx) location(ctx context.Context) (*time.Location, error) {
	if t.loc != nil {
		return t.loc, nil
	}
	loc, err := clinicLocation(ctx, t.q())
	if err == nil {
		t.loc = loc
	}
	return loc, err
}

// stmt returns the transaction's prepared statement for query, preparing it on first use.
func (t *Tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	if cached := t.shared.get(query); cached != nil {
		st = t.tx.StmtContext(ctx, cached)
	} else {
		var err error
		if st, err = t.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		t.fresh = append(t.fresh, query)
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if t.loc != nil && strings.Contains(query, "settings") {
		t.loc = nil
	}
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, translate(err)
	}
	res, err := st.ExecContext(ctx, args...)
	return res, translate(err)
}

func (t *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return t.tx.QueryRowContext(ctx, query, args...) // carries the same error to Scan
	}
	return st.QueryRowContext(ctx, args...)
}

func (t *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, translate(err)
	}
	rows, err := st.QueryContext(ctx, args...)
	return rows, translate(err)
}

// q is the transaction as a querier for the read helpers the write methods share with
// the store's reads (loadDoctor, clinicLocation, ...): their statements are prepared
// through the transaction's cache too. Errors come back untranslated, as from *sql.Tx.
func (t *Tx) q() querier { return txQuerier{t} }

type txQuerier struct{ t *Tx }

func (q txQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := q.t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (q txQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return q.t.queryRow(ctx, query, args...)
}

// insert runs an INSERT and returns the new row's id.
func (t *Tx) insert(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := t.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Batch runs fn in one write transaction for the actor, so that several operations
// (a series of bookings, a whole demo clinic) land together or not at all. The Tx
// methods check the actor's permissions as the Store's methods do.
func (s *Store) Batch(ctx context.Context, actor Actor, fn func(*Tx) error) error {
	defer s.timed("Batch")()
	return s.write(ctx, actor, fn)
}

// allow checks the permission matrix inside a transaction. A refusal aborts the
// transaction, and write logs it once the transaction has rolled back.
func (t *Tx) allow(action Action) error {
	if t.actor.system || Allowed(t.actor.Role, action) {
		return nil
	}
	return &ForbiddenError{Role: t.actor.Role, Action: action}
}

// write runs fn in one write transaction (BEGIN IMMEDIATE) for the actor. Before commit
// it seals the audit rows the transaction wrote into the hash chain and clears the
// audit context; after commit it publishes a change event for each of them. Either all
// of fn's work lands, or none of it.
func (s *Store) write(ctx context.Context, actor Actor, fn func(*Tx) error) (err error) {
	defer func() { s.meter.countError(err) }()
	if err := s.guard.refusal(); err != nil {
		return err
	}
	queued := time.Now()
	s.ckpt.catchUp(ctx)
	sqlTx, err := s.writer.BeginTx(ctx, nil)
	s.meter.writerWait.observe(time.Since(queued))
	if err != nil {
		return translate(err)
	}
	tx := &Tx{tx: sqlTx, actor: actor, now: s.now, shared: s.written}
	changes, head, err := s.runWrite(ctx, tx, fn)
	defer s.written.add(ctx, tx.fresh)
	if err != nil {
		_ = sqlTx.Rollback()
		var refused *ForbiddenError
		if errors.As(err, &refused) {
			s.logRefusal(ctx, actor, refused.Action)
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return translate(err)
	}
	s.meter.commits.Add(1)
	s.ckpt.committed()
	if tx.recorded != nil {
		s.guard.recorded(tx.recorded)
	}
	if head.ID != 0 || head.Access != nil {
		// After the commit: a witness line names only rows the file holds. A line lost
		// to a crash here leaves the file ahead of the witness, which is no alarm.
		if err := s.seal.witness.append(head, s.now(), ""); err != nil {
			s.guard.block(&AuditFileError{s.seal.witness.path, "the audit witness could not be written (" + err.Error() +
				"), so nothing more is written"})
		}
	}
	s.events.publish(changes)
	return nil
}

func (s *Store) runWrite(ctx context.Context, tx *Tx, fn func(*Tx) error) ([]Event, witnessHead, error) {
	var none witnessHead
	var err error
	if tx.cookie, tx.recorded, err = s.guard.recheck(ctx, tx); err != nil {
		return nil, none, err
	}
	if err := tx.queryRow(ctx, `SELECT (SELECT coalesce(max(id), 0) FROM audit_log), (SELECT coalesce(max(id), 0) FROM access_log)`).
		Scan(&tx.auditFrom, &tx.accessFrom); err != nil {
		return nil, none, fmt.Errorf("begin write: %w", translate(err))
	}
	var actorID any
	if tx.actor.ID != 0 {
		actorID = tx.actor.ID
	}
	if _, err := tx.exec(ctx, "INSERT OR REPLACE INTO audit_context(id, actor_id, actor_name) VALUES (1, ?, ?)",
		actorID, tx.actor.Name); err != nil {
		return nil, none, err
	}
	if c := tx.recorded; c != nil {
		if err := tx.securityEvent(ctx, EventSchemaChanged, 0, map[string]any{"schema_version_from": c.From,
			"schema_version_to": c.To, "found": "the schema was changed outside ClinicDesk and put back"}); err != nil {
			return nil, none, err
		}
	}
	if err := fn(tx); err != nil {
		return nil, none, err
	}
	if _, err := tx.exec(ctx, "DELETE FROM audit_context"); err != nil {
		return nil, none, err
	}
	sl := newSealer(s.seal.key)
	changes, head, err := sealAudit(ctx, tx, sl, s.seal.anchor)
	if err != nil {
		return nil, none, err
	}
	if head.Access, err = sealAccess(ctx, tx, sl); err != nil {
		return nil, none, err
	}
	for _, fn := range tx.afterSeal {
		if err := fn(sl); err != nil {
			return nil, none, err
		}
	}
	head.Cookie = tx.cookie
	return append(changes, tx.unaudited...), head, nil
}

// querier is what a read needs, so that one query function serves both the reader
// pool and a write transaction that must read its own writes.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
