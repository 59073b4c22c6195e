package store

import (
	"context"
	"database/sql"
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
	// stmts are the statements the transaction has prepared; the requests of one group
	// commit share them.
	stmts *txStmts
	// shared is the store's statement cache.
	shared *stmtCache
	// zone is the store's hint of the clinic's time zone for a booking's reads
	// (bookingWindow); nil: none.
	zone *zoneHint
	// loc is the clinic's time zone once the transaction has read it (see location).
	loc *time.Location
	// actorSet: audit_context already names the actor (the group's first write, whose
	// actor the transaction's first statement set).
	actorSet bool
}

// txStmts are the statements a transaction has prepared, by their text. A statement run
// many times in one transaction (a batch) is parsed, and its triggers compiled, once;
// the transaction closes them when it ends. fresh lists the statements it prepared
// because the store's cache lacked them, for the cache to add after the transaction.
type txStmts struct {
	byQuery map[string]*sql.Stmt
	fresh   []string
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
	if t.stmts == nil {
		t.stmts = &txStmts{}
	}
	if st, ok := t.stmts.byQuery[query]; ok {
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
		t.stmts.fresh = append(t.stmts.fresh, query)
	}
	if t.stmts.byQuery == nil {
		t.stmts.byQuery = map[string]*sql.Stmt{}
	}
	t.stmts.byQuery[query] = st
	return st, nil
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if t.loc != nil && strings.Contains(query, "settings") {
		t.loc = nil
	}
	ctx, err := unwatched(ctx)
	if err != nil {
		return nil, err
	}
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, translate(err)
	}
	res, err := st.ExecContext(ctx, args...)
	return res, translate(err)
}

func (t *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	run, err := unwatched(ctx)
	if err != nil {
		return t.tx.QueryRowContext(ctx, query, args...) // an ended ctx: its error, nothing run
	}
	st, err := t.stmt(run, query)
	if err != nil {
		return t.tx.QueryRowContext(run, query, args...) // carries the same error to Scan
	}
	return st.QueryRowContext(run, args...)
}

func (t *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx, err := unwatched(ctx)
	if err != nil {
		return nil, err
	}
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
	ctx, err := unwatched(ctx)
	if err != nil {
		return nil, err
	}
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
	return s.writeAlone(ctx, actor, fn)
}

// allow checks the permission matrix inside a transaction. A refusal aborts the
// transaction, and write logs it once the transaction has rolled back.
func (t *Tx) allow(action Action) error {
	if t.actor.system || Allowed(t.actor.Role, action) {
		return nil
	}
	return &ForbiddenError{Role: t.actor.Role, Action: action}
}

// querier is what a read needs, so that one query function serves both the reader
// pool and a write transaction that must read its own writes.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
