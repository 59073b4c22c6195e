// Package backup makes, checks and restores ClinicDesk backups: a consistent snapshot of
// the live database taken while desks keep writing, verified (integrity, foreign keys,
// the sealed audit trail), archived with the audit key and witness, and encrypted with
// age.
package backup

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"filippo.io/age"
	"modernc.org/sqlite"

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

	// AsIs archives the file at the schema it has: an older file is checked on an
	// upgraded copy, and the backup holds it un-upgraded (the backup a new binary takes
	// before it upgrades a file). Without it the backup holds the checked, upgraded file.
	AsIs bool

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

	// The passphrase's scrypt (about a second of CPU at age's default work factor) runs
	// while the snapshot is taken.
	header := startEncryption(o)

	o.step("snapshot")
	snap := filepath.Join(work, dbName)
	if err := snapshot(ctx, dbPath, snap); err != nil {
		return sum, err
	}
	o.step("verify")
	current, err := isCurrent(ctx, snap)
	if err != nil {
		return sum, err
	}
	var verified *verification
	if current {
		// A file of this build's schema is archived as it is while it is checked: the
		// store's open changes nothing in it, and the archive is renamed into place
		// only once the checks pass.
		if sum, err = headCounts(ctx, snap); err != nil {
			return sum, err
		}
		verified = verifyAsync(ctx, snap)
	} else if o.AsIs {
		// Checked on a copy, which the check upgrades; the archive holds the file as
		// it is, which a restore upgrades the same way.
		if sum, err = headCounts(ctx, snap); err != nil {
			return sum, err
		}
		check, err := copyForCheck(work, snap)
		if err != nil {
			return sum, err
		}
		v, err := verifyDir(ctx, check)
		if err != nil {
			return sum, fmt.Errorf("the snapshot does not verify, so no backup was written: %w", err)
		}
		sum.AuditRows, sum.AccessRows = v.AuditRows, v.AccessRows
		if _, err := os.Stat(keyPath(snap)); err != nil {
			// A file from before schema 7 has no key: the one its check made goes with it.
			if err := copyFile(keyPath(check), keyPath(snap), false); err != nil {
				return sum, err
			}
			// Its witness's anchor only: the lines after it name rows the upgrade wrote.
			data, err := os.ReadFile(witnessPath(check))
			if err != nil {
				return sum, err
			}
			if i := bytes.IndexByte(data, '\n'); i >= 0 {
				data = data[:i+1]
			}
			if err := os.WriteFile(witnessPath(snap), data, 0o600); err != nil {
				return sum, err
			}
		}
		if err := os.RemoveAll(filepath.Dir(check)); err != nil {
			return sum, err
		}
	} else {
		// An older file is upgraded (and, before schema 7, given its audit key) as it
		// is checked: the archive holds the checked file.
		if sum, err = verifyDir(ctx, snap); err != nil {
			return sum, fmt.Errorf("the snapshot does not verify, so no backup was written: %w", err)
		}
	}
	sum.Created = time.Now().UTC()

	o.step("write")
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
		enc, err := header.attach(w)
		if err != nil {
			return err
		}
		if err := writeArchive(enc, work, m, o.Progress); err != nil {
			return err
		}
		return enc.Close()
	}, func() error {
		if verified == nil {
			return nil
		}
		v := verified.wait()
		if v.err != nil {
			return fmt.Errorf("the snapshot does not verify, so no backup was written: %w", v.err)
		}
		if v.sum.AuditRow != m.AuditRow || v.sum.AuditMAC != m.AuditMAC || v.sum.Patients != m.Patients {
			return fmt.Errorf("the snapshot changed while it was checked (audit row %d, then %d)", m.AuditRow, v.sum.AuditRow)
		}
		sum.AuditRows, sum.AccessRows = v.sum.AuditRows, v.sum.AccessRows
		return nil
	})
	if verified != nil {
		verified.wait() // the checks finish before the working directory goes
	}
	if err != nil {
		return sum, err
	}
	sum.Size, sum.SHA256 = size, digest
	return sum, nil
}

// copyForCheck copies the snapshot (with its key and witness, when it has them) into
// a directory of its own under work, and returns the copy's path.
func copyForCheck(work, snap string) (string, error) {
	dir := filepath.Join(work, "check")
	if err := os.Mkdir(dir, 0o700); err != nil {
		return "", err
	}
	check := filepath.Join(dir, dbName)
	for _, p := range [][2]string{{snap, check}, {keyPath(snap), keyPath(check)}, {witnessPath(snap), witnessPath(check)}} {
		if err := copyFile(p[0], p[1], false); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	return check, nil
}

// verification is a verifyDir running in the background.
type verification struct {
	done chan struct{}
	sum  Summary
	err  error
}

// verifyAsync runs verifyDir on snap in the background.
func verifyAsync(ctx context.Context, snap string) *verification {
	v := &verification{done: make(chan struct{})}
	go func() {
		defer close(v.done)
		v.sum, v.err = verifyCurrent(ctx, snap)
	}()
	return v
}

// wait returns the verification once it has finished.
func (v *verification) wait() *verification {
	<-v.done
	return v
}

// isCurrent says whether the snapshot has this build's schema and its audit key, so
// that checking it changes nothing in it.
func isCurrent(ctx context.Context, snap string) (bool, error) {
	if _, err := os.Stat(keyPath(snap)); err != nil {
		return false, nil
	}
	db, err := sql.Open("sqlite", rawDSN(snap, true))
	if err != nil {
		return false, err
	}
	defer db.Close()
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("the snapshot is not an SQLite database (%v)", err)
	}
	return version == store.SchemaVersion(), nil
}

// headCounts reads what the manifest names (schema, counts, audit head) from the
// snapshot, without checking it.
func headCounts(ctx context.Context, snap string) (Summary, error) {
	var sum Summary
	db, err := sql.Open("sqlite", rawDSN(snap, true))
	if err != nil {
		return sum, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&sum.SchemaVersion); err != nil {
		return sum, fmt.Errorf("cannot read the schema version: %w", err)
	}
	err = countRecords(ctx, db, &sum)
	return sum, err
}

func countRecords(ctx context.Context, db *sql.DB, sum *Summary) error {
	var mac sql.NullString
	err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM patients), (SELECT count(*) FROM appointments),
		coalesce((SELECT id FROM audit_log ORDER BY id DESC LIMIT 1), 0), (SELECT `+store.SealText("hash")+` FROM audit_log ORDER BY id DESC LIMIT 1)`).
		Scan(&sum.Patients, &sum.Appointments, &sum.AuditRow, &mac)
	sum.AuditMAC = mac.String
	if err != nil {
		return fmt.Errorf("cannot count the records: %w", err)
	}
	return nil
}

// pendingHeader is an age header being made (its scrypt run) in the background; its
// bytes wait in a buffer until the backup file is open.
type pendingHeader struct {
	done chan struct{}
	buf  lateWriter
	enc  io.WriteCloser
	err  error
}

func startEncryption(o Options) *pendingHeader {
	h := &pendingHeader{done: make(chan struct{})}
	if o.Plain {
		close(h.done)
		return h
	}
	go func() {
		defer close(h.done)
		h.enc, h.err = Encrypt(&h.buf, o)
	}()
	return h
}

// Encrypt returns the age stream that encrypts what is written to it into w, to o's
// passphrase (scrypt, at o.WorkFactor) and recipients; closing it finishes the file.
// The patient export encrypts with it as a backup does.
func Encrypt(w io.Writer, o Options) (io.WriteCloser, error) {
	recipients := o.Recipients
	if len(o.Passphrase) > 0 {
		r, err := age.NewScryptRecipient(string(o.Passphrase))
		if err != nil {
			return nil, err
		}
		if o.WorkFactor > 0 {
			r.SetWorkFactor(o.WorkFactor)
		}
		recipients = append(recipients, r)
	}
	return age.Encrypt(w, recipients...)
}

// attach waits for the header, writes it to w, and returns the stream that encrypts
// into w.
func (h *pendingHeader) attach(w io.Writer) (io.WriteCloser, error) {
	<-h.done
	if h.err != nil {
		return nil, h.err
	}
	if err := h.buf.attach(w); err != nil {
		return nil, err
	}
	return h.enc, nil
}

// lateWriter buffers what is written to it until attach gives it its destination.
type lateWriter struct {
	buf bytes.Buffer
	w   io.Writer
}

func (l *lateWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		return l.buf.Write(p)
	}
	return l.w.Write(p)
}

func (l *lateWriter) attach(w io.Writer) error {
	l.w = w
	_, err := w.Write(l.buf.Bytes())
	l.buf = bytes.Buffer{}
	return err
}

// writeOut writes the backup file out (see WriteNew).
func writeOut(out string, fill func(io.Writer) error, ready func() error) (int64, string, error) {
	return WriteNew(out, "backup", fill, ready)
}

// WriteNew writes out.tmp (0600) with fill, syncs it, and renames it to out once ready
// (when not nil) agrees, so out appears only whole; it never replaces a file. what
// names the file in errors ("backup", "export"). It returns the file's size and
// SHA-256; on failure out.tmp is removed.
func WriteNew(out, what string, fill func(io.Writer) error, ready func() error) (int64, string, error) {
	if _, err := os.Lstat(out); err == nil {
		return 0, "", fmt.Errorf("%s already exists; choose a new name for the %s", out, what)
	}
	tmp := out + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return 0, "", fmt.Errorf("%s is left from a %s that was interrupted (or is running): remove it and try again", tmp, what)
	}
	if err != nil {
		return 0, "", fmt.Errorf("cannot write the %s: %w", what, err)
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
	if err != nil {
		os.Remove(tmp)
		return 0, "", fmt.Errorf("cannot write the %s %s: %w", what, out, err)
	}
	if ready != nil {
		if err := ready(); err != nil {
			os.Remove(tmp)
			return 0, "", err
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		return 0, "", fmt.Errorf("cannot write the %s %s: %w", what, out, err)
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

// snapshot copies the live database into snap with SQLite's online backup, in one step
// (one read transaction: writers go on meanwhile), with the audit key and witness beside
// it. The witness is copied first: every line in it names rows that were committed
// before the snapshot's read began, so the snapshot is at or ahead of it, never behind
// (behind would read as a trail cut short). A file from before schema 7 has no key yet;
// checking its snapshot makes one.
func snapshot(ctx context.Context, dbPath, snap string) error {
	if err := copyFile(keyPath(dbPath), keyPath(snap), false); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot read the audit key: %w", err)
	}
	if err := copyFile(witnessPath(dbPath), witnessPath(snap), true); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot read the audit witness: %w", err)
	}
	if err := Snapshot(ctx, dbPath, snap); err != nil {
		return fmt.Errorf("cannot take a snapshot of %s: %w", dbPath, err)
	}
	return nil
}

// Snapshot copies the database at src into dst (new, 0600) page by page with SQLite's
// online backup API, in one step inside one read transaction: the copy is that
// transaction's view, and writers in other connections and processes go on meanwhile.
// It is what `sqlite3 .backup` does (the floor the backup benchmarks compare with),
// except that the copy keeps the source's schema cookie, which the backup API steps
// and the audit witness records.
func Snapshot(ctx context.Context, src, dst string) error {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	cookie, err := copyPages(ctx, src, dst)
	if err != nil {
		return err
	}
	return setCookie(ctx, dst, cookie)
}

// copyPages runs the backup API from src to dst and returns src's schema cookie as
// of the copy.
func copyPages(ctx context.Context, src, dst string) (int64, error) {
	db, err := sql.Open("sqlite", rawDSN(src, true))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	// The backup reads inside the connection's open read transaction, the one the
	// cookie is read in.
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return 0, err
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	var cookie int64
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&cookie); err != nil {
		return 0, err
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&cookie); err != nil {
		return 0, err
	}
	err = conn.Raw(func(dc any) error {
		b, ok := dc.(interface {
			NewBackup(string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("the SQLite driver has no backup API")
		}
		bk, err := b.NewBackup(dst)
		if err != nil {
			return err
		}
		if _, err := bk.Step(-1); err != nil {
			bk.Finish()
			return err
		}
		return bk.Finish()
	})
	return cookie, err
}

// setCookie sets the schema cookie of the database at path, which nobody else has open.
func setCookie(ctx context.Context, path string, cookie int64) error {
	db, err := sql.Open("sqlite", rawDSN(path, false))
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA schema_version = %d", cookie)); err != nil {
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

// copyFile copies src into a new file dst (0600), streamed: a database is never held in
// memory whole (the check of an older file's snapshot before an upgrade read the large
// demo's 2.6 GB into memory to copy it). With wholeLines (the witness, a few KB that a
// writer may be appending to) only the lines complete when read are copied.
func copyFile(src, dst string, wholeLines bool) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	var from io.Reader = in
	if wholeLines {
		data, err := io.ReadAll(in)
		if err != nil {
			return err
		}
		if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
			data = data[:i+1]
		}
		from = bytes.NewReader(data)
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, from); err != nil {
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
	if sum, err = verifyTrail(ctx, db, sum); err != nil {
		return sum, err
	}
	return checkedFile(ctx, db, sum)
}

// verifyCurrent is verifyDir for a file of this build's schema (isCurrent), which
// opening it changes nothing in: SQLite's checks and the audit trail's, each CPU-bound
// for seconds on a large clinic, run side by side.
func verifyCurrent(ctx context.Context, db string) (Summary, error) {
	var sum Summary
	raw, err := sql.Open("sqlite", rawDSN(db, true))
	if err != nil {
		return sum, err
	}
	checked := make(chan error, 1)
	go func() { checked <- rawChecks(ctx, raw, &sum) }()
	trail, err := verifyTrail(ctx, db, Summary{})
	cerr := <-checked
	raw.Close()
	if cerr != nil {
		return sum, cerr
	}
	if err != nil {
		return sum, err
	}
	sum.AuditRows, sum.AccessRows = trail.AuditRows, trail.AccessRows
	return checkedFile(ctx, db, sum)
}

// verifyTrail opens db with the store (upgrading an older file), verifies its audit
// trail and access log, and returns sum with the trail's counts.
func verifyTrail(ctx context.Context, db string, sum Summary) (Summary, error) {
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
	return sum, nil
}

// checkedFile completes sum once every connection to the checked file has closed: the
// schema version it now has and its records counted.
func checkedFile(ctx context.Context, db string, sum Summary) (Summary, error) {
	if _, err := os.Stat(db + "-wal"); err == nil {
		return sum, fmt.Errorf("the checked copy kept a write-ahead log after closing")
	}
	raw, err := sql.Open("sqlite", rawDSN(db, true))
	if err != nil {
		return sum, err
	}
	defer raw.Close()
	// Opening it with the store upgraded an older file: the summary names the schema
	// the checked file now has, which is what a backup made from it holds.
	if err := raw.QueryRowContext(ctx, "PRAGMA user_version").Scan(&sum.SchemaVersion); err != nil {
		return sum, fmt.Errorf("cannot read the schema version: %w", err)
	}
	return sum, countRecords(ctx, raw, &sum)
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
