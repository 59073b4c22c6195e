package store

import (
	"database/sql"
	"sync"
	"sync/atomic"
	"time"

	sqlite3 "modernc.org/sqlite/lib"
)

// checkpointer copies the write-ahead log back into the database file off the write
// path. SQLite's automatic checkpoint runs inside the commit that crosses its threshold:
// one write in fifty or so paid for copying a thousand pages and syncing the file, the
// whole of a booking's 99th percentile. The writer connection has it turned off; the
// first commit after a checkpoint wakes this goroutine, which runs a PASSIVE checkpoint
// on its own connection (it never blocks the writer or readers; see checkpointConn) once writes pause for
// checkpointIdle (later commits only note their time). A clinic's writes pause all the
// time. Checkpointing between back-to-back writes instead (every 32 commits, say) took
// the other core from the writes beside it: they were the rest of that 99th percentile.
//
// The log stays bounded. A write restarts the log from its beginning only when a
// checkpoint has copied all of it before the write began, which under back-to-back
// writes never happens on its own. So a write first runs a checkpoint itself, and waits
// for it, every restartEvery commits without a pause, or when the last checkpoint found
// the log longer than limit frames (a few large transactions). That wait is a sync of
// the log and of the file, each 1 to 30 ms on a shared disk: it was a booking's 99th
// percentile when one write in 128 paid it (40-90 ms, most of it flushing the 10 MiB the
// 128 commits had appended), so now one in restartEvery does, and it finds little to
// copy or flush: every busyEvery commits without a pause the goroutine runs a PASSIVE
// checkpoint beside the writes, which copies and syncs the bulk of the log off the
// write path. A write that comes due while such a checkpoint runs does not wait for it:
// the next write catches up instead.
//
// Under a continuous replica (WithCheckpointsByReplica) the checkpointer yields:
// Litestream must copy each frame before the log restarts, so it holds a read
// transaction on the log and runs the checkpoints itself; a second checkpointer would
// only wake it and wait behind that read.
type checkpointer struct {
	conn  *checkpointConn // nil once closed
	yield bool
	limit int64 // frames
	kick  chan struct{}
	busy  chan struct{} // busyEvery commits without a pause: checkpoint now
	stop  chan struct{}
	done  chan struct{}
	mu    sync.Mutex // one checkpoint at a time; guards conn
	over  atomic.Bool
	// sinceRestart counts commits since the log last restarted, sinceCheckpoint those
	// since a checkpoint last began.
	sinceRestart, sinceCheckpoint atomic.Int64
	// armed is set while the goroutine waits for a pause: a commit then only notes its
	// time (last, since epoch) and the goroutine, when its wait ends, waits on for what
	// is left of the pause after the latest commit. Waking it on every commit (to restart
	// its timer) cost each write a send and another goroutine a scheduler round trip.
	armed atomic.Bool
	epoch time.Time
	last  atomic.Int64 // the latest commit, as time since epoch
	// writing is set from a write's catch-up until it has committed or rolled back. A
	// write that began before a checkpoint ended appends to the log whatever that
	// checkpoint copied: a large write (a batch of the demo builder, seconds long) begun
	// before the idle checkpoint and committed after it was counted as a restart that
	// never happened, and back-to-back batches grew the log to gigabytes.
	writing atomic.Bool
}

const (
	// restartEvery commits of about 10 pages (a setting, with its audit row) let the
	// log reach about 20 MiB; of a booking's 20 pages, 40 MiB (journal_size_limit, 64
	// MiB, is the limit's default).
	restartEvery = 512
	// busyEvery commits without a pause wake the goroutine to checkpoint beside the
	// writes. More often took the other core from the writes beside it (every 32: they
	// were a booking's 99th percentile).
	busyEvery      = 128
	checkpointIdle = 20 * time.Millisecond
)

func newCheckpointer(conn *checkpointConn, limitFrames int64, yield bool) *checkpointer {
	c := &checkpointer{conn: conn, limit: limitFrames, yield: yield, kick: make(chan struct{}, 1),
		busy: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}), epoch: time.Now()}
	if yield {
		close(c.done)
		return c
	}
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
			idle.Reset(checkpointIdle)
		case <-c.busy:
			c.checkpoint()
		case <-idle.C:
			if wait := c.disarm(); wait > 0 {
				idle.Reset(wait)
				continue
			}
			c.checkpoint()
		}
	}
}

// committed counts a commit and wakes the goroutine: to wait for a pause (unless it
// waits already), or after busyEvery commits without one to checkpoint at once. Wakes
// while it works coalesce.
func (c *checkpointer) committed() {
	if c.yield {
		return
	}
	c.sinceRestart.Add(1)
	c.last.Store(int64(time.Since(c.epoch)))
	wake := c.kick
	if c.sinceCheckpoint.Add(1) >= busyEvery {
		wake = c.busy
	} else if !c.armed.CompareAndSwap(false, true) {
		return // the goroutine is waiting for a pause already: it finds this commit's time
	}
	select {
	case wake <- struct{}{}:
	default:
	}
}

// disarm is the goroutine's step when its wait for a pause ends: it returns what is
// left of the pause after the latest commit (0: checkpoint now). It disarms first, so a
// commit after the latest it saw wakes the goroutine again rather than being missed.
func (c *checkpointer) disarm() time.Duration {
	c.armed.Store(false)
	wait := checkpointIdle - (time.Since(c.epoch) - time.Duration(c.last.Load()))
	if wait <= 0 {
		return 0
	}
	// Waiting on; a commit that armed it meanwhile has sent a wake that restarts the wait.
	c.armed.Store(true)
	return wait
}

// catchUp runs before a write: when the log is due to restart, it checkpoints and
// waits, so that the write restarts the log. A log that is merely due is left alone
// while the goroutine's checkpoint runs: the write would wait for all of that one
// and then for its own; a later write catches up. A log over its limit is caught up
// in any case. The write then counts as under way until writeDone.
func (c *checkpointer) catchUp() {
	if c.yield {
		return
	}
	defer c.writing.Store(true)
	switch {
	case c.over.Load():
		c.mu.Lock()
		c.checkpointLocked()
		c.mu.Unlock()
	case c.sinceRestart.Load() >= restartEvery && c.mu.TryLock():
		c.checkpointLocked()
		c.mu.Unlock()
	}
}

// writeDone ends the write that catchUp began, committed or not.
func (c *checkpointer) writeDone() { c.writing.Store(false) }

// checkpoint runs one PASSIVE checkpoint. A failure (another process holding the
// checkpoint lock, say) leaves the log to the next one.
func (c *checkpointer) checkpoint() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.checkpointLocked()
}

// checkpointLocked is checkpoint with mu held.
func (c *checkpointer) checkpointLocked() {
	counted := c.sinceRestart.Load()
	c.sinceCheckpoint.Store(0)
	if c.conn == nil {
		return
	}
	_, frames, copied, err := c.conn.checkpoint(sqlite3.SQLITE_CHECKPOINT_PASSIVE)
	if err != nil {
		return
	}
	// A checkpoint that copied the whole log lets the next write restart it, an idle
	// one too; the commits made while it ran stay counted. One that ran beside writes
	// copied the log as it was when it began, and a commit since has added to it, or a
	// write under way will: the log does not restart.
	restarts := copied == frames && c.sinceCheckpoint.Load() == 0 && !c.writing.Load()
	if restarts {
		c.sinceRestart.Add(-counted)
	}
	c.over.Store(!restarts && frames > c.limit)
}

// truncate copies the whole log into the file and empties it (TRUNCATE), after any
// checkpoint under way; it reports false when a reader still holds part of the log (a
// desk reading, or a continuous replica), which is then left as it is.
func (c *checkpointer) truncate() (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn == nil {
		return false, sql.ErrConnDone
	}
	busy, _, _, err := c.conn.checkpoint(sqlite3.SQLITE_CHECKPOINT_TRUNCATE)
	return err == nil && !busy, err
}

// close stops the goroutine and closes its connection.
func (c *checkpointer) close() error {
	if !c.yield {
		close(c.stop)
	}
	<-c.done
	c.mu.Lock()
	defer c.mu.Unlock()
	err := c.conn.close()
	c.conn = nil
	return err
}
