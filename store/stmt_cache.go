package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the writer's statement cache. The store's statements are fixed
// texts, a few hundred at most; the bound only guards against a query built from data.
const maxCachedStmts = 1024

// stmtCache keeps the writer connection's statements prepared across transactions. A
// small write (one booking, one dispense) runs a dozen statements once each; preparing
// them, and compiling the triggers they fire, was a third of its time. A transaction
// borrows a cached statement with Tx.StmtContext, which reuses the statement already
// prepared on the writer's one connection; a statement a transaction had to prepare
// itself is added to the cache after the transaction ends, when the connection is free.
type stmtCache struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: make(map[string]*sql.Stmt)}
}

// get returns the cached statement for query, or nil.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stmts[query]
}

// add prepares and caches the queries a finished transaction prepared for itself. It
// must not run inside a write transaction: preparing needs the writer connection. A
// query that fails to prepare is left out; the next transaction prepares it again.
func (c *stmtCache) add(ctx context.Context, queries []string) {
	for _, q := range queries {
		c.mu.Lock()
		_, ok := c.stmts[q]
		full := len(c.stmts) >= maxCachedStmts
		c.mu.Unlock()
		if ok || full {
			continue
		}
		st, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.mu.Lock()
		if _, ok := c.stmts[q]; ok {
			st.Close()
		} else {
			c.stmts[q] = st
		}
		c.mu.Unlock()
	}
}

// close closes every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}
