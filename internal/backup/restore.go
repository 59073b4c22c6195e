package backup

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
)

// Verify decrypts the backup in, unpacks it into a temporary directory and checks it as
// Create checked the snapshot. Nothing else is touched.
func Verify(ctx context.Context, in string, keys Keys) (Summary, error) {
	work, err := workDir(os.TempDir(), "verify")
	if err != nil {
		return Summary{}, err
	}
	defer os.RemoveAll(work)
	sum, _, err := unpack(ctx, in, keys, work)
	return sum, err
}

// Restored is what Restore did.
type Restored struct {
	Summary
	UpgradedFrom int    // the backup's schema version when it was upgraded; 0 when not
	Kept         string // where the database it replaced was kept; "" when there was none
}

// Restore replaces the database at dbPath (with its audit key and witness) by the
// backup in, once the backup has been decrypted and verified. The file it replaces is
// kept as dbPath.before-restore-YYYYMMDD-HHMMSS, with its key and witness. It refuses
// while a store has dbPath open; on any failure before the swap dbPath is untouched.
func Restore(ctx context.Context, in, dbPath string, keys Keys) (Restored, error) {
	var res Restored
	dir := filepath.Dir(dbPath)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return res, fmt.Errorf("there is no directory %s to restore into", dir)
	}
	lock, err := store.LockExclusive(dbPath)
	if err != nil {
		return res, err
	}
	defer lock.Release()
	work, err := workDir(dir, "restore")
	if err != nil {
		return res, fmt.Errorf("cannot make a working directory beside %s: %w", dbPath, err)
	}
	defer os.RemoveAll(work)
	sum, from, err := unpack(ctx, in, keys, work)
	if err != nil {
		return res, err
	}
	res.Summary = sum
	if from != store.SchemaVersion() {
		res.UpgradedFrom = from
	}
	res.Kept, err = swapIn(ctx, filepath.Join(work, dbName), dbPath, time.Now())
	return res, err
}

// unpack opens, decrypts and extracts the backup in into work and verifies it there. It
// returns the summary and the schema version the backup was made with.
func unpack(ctx context.Context, in string, keys Keys, work string) (Summary, int, error) {
	f, err := os.Open(in)
	if err != nil {
		return Summary{}, 0, fmt.Errorf("cannot read the backup: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Summary{}, 0, err
	}
	if info.IsDir() {
		return Summary{}, 0, fmt.Errorf("%s is a directory, not a backup", in)
	}
	r, encrypted, err := openArchive(f, keys)
	if err != nil {
		return Summary{}, 0, err
	}
	m, err := extractArchive(r, encrypted, work, info.Size())
	if err != nil {
		return Summary{}, 0, err
	}
	sum, err := verifyDir(ctx, filepath.Join(work, dbName))
	if err != nil {
		return sum, 0, fmt.Errorf("the backup does not verify: %w", err)
	}
	if m.SchemaVersion == sum.SchemaVersion && (m.AuditRow != sum.AuditRow || m.AuditMAC != sum.AuditMAC) {
		return sum, 0, fmt.Errorf("%w (its manifest names audit row %d, its database ends at row %d)", ErrDamaged, m.AuditRow, sum.AuditRow)
	}
	sum.Encrypted, sum.Created = encrypted, m.Created
	if err := fileDigest(f, &sum); err != nil {
		return sum, 0, err
	}
	return sum, m.SchemaVersion, nil
}

func fileDigest(f *os.File, sum *Summary) error {
	if _, err := f.Seek(0, 0); err != nil {
		return err
	}
	size, digest, err := hashReader(f)
	sum.Size, sum.SHA256 = size, digest
	return err
}

// swapIn moves the verified database at fresh (with its key and witness) to dbPath.
// The file there, if any, is first kept under a before-restore name (hard links, so
// dbPath never goes missing); its write-ahead log is folded into it first, since a log
// left beside the new file would be replayed into it.
func swapIn(ctx context.Context, fresh, dbPath string, now time.Time) (string, error) {
	kept := ""
	if _, err := os.Stat(dbPath); err == nil {
		if err := foldLog(ctx, dbPath); err != nil {
			return "", err
		}
		kept = keptName(dbPath, now)
		for _, p := range [][2]string{{dbPath, kept}, {keyPath(dbPath), keyPath(kept)}, {witnessPath(dbPath), witnessPath(kept)}} {
			if err := os.Link(p[0], p[1]); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("cannot keep the current file before restoring, so nothing was changed: %w", err)
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	// The key and witness first, the database last: until the database's rename, a
	// failure leaves the old database with its own kept files to put back.
	for _, p := range [][2]string{{keyPath(fresh), keyPath(dbPath)}, {witnessPath(fresh), witnessPath(dbPath)}, {fresh, dbPath}} {
		if err := os.Rename(p[0], p[1]); err != nil {
			if kept != "" {
				return kept, fmt.Errorf("the restore stopped half-way (%v): the files replaced are kept as %s and its .audit-key and .audit-witness", err, kept)
			}
			return "", fmt.Errorf("the restore stopped half-way: %w", err)
		}
	}
	os.Remove(dbPath + "-shm")
	syncDir(filepath.Dir(dbPath))
	return kept, nil
}

// foldLog checkpoints a write-ahead log left beside dbPath (a desk that crashed) into
// it, and fails when one remains.
func foldLog(ctx context.Context, dbPath string) error {
	if info, err := os.Stat(dbPath + "-wal"); err != nil || info.Size() == 0 {
		os.Remove(dbPath + "-wal")
		return nil
	}
	db, err := sql.Open("sqlite", rawDSN(dbPath, false))
	if err == nil {
		_, err = db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		db.Close()
	}
	if info, serr := os.Stat(dbPath + "-wal"); err != nil || (serr == nil && info.Size() > 0) {
		return fmt.Errorf("%s has a write-ahead log that could not be folded into it (%v), so nothing was changed; open it with clinicdesk once, close it, and restore again", dbPath, err)
	}
	os.Remove(dbPath + "-wal")
	return nil
}

// keptName is dbPath.before-restore-YYYYMMDD-HHMMSS, with -2, -3… when a restore in
// the same second already used it.
func keptName(dbPath string, now time.Time) string {
	base := dbPath + ".before-restore-" + now.Format("20060102-150405")
	name := base
	for n := 2; ; n++ {
		taken := false
		for _, p := range []string{name, keyPath(name), witnessPath(name)} {
			if _, err := os.Lstat(p); err == nil {
				taken = true
			}
		}
		if !taken {
			return name
		}
		name = fmt.Sprintf("%s-%d", base, n)
	}
}
