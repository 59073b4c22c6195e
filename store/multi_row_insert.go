package store

import (
	"context"
	"strings"
)

// maxRowsPerInsert bounds the rows of one multi-row INSERT, and of one UPDATE from a
// VALUES list (writeSeals): SQLite takes at most 32,766 parameters in a statement, and
// the statement of a full chunk is prepared once per transaction and reused.
//
// It is small because of the statement journal. Inside a transaction, a statement whose
// triggers may abort keeps a copy of every page it changes that was in the file before it
// began (each row's index entries land on pages of their own), in memory in 1 KiB chunks,
// and frees them when it ends. The allocator under modernc.org/sqlite keeps 4 MiB of freed
// memory ready and hands the rest back to the system, so a statement whose copies pass that
// pays a page fault for every 4 KiB it copies next time, and a system call to give them back.
// With 500 rows a statement, that was 28% of the large demo's build (its appointment book
// 160 s); with 200, 123 s; with 100 and 50, 103 and 102 s.
const maxRowsPerInsert = 50

// insertRows writes rows, each one value per column that head (an INSERT naming its
// columns) lists, with one statement for each maxRowsPerInsert of them. Every trigger
// fires for each row as for a single-row INSERT. On an error, done is how many rows the
// statements before the failing one wrote: the failing one wrote none.
func (t *Tx) insertRows(ctx context.Context, head string, rows [][]any) (done int, err error) {
	if len(rows) == 0 {
		return 0, nil
	}
	columns := len(rows[0])
	perStatement := min(maxRowsPerInsert, 32766/columns)
	args := make([]any, 0, min(len(rows), perStatement)*columns)
	for start := 0; start < len(rows); start += perStatement {
		chunk := rows[start:min(start+perStatement, len(rows))]
		args = args[:0]
		for _, row := range chunk {
			args = append(args, row...)
		}
		if _, err := t.exec(ctx, multiRowInsert(head, columns, len(chunk)), args...); err != nil {
			return start, err
		}
	}
	return len(rows), nil
}

// multiRowInsert is head followed by a VALUES list of rows rows of columns placeholders.
func multiRowInsert(head string, columns, rows int) string {
	return head + " " + valuesList(columns, rows)
}

// valuesList is a VALUES list of rows rows of columns placeholders each.
func valuesList(columns, rows int) string {
	row := "(" + strings.Repeat("?, ", columns-1) + "?)"
	var b strings.Builder
	b.Grow(7 + rows*(len(row)+2))
	b.WriteString("VALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}
