package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestVerifyAuditAcrossBatches: verify reads, checks and walks the rows in batches on
// several goroutines; a row edited at the end of one batch (whose verdict, edited or
// inserted, rests on the first row of the next) and a row deleted inside a later batch
// are still reported at their rows, and every other row is counted once.
func TestVerifyAuditAcrossBatches(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinicFile(t)
	err := c.s.Batch(ctx, c.admin.Actor(), func(tx *Tx) error {
		_, err := tx.exec(ctx, `WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
			INSERT INTO patients(first_name, last_name, date_of_birth, sex) SELECT 'Filler', 'Many' || n, '1990-01-01', 'female' FROM k`,
			3*verifyBatchRows)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	last := c.lastID(t)
	edited, deleted := int64(2*verifyBatchRows), int64(2*verifyBatchRows+100)
	c.withoutTrigger(t, "audit_log_no_update", `UPDATE audit_log SET new_values = replace(new_values, 'Many', 'Changed') WHERE id = `+strconv.FormatInt(edited, 10))
	c.withoutTrigger(t, "audit_log_no_delete", `DELETE FROM audit_log WHERE id = `+strconv.FormatInt(deleted, 10))
	r, err := c.s.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type found struct {
		row  int64
		kind ProblemKind
	}
	var got []found
	for _, p := range r.Problems {
		if p.Kind != ProblemSchemaDrift { // the attacker's trigger drops moved the cookie
			got = append(got, found{p.Row, p.Kind})
		}
	}
	want := []found{{edited, ProblemEdited}, {deleted, ProblemDeleted}}
	if !slices.Equal(got, want) {
		t.Fatalf("problems %v (all: %v); want %v", got, r.Problems, want)
	}
	if r.Checked != last-1 || r.LastID != last {
		t.Fatalf("checked %d rows up to %d; want %d up to %d", r.Checked, r.LastID, last-1, last)
	}
}

// TestWrittenRowsNeedNoSort: reading a write's audit and access rows back builds no
// temporary table to sort them (writtenRows orders the few rows itself).
func TestWrittenRowsNeedNoSort(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	rows, err := s.readers.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+writtenRowsQuery, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(detail, "TEMP B-TREE") {
			t.Errorf("the written rows' read sorts: %s", detail)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
