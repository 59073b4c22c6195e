package store

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The audit trail's two files beside the database. The key is the clinic's secret: the
// chain is sealed with HMAC-SHA-256 under it, so whoever holds only the database file
// cannot seal a row. The witness is an append-only log of the chain's head, one line per
// sealing commit, so a database cut short or rolled back to an older copy no longer
// matches it. Both are made 0600 and go into every backup with the database.
const (
	auditKeySuffix     = ".audit-key"
	auditWitnessSuffix = ".audit-witness"
	auditKeySize       = 32
)

// AuditKeyPath is where the audit key of the database at dbPath lives.
func AuditKeyPath(dbPath string) string { return dbPath + auditKeySuffix }

// AuditWitnessPath is where the audit witness of the database at dbPath lives.
func AuditWitnessPath(dbPath string) string { return dbPath + auditWitnessSuffix }

// AuditFileError is a missing or damaged audit key or witness: the store will not write
// to a database whose sealed trail it could not extend or check.
type AuditFileError struct {
	Path    string
	Problem string
}

func (e *AuditFileError) Error() string { return e.Path + ": " + e.Problem }

// auditSeal is the store's audit secret and witness, loaded at Open.
type auditSeal struct {
	key     []byte // nil when the key file is missing: nothing can be sealed or checked
	keyErr  error  // why nothing is written: the key or the witness is missing or damaged
	witness *witness
	anchor  witnessHead // the witness's first line: the unkeyed chain's head when the key was made
	last    witnessHead // the witness's last line when the store opened
}

// loadAuditSeal reads the key beside the database, making it (and the witness) when the
// database has no row sealed under a key yet: a new database, or one upgraded from a
// version that sealed with plain SHA-256. The witness then starts with an anchor line
// holding the unkeyed chain's head, so that re-sealing that older part of the chain is
// reported too.
//
// cookie is the file's schema cookie (PRAGMA schema_version) once upgraded, which each
// witness line records; an upgrade in this open (migrated) is recorded by a line of its
// own, so that the upgrade's schema change is not taken for one made outside ClinicDesk.
func loadAuditSeal(ctx context.Context, db *sql.DB, dbPath string, cookie int64, migrated bool) (*auditSeal, error) {
	return loadAuditSealOnce(ctx, db, dbPath, cookie, migrated, false)
}

func loadAuditSealOnce(ctx context.Context, db *sql.DB, dbPath string, cookie int64, migrated, retried bool) (*auditSeal, error) {
	keyPath, witnessPath := AuditKeyPath(dbPath), AuditWitnessPath(dbPath)
	key, err := os.ReadFile(keyPath)
	switch {
	case err == nil && len(key) != auditKeySize:
		return &auditSeal{keyErr: &AuditFileError{keyPath, fmt.Sprintf("the audit key is damaged (%d bytes, not %d)", len(key), auditKeySize)}}, nil
	case err == nil:
		w, werr := openWitness(witnessPath)
		if werr != nil {
			return &auditSeal{key: key, keyErr: werr}, nil
		}
		wt, werr := readWitness(witnessPath)
		if werr != nil {
			w.close()
			return &auditSeal{key: key, keyErr: fmt.Errorf("%w; nothing is written until it is put back from the backup kept with the database", werr)}, nil
		}
		last := wt.last()
		if migrated {
			last.Cookie = cookie
			if err := w.append(last, time.Now(), "upgraded"); err != nil {
				w.close()
				return nil, fmt.Errorf("write the audit witness: %w", err)
			}
		}
		return &auditSeal{key: key, witness: w, anchor: wt.Anchor, last: last}, nil
	case !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("read the audit key: %w", err)
	}
	var keyed int
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit_log WHERE typeof(hash) = 'blob' AND `+sealed("hash")+` OR hash LIKE '`+macPrefix+`%')`).Scan(&keyed); err != nil {
		return nil, fmt.Errorf("read the audit log: %w", translate(err))
	}
	if keyed == 1 {
		return &auditSeal{keyErr: &AuditFileError{keyPath, "the audit key is missing, and this database's audit trail was sealed with it: " +
			"put the key back from the backup kept with the database; nothing is written until then"}}, nil
	}
	var anchorID int64
	var anchorHash sql.NullString
	err = db.QueryRowContext(ctx, `SELECT id, `+SealText("hash")+` FROM audit_log WHERE `+sealed("hash")+` ORDER BY id DESC LIMIT 1`).Scan(&anchorID, &anchorHash)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read the audit log: %w", translate(err))
	}
	key = make([]byte, auditKeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	// The witness first: a key without its witness's anchor would leave the unkeyed
	// chain unpinned. A witness without a key (a crash between the two) holds nothing
	// but that anchor, and is replaced whole.
	// The access log's rows so far were written before its chain: they stay unsealed.
	var accessID int64
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM access_log`).Scan(&accessID); err != nil {
		return nil, fmt.Errorf("read the access log: %w", translate(err))
	}
	anchor := witnessHead{ID: anchorID, Hash: anchorHash.String, Cookie: cookie, Access: &witnessHead{ID: accessID}}
	tmp := fmt.Sprintf("%s.%d.tmp", witnessPath, os.Getpid())
	if err := writeNewFile(tmp, []byte(witnessLine(anchor, time.Now(), "anchor"))); err != nil {
		return nil, fmt.Errorf("make the audit witness: %w", err)
	}
	if err := os.Rename(tmp, witnessPath); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("make the audit witness: %w", err)
	}
	if err := writeNewFile(keyPath, key); errors.Is(err, os.ErrExist) && !retried {
		// Another process opening the same new file made its key first: use that one.
		return loadAuditSealOnce(ctx, db, dbPath, cookie, migrated, true)
	} else if err != nil {
		return nil, fmt.Errorf("make the audit key: %w", err)
	}
	w, err := openWitness(witnessPath)
	if err != nil {
		return nil, err
	}
	return &auditSeal{key: key, witness: w, anchor: anchor, last: anchor}, nil
}

// writeNewFile creates path (0600, failing if it exists) with data, synced to disk.
func writeNewFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// witness is the open witness file; appends are whole lines, one write each.
type witness struct {
	mu   sync.Mutex
	path string
	f    *os.File
}

func openWitness(path string) (*witness, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if errors.Is(err, os.ErrNotExist) {
		return nil, &AuditFileError{path, "the audit witness is missing while the audit key is present: " +
			"put it back from the backup kept with the database; nothing is written until then"}
	}
	if err != nil {
		return nil, fmt.Errorf("open the audit witness: %w", err)
	}
	return &witness{path: path, f: f}, nil
}

// witnessLine is one line of the witness: the id and seal of the chain's last row, the
// time, the schema cookie, and for the first line the word anchor.
func witnessLine(h witnessHead, at time.Time, note string) string {
	hash := h.Hash
	if hash == "" {
		hash = "-"
	}
	line := strconv.FormatInt(h.ID, 10) + " " + hash + " " + at.UTC().Format(time.RFC3339) +
		" s=" + strconv.FormatInt(h.Cookie, 10)
	if a := h.Access; a != nil {
		accessHash := a.Hash
		if accessHash == "" {
			accessHash = "-"
		}
		line += " a=" + strconv.FormatInt(a.ID, 10) + ":" + accessHash
	}
	if note != "" {
		line += " " + note
	}
	return line + "\n"
}

// append records the chain's head after a commit sealed rows up to h.ID.
func (w *witness) append(h witnessHead, at time.Time, note string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, err := w.f.WriteString(witnessLine(h, at, note))
	return err
}

func (w *witness) close() error {
	if w == nil {
		return nil
	}
	return w.f.Close()
}

// witnessHead is one line of the witness.
type witnessHead struct {
	ID     int64
	Hash   string // "" for the anchor of a database with no sealed row
	At     string
	Cookie int64        // the file's schema cookie when the line was written
	Access *witnessHead // the access log's head, on lines of commits that sealed access rows
}

// witnessTail is what verify checks the database against: the anchor (the first line)
// and the heads in the file's last witnessTailBytes.
type witnessTail struct {
	Anchor witnessHead
	Heads  []witnessHead
}

const witnessTailBytes = 64 << 10

// last is the witness's last line.
func (wt witnessTail) last() witnessHead {
	if len(wt.Heads) == 0 {
		return wt.Anchor
	}
	return wt.Heads[len(wt.Heads)-1]
}

// readWitness reads the witness at path's first line and its tail.
func readWitness(path string) (witnessTail, error) {
	var wt witnessTail
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return wt, &AuditFileError{path, "the audit witness is missing"}
	}
	if err != nil {
		return wt, err
	}
	defer f.Close()
	first, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		return wt, &AuditFileError{path, "the audit witness has no anchor line (it was emptied or made by hand)"}
	}
	anchor, ok := parseWitnessLine(strings.TrimSuffix(first, "\n"))
	if !ok || !strings.HasSuffix(first, " anchor\n") {
		return wt, &AuditFileError{path, fmt.Sprintf("the audit witness's first line is not its anchor: %q", first)}
	}
	wt.Anchor = anchor
	info, err := f.Stat()
	if err != nil {
		return wt, err
	}
	start := max(0, info.Size()-witnessTailBytes)
	tail := make([]byte, info.Size()-start)
	if _, err := f.ReadAt(tail, start); err != nil && !errors.Is(err, io.EOF) {
		return wt, err
	}
	// Drop the tail's first line: the anchor, or a line the tail's start cut.
	if i := bytes.IndexByte(tail, '\n'); i >= 0 {
		tail = tail[i+1:]
	}
	lines := strings.Split(string(tail), "\n")
	for _, line := range lines[:len(lines)-1] { // the last is empty, or a line a crash cut short
		h, ok := parseWitnessLine(line)
		if !ok {
			return wt, &AuditFileError{path, fmt.Sprintf("a line of the audit witness is not a head: %q", line)}
		}
		wt.Heads = append(wt.Heads, h)
	}
	return wt, nil
}

func parseWitnessLine(line string) (witnessHead, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[3], "s=") {
		return witnessHead{}, false
	}
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || id < 0 {
		return witnessHead{}, false
	}
	cookie, err := strconv.ParseInt(f[3][2:], 10, 64)
	if err != nil {
		return witnessHead{}, false
	}
	h := witnessHead{ID: id, Hash: f[1], At: f[2], Cookie: cookie}
	for _, field := range f[4:] {
		id, hash, ok := strings.Cut(strings.TrimPrefix(field, "a="), ":")
		if !ok || !strings.HasPrefix(field, "a=") {
			continue
		}
		accessID, err := strconv.ParseInt(id, 10, 64)
		if err != nil || accessID < 0 {
			return witnessHead{}, false
		}
		if hash == "-" {
			hash = ""
		}
		h.Access = &witnessHead{ID: accessID, Hash: hash, At: h.At}
	}
	if h.Hash == "-" {
		h.Hash = ""
	}
	return h, true
}

// CutWitnessTo cuts the audit witness beside the database at dbPath back to the lines
// whose rows the database holds, for a file restored to an earlier moment (from a
// replica): its witness, copied later, names rows the restored file never had, which
// verify would rightly read as a trail cut short. The anchor line always stays. The
// database must not be open.
func CutWitnessTo(ctx context.Context, dbPath string) error {
	db, err := sql.Open("sqlite", dsn(dbPath, "NORMAL", 0, 2<<10, "deferred", true))
	if err != nil {
		return err
	}
	var auditHead, accessHead int64
	err = db.QueryRowContext(ctx, `SELECT coalesce((SELECT max(id) FROM audit_log), 0),
		coalesce((SELECT max(id) FROM access_log), 0)`).Scan(&auditHead, &accessHead)
	db.Close()
	if err != nil {
		return fmt.Errorf("read the restored file's audit heads: %w", err)
	}
	path := AuditWitnessPath(dbPath)
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	lines := strings.SplitAfter(string(data), "\n")
	keep := 1 // the anchor
	for _, line := range lines[1:] {
		h, ok := parseWitnessLine(strings.TrimSuffix(line, "\n"))
		if !ok || !strings.HasSuffix(line, "\n") || h.ID > auditHead || (h.Access != nil && h.Access.ID > accessHead) {
			break
		}
		keep++
	}
	cut := strings.Join(lines[:min(keep, len(lines))], "")
	if len(cut) == len(data) {
		return nil
	}
	return os.WriteFile(path, []byte(cut), FileMode)
}
