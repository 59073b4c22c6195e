package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"os"
	"sync"
	"time"
)

// openConns counts the SQLite connections a store has open, so that Close can wait for
// the last. database/sql's Close returns while a query that began before it still holds
// a connection, or is still opening one: that connection then opens or closes the
// database's -wal and -shm files after Close returned, under whoever moves, restores or
// removes the files next.
type openConns struct {
	mu   sync.Mutex
	n    int
	none *sync.Cond
}

func newOpenConns() *openConns {
	c := &openConns{}
	c.none = sync.NewCond(&c.mu)
	return c
}

func (c *openConns) add(delta int) {
	c.mu.Lock()
	c.n += delta
	if c.n == 0 {
		c.none.Broadcast()
	}
	c.mu.Unlock()
}

// wait returns once every connection is closed; the pools must be closed first.
func (c *openConns) wait() {
	c.mu.Lock()
	for c.n > 0 {
		c.none.Wait()
	}
	c.mu.Unlock()
}

// open opens a pool whose connections are counted and, when slow is not nil, timed.
func (c *openConns) open(dsn string, slow *slowQueries) (*sql.DB, error) {
	probe, err := sql.Open("sqlite", "")
	if err != nil {
		return nil, err
	}
	drv := probe.Driver()
	probe.Close()
	return sql.OpenDB(connector{dsn: dsn, drv: drv, conns: c, slow: slow}), nil
}

type connector struct {
	dsn   string
	drv   driver.Driver
	conns *openConns
	slow  *slowQueries
}

func (c connector) Connect(context.Context) (driver.Conn, error) {
	c.conns.add(1)
	cn, err := c.drv.Open(c.dsn)
	if err != nil {
		c.conns.add(-1)
		return nil, err
	}
	return &conn{Conn: cn, conns: c.conns, slow: c.slow}, nil
}

func (c connector) Driver() driver.Driver { return c.drv }

// conn is one counted connection; with slow set it times its statements. The SQLite
// driver's connection provides every interface it forwards to.
type conn struct {
	driver.Conn
	conns *openConns
	slow  *slowQueries
}

var errNoContext = errors.New("the SQLite driver lacks a context method")

func (c *conn) Close() error {
	err := c.Conn.Close()
	c.conns.add(-1)
	return err
}

func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return nil, errNoContext
}

func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	p, ok := c.Conn.(driver.ConnPrepareContext)
	if !ok {
		return nil, errNoContext
	}
	st, err := p.PrepareContext(ctx, query)
	if err != nil || c.slow == nil {
		return st, err
	}
	return &slowStmt{Stmt: st, query: query, q: c.slow}, nil
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	if c.slow != nil {
		defer c.slow.observe(query, time.Now())
	}
	return e.ExecContext(ctx, query, args)
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	qc, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	if c.slow == nil {
		return qc.QueryContext(ctx, query, args)
	}
	start := time.Now()
	rows, err := qc.QueryContext(ctx, query, args)
	if err != nil {
		c.slow.observe(query, start)
		return nil, err
	}
	return &slowRows{Rows: rows, query: query, start: start, q: c.slow}, nil
}

func (c *conn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *conn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// foldLeftoverWAL folds a log left beside the file back into it and removes it. The
// last connection to close does that itself, but when the last two close at the same
// moment (Close's writer and a query that was still reading), each sees the other's
// lock and both leave the -wal and -shm files. One more connection, alone now, closes
// last.
func foldLeftoverWAL(path string) error {
	if _, err := os.Stat(path + "-wal"); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db, err := sql.Open("sqlite", dsn(path, "NORMAL", 0, 2<<10, "deferred", false))
	if err != nil {
		return err
	}
	_, err = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}
