package store

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
)

// checkpointer copies the write-ahead log back into the database file off the write
// path. SQLite's automatic checkpoint runs inside the commit that crosses its threshold:
// one write in fifty or so paid for copying a thousand pages and syncing the file, the
// whole of a booking's 99th percentile. The writer connection has it turned off; after
// each commit the writer wakes this goroutine, which runs a PASSIVE checkpoint on its
// own connection (it never blocks the writer or readers) while the next write goes on.
//
// The log stays bounded. A write can restart the log from its beginning only when a
// checkpoint has copied all of it, which under back-to-back writes the goroutine never
// quite manages: so a write first runs a checkpoint itself, and waits for it, when the
// last checkpoint found the log longer than limit frames, or when maxBehind commits
// went by since a checkpoint last started (the goroutine is slow, an fsync under load).
// walFramesLimit is how long the log may grow before a write waits for a checkpoint:
// SQLite's own automatic checkpoint threshold, 1,000 pages (4 MiB). maxBehind is how
// many commits the goroutine may fall behind.
const (
	walFramesLimit = 1000
	maxBehind      = 32
)

type checkpointer struct {
	db     *sql.DB
	limit  int64 // frames
	kick   chan struct{}
	stop   chan struct{}
	done   chan struct{}
	mu     sync.Mutex // one checkpoint at a time
	over   atomic.Bool
	behind atomic.Int64 // commits since a checkpoint last started
}

func newCheckpointer(db *sql.DB, limitFrames int64) *checkpointer {
	c := &checkpointer{db: db, limit: limitFrames, kick: make(chan struct{}, 1), stop: make(chan struct{}),
		done: make(chan struct{})}
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer close(c.done)
	for {
		select {
		case <-c.stop:
			return
		case <-c.kick:
			c.checkpoint(context.Background())
		}
	}
}

// committed wakes the goroutine after a commit; wakes while it works coalesce into one.
func (c *checkpointer) committed() {
	c.behind.Add(1)
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// catchUp runs before a write: when the log has grown past the limit, it checkpoints
// and waits, so that the write restarts the log.
func (c *checkpointer) catchUp(ctx context.Context) {
	if c.over.Load() || c.behind.Load() >= maxBehind {
		c.checkpoint(ctx)
	}
}

// checkpoint runs one PASSIVE checkpoint. A failure (another process holding the
// checkpoint lock, say) leaves the log to the next one.
func (c *checkpointer) checkpoint(ctx context.Context) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.behind.Store(0)
	var busy, frames, copied int64
	if err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil {
		return
	}
	c.over.Store(frames > c.limit)
}

// close stops the goroutine and closes its connection.
func (c *checkpointer) close() error {
	close(c.stop)
	<-c.done
	return c.db.Close()
}
