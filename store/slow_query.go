package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// SlowQuery is one SQL statement that took longer than the threshold given to
// WithSlowQueryLog, with SQLite's plan for it.
type SlowQuery struct {
	SQL  string // the statement, its whitespace folded to single spaces
	Took time.Duration
	Plan string // EXPLAIN QUERY PLAN's lines, joined with "; " ("" when it could not be read)
}

// WithSlowQueryLog reports every statement slower than threshold to fn, with its plan.
// A statement is timed from its start to the end of its rows. The plan is read on a
// reader connection after the statement ended, off the caller's path; fn is called
// from one goroutine of the store's, and reports beyond a short queue are dropped.
func WithSlowQueryLog(threshold time.Duration, fn func(SlowQuery)) Option {
	return func(o *options) { o.slowLog, o.slowAfter = fn, threshold }
}

// slowQueries times the statements of the connections opened through it and queues
// the slow ones for their plans.
type slowQueries struct {
	after  time.Duration
	report func(SlowQuery)
	queue  chan SlowQuery
	done   chan struct{}
	mu     sync.RWMutex // held to send, so that stop never closes the queue under a sender
	closed bool
}

func newSlowQueries(after time.Duration, report func(SlowQuery)) *slowQueries {
	return &slowQueries{after: after, report: report, queue: make(chan SlowQuery, 16), done: make(chan struct{})}
}

// explainAll reads each queued statement's plan on db and reports it, until stop.
func (q *slowQueries) explainAll(db *sql.DB) {
	defer close(q.done)
	for sq := range q.queue {
		sq.Plan = explain(db, sq.SQL)
		q.report(sq)
	}
}

// stop ends explainAll once the queue is empty.
func (q *slowQueries) stop() {
	q.mu.Lock()
	if !q.closed {
		q.closed = true
		close(q.queue)
	}
	q.mu.Unlock()
	<-q.done
}

func (q *slowQueries) observe(query string, start time.Time) {
	took := time.Since(start)
	if took < q.after || strings.HasPrefix(query, explainPrefix) {
		return // the log's own plan reads are not the store's statements
	}
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.closed {
		return
	}
	select {
	case q.queue <- SlowQuery{SQL: strings.Join(strings.Fields(query), " "), Took: took}:
	default: // the log is behind: drop this one rather than slow the store down
	}
}

// explainPrefix starts the statements explain runs on the timed readers; observe leaves
// them out, or a slow plan read would be logged as a slow statement with no plan of its own.
const explainPrefix = "EXPLAIN QUERY PLAN "

// explain returns SQLite's plan for query, its lines joined with "; ".
func explain(db *sql.DB, query string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// The statement's parameters are bound to NULL: the plan does not depend on them.
	args := make([]any, numInput(query))
	rows, err := db.QueryContext(ctx, explainPrefix+query, args...)
	if err != nil {
		return ""
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if rows.Scan(&id, &parent, &unused, &detail) == nil {
			lines = append(lines, detail)
		}
	}
	return strings.Join(lines, "; ")
}

type slowStmt struct {
	driver.Stmt
	query string
	q     *slowQueries
}

func (s *slowStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	e, ok := s.Stmt.(driver.StmtExecContext)
	if !ok {
		return nil, errNoContext
	}
	defer s.q.observe(s.query, time.Now())
	return e.ExecContext(ctx, args)
}

func (s *slowStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	qc, ok := s.Stmt.(driver.StmtQueryContext)
	if !ok {
		return nil, errNoContext
	}
	start := time.Now()
	rows, err := qc.QueryContext(ctx, args)
	if err != nil {
		s.q.observe(s.query, start)
		return nil, err
	}
	return &slowRows{Rows: rows, query: s.query, start: start, q: s.q}, nil
}

// slowRows times a query to the end of its rows.
type slowRows struct {
	driver.Rows
	query string
	start time.Time
	q     *slowQueries
}

func (r *slowRows) Close() error {
	err := r.Rows.Close()
	r.q.observe(r.query, r.start)
	return err
}

// numInput is how many parameters query takes, by SQLite's numbering: "?NNN" is
// parameter NNN, a bare "?" or a name (":x", "@x", "$x", each name once) the next after
// the largest so far. String literals and quoted names are skipped. (The driver's own
// count is not known before the statement runs.)
func numInput(query string) int {
	n := 0
	named := map[string]bool{}
	for i := 0; i < len(query); i++ {
		switch c := query[i]; c {
		case '\'', '"', '`':
			if end := strings.IndexByte(query[i+1:], c); end >= 0 {
				i += end + 1
			}
		case '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			if k, err := strconv.Atoi(query[i+1 : j]); err == nil {
				n = max(n, k)
			} else {
				n++
			}
			i = j - 1
		case ':', '@', '$':
			j := i + 1
			for j < len(query) && (query[j] == '_' || unicode.IsLetter(rune(query[j])) || unicode.IsDigit(rune(query[j]))) {
				j++
			}
			if name := query[i:j]; j > i+1 && !named[name] {
				named[name] = true
				n++
			}
			i = j - 1
		}
	}
	return n
}
