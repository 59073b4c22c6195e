package store

import (
	"context"
	"database/sql"
	"sync"
)

// readStmts keeps the prepared statements of the hot read queries (search as you type,
// the appointment book, the pharmacy queue, the ledger), so that each is parsed and
// planned once per reader connection instead of on every call: parsing was about a
// third of a catalogue search. database/sql prepares a statement again on each pooled
// connection that runs it. Only queries from a fixed set of texts go through it.
type readStmts struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// cachedReaders reads through the reader pool with prepared statements; it is a querier.
type cachedReaders struct{ s *Store }

// fast returns the reader pool with prepared statements, for the hot read paths.
func (s *Store) fast() cachedReaders { return cachedReaders{s} }

// stmt returns query prepared on the reader pool, preparing it on first use.
func (c cachedReaders) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	r := &c.s.stmts
	r.mu.Lock()
	defer r.mu.Unlock()
	if st, ok := r.stmts[query]; ok {
		return st, nil
	}
	st, err := c.s.readers.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if r.stmts == nil {
		r.stmts = make(map[string]*sql.Stmt)
	}
	r.stmts[query] = st
	return st, nil
}

// QueryContext runs query as a prepared statement.
func (c cachedReaders) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx, err := unwatched(ctx)
	if err != nil {
		return nil, err
	}
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs query as a prepared statement; a statement that cannot be
// prepared runs unprepared, so that its error comes back through the row.
func (c cachedReaders) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	run, err := unwatched(ctx)
	if err != nil {
		return c.s.readers.QueryRowContext(ctx, query, args...) // an ended ctx: its error, nothing run
	}
	st, err := c.stmt(run, query)
	if err != nil {
		return c.s.readers.QueryRowContext(run, query, args...)
	}
	return st.QueryRowContext(run, args...)
}

// close closes every prepared statement; the Store closes them before its readers.
func (r *readStmts) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, st := range r.stmts {
		st.Close()
	}
	r.stmts = nil
}
