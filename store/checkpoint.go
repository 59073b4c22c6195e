package store

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"
)

// checkpointer copies the write-ahead log back into the database file off the write
// path. SQLite's automatic checkpoint runs inside the commit that crosses its threshold:
// one write in fifty or so paid for copying a thousand pages and syncing the file, the
// whole of a booking's 99th percentile. The writer connection has it turned off; after
// each commit the writer wakes this goroutine, which runs a PASSIVE checkpoint on its
// own connection (it never blocks the writer or readers) while the next write goes on.
//
// The log stays bounded. A write restarts the log from its beginning only when a
// checkpoint has copied all of it before the write began, which under back-to-back
// writes the goroutine never quite manages (it is always one commit behind). So a write
// first runs a checkpoint itself, and waits for it, every restartEvery commits, when the
// last checkpoint found the log longer than limit frames (a few large transactions), or
// when the goroutine fell maxBehind commits behind (an fsync slowed by other I/O). That
// wait is a sync of the log and of the file: rare enough to stay out of the 99th
// percentile of back-to-back bookings.
type checkpointer struct {
	db    *sql.DB
	limit int64 // frames
	kick  chan struct{}
	stop  chan struct{}
	done  chan struct{}
	mu    sync.Mutex // one checkpoint at a time
	over  atomic.Bool
	// behind counts commits since a checkpoint last started; sinceRestart counts them
	// since a write last waited for a checkpoint, and so restarted the log.
	behind, sinceRestart atomic.Int64
}

const (
	// restartEvery commits of about 10 pages (a setting, with its audit row) let the
	// log reach about 5 MiB; of a booking's 20 pages, 10 MiB.
	restartEvery = 128
	maxBehind    = 96
	// The goroutine checkpoints every checkpointEvery commits, or once writes pause for
	// checkpointIdle: each checkpoint syncs the log and the file, and running one after
	// every commit slowed the writes beside it.
	checkpointEvery = 32
	checkpointIdle  = 20 * time.Millisecond
)

func newCheckpointer(db *sql.DB, limitFrames int64) *checkpointer {
	c := &checkpointer{db: db, limit: limitFrames, kick: make(chan struct{}, 1), stop: make(chan struct{}),
		done: make(chan struct{})}
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer close(c.done)
	idle := time.NewTimer(time.Hour)
	idle.Stop()
	for {
		select {
		case <-c.stop:
			idle.Stop()
			return
		case <-c.kick:
			if c.behind.Load() < checkpointEvery {
				idle.Reset(checkpointIdle)
				continue
			}
		case <-idle.C:
		}
		idle.Stop()
		c.checkpoint(context.Background(), false)
	}
}

// committed counts a commit and wakes the goroutine; wakes while it works coalesce.
func (c *checkpointer) committed() {
	c.behind.Add(1)
	c.sinceRestart.Add(1)
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// catchUp runs before a write: when the log is due to restart, it checkpoints and
// waits, so that the write restarts the log.
func (c *checkpointer) catchUp(ctx context.Context) {
	if c.over.Load() || c.sinceRestart.Load() >= restartEvery || c.behind.Load() >= maxBehind {
		c.checkpoint(ctx, true)
	}
}

// checkpoint runs one PASSIVE checkpoint. A failure (another process holding the
// checkpoint lock, say) leaves the log to the next one. A checkpoint a write waits for
// that copies the whole log lets that write restart it.
func (c *checkpointer) checkpoint(ctx context.Context, beforeWrite bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.behind.Store(0)
	var busy, frames, copied int64
	if err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil {
		return
	}
	restarts := beforeWrite && copied == frames
	if restarts {
		c.sinceRestart.Store(0)
	}
	c.over.Store(!restarts && frames > c.limit)
}

// close stops the goroutine and closes its connection.
func (c *checkpointer) close() error {
	close(c.stop)
	<-c.done
	return c.db.Close()
}
