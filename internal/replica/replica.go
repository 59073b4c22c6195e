// Package replica keeps a continuous replica of the clinic database with Litestream,
// embedded: every commit's pages reach the replica directory within about a second,
// and the database can be restored as it was at any moment the replica still holds.
//
// Replicas go only to local or mounted directories (Litestream v0.5 no longer
// encrypts): the directory is 0700 and its files 0600, and what protects it beyond
// that (full-disk encryption, the mount's own) is the clinic's, as the README says. The
// audit key and witness travel beside the pages (audit/ in the directory), so a
// restored file's sealed trail verifies.
package replica

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/benbjohnson/litestream"
	"github.com/benbjohnson/litestream/file"

	"github.com/clinicdesk/clinicdesk/store"
)

// SyncEvery is how often the replica looks for new commits in the write-ahead log.
const SyncEvery = 250 * time.Millisecond

// Replica is a running continuous replica.
type Replica struct {
	db      string
	dir     string
	lsStore *litestream.Store
	lsDB    *litestream.DB
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
	err     error
}

// Dir checks that dir can hold a replica: an absolute path of a local or mounted
// directory (made 0700 when missing), not a URL.
func Dir(dir string) (string, error) {
	if dir == "" || !filepath.IsAbs(dir) {
		return "", fmt.Errorf("the replica directory %q must be an absolute path", dir)
	}
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("cannot make the replica directory: %w", err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		return "", err
	}
	if !info.IsDir() {
		return "", fmt.Errorf("%s is not a directory", dir)
	}
	return dir, nil
}

// Start replicates the database at dbPath into dir until Close. The caller's store
// must leave checkpoints to Litestream (store.WithCheckpointsByReplica): two
// checkpointers on one log would fight over when it restarts.
func Start(ctx context.Context, dbPath, dir string, logger *slog.Logger) (*Replica, error) {
	dir, err := Dir(dir)
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	db := litestream.NewDB(dbPath)
	db.Logger = logger
	db.MonitorInterval = SyncEvery
	client := file.NewReplicaClient(filepath.Join(dir, "pages"))
	client.SetLogger(logger)
	db.Replica = litestream.NewReplicaWithClient(db, client)
	db.Replica.SyncInterval = SyncEvery
	// Litestream keeps its own copies of the pages beside the database, in directories
	// made with the mode of the database's directory (often 0755): made first, private.
	if err := os.MkdirAll(db.MetaPath(), store.DirMode); err != nil {
		return nil, fmt.Errorf("cannot start the replica: %w", err)
	}
	if err := os.Chmod(db.MetaPath(), store.DirMode); err != nil {
		return nil, fmt.Errorf("cannot start the replica: %w", err)
	}
	st := litestream.NewStore([]*litestream.DB{db}, litestream.DefaultCompactionLevels)
	st.Logger = logger
	// The replica keeps a week of history to restore from.
	st.SnapshotRetention = 7 * 24 * time.Hour
	if err := st.Open(ctx); err != nil {
		return nil, fmt.Errorf("cannot start the replica: %w", err)
	}
	r := &Replica{db: dbPath, dir: dir, lsStore: st, lsDB: db, stop: make(chan struct{}), done: make(chan struct{})}
	if err := copyAudit(dbPath, dir); err != nil {
		st.Close(context.Background())
		return nil, err
	}
	go r.keepAudit()
	return r, nil
}

// keepAudit copies the audit witness into the replica as it grows. A copy behind the
// pages is harmless (a restored file may be ahead of its witness, never behind it).
func (r *Replica) keepAudit() {
	defer close(r.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
			_ = copyAudit(r.db, r.dir)
		}
	}
}

// Close makes a last sync and stops the replica; closing it again does nothing.
func (r *Replica) Close() error {
	r.once.Do(func() {
		close(r.stop)
		<-r.done
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		r.err = r.lsDB.SyncAndWait(ctx)
		if err := r.lsStore.Close(ctx); r.err == nil {
			r.err = err
		}
		if err := copyAudit(r.db, r.dir); r.err == nil {
			r.err = err
		}
	})
	return r.err
}

// Position is the replica's last transaction and the database's, by Litestream's
// numbering: the replica has caught up when they are equal.
func (r *Replica) Position() (replicated, local uint64) {
	pos, err := r.lsDB.Pos()
	if err == nil {
		local = uint64(pos.TXID)
	}
	return uint64(r.lsDB.Replica.Pos().TXID), local
}

// Sync copies what the log holds now into the replica and waits for it.
func (r *Replica) Sync(ctx context.Context) error { return r.lsDB.SyncAndWait(ctx) }

// auditDir is where the replica keeps the audit key and witness.
func auditDir(dir string) string { return filepath.Join(dir, "audit") }

// Audit file names inside auditDir.
const (
	keyName     = "audit-key"
	witnessName = "audit-witness"
)

// copyAudit copies the database's audit key and witness into the replica (0600,
// through a rename, so a restore never reads half of one).
func copyAudit(dbPath, dir string) error {
	ad := auditDir(dir)
	if err := os.MkdirAll(ad, 0o700); err != nil {
		return fmt.Errorf("cannot make %s: %w", ad, err)
	}
	for _, f := range [][2]string{{dbPath + ".audit-key", keyName}, {dbPath + ".audit-witness", witnessName}} {
		data, err := os.ReadFile(f[0])
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		dst := filepath.Join(ad, f[1])
		if old, err := os.ReadFile(dst); err == nil && string(old) == string(data) {
			continue
		}
		tmp := dst + ".tmp"
		if err := os.WriteFile(tmp, data, 0o600); err != nil {
			return err
		}
		if err := os.Rename(tmp, dst); err != nil {
			return err
		}
	}
	return nil
}

// RestoreTo writes the database as it was at `at` (the newest state when at is zero)
// from the replica in dir into out (new), with its audit key and witness beside it as
// a store expects them (out.audit-key, out.audit-witness). It returns the moment the
// restored state was replicated.
func RestoreTo(ctx context.Context, dir string, at time.Time, out string) (time.Time, error) {
	info, err := os.Stat(filepath.Join(dir, "pages"))
	if err != nil || !info.IsDir() {
		return time.Time{}, fmt.Errorf("%s holds no ClinicDesk replica (no pages/ in it)", dir)
	}
	client := file.NewReplicaClient(filepath.Join(dir, "pages"))
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	client.SetLogger(logger)
	r := litestream.NewReplicaWithClient(nil, client)
	created, updated, err := r.TimeBounds(ctx)
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot read the replica: %w", err)
	}
	if created.IsZero() {
		return time.Time{}, fmt.Errorf("the replica in %s is empty", dir)
	}
	if !at.IsZero() && at.Before(created) {
		return time.Time{}, fmt.Errorf("the replica begins at %s, after %s: it holds nothing that old",
			created.UTC().Format(time.RFC3339), at.UTC().Format(time.RFC3339))
	}
	opt := litestream.NewRestoreOptions()
	opt.OutputPath = out
	opt.Timestamp = at
	opt.IntegrityCheck = litestream.IntegrityCheckNone // the caller checks the whole file
	if err := r.Restore(ctx, opt); err != nil {
		return time.Time{}, fmt.Errorf("cannot restore from the replica: %w", err)
	}
	if err := os.Chmod(out, 0o600); err != nil {
		return time.Time{}, err
	}
	for _, f := range [][2]string{{keyName, out + ".audit-key"}, {witnessName, out + ".audit-witness"}} {
		data, err := os.ReadFile(filepath.Join(auditDir(dir), f[0]))
		if err != nil {
			return time.Time{}, fmt.Errorf("the replica has no audit %s: %w", f[0], err)
		}
		if err := os.WriteFile(f[1], data, 0o600); err != nil {
			return time.Time{}, err
		}
	}
	state := updated
	if !at.IsZero() && at.Before(updated) {
		state = at
	}
	return state, nil
}
