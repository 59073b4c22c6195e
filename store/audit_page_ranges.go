package store

import (
	"context"
	"database/sql"
	"errors"
)

// The audit trail keeps few indexes, because every audit row is written into each of
// them (schema.sql, audit_log). A page of the audit screen is read through one of them
// in id order; the helpers here turn the filters that have no index of their own into
// ranges of the ones that do.

// firstAuditRowAt returns the id of the first audit row written at or after at, and
// false when there is none. Rows are appended with the database's clock, so their times
// rise with their ids, and the row is found by bisecting the primary key: about twenty
// reads of one row on the large demo's 2.4 million. A clock set back breaks the order
// for the rows it wrote; the page's own condition on at still keeps out every row of
// the wrong time, as it did when an index on at found the boundary.
func firstAuditRowAt(ctx context.Context, q querier, at string) (int64, bool, error) {
	var lo, hi sql.NullInt64
	// Two subqueries: SQLite reads min() and max() from the ends of the key only when
	// each is a query's sole aggregate; together in one they scanned every row.
	if err := q.QueryRowContext(ctx, auditIDBoundsQuery).Scan(&lo, &hi); err != nil {
		return 0, false, translate(err)
	}
	if !lo.Valid {
		return 0, false, nil
	}
	var first int64
	found := false
	// Invariant: every row below l was written before at, and first (when found) is the
	// lowest id above r known to be at or after it.
	for l, r := lo.Int64, hi.Int64; l <= r; {
		mid := l + (r-l)/2
		var id int64
		var rowAt string
		// The first row from mid on: ids have no gaps today, but nothing needs that.
		err := q.QueryRowContext(ctx, `SELECT id, at FROM audit_log WHERE id >= ? ORDER BY id LIMIT 1`, mid).Scan(&id, &rowAt)
		switch {
		case errors.Is(err, sql.ErrNoRows) || err == nil && id > r:
			r = mid - 1 // no row in [mid, r]
		case err != nil:
			return 0, false, translate(err)
		case rowAt >= at:
			first, found, r = id, true, mid-1
		default:
			l = id + 1
		}
	}
	return first, found, nil
}

const auditIDBoundsQuery = `SELECT (SELECT min(id) FROM audit_log), (SELECT max(id) FROM audit_log)`

// auditPair is one (table, action) range of the audit_log_table_action_id index.
type auditPair struct{ table, action string }

// auditPairs lists the (table, action) ranges of the trail that a filter naming only a
// table, or only an action, covers: the table's actions, or the tables that hold the
// action. Each list is a walk of the index's distinct keys (one seek each), not of its
// rows: a few dozen tables, a handful of actions each.
func auditPairs(ctx context.Context, q querier, table, action string) ([]auditPair, error) {
	query := `WITH RECURSIVE acts(action) AS (
			SELECT min(action) FROM audit_log WHERE table_name = ?1
			UNION ALL
			SELECT (SELECT min(action) FROM audit_log WHERE table_name = ?1 AND action > acts.action)
			FROM acts WHERE acts.action IS NOT NULL)
		SELECT ?1, action FROM acts WHERE action IS NOT NULL`
	arg := table
	if table == "" {
		query = `WITH RECURSIVE tables(name) AS (
				SELECT min(table_name) FROM audit_log
				UNION ALL
				SELECT (SELECT min(table_name) FROM audit_log WHERE table_name > tables.name)
				FROM tables WHERE tables.name IS NOT NULL)
			SELECT name, ?1 FROM tables WHERE name IS NOT NULL
			  AND EXISTS (SELECT 1 FROM audit_log WHERE table_name = tables.name AND action = ?1)`
		arg = action
	}
	rows, err := q.QueryContext(ctx, query, arg)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var pairs []auditPair
	for rows.Next() {
		var p auditPair
		if err := rows.Scan(&p.table, &p.action); err != nil {
			return nil, translate(err)
		}
		pairs = append(pairs, p)
	}
	return pairs, translate(rows.Err())
}
