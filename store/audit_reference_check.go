package store

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"strconv"

	"github.com/clinicdesk/clinicdesk/internal/schemagen"
)

// referenceCheck checks, along verify's walk of the trail, that every insert recorded by
// reference still finds the values whose digest its seal covers, where
// audit_inserted_values finds them: in the old values of the row's first change after
// it, or else in the row itself. Asking that view for each insert read the log a second
// time and tripled verify's time on the large demo; the walk sees every change in
// order, so an insert waits here for its row's first change, and the rows never changed
// are read from their tables at the end, each table in one pass in id order.
type referenceCheck struct {
	tables   map[string]*referencedInserts
	values   *sealer // digests values as the seals take them
	sum      []byte
	problems []AuditProblem
}

// referencedInserts are one table's inserts recorded by reference whose values have not
// been found yet, in row order while the rows come in order (sorted when they did not).
type referencedInserts struct {
	inserts []referencedInsert
	sorted  bool
}

// referencedInsert is an insert waiting for its values: the row, the audit row
// (negative once its values were found) and the first half of the values' digest, which
// no forger can match without the whole.
type referencedInsert struct {
	row, audit int64
	digest     [16]byte
}

func newReferenceCheck() *referenceCheck {
	rc := &referenceCheck{tables: map[string]*referencedInserts{}, values: &sealer{values: sha256.New()}}
	for _, t := range schemagen.Tables {
		if t.ByReference {
			rc.tables[t.Name] = &referencedInserts{sorted: true}
		}
	}
	return rc
}

// see takes the walk's next row: an insert recorded by reference waits for its values;
// a row holding old values is the first change of the insert of its row still waiting,
// if there is one, and must hold that insert's values.
func (rc *referenceCheck) see(r *auditRow) {
	if !r.RowID.Valid {
		return
	}
	if r.ValuesDigest != nil && !r.NewValues.Valid {
		if bytes.Equal(r.ValuesDigest, noSeal[:]) {
			return // not sealed: reported as such
		}
		t, ok := rc.tables[r.Table]
		if !ok {
			rc.problem(r.ID, "it records an insert into %s by reference, which that table does not do (a row written outside ClinicDesk)", r.Table)
			return
		}
		in := referencedInsert{row: r.RowID.Int64, audit: r.ID}
		copy(in.digest[:], r.ValuesDigest)
		if n := len(t.inserts); n > 0 && t.inserts[n-1].row > in.row {
			t.sorted = false
		}
		t.inserts = append(t.inserts, in)
		return
	}
	if !r.OldValues.Valid {
		return
	}
	t, ok := rc.tables[r.Table]
	if !ok {
		return
	}
	i := t.waiting(r.RowID.Int64)
	if i < 0 {
		return
	}
	in := &t.inserts[i]
	if rc.sum = rc.values.valueDigest(rc.sum[:0], r.OldValues); !bytes.Equal(rc.sum[:16], in.digest[:]) {
		rc.problem(in.audit, "%s row %d was changed before row %d recorded its change, and no audit row records that (it was changed outside ClinicDesk)",
			r.Table, in.row, r.ID)
	}
	in.audit = -in.audit
}

// waiting is the index of the insert of row still waiting for its values, -1 if none.
func (t *referencedInserts) waiting(row int64) int {
	if !t.sorted {
		slices.SortStableFunc(t.inserts, func(a, b referencedInsert) int { return cmp.Compare(a.row, b.row) })
		t.sorted = true
	}
	i, _ := slices.BinarySearchFunc(t.inserts, row, func(in referencedInsert, row int64) int { return cmp.Compare(in.row, row) })
	for ; i < len(t.inserts) && t.inserts[i].row == row; i++ {
		if t.inserts[i].audit > 0 {
			return i
		}
	}
	return -1
}

func (rc *referenceCheck) problem(row int64, detail string, args ...any) {
	rc.problems = append(rc.problems, AuditProblem{Row: row, Kind: ProblemRecord, Detail: fmt.Sprintf(detail, args...)})
}

// finish reads the rows of the inserts still waiting, each table in one pass on a
// connection of its own, as many tables at once as there are cores, and returns every
// problem found. The tables are read after the walk, in snapshots of their own: a row
// changed meanwhile by the desk is asked about again through audit_inserted_values,
// which then finds the change.
func (rc *referenceCheck) finish(ctx context.Context, db *sql.DB) ([]AuditProblem, error) {
	type task struct {
		table   string
		waiting []referencedInsert
	}
	var tasks []task
	for _, table := range schemagen.Tables {
		t := rc.tables[table.Name]
		if t == nil {
			continue
		}
		waiting := slices.DeleteFunc(t.inserts, func(in referencedInsert) bool { return in.audit < 0 })
		if len(waiting) > 0 {
			if !t.sorted {
				slices.SortStableFunc(waiting, func(a, b referencedInsert) int { return cmp.Compare(a.row, b.row) })
			}
			tasks = append(tasks, task{table.Name, waiting})
		}
		t.inserts = nil
	}
	// The largest first, so that no core is left with the appointments at the end.
	slices.SortStableFunc(tasks, func(a, b task) int { return cmp.Compare(len(b.waiting), len(a.waiting)) })
	work := make(chan task)
	go func() {
		defer close(work)
		for _, t := range tasks {
			select {
			case work <- t:
			case <-ctx.Done():
				return
			}
		}
	}()
	type result struct {
		problems []AuditProblem
		err      error
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(tasks)))
	results := make(chan result, workers)
	for range workers {
		go func() {
			w := newReferenceCheck()
			var err error
			for t := range work {
				if err == nil {
					err = w.checkRows(ctx, db, t.table, t.waiting)
				}
			}
			results <- result{w.problems, err}
		}()
	}
	problems := rc.problems
	var first error
	for range workers {
		r := <-results
		problems = append(problems, r.problems...)
		first = cmp.Or(first, r.err)
	}
	return problems, cmp.Or(first, ctx.Err())
}

// checkRows checks the waiting inserts of table (in row order) against its rows.
func (rc *referenceCheck) checkRows(ctx context.Context, db *sql.DB, table string, waiting []referencedInsert) error {
	changed, err := rc.readRows(ctx, db, table, waiting)
	if err != nil {
		return err
	}
	for _, in := range changed {
		if err := rc.askAgain(ctx, db, table, in); err != nil {
			return err
		}
	}
	return nil
}

// readRows reads the rows of table's waiting inserts, and returns the waiting inserts
// whose row is gone or holds other values. When most of the ids from the first waiting
// row to the last are waiting (a demo clinic's, whose appointments never changed), it
// reads every row from the first on in one pass; otherwise by id, a batch at a time:
// a clinic whose appointments mostly changed has few waiting, and a pass would make
// the values of every other row for nothing.
func (rc *referenceCheck) readRows(ctx context.Context, db *sql.DB, table string, waiting []referencedInsert) ([]referencedInsert, error) {
	// table is one of schemagen's names, never a name read from the file.
	if span := waiting[len(waiting)-1].row - waiting[0].row + 1; int64(len(waiting))*2 >= span {
		return rc.compareRows(ctx, db, waiting, `SELECT id, audit_values FROM `+table+` WHERE id >= ? ORDER BY id`, waiting[0].row)
	}
	var changed []referencedInsert
	for start := 0; start < len(waiting); start += referenceBatch {
		batch := waiting[start:min(start+referenceBatch, len(waiting))]
		ids := make([]byte, 0, 12*len(batch))
		ids = append(ids, '[')
		for i, in := range batch {
			if i > 0 {
				ids = append(ids, ',')
			}
			ids = strconv.AppendInt(ids, in.row, 10)
		}
		ids = append(ids, ']')
		got, err := rc.compareRows(ctx, db, batch, `SELECT t.id, t.audit_values FROM json_each(?) AS w
			CROSS JOIN `+table+` AS t ON t.id = w.value ORDER BY t.id`, string(ids))
		if err != nil {
			return nil, err
		}
		changed = append(changed, got...)
	}
	return changed, nil
}

// referenceBatch is how many rows readRows asks for by id at a time.
const referenceBatch = 10000

// compareRows runs query, which reads (id, audit_values) in id order, against waiting
// (in row order), and returns those whose row is not among the rows read or holds
// other values.
func (rc *referenceCheck) compareRows(ctx context.Context, db *sql.DB, waiting []referencedInsert, query string, args ...any) ([]referencedInsert, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var changed []referencedInsert
	next := 0
	for rows.Next() && next < len(waiting) {
		var id int64
		var values sql.RawBytes
		if err := rows.Scan(&id, &values); err != nil {
			return nil, translate(err)
		}
		for ; next < len(waiting) && waiting[next].row < id; next++ {
			changed = append(changed, waiting[next]) // its row is gone
		}
		for ; next < len(waiting) && waiting[next].row == id; next++ {
			rc.sum = appendValuesDigest(rc.values.values, rc.sum[:0], values, true)
			if !bytes.Equal(rc.sum[:16], waiting[next].digest[:]) {
				changed = append(changed, waiting[next])
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	return append(changed, waiting[next:]...), nil
}

// askAgain looks for the values of an insert whose row was gone or changed, in a
// snapshot taken now: the desk may have changed it, and recorded the change, since the
// walk read the trail.
func (rc *referenceCheck) askAgain(ctx context.Context, db *sql.DB, table string, in referencedInsert) error {
	var values sql.NullString
	err := db.QueryRowContext(ctx, `SELECT new_values FROM audit_inserted_values WHERE id = ?`, in.audit).Scan(&values)
	if err != nil && err != sql.ErrNoRows {
		return translate(err)
	}
	switch rc.sum = rc.values.valueDigest(rc.sum[:0], values); {
	case !values.Valid:
		rc.problem(in.audit, "%s row %d, whose insert this row records, is gone, and no audit row records its deletion (it was deleted outside ClinicDesk)", table, in.row)
	case !bytes.Equal(rc.sum[:16], in.digest[:]):
		rc.problem(in.audit, "%s row %d no longer holds the values this row records it was inserted with, and no audit row records a change to it (it was changed outside ClinicDesk)", table, in.row)
	}
	return nil
}
