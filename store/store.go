// Package store is ClinicDesk's data layer: it opens the SQLite file, migrates it, runs
// every read and write for the screens and commands, checks permissions, and turns the
// schema's refusals into typed errors.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"runtime"
	"sync"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/auth"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// Store is an open clinic database: one writer connection (writes are serialised, and
// each one starts with BEGIN IMMEDIATE so it never fails half-way on a lock upgrade)
// beside a pool of read-only connections.
type Store struct {
	path    string
	writer  *sql.DB
	readers *sql.DB
	hasher  auth.Hasher
	lockout auth.Lockout
	now     func() time.Time
	events  *broker
	watch   *watcher
	merger  *searchMerger
	stmts   readStmts  // prepared hot read queries (read_stmts.go)
	written *stmtCache // the writer's statements, prepared once
	zone    zoneHint   // the clinic's time zone as the last booking found it (booking_day.go)
	writes  writeQueue // writes waiting for the writer, committed in groups (write_group.go)
	ckpt    *checkpointer
	// the appointment book's copy of the patients' names (book_names.go)
	bookNames bookNames
	seal      *auditSeal  // the audit key and witness (audit_key.go)
	shapes    auditShapes // the names of the audit rows' values (audit_shapes.go)
	guard     *writeGuard
	lock      *FileLock   // the shared lock that keeps a restore off the open file (lock.go)
	reads     recentReads // reads logged lately, not logged again (access_reads.go)
	meter     meter       // what the store measures of itself (metrics.go)
	slow      *slowQueries
	conns     *openConns // Close waits for the last

	closeOnce sync.Once
}

// Actor is who a call acts for. Its identity goes into every audit row the call writes.
type Actor struct {
	ID   int64
	Name string
	Role Role

	system bool // a command-line or setup step that no user performs
}

// User returns the actor for a logged-in user.
func (u User) Actor() Actor { return Actor{ID: u.ID, Name: u.FullName, Role: u.Role} }

// System is the actor for work no logged-in user does: first-run setup, the command
// line's `user add`, the demo generator. Its audit rows name it.
func System(name string) Actor { return Actor{Name: name, Role: RoleAdmin, system: true} }

// Option changes how Open sets up the store.
type Option func(*options)

type options struct {
	bcryptCost   int
	syncFull     bool
	now          func() time.Time
	readerConns  int
	lockout      auth.Lockout
	walSizeLimit int64
	writerCache  int // KiB
	replicated   bool
	slowLog      func(SlowQuery)
	slowAfter    time.Duration
}

// writerCacheKiB is the writer connection's page cache. A cache grows by a new page for
// each page it has not held yet until it is full, and on this kind of machine (a virtual
// one) the first touch of new memory costs 11-15 µs a 4 KiB page, four times reading the
// page back from the system's file cache: with 64 MiB, the cache grew for the first
// 16,000 pages the desk's writes touched, a booking's median took 8-10 such faults, and it ran
// 452 µs at the median over 4,000 bookings against 301 µs with 4 MiB, which is full
// after a few hundred bookings and then reuses its pages (the large demo, 6 Dec 2026).
// A booking's pages fit many times over; a larger batch that outgrows it writes its
// pages to the log early and reads some back (erasing a patient of the large demo took
// 14.3-15.1 s against 15.8-18.5 s with 64 MiB, upgrading it from schema 22 and
// verifying it 74 s against 73 s, at 79 MB of memory against 198 MB). Those figures
// predate the page pool (UsePagePool), which now takes the faults once at start-up; the
// small cache also leaves most of a desk's 12 MiB pool to the readers.
const writerCacheKiB = 4 << 10

// WithBcryptCost lowers the password hashing cost. Only tests use it: production keeps
// auth.DefaultCost.
func WithBcryptCost(cost int) Option { return func(o *options) { o.bcryptCost = cost } }

// WithSynchronousFull makes every commit durable across power loss (synchronous=FULL)
// at some cost in write latency; the default NORMAL is durable across crashes.
func WithSynchronousFull() Option { return func(o *options) { o.syncFull = true } }

// WithWriterCache sets the writer connection's page cache, in MiB (writerCacheKiB unless
// set). The demo generator gives its bulk writes a larger one: a large clinic's
// patient-ordered indexes outgrow a small one, and each page the cache misses is read
// back from the file.
func WithWriterCache(mib int) Option { return func(o *options) { o.writerCache = mib << 10 } }

// WithReaderConns sets how many connections the reader pool keeps open (max(4,
// GOMAXPROCS) unless set): as many reads run at once. Each connection holds its own copy
// of the parsed schema and of the statements it has prepared, about 1.3 MB on the large
// demo, so the desk, one person's reads, takes DeskReaderConns.
func WithReaderConns(n int) Option { return func(o *options) { o.readerConns = max(1, n) } }

// DeskReaderConns are the reader connections of one person's desk: its screen loads
// one read after another, and a second connection serves what a background refresh reads
// meanwhile. The receptionist's desk took 57.7-58.8 MB at its first screen with two
// against 60.2-61.0 MB with four, on the large demo and on its copy with 1,000,000
// patients (alternated, 7 Dec 2026).
const DeskReaderConns = 2

// WithCheckpointsByReplica leaves the write-ahead log's checkpoints to a continuous
// replica (Litestream, in serve --replica): it must read every frame before the log
// restarts, so it runs the checkpoints itself, and the store's checkpointer yields.
func WithCheckpointsByReplica() Option { return func(o *options) { o.replicated = true } }

// WithClock replaces the wall clock, for tests of lockout and of "today".
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// Open opens (creating if needed) the clinic database at path and brings its schema up
// to date. Opening an up-to-date file changes nothing; a file written by a newer
// ClinicDesk is refused, and so is a file a restore is replacing.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	lock, err := LockShared(path)
	if err != nil {
		return nil, err
	}
	s, err := open(ctx, path, opts...)
	if err != nil {
		lock.Release()
		return nil, err
	}
	s.lock = lock
	return s, nil
}

func open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := options{
		bcryptCost:   auth.DefaultCost,
		now:          time.Now,
		readerConns:  max(4, runtime.GOMAXPROCS(0)),
		walSizeLimit: 64 << 20,
		writerCache:  writerCacheKiB,
	}
	for _, opt := range opts {
		opt(&o)
	}
	if err := createDBFile(path); err != nil {
		return nil, err
	}
	synchronous := "NORMAL"
	if o.syncFull {
		synchronous = "FULL"
	}
	var slow *slowQueries
	if o.slowLog != nil {
		slow = newSlowQueries(o.slowAfter, o.slowLog)
	}
	conns := newOpenConns()
	openDB := func(dsn string) (*sql.DB, error) { return conns.open(dsn, slow) }
	writer, err := openDB(dsn(path, synchronous, o.walSizeLimit, o.writerCache, "immediate", false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxIdleTime(0)
	migrated, err := migrate(ctx, writer)
	if err != nil {
		writer.Close()
		return nil, err
	}
	guard, err := checkSchemaAtOpen(ctx, writer)
	if err != nil {
		writer.Close()
		return nil, err
	}
	shapes, err := readAuditShapes(ctx, writer)
	if err != nil {
		writer.Close()
		return nil, err
	}
	seal, err := loadAuditSeal(ctx, writer, path, guard.cookie, migrated)
	if err != nil {
		writer.Close()
		return nil, err
	}
	if seal.keyErr != nil {
		guard.block(seal.keyErr)
	} else {
		guard.sinceWitnessed(seal.last.Cookie)
	}
	readers, err := openDB(dsn(path, synchronous, o.walSizeLimit, 16<<10, "deferred", true))
	if err != nil {
		seal.witness.close()
		writer.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	readers.SetMaxOpenConns(o.readerConns)
	readers.SetMaxIdleConns(o.readerConns)
	ckptConn, err := openCheckpointConn(path)
	if err != nil {
		seal.witness.close()
		readers.Close()
		writer.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{
		path:    path,
		writer:  writer,
		readers: readers,
		hasher:  auth.Hasher{Cost: o.bcryptCost},
		lockout: o.lockout,
		now:     func() time.Time { return o.now().UTC() },
		events:  newBroker(),
		written: newStmtCache(writer),
		ckpt:    newCheckpointer(ckptConn, o.walSizeLimit/4096, o.replicated),
		seal:    seal,
		shapes:  shapes,
		guard:   guard,
		slow:    slow,
		conns:   conns,
	}
	if slow != nil {
		go slow.explainAll(readers)
	}
	s.watch = s.startWatch(watchInterval)
	s.merger = s.startSearchMerger()
	return s, nil
}

// dsn builds the driver's connection string. Pragmas are per connection, so they go
// in the DSN: every pooled connection runs them when it opens.
func dsn(path, synchronous string, walLimit int64, cacheKiB int, txlock string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous("+synchronous+")")
	q.Add("_pragma", fmt.Sprintf("journal_size_limit(%d)", walLimit))
	// Statement journals (each statement of a transaction that a trigger may abort keeps
	// one) and temporary sort tables stay in memory instead of temporary files: in a
	// large batch the files' writes were a third of the time.
	q.Add("_pragma", "temp_store(MEMORY)")
	// The page cache: the writer's is small (writerCacheKiB); each reader (up to 16 MB)
	// keeps the hot pages of the appointment book and the registry. All of them draw on
	// the process's page pool (UsePagePool), which bounds them together first. The
	// checkpointer's connection reads no pages through it.
	q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", cacheKiB))
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// The store's checkpointer moves the log into the file off the write path.
		q.Add("_pragma", "wal_autocheckpoint(0)")
	}
	q.Set("_txlock", txlock)
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// PasswordHashCost is the bcrypt cost the store hashes new passwords at (WithBcryptCost,
// else auth.DefaultCost): another handle on the same file, such as the demo builder's,
// opens with it to hash as this one does.
func (s *Store) PasswordHashCost() int { return s.hasher.Cost }

// Close checkpoints the write-ahead log into the main file and closes every connection.
func (s *Store) Close() error {
	var err error
	s.closeOnce.Do(func() {
		s.merger.close()
		s.watch.close()
		s.events.close()
		s.written.close()
		err = s.ckpt.close()
		_, _ = s.writer.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		if s.slow != nil {
			s.slow.stop()
		}
		s.stmts.close()
		if rerr := s.readers.Close(); err == nil {
			err = rerr
		}
		if werr := s.writer.Close(); err == nil {
			err = werr
		}
		if werr := s.seal.witness.close(); err == nil {
			err = werr
		}
		s.conns.wait()
		if terr := foldLeftoverWAL(s.path); err == nil {
			err = terr
		}
		if lerr := s.lock.Release(); err == nil {
			err = lerr
		}
	})
	return err
}

// Now is the store's clock, in UTC.
func (s *Store) Now() time.Time { return s.now() }
