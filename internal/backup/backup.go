// Package backup makes, checks and restores ClinicDesk backups: a consistent snapshot of
// the live database taken while desks keep writing, verified (integrity, foreign keys,
// the sealed audit trail), archived with the audit key and witness, and encrypted with
// age.
package backup

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"filippo.io/age"

	"github.com/clinicdesk/clinicdesk/store"
)

func keyPath(db string) string     { return store.AuditKeyPath(db) }
func witnessPath(db string) string { return store.AuditWitnessPath(db) }

// Options says how Create encrypts the backup: to a passphrase (scrypt), to age
// recipients, or not at all (Plain).
type Options struct {
	Passphrase []byte
	Recipients []age.Recipient
	Plain      bool
	// Step, when set, is told each step as it starts ("snapshot", "verify", …).
	Step func(step string)
	// Progress, when set, is told how far the write step has come, in bytes of the
	// database, key and witness archived.
	Progress func(done, total int64)

	// WorkFactor is scrypt's log2 work factor for a passphrase; 0 is age's default (18).
	// Tests lower it: each unit halves the cost of encrypting and of opening the backup.
	WorkFactor int
	wrapOutput func(w io.Writer) io.Writer // tests: a writer that fails part-way
}

// Summary is what a made or checked backup holds.
type Summary struct {
	Size          int64  // bytes of the backup file
	SHA256        string // of the backup file
	Encrypted     bool
	SchemaVersion int
	Patients      int64
	Appointments  int64
	AuditRow      int64  // the audit trail's last row
	AuditMAC      string // its seal
	AuditRows     int64  // rows checked
	AccessRows    int64
	Created       time.Time
}

func (o Options) step(s string) {
	if o.Step != nil {
		o.Step(s)
	}
}

// Create backs up the database at dbPath into out, which must not exist. Desks may keep
// writing meanwhile: the snapshot is SQLite's VACUUM INTO, one read transaction. out
// appears only once whole, verified and synced; on failure nothing is left at out or
// out.tmp.
func Create(ctx context.Context, dbPath, out string, o Options) (Summary, error) {
	var sum Summary
	if !o.Plain && len(o.Passphrase) == 0 && len(o.Recipients) == 0 {
		return sum, errors.New("a backup is encrypted to a passphrase or a recipient, or made with --plain")
	}
	if _, err := os.Lstat(out); err == nil {
		return sum, fmt.Errorf("%s already exists; choose a new name for the backup", out)
	}
	lock, err := store.LockShared(dbPath)
	if err != nil {
		return sum, err
	}
	defer lock.Release()
	// The unencrypted snapshot is made beside the live file, under its protection, not
	// beside the backup, which may be on a medium that leaves the machine.
	work, err := workDir(filepath.Dir(dbPath), "backup")
	if err != nil {
		return sum, fmt.Errorf("cannot make a working directory beside %s: %w", dbPath, err)
	}
	defer os.RemoveAll(work)

	o.step("snapshot")
	snap := filepath.Join(work, dbName)
	if err := snapshot(ctx, dbPath, snap); err != nil {
		return sum, err
	}
	o.step("verify")
	sum, err = verifyDir(ctx, snap)
	if err != nil {
		return sum, fmt.Errorf("the snapshot does not verify, so no backup was written: %w", err)
	}
	sum.Created = time.Now().UTC()

	o.step("write")
	recipients := o.Recipients
	if len(o.Passphrase) > 0 {
		r, err := age.NewScryptRecipient(string(o.Passphrase))
		if err != nil {
			return sum, err
		}
		if o.WorkFactor > 0 {
			r.SetWorkFactor(o.WorkFactor)
		}
		recipients = append(recipients, r)
	}
	sum.Encrypted = !o.Plain
	m := manifest{Format: formatNumber, Created: sum.Created, SchemaVersion: sum.SchemaVersion, Patients: sum.Patients,
		Appointments: sum.Appointments, AuditRow: sum.AuditRow, AuditMAC: sum.AuditMAC}
	size, digest, err := writeOut(out, func(w io.Writer) error {
		if o.wrapOutput != nil {
			w = o.wrapOutput(w)
		}
		if o.Plain {
			return writeArchive(w, work, m, o.Progress)
		}
		enc, err := age.Encrypt(w, recipients...)
		if err != nil {
			return err
		}
		if err := writeArchive(enc, work, m, o.Progress); err != nil {
			return err
		}
		return enc.Close()
	})
	if err != nil {
		return sum, err
	}
	sum.Size, sum.SHA256 = size, digest
	return sum, nil
}

// writeOut writes out.tmp (0600) with fill, syncs it, and renames it to out. It returns
// the file's size and SHA-256; on failure out.tmp is removed.
func writeOut(out string, fill func(io.Writer) error) (int64, string, error) {
	tmp := out + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return 0, "", fmt.Errorf("%s is left from a backup that was interrupted (or is running): remove it and try again", tmp)
	}
	if err != nil {
		return 0, "", fmt.Errorf("cannot write the backup: %w", err)
	}
	h := sha256.New()
	cw := &countingWriter{w: io.MultiWriter(f, h)}
	err = fill(cw)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, out)
	}
	if err != nil {
		os.Remove(tmp)
		return 0, "", fmt.Errorf("cannot write the backup %s: %w", out, err)
	}
	syncDir(filepath.Dir(out))
	return cw.n, hex.EncodeToString(h.Sum(nil)), nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// syncDir makes a rename in dir durable; a directory that cannot be synced (some file
// systems refuse) leaves the rename to the next sync.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// snapshot copies the live database into snap with VACUUM INTO, with the audit key and
// witness beside it. The witness is copied first: every line in it names rows that
// were committed before the snapshot's read began, so the snapshot is at or ahead of
// it, never behind (behind would read as a trail cut short).
func snapshot(ctx context.Context, dbPath, snap string) error {
	if err := copyFile(keyPath(dbPath), keyPath(snap), false); err != nil {
		return fmt.Errorf("cannot read the audit key: %w", err)
	}
	if err := copyFile(witnessPath(dbPath), witnessPath(snap), true); err != nil {
		return fmt.Errorf("cannot read the audit witness: %w", err)
	}
	db, err := sql.Open("sqlite", rawDSN(dbPath, false))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", snap); err != nil {
		return fmt.Errorf("cannot take a snapshot of %s: %w", dbPath, err)
	}
	if err := os.Chmod(snap, 0o600); err != nil {
		return err
	}
	return restoreCookie(ctx, snap)
}

// restoreCookie undoes VACUUM INTO's step of the schema cookie (it writes the source's
// plus one). The witness records the cookie of each commit and the store tolerates one
// step (a VACUUM's), so a backup of a restored backup would otherwise read as a schema
// changed outside ClinicDesk. Nobody else has the snapshot open.
func restoreCookie(ctx context.Context, snap string) error {
	db, err := sql.Open("sqlite", rawDSN(snap, false))
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var cookie int64
	if err := conn.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&cookie); err != nil {
		return fmt.Errorf("cannot read the snapshot's schema version: %w", err)
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA schema_version = %d", cookie-1)); err != nil {
		return fmt.Errorf("cannot set the snapshot's schema version: %w", err)
	}
	return nil
}

// rawDSN opens a database file without the store: for the snapshot, and for checks
// that must not change the file.
func rawDSN(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// copyFile copies src to dst (0600, new). wholeLines copies only up to the last line
// end: the witness may be half-way through an append.
func copyFile(src, dst string, wholeLines bool) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if wholeLines {
		if i := strings.LastIndexByte(string(data), '\n'); i >= 0 {
			data = data[:i+1]
		}
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// verifyDir checks the database at db (with its key and witness beside it): SQLite's
// integrity and foreign key checks, then the audit trail through the store, which
// upgrades a file of an older schema and refuses one of a newer.
func verifyDir(ctx context.Context, db string) (Summary, error) {
	var sum Summary
	raw, err := sql.Open("sqlite", rawDSN(db, true))
	if err != nil {
		return sum, err
	}
	err = rawChecks(ctx, raw, &sum)
	raw.Close()
	if err != nil {
		return sum, err
	}
	if sum.SchemaVersion > store.SchemaVersion() {
		return sum, fmt.Errorf("it was written by a newer ClinicDesk (schema version %d; this one knows up to %d): upgrade ClinicDesk to use it",
			sum.SchemaVersion, store.SchemaVersion())
	}
	s, err := store.Open(ctx, db)
	if err != nil {
		return sum, err
	}
	report, err := s.VerifyAudit(ctx)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return sum, err
	}
	if !report.Intact() {
		n := len(report.Problems) + report.Unlisted
		return sum, fmt.Errorf("its audit trail has %d problem(s), the first: %s", n, report.Problems[0].String())
	}
	sum.AuditRows, sum.AccessRows = report.Checked, report.Accesses
	if _, err := os.Stat(db + "-wal"); err == nil {
		return sum, fmt.Errorf("the checked copy kept a write-ahead log after closing")
	}
	raw, err = sql.Open("sqlite", rawDSN(db, true))
	if err != nil {
		return sum, err
	}
	defer raw.Close()
	// Opening it with the store upgraded an older file: the summary names the schema
	// the checked file now has, which is what a backup made from it holds.
	if err := raw.QueryRowContext(ctx, "PRAGMA user_version").Scan(&sum.SchemaVersion); err != nil {
		return sum, fmt.Errorf("cannot read the schema version: %w", err)
	}
	var mac sql.NullString
	err = raw.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM patients), (SELECT count(*) FROM appointments),
		coalesce((SELECT id FROM audit_log ORDER BY id DESC LIMIT 1), 0), (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)`).
		Scan(&sum.Patients, &sum.Appointments, &sum.AuditRow, &mac)
	sum.AuditMAC = mac.String
	if err != nil {
		return sum, fmt.Errorf("cannot count the records: %w", err)
	}
	return sum, nil
}

func rawChecks(ctx context.Context, db *sql.DB, sum *Summary) error {
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&sum.SchemaVersion); err != nil {
		return fmt.Errorf("it is not an SQLite database (%v)", err)
	}
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("the integrity check could not run: %w", err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("the integrity check could not run: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("SQLite's integrity check found %d problem(s), the first: %s", len(problems), problems[0])
	}
	rows, err = db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("the foreign key check could not run: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("a row of %s (rowid %d) points to a missing row of %s", table, rowid.Int64, parent)
	}
	return rows.Err()
}

// hashReader reads r to its end and returns its size and SHA-256.
func hashReader(r io.Reader) (int64, string, error) {
	h := sha256.New()
	n, err := io.Copy(h, r)
	return n, hex.EncodeToString(h.Sum(nil)), err
}

// workDir makes a private working directory in dir named .clinicdesk-KIND-PID-…, after
// removing those that processes no longer running left (a backup or restore killed
// half-way leaves its unencrypted copy there).
func workDir(dir, kind string) (string, error) {
	prefix := ".clinicdesk-" + kind + "-"
	old, _ := filepath.Glob(filepath.Join(dir, prefix+"*"))
	for _, p := range old {
		pidText, _, _ := strings.Cut(strings.TrimPrefix(filepath.Base(p), prefix), "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid <= 0 {
			continue
		}
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			os.RemoveAll(p)
		}
	}
	return os.MkdirTemp(dir, prefix+strconv.Itoa(os.Getpid())+"-")
}
