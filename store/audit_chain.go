package store

import (
	"bytes"
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// auditRow is one audit_log row as the hash chain sees it.
type auditRow struct {
	ID        int64
	At        string
	ActorID   sql.NullInt64
	ActorName sql.NullString
	Table     string
	RowID     sql.NullInt64
	PatientID sql.NullInt64
	Action    string
	Shape     sql.NullInt64 // the names of the values (audit_shapes), NULL when they are a JSON object
	OldValues sql.NullString
	NewValues sql.NullString
	// ValuesDigest is an insert's new values recorded by reference (values_digest, see
	// schema.sql): their digest, with NewValues NULL. nil for every other row.
	ValuesDigest []byte
}

const auditRowColumns = `id, at, actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values`

// fields are where a scan of auditRowColumns puts each column, in order.
func (r *auditRow) fields() []any {
	return []any{&r.ID, &r.At, &r.ActorID, &r.ActorName, &r.Table, &r.RowID, &r.PatientID,
		&r.Action, &r.Shape, &r.OldValues, &r.NewValues}
}

// canonical is the row's content in one fixed encoding: a JSON array in column order,
// with SQL NULL as JSON null. The hash covers exactly this.
func (r auditRow) canonical() []byte {
	nullable := func(v any, valid bool) any {
		if !valid {
			return nil
		}
		return v
	}
	b, _ := json.Marshal([]any{
		r.ID, r.At,
		nullable(r.ActorID.Int64, r.ActorID.Valid), nullable(r.ActorName.String, r.ActorName.Valid),
		r.Table,
		nullable(r.RowID.Int64, r.RowID.Valid), nullable(r.PatientID.Int64, r.PatientID.Valid),
		r.Action,
		nullable(r.OldValues.String, r.OldValues.Valid), nullable(r.NewValues.String, r.NewValues.Valid),
	})
	return b
}

// chainHash is sha256(prev hash ‖ canonical row), hex-encoded: the unkeyed seal of
// schema versions 5 and 6, which anyone holding the file could recompute. Rows sealed so
// by those versions stay verifiable with it; the keyed chain (macPrefix) goes on from
// their last row.
func chainHash(prev string, r auditRow) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write(r.canonical())
	return hex.EncodeToString(h.Sum(nil))
}

// macPrefix starts the hash of a row sealed with the clinic's key:
// "m1:" + hex(HMAC-SHA-256(key, "clinicdesk audit m1" ‖ 0 ‖ prev ‖ 0 ‖ header ‖
// digest(old_values) ‖ digest(new_values))), where header is the row's id, time, actor,
// table, row, patient and action, each field written as n (NULL), i<digits>; or
// s<length>:<bytes>, so no two rows share one. A row whose values are named by a shape
// (schema version 20 on) has two more fields in its header: the shape's number and
// d<sha256 of its columns as audit_shapes holds them>, so renaming a shape's columns
// breaks the seals of its rows. The fields frame themselves, so a header with them is
// never a header without them. The MAC covers the values only through
// their digests, so the erasure of a patient's data can replace a value with an erasure
// marker holding its digest (erasedValue) and the chain still verifies; and an insert
// recorded by reference (schema version 23 on) stores only that digest of its new
// values (values_digest), so its seal is the one the row with its values would have.
const macPrefix = "m1:"

// sealer computes keyed seals; it reuses its hash states and buffer, so it serves one
// goroutine.
type sealer struct {
	mac    hash.Hash
	values hash.Hash
	shapes auditShapes
	buf    []byte
}

func newSealer(key []byte, shapes auditShapes) *sealer {
	return &sealer{mac: hmac.New(sha256.New, key), values: sha256.New(), shapes: shapes, buf: make([]byte, 0, 64)}
}

func (s *sealer) seal(prev string, r auditRow) string {
	return s.sum("clinicdesk audit m1\x00", prev, r, nil)
}

// sum is the keyed MAC of the row after the domain and prev, as seal describes; with
// actorDigest, the actor's name is framed as 'd' and its digest instead of its text
// (an erasure's seal, see audit_erasure.go).
func (s *sealer) sum(domain, prev string, r auditRow, actorDigest []byte) string {
	b := s.buf[:0]
	b = append(b, domain...)
	s.mac.Reset()
	s.mac.Write(b)
	s.mac.Write([]byte(prev))
	b = append(b[:0], 0)
	b = appendInt(b, r.ID, true)
	b = appendString(b, r.At, true)
	b = appendInt(b, r.ActorID.Int64, r.ActorID.Valid)
	if actorDigest != nil {
		b = append(append(b, 'd'), actorDigest...)
	} else {
		b = appendString(b, r.ActorName.String, r.ActorName.Valid)
	}
	b = appendString(b, r.Table, true)
	b = appendInt(b, r.RowID.Int64, r.RowID.Valid)
	b = appendInt(b, r.PatientID.Int64, r.PatientID.Valid)
	b = appendString(b, r.Action, true)
	if r.Shape.Valid {
		b = appendInt(b, r.Shape.Int64, true)
		if d, known := s.shapes[r.Shape.Int64]; known {
			b = append(append(b, 'd'), d[:]...)
		} else {
			b = append(b, 'n')
		}
	}
	b = s.valueDigest(b, r.OldValues)
	if r.ValuesDigest != nil && !r.NewValues.Valid {
		b = append(b, r.ValuesDigest...) // the digest valueDigest makes of the values
	} else {
		b = s.valueDigest(b, r.NewValues)
	}
	s.mac.Write(b)
	b = s.mac.Sum(b[:0])
	out := make([]byte, len(macPrefix)+hex.EncodedLen(len(b)))
	copy(out, macPrefix)
	hex.Encode(out[len(macPrefix):], b)
	s.buf = b
	return string(out)
}

func appendInt(b []byte, v int64, valid bool) []byte {
	if !valid {
		return append(b, 'n')
	}
	b = strconv.AppendInt(append(b, 'i'), v, 10)
	return append(b, ';')
}

func appendString(b []byte, v string, valid bool) []byte {
	if !valid {
		return append(b, 'n')
	}
	b = strconv.AppendInt(append(b, 's'), int64(len(v)), 10)
	return append(append(b, ':'), v...)
}

// erasedValue is the marker that replaces an erased value (see audit_erasure.go): it
// holds the value's digest, which is all the seal covers.
var erasedValue = regexp.MustCompile(`^\{"erased_sha256":"([0-9a-f]{64})"\}$`)

// valueDigest appends sha256(0) for NULL and sha256(1 ‖ text) for a value; for an
// erasure marker, the digest it holds.
func (s *sealer) valueDigest(b []byte, v sql.NullString) []byte {
	if v.Valid && strings.HasPrefix(v.String, `{"erased_sha256":`) {
		if m := erasedValue.FindStringSubmatch(v.String); m != nil {
			d, _ := hex.DecodeString(m[1])
			return append(b, d...)
		}
	}
	return appendValuesDigest(s.values, b, []byte(v.String), v.Valid)
}

// appendValuesDigest appends what a seal covers of a value, made with h (reset first):
// sha256(0) for NULL, sha256(1 ‖ values) for a value.
func appendValuesDigest(h hash.Hash, b, values []byte, valid bool) []byte {
	h.Reset()
	if !valid {
		h.Write([]byte{0})
		return h.Sum(b)
	}
	h.Write([]byte{1})
	h.Write(values)
	return h.Sum(b)
}

// ForeignAuditRowError is an audit row that appeared during a write transaction under
// another actor than the one the transaction runs for: a trigger that is not
// ClinicDesk's wrote it, or changed audit_context to act as someone else. The
// transaction is rolled back instead of sealing it.
type ForeignAuditRowError struct {
	Row    int64
	Access bool   // an access_log row, not an audit_log one
	Actor  string // the actor the row names
	Want   string // the transaction's actor
}

func (e *ForeignAuditRowError) Error() string {
	log := "audit"
	if e.Access {
		log = "access log"
	}
	return fmt.Sprintf("%s row %d names %q but this change was made by %q: something outside ClinicDesk wrote it, so nothing was saved; run `clinicdesk audit verify`",
		log, e.Row, e.Actor, e.Want)
}

// errNoChainHead is a chain whose last good seal cannot be found: every sealed row after
// the witness's anchor fails its seal, and so does the anchor.
var errNoChainHead = errors.New("the audit trail's last sealed row does not match its seal or the witness, so nothing more can be sealed onto it: run `clinicdesk audit verify`")

// chainHead is the hash of the last row before auditFrom whose seal is good, the row the
// next seal links to. A row sealed by hand (the schema lets a row left unsealed be
// given a hash once) is passed over, so the desk never chains onto a forged seal; when
// no sealed row is good, nothing is sealed at all.
func chainHead(ctx context.Context, tx *Tx, sl *sealer, anchor witnessHead) (string, error) {
	rows, err := tx.query(ctx, `SELECT `+auditRowColumns+`, `+sealColumns+`, values_digest FROM audit_log
		WHERE id <= ? AND `+sealed("hash")+` ORDER BY id DESC`, tx.auditFrom)
	if err != nil {
		return "", fmt.Errorf("seal audit: %w", err)
	}
	defer rows.Close()
	passed := false
	for rows.Next() {
		var r auditRow
		var prevHash, hash sql.NullString
		if err := rows.Scan(append(r.fields(), &prevHash, &hash, &r.ValuesDigest)...); err != nil {
			return "", fmt.Errorf("seal audit: %w", err)
		}
		passed = true
		switch {
		case r.ID < anchor.ID || r.ID == anchor.ID && hash.String != anchor.Hash:
			return "", errNoChainHead
		case r.ID == anchor.ID:
			return hash.String, nil
		case strings.HasPrefix(hash.String, macPrefix) && sl.holds(prevHash.String, hash.String, r):
			return hash.String, nil
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("seal audit: %w", translate(err))
	}
	if anchor.ID > 0 || passed {
		return "", errNoChainHead
	}
	return "", nil
}

// writtenRowsQuery reads both logs' rows after ?1 and ?2. writtenRows puts them in id
// order: an ORDER BY sorted each log's rows in a temporary table, although each comes in
// id order from its primary key.
//
// An insert recorded by reference, written with 32 zero bytes as its values' digest,
// comes with the values audit_inserted_values finds for it now (the row as the
// transaction leaves it, or the old values of its change later in the transaction),
// whose digest its seal covers.
const writtenRowsQuery = `SELECT 0, id, at, actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values, shape,
		values_digest, CASE WHEN values_digest = ` + unsealedSeal + `
			THEN (SELECT i.new_values FROM audit_inserted_values i WHERE i.id = audit_log.id) END
	FROM audit_log WHERE id > ?1
	UNION ALL SELECT 1, ` + accessRowColumns + `, NULL, NULL, NULL, NULL FROM access_log WHERE id > ?2`

// writtenRows reads back the audit and access rows the transaction's write made (those
// after tx.auditFrom and tx.accessFrom), in one statement, in id order. Each must name
// the write's actor: a row that does not was written by something else (a planted
// trigger, or a changed audit_context), and the write fails rather than vouch for it.
// Rows written outside the application before the write began stay unsealed, and
// `audit verify` reports them.
func writtenRows(ctx context.Context, tx *Tx) ([]auditRow, []accessRow, error) {
	rows, err := tx.query(ctx, writtenRowsQuery, tx.auditFrom, tx.accessFrom)
	if err != nil {
		return nil, nil, fmt.Errorf("seal audit: %w", err)
	}
	defer rows.Close()
	var audit []auditRow
	var access []accessRow
	for rows.Next() {
		var log int
		var r auditRow
		// An access row's columns fill the audit row's in order: at, user_id, action,
		// entity, entity_id, patient_id, allowed, reason.
		var allowed, reason, inserted sql.NullString
		if err := rows.Scan(&log, &r.ID, &r.At, &r.ActorID, &r.ActorName, &r.Table, &r.RowID, &r.PatientID,
			&allowed, &reason, &r.NewValues, &r.Shape, &r.ValuesDigest, &inserted); err != nil {
			return nil, nil, fmt.Errorf("seal audit: %w", err)
		}
		if log == 0 {
			if bytes.Equal(r.ValuesDigest, noSeal[:]) {
				if !inserted.Valid {
					return nil, nil, fmt.Errorf("seal audit: row %d records an insert into %s by reference, but its row is not there", r.ID, r.Table)
				}
				r.ValuesDigest = digestOf(inserted)
			}
			r.Action, r.OldValues = allowed.String, reason
			if r.ActorID.Valid != (tx.actor.ID != 0) || r.ActorID.Int64 != tx.actor.ID ||
				!r.ActorName.Valid || r.ActorName.String != tx.actor.Name {
				return nil, nil, &ForeignAuditRowError{Row: r.ID, Actor: r.ActorName.String, Want: tx.actor.Name}
			}
			audit = append(audit, r)
			continue
		}
		a := accessRow{ID: r.ID, At: r.At, UserID: r.ActorID, Action: r.ActorName.String, Entity: r.Table,
			EntityID: r.RowID, PatientID: r.PatientID, Reason: reason.String}
		if a.Allowed, err = strconv.ParseInt(allowed.String, 10, 64); err != nil {
			return nil, nil, fmt.Errorf("seal access log: row %d: allowed %q", a.ID, allowed.String)
		}
		if a.UserID.Valid != (tx.actor.ID != 0) || a.UserID.Int64 != tx.actor.ID {
			return nil, nil, &ForeignAuditRowError{Row: a.ID, Access: true, Actor: fmt.Sprintf("user %d", a.UserID.Int64), Want: tx.actor.Name}
		}
		access = append(access, a)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("seal audit: %w", translate(err))
	}
	slices.SortFunc(audit, func(a, b auditRow) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(access, func(a, b accessRow) int { return cmp.Compare(a.ID, b.ID) })
	return audit, access, nil
}

// sealAuditRows seals written, in id order, onto the end of the chain after prev under
// the clinic's key, and returns the new head for the witness.
func sealAuditRows(ctx context.Context, tx *Tx, sl *sealer, prev string, written []auditRow) (witnessHead, error) {
	seals := make([]rowSeal, len(written))
	for i, r := range written {
		hash := sl.seal(prev, r)
		seals[i] = rowSeal{id: r.ID, prev: prev, hash: hash, valuesDigest: r.ValuesDigest}
		prev = hash
	}
	if err := writeSeals(ctx, tx, "audit_log", seals); err != nil {
		return witnessHead{}, err
	}
	return witnessHead{ID: written[len(written)-1].ID, Hash: prev}, nil
}

// ProblemKind says what is wrong with the audit trail at a row, or with its files.
type ProblemKind string

const (
	ProblemEdited      ProblemKind = "edited"         // a sealed row's content was changed
	ProblemInserted    ProblemKind = "inserted"       // a row with a seal not made with the clinic's key
	ProblemDeleted     ProblemKind = "deleted"        // sealed rows are missing before this one
	ProblemUnsealed    ProblemKind = "unsealed"       // a row written outside ClinicDesk
	ProblemRecord      ProblemKind = "record changed" // the row an insert recorded by reference no longer holds its values
	ProblemTruncated   ProblemKind = "truncated"      // the witness saw later rows than the file holds
	ProblemRolledBack  ProblemKind = "rolled back"    // the row at an id the witness saw is another row
	ProblemSchemaDrift ProblemKind = "schema drift"   // a table, index, view or trigger differs from ClinicDesk's
	ProblemKey         ProblemKind = "key"            // the audit key is missing or damaged
	ProblemWitness     ProblemKind = "witness"        // the witness is missing or damaged
)

// AuditProblem is one thing wrong with the audit trail or the access log. Row is the
// audit_log id it is about (the access_log id when Access), 0 for the whole file (schema
// drift, the key, the witness).
type AuditProblem struct {
	Row    int64
	Access bool
	Kind   ProblemKind
	Detail string
}

func (p AuditProblem) String() string {
	switch {
	case p.Row == 0:
		return string(p.Kind) + ": " + p.Detail
	case p.Access:
		return fmt.Sprintf("access row %d: %s: %s", p.Row, p.Kind, p.Detail)
	}
	return fmt.Sprintf("row %d: %s: %s", p.Row, p.Kind, p.Detail)
}

// AuditProblemLimit is how many row problems a report lists; the rest are counted.
const AuditProblemLimit = 100

// ChainReport is the result of checking the audit trail and the access log.
type ChainReport struct {
	Checked  int64          // audit rows checked
	LastID   int64          // the id of the file's last audit row
	Accesses int64          // access rows checked
	Problems []AuditProblem // the file's problems, then the audit rows', then the access rows', in id order
	Unlisted int            // row problems beyond AuditProblemLimit, counted only
}

// Intact reports whether the trail verified with no problem.
func (r ChainReport) Intact() bool { return len(r.Problems) == 0 && r.Unlisted == 0 }

// chainCheck walks one chain's rows in id order and reports what is wrong with them;
// the two chains (audit_log, access_log) share it.
type chainCheck struct {
	report  *ChainReport
	budget  *int // how many more row problems are listed, shared by the chains
	access  bool
	listed  []AuditProblem
	flagged map[int64]bool   // rows reported as changed: not again as unlike the witness
	found   map[int64]string // the seal the file holds at each id the witness names
	heads   []witnessHead    // the witness's heads of this chain, oldest first
	prev    string           // the seal of the last row whose seal held
	lastID  int64            // the last row's id
	gap     bool             // rows are missing since the last row whose seal held
	pending *witnessHead     // a row whose seal failed: edited, or inserted?
}

func newChainCheck(report *ChainReport, budget *int, access bool, heads []witnessHead) *chainCheck {
	c := &chainCheck{report: report, budget: budget, access: access, flagged: map[int64]bool{}, found: map[int64]string{}, heads: heads}
	for _, h := range heads {
		c.found[h.ID] = ""
	}
	return c
}

func (c *chainCheck) add(row int64, kind ProblemKind, detail string, args ...any) {
	c.flagged[row] = c.flagged[row] || kind != ProblemSchemaDrift
	if *c.budget == 0 {
		c.report.Unlisted++
		return
	}
	*c.budget--
	c.listed = append(c.listed, AuditProblem{Row: row, Access: c.access, Kind: kind, Detail: fmt.Sprintf(detail, args...)})
}

// row places the next row: missing ids before it are deleted rows. It reports whether
// the row is sealed; an unsealed row is reported unless preChain (written before the
// chain began).
func (c *chainCheck) row(id int64, hash sql.NullString, preChain bool) bool {
	switch {
	case id == c.lastID+2:
		c.add(c.lastID+1, ProblemDeleted, "the row is missing (deleted)")
		c.gap = true
	case id > c.lastID+2:
		c.add(c.lastID+1, ProblemDeleted, "rows %d to %d are missing (deleted)", c.lastID+1, id-1)
		c.gap = true
	}
	c.lastID = id
	if _, ok := c.found[id]; ok {
		// A copy: the audit reader's strings share a buffer of many rows, which a
		// string kept for the whole walk would keep alive.
		c.found[id] = strings.Clone(hash.String)
	}
	if !hash.Valid && !preChain {
		c.add(id, ProblemUnsealed, "the row is not sealed (written outside ClinicDesk)")
	}
	return hash.Valid
}

// resolve decides a row whose seal failed by the next sealed row: edited when it links
// to the failed row's seal (the desk made that seal), inserted otherwise. With no next
// row, the witness decides.
func (c *chainCheck) resolve(next sql.NullString) {
	p := c.pending
	if p == nil {
		return
	}
	c.pending = nil
	if next.Valid && next.String == p.Hash || !next.Valid && c.witnessed(p.ID, p.Hash) {
		c.add(p.ID, ProblemEdited, "its content does not match its seal (it was changed after it was sealed)")
		c.prev = p.Hash
		return
	}
	c.add(p.ID, ProblemInserted, "its seal was not made with the clinic's key (a row added outside ClinicDesk)")
}

func (c *chainCheck) witnessed(id int64, hash string) bool {
	for _, h := range c.heads {
		if h.ID == id && h.Hash == hash {
			return true
		}
	}
	return false
}

// sealed checks a sealed row (after resolve): good says its seal matches its content
// and its own prev_hash.
func (c *chainCheck) sealed(id int64, prevHash sql.NullString, hash string, good bool) {
	if !good {
		c.pending = &witnessHead{ID: id, Hash: hash}
		return
	}
	if prevHash.String != c.prev && !c.gap { // after a gap, the missing rows are the reason
		c.add(id, ProblemDeleted, "it does not link to the row before it (a sealed row before it was removed or replaced)")
	}
	c.prev, c.gap = hash, false
}

// end finishes the walk and compares the witness's heads with the file: a head beyond
// the last row is a truncation, a head whose row now holds another seal a roll-back.
// It returns the truncation, a problem of the whole file.
func (c *chainCheck) end() *AuditProblem {
	c.resolve(sql.NullString{})
	var newest witnessHead
	for _, h := range c.heads {
		if h.ID > newest.ID {
			newest = h
		}
		got, ok := c.found[h.ID]
		switch {
		case h.ID == 0 || h.ID > c.lastID || h.Hash == "":
		case !ok || got == "" || c.flagged[h.ID]:
			// deleted, unsealed, edited or inserted: reported above
		case got != h.Hash:
			c.add(h.ID, ProblemRolledBack, "it is not the row the witness saw sealed at %s: the file was replaced by another copy or re-sealed", h.At)
		}
	}
	sort.SliceStable(c.listed, func(i, j int) bool { return c.listed[i].Row < c.listed[j].Row })
	if newest.ID <= c.lastID {
		return nil
	}
	row := "row"
	if c.access {
		row = "access row"
	}
	gone := fmt.Sprintf("%s %d is", row, newest.ID)
	if newest.ID > c.lastID+1 {
		gone = fmt.Sprintf("%ss %d to %d are", row, c.lastID+1, newest.ID)
	}
	return &AuditProblem{Row: c.lastID + 1, Access: c.access, Kind: ProblemTruncated,
		Detail: fmt.Sprintf("%s gone from the end (the witness saw %s %d sealed at %s): the file was cut short or rolled back to an older copy",
			gone, row, newest.ID, newest.At)}
}

// VerifyAudit checks the whole audit trail and the access log, and reports every
// problem it finds: the schema against the one ClinicDesk embeds; then each row of each
// chain in id order, that it is sealed, that its seal matches its content under the
// clinic's key (or, for audit rows older than the key, the unkeyed SHA-256 chain) and
// that it links to the row before it; and last the witness, whose heads must all still
// be in the file, unchanged. The schema and the access rows are read in one read
// transaction, the audit rows in one statement on the verifier's own connection
// (auditLogReader), both begun after the witness was read, so a write committing
// meanwhile is not mistaken for a truncation.
func (s *Store) VerifyAudit(ctx context.Context) (ChainReport, error) {
	defer s.timed("VerifyAudit")()
	var report ChainReport
	var files []AuditProblem
	wt, werr := readWitness(AuditWitnessPath(s.path))
	anchorKnown := werr == nil
	if werr != nil {
		files = append(files, AuditProblem{Kind: ProblemWitness, Detail: werr.Error()})
	}

	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return report, translate(err)
	}
	defer tx.Rollback()
	// The shapes as the file holds them: a name changed there fails the seals of the
	// shape's rows.
	shapes, err := readAuditShapes(ctx, tx)
	if err != nil {
		return report, err
	}
	var sl *sealer
	if s.seal.key != nil {
		sl = newSealer(s.seal.key, shapes)
	} else {
		files = append([]AuditProblem{{Kind: ProblemKey, Detail: s.seal.keyErr.Error()}}, files...)
	}
	if got, err := readShape(ctx, tx); err != nil {
		return report, err
	} else if drift, err := schemaDrift(got); err != nil {
		return report, err
	} else {
		for _, o := range drift {
			files = append(files, AuditProblem{Kind: ProblemSchemaDrift, Detail: o.String()})
		}
	}
	// A schema changed and put back since the desk's last write moved the cookie (by
	// two or more: one is VACUUM's). Once the desk writes, the sealed row it records
	// (EventSchemaChanged) says so instead.
	var cookie int64
	if err := tx.QueryRowContext(ctx, "PRAGMA schema_version").Scan(&cookie); err != nil {
		return report, translate(err)
	}
	if last := wt.last(); anchorKnown && cookie != last.Cookie && cookie != last.Cookie+1 {
		files = append(files, AuditProblem{Kind: ProblemSchemaDrift, Detail: fmt.Sprintf(
			"the schema was changed outside ClinicDesk since its last write (row %d at %s) and put back (schema version %d, now %d): a change made meanwhile may have left no audit row",
			last.ID, last.At, last.Cookie, cookie)})
	}
	report.Problems = files

	var auditHeads, accessHeads []witnessHead
	if anchorKnown {
		for _, h := range append([]witnessHead{wt.Anchor}, wt.Heads...) {
			auditHeads = append(auditHeads, h)
			if h.Access != nil {
				accessHeads = append(accessHeads, *h.Access)
			}
		}
	}
	budget := AuditProblemLimit
	audit := newChainCheck(&report, &budget, false, auditHeads)
	refs := newReferenceCheck()
	if err := s.verifyAuditRows(ctx, sl, wt, anchorKnown, audit, refs, &report); err != nil {
		return report, err
	}
	problems, err := refs.finish(ctx, s.readers)
	if err != nil {
		return report, err
	}
	for _, p := range problems {
		if !audit.flagged[p.Row] { // a row whose seal failed is reported as such
			audit.add(p.Row, p.Kind, "%s", p.Detail)
		}
	}
	if anchorKnown && wt.Anchor.Hash != "" {
		// The anchor pins the unkeyed chain, whose seals anyone can recompute.
		if got, ok := audit.found[wt.Anchor.ID]; ok && got != "" && got != wt.Anchor.Hash && !audit.flagged[wt.Anchor.ID] {
			audit.add(wt.Anchor.ID, ProblemEdited, "its seal is not the one the witness anchored when the clinic's key was made: the unkeyed chain up to it was re-sealed")
		}
	}
	truncated := audit.end()
	report.LastID = audit.lastID
	access := newChainCheck(&report, &budget, true, accessHeads)
	var accessAnchor int64 = -1 // unknown: every access row must be sealed
	if anchorKnown && wt.Anchor.Access != nil {
		accessAnchor = wt.Anchor.Access.ID
	}
	if err := verifyAccessRows(ctx, tx, sl, accessAnchor, access, &report); err != nil {
		return report, err
	}
	accessTruncated := access.end()
	for _, t := range []*AuditProblem{truncated, accessTruncated} {
		if t != nil {
			report.Problems = append(report.Problems, *t)
		}
	}
	report.Problems = append(report.Problems, audit.listed...)
	report.Problems = append(report.Problems, access.listed...)
	return report, nil
}

// verifyAuditRows walks audit_log. Rows sealed with the unkeyed SHA-256 chain of
// versions 5 and 6 are checked with it up to the witness's anchor; after it such a
// seal is a row inserted outside ClinicDesk. Reading the rows, checking their seals and
// walking the chain overlap (see verifyPipeline): on 2.4 million rows the seals were a
// third of the work, and ran on one core while the other waited. refs sees every row,
// in order.
func (s *Store) verifyAuditRows(ctx context.Context, sl *sealer, wt witnessTail, anchorKnown bool, c *chainCheck, refs *referenceCheck, report *ChainReport) error {
	rows, err := openAuditLogReader(s.path)
	if err != nil {
		return err
	}
	defer rows.close()
	keyedSeen := false
	check := func(v *verifyRow) {
		r := &v.r
		report.Checked++
		refs.see(r)
		if !c.row(r.ID, v.hash, false) {
			return
		}
		c.resolve(v.prevHash)
		keyed := strings.HasPrefix(v.hash.String, macPrefix)
		keyedSeen = keyedSeen || keyed
		if !keyed && (anchorKnown && r.ID > wt.Anchor.ID || !anchorKnown && keyedSeen) {
			c.add(r.ID, ProblemInserted, "it carries an unkeyed SHA-256 seal, which ClinicDesk no longer makes (a row added outside ClinicDesk)")
			return
		}
		c.sealed(r.ID, v.prevHash, v.hash.String, v.good)
		if v.good && r.Table == SessionTable && r.Action == EventSchemaChanged {
			c.add(r.ID, ProblemSchemaDrift, "the desk found the schema changed outside ClinicDesk and put back before this row: a change made meanwhile may have left no audit row")
		}
	}
	var sealers func() *sealer
	if sl != nil {
		sealers = func() *sealer { return newSealer(s.seal.key, sl.shapes) }
	}
	return verifyPipeline(ctx, rows.next, sealers, check)
}

// verifyRow is one audit_log row as verify reads it, and whether its seal holds.
type verifyRow struct {
	r              auditRow
	prevHash, hash sql.NullString
	good           bool
}

// sealHolds checks the row's own seal: the keyed MAC (or an erasure's seal) under key,
// or, for a row of the unkeyed chain, its SHA-256 link. With no key a keyed seal is
// taken as good, and only the links are checked. Whether the row may carry that kind
// of seal at all is the chain walk's to decide.
func (v *verifyRow) sealHolds(sl *sealer) bool {
	switch {
	case !v.hash.Valid:
		return false
	case strings.HasPrefix(v.hash.String, macPrefix) || erasedActor(v.r.ActorName) != nil:
		return sl == nil || sl.holds(v.prevHash.String, v.hash.String, v.r)
	}
	return chainHash(v.prevHash.String, v.r) == v.hash.String
}

// verifyBatchRows is how many rows travel together from the reader to the workers
// that check the seals and on to the chain walk.
const verifyBatchRows = 512

type verifyBatch struct {
	rows    []verifyRow
	checked chan struct{} // closed when every row's good is set
}

// verifyPipeline reads rows on one goroutine, checks their seals on as many workers as
// there are cores (each with its own sealer from sealers; none when sealers is nil), and
// calls check for every row in id order on the caller's goroutine. next reads the next
// row, reporting false at the end. It returns the reader's error (or ctx's) once every
// row read has been checked.
func verifyPipeline(ctx context.Context, next func(*verifyRow) (bool, error), sealers func() *sealer, check func(*verifyRow)) error {
	workers := max(1, runtime.GOMAXPROCS(0))
	work := make(chan *verifyBatch, 2*workers)
	ordered := make(chan *verifyBatch, 2*workers+2)
	free := make(chan *verifyBatch, 2*workers+4)
	var readErr error
	go func() {
		defer close(work)
		defer close(ordered)
		for {
			var b *verifyBatch
			select {
			case b = <-free:
				b.rows = b.rows[:0]
			default:
				b = &verifyBatch{rows: make([]verifyRow, 0, verifyBatchRows)}
			}
			b.checked = make(chan struct{})
			readErr = ctx.Err()
			more := readErr == nil
			for more && len(b.rows) < verifyBatchRows {
				b.rows = append(b.rows, verifyRow{})
				if more, readErr = next(&b.rows[len(b.rows)-1]); !more {
					b.rows = b.rows[:len(b.rows)-1]
				}
			}
			if len(b.rows) == 0 {
				return
			}
			ordered <- b
			work <- b
			if readErr != nil || len(b.rows) < verifyBatchRows {
				return
			}
		}
	}()
	for range workers {
		go func() {
			var sl *sealer
			if sealers != nil {
				sl = sealers()
			}
			for b := range work {
				for i := range b.rows {
					b.rows[i].good = b.rows[i].sealHolds(sl)
				}
				close(b.checked)
			}
		}()
	}
	for b := range ordered {
		<-b.checked
		for i := range b.rows {
			check(&b.rows[i])
		}
		select {
		case free <- b:
		default:
		}
	}
	return readErr
}
