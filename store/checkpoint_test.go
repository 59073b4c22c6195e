package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// ckptRig is a database file with a writer connection set up as the store's (no
// automatic checkpoints) and a checkpointer whose goroutine is not started: the test
// takes each step itself, in order, so nothing depends on timing.
type ckptRig struct {
	t      *testing.T
	path   string
	writer *sql.DB
	c      *checkpointer
}

func newCkptRig(t *testing.T, limitFrames int64) *ckptRig {
	t.Helper()
	path := filepath.Join(t.TempDir(), "wal.db")
	open := func(txlock string) *sql.DB {
		db, err := sql.Open("sqlite", dsn(path, "NORMAL", 64<<20, 2<<10, txlock, false))
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		t.Cleanup(func() { db.Close() })
		return db
	}
	r := &ckptRig{t: t, path: path, writer: open("immediate")}
	if _, err := r.writer.Exec(`CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, v BLOB); INSERT INTO t VALUES (1, 0, NULL)`); err != nil {
		t.Fatal(err)
	}
	conn, err := openCheckpointConn(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.close() })
	r.c = &checkpointer{conn: conn, limit: limitFrames, kick: make(chan struct{}, 1),
		busy: make(chan struct{}, 1), epoch: time.Now()}
	return r
}

// commit writes the same pages each time (a row with a 10 kB value: the row's page and
// its overflow pages), as the store's write does: catch up first, count the commit after.
func (r *ckptRig) commit() {
	r.t.Helper()
	r.c.catchUp()
	r.commitOnly()
	r.c.committed()
	r.c.writeDone()
}

// commitOnly writes without the checkpointer.
func (r *ckptRig) commitOnly() {
	r.t.Helper()
	if _, err := r.writer.Exec(`UPDATE t SET n = n + 1, v = printf('%.10000c', char(65 + n % 26)) WHERE id = 1`); err != nil {
		r.t.Fatal(err)
	}
}

// walSize is the log file's size: it grows while frames are appended and stays put
// when a write restarts the log from its beginning.
func (r *ckptRig) walSize() int64 {
	r.t.Helper()
	info, err := os.Stat(r.path + "-wal")
	if err != nil {
		r.t.Fatal(err)
	}
	return info.Size()
}

func TestTheLogRestartsEveryRestartEveryCommits(t *testing.T) {
	t.Parallel()
	r := newCkptRig(t, 1<<20)
	for range restartEvery {
		r.commit()
	}
	if n := r.c.sinceRestart.Load(); n != restartEvery {
		t.Fatalf("%d commits counted, want %d", n, restartEvery)
	}
	full := r.walSize()
	// The next write checkpoints first, and restarts the log.
	r.commit()
	if n := r.c.sinceRestart.Load(); n != 1 {
		t.Fatalf("after the catch-up checkpoint %d commits are counted, want 1", n)
	}
	for range 2 * restartEvery {
		r.commit()
	}
	if got := r.walSize(); got > full {
		t.Fatalf("the log grew past %d commits' worth: %d bytes, want at most %d", restartEvery, got, full)
	}
	// Without the checkpointer the same writes only append (after one restart, the
	// last catch-up's checkpoint having copied the whole log): the size above is the
	// restarts' doing.
	for range 2 * restartEvery {
		r.commitOnly()
	}
	if got := r.walSize(); got <= full {
		t.Fatalf("without checkpoints the log stayed at %d bytes (limit %d): the test cannot tell", got, full)
	}
}

func TestBackToBackWritesWakeTheCheckpointerEveryBusyEveryCommits(t *testing.T) {
	t.Parallel()
	r := newCkptRig(t, 1<<20)
	for i := 1; i <= 2*busyEvery; i++ {
		r.commit()
		select {
		case <-r.c.busy:
			if i%busyEvery != 0 {
				t.Fatalf("commit %d woke the checkpointer to run beside the writes; want every %d", i, busyEvery)
			}
			r.c.checkpoint() // what the goroutine does
		default:
			if i%busyEvery == 0 {
				t.Fatalf("commit %d did not wake the checkpointer to run beside the writes", i)
			}
		}
	}
	if n := r.c.sinceRestart.Load(); n != 0 {
		// Nothing was committed while the rig's checkpoint ran: it copied the whole log.
		t.Fatalf("%d commits counted since the log could restart, want 0", n)
	}
}

func TestBackToBackWritesWakeTheWaitingCheckpointerOnce(t *testing.T) {
	t.Parallel()
	r := newCkptRig(t, 1<<20)
	wakes := 0
	for range 20 {
		r.commit()
		select {
		case <-r.c.kick: // taken as the goroutine takes it, to wait for a pause
			wakes++
		default:
		}
	}
	if wakes != 1 {
		t.Fatalf("20 back-to-back commits woke the checkpointer %d times, want once: it was waiting for a pause already", wakes)
	}
}

func TestTheCheckpointerWaitsForAPauseAfterTheLatestCommit(t *testing.T) {
	t.Parallel()
	r := newCkptRig(t, 1<<20)
	r.c.epoch = time.Now().Add(-time.Hour)
	r.commit()
	<-r.c.kick
	// Its wait ends with the latest commit closer than checkpointIdle (here: ahead of
	// the clock): it waits on, still armed, and the next commit wakes nobody.
	r.c.last.Store(int64(2 * time.Hour))
	if wait := r.c.disarm(); wait <= 0 {
		t.Fatalf("the checkpointer would checkpoint %v after the latest commit, want a wait", -wait)
	}
	r.commit()
	select {
	case <-r.c.kick:
		t.Fatal("a commit woke the checkpointer that was still waiting for a pause")
	default:
	}
	// A pause since the latest commit: checkpoint now, disarmed, and the next commit
	// wakes it again.
	r.c.last.Store(0)
	if wait := r.c.disarm(); wait != 0 {
		t.Fatalf("an hour after the latest commit the checkpointer would wait %v more", wait)
	}
	r.commit()
	select {
	case <-r.c.kick:
	default:
		t.Fatal("the first commit after a checkpoint did not wake the checkpointer")
	}
}

func TestADueWriteDoesNotWaitForTheCheckpointersOwnCheckpoint(t *testing.T) {
	t.Parallel()
	r := newCkptRig(t, 1<<20)
	for range restartEvery {
		r.commitOnly()
		r.c.committed()
	}
	// The goroutine's checkpoint holds the lock: the due write goes on without one (were
	// it to wait, this test would hang).
	r.c.mu.Lock()
	r.commit()
	r.c.mu.Unlock()
	if n := r.c.sinceRestart.Load(); n != restartEvery+1 {
		t.Fatalf("%d commits counted, want %d: the write waited to checkpoint", n, restartEvery+1)
	}
	// The next write catches up.
	r.commit()
	if n := r.c.sinceRestart.Load(); n != 1 {
		t.Fatalf("after the next write's catch-up %d commits are counted, want 1", n)
	}
}

func TestALogOverItsLimitIsCheckpointedBeforeTheNextWrite(t *testing.T) {
	t.Parallel()
	r := newCkptRig(t, 10)
	// A reader's snapshot keeps a checkpoint from copying the frames written after it.
	readers, err := sql.Open("sqlite", dsn(r.path, "NORMAL", 64<<20, 2<<10, "deferred", true))
	if err != nil {
		t.Fatal(err)
	}
	defer readers.Close()
	snapshot, err := readers.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer snapshot.Close()
	if _, err := snapshot.ExecContext(context.Background(), `BEGIN`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := snapshot.QueryRowContext(context.Background(), `SELECT count(*) FROM t`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	for range 8 {
		r.commit() // three frames each: over the limit of 10 after four
	}
	r.c.checkpoint()
	if !r.c.over.Load() {
		t.Fatal("a checkpoint that left more than the limit behind did not mark the log as over it")
	}
	if _, err := snapshot.ExecContext(context.Background(), `COMMIT`); err != nil {
		t.Fatal(err)
	}
	before := r.walSize()
	// Far fewer than restartEvery commits: only the limit makes this write catch up.
	r.commit()
	if r.c.over.Load() || r.c.sinceRestart.Load() != 1 {
		t.Fatalf("the write after an over-long log did not checkpoint first: over %v, %d commits counted",
			r.c.over.Load(), r.c.sinceRestart.Load())
	}
	if got := r.walSize(); got != before {
		t.Fatalf("the log grew from %d to %d bytes instead of restarting", before, got)
	}
}

func TestTheStoresWritesCatchUpTheLog(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	// Nothing was written through the store yet, so its checkpointer's goroutine
	// sleeps until checkpointIdle after this write's commit: the mark is cleared before
	// the write returns only by the write's own catch-up.
	s.ckpt.over.Store(true)
	if err := s.PutSetting(context.Background(), System("test"), SettingClinicName, "Riverside Clinic"); err != nil {
		t.Fatal(err)
	}
	if s.ckpt.over.Load() {
		t.Fatal("a write through the store did not checkpoint an over-long log first")
	}
}

// A write begun before a checkpoint and committed after it appends to the log that
// checkpoint copied: the log did not restart, and a log past its limit is caught up
// before the next write. Before, the checkpoint counted a restart, and back-to-back
// large writes (the demo builder's batches) grew the log without bound.
func TestAWriteUnderWayDuringACheckpointKeepsTheLogFromRestarting(t *testing.T) {
	t.Parallel()
	r := newCkptRig(t, 10)
	for range 4 {
		r.commit() // three frames each: over the limit of 10
	}
	r.c.catchUp() // a write begins...
	tx, err := r.writer.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE t SET n = n + 1, v = printf('%.10000c', 'Z') WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	r.c.checkpoint() // ...the idle checkpoint copies the log as it is...
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	r.c.committed() // ...and the write appends to it
	r.c.writeDone()
	if !r.c.over.Load() || r.c.sinceRestart.Load() != 5 {
		t.Fatalf("a checkpoint beside a write counted a restart: over %v, %d commits since the last restart, want 5",
			r.c.over.Load(), r.c.sinceRestart.Load())
	}
	before := r.walSize()
	r.commit()
	if got := r.walSize(); got != before {
		t.Fatalf("the log grew from %d to %d bytes instead of restarting", before, got)
	}
}
