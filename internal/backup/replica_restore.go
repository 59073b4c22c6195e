package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/replica"
	"github.com/clinicdesk/clinicdesk/store"
)

// RestoredReplica is what RestoreReplica did.
type RestoredReplica struct {
	Restored
	At time.Time // the moment the restored state is of
}

// RestoreReplica replaces the database at dbPath by its state at `at` (the newest when
// zero) from the continuous replica in dir, checked as Restore checks a backup: the
// file as it was then, with the audit witness cut back to the rows it holds, must pass
// SQLite's checks and the audit chain. The file it replaces is kept as Restore keeps
// it; it refuses while a store has dbPath open.
func RestoreReplica(ctx context.Context, dir string, at time.Time, dbPath string) (RestoredReplica, error) {
	var res RestoredReplica
	parent := filepath.Dir(dbPath)
	if info, err := os.Stat(parent); err != nil || !info.IsDir() {
		return res, fmt.Errorf("there is no directory %s to restore into", parent)
	}
	lock, err := store.LockExclusive(dbPath)
	if err != nil {
		return res, err
	}
	defer lock.Release()
	work, err := workDir(parent, "restore")
	if err != nil {
		return res, fmt.Errorf("cannot make a working directory beside %s: %w", dbPath, err)
	}
	defer os.RemoveAll(work)
	fresh := filepath.Join(work, dbName)
	if res.At, err = replica.RestoreTo(ctx, dir, at, fresh); err != nil {
		return res, err
	}
	if err := store.CutWitnessTo(ctx, fresh); err != nil {
		return res, fmt.Errorf("cannot fit the audit witness to the restored file: %w", err)
	}
	var before int
	if sum, err := headCounts(ctx, fresh); err == nil {
		before = sum.SchemaVersion
	}
	sum, err := verifyDir(ctx, fresh)
	if err != nil {
		return res, fmt.Errorf("the replica's state at that moment does not verify: %w", err)
	}
	res.Summary = sum
	if before != 0 && before != store.SchemaVersion() {
		res.UpgradedFrom = before
	}
	res.Kept, err = swapIn(ctx, fresh, dbPath, time.Now())
	return res, err
}
