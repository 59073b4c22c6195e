package store

import (
	"fmt"
	"strings"
)

// codedInsert is an INSERT of one row into table (patients, appointments or
// prescriptions) that gives the row the id after the table's last and, with it, the
// code the table's after-insert trigger in schema.sql would give it
// ('APT' || printf('%06d', id)). The trigger then finds the code in place and writes
// nothing: assigning it with a second write of every new row (and of its code index)
// cost a tenth of an imported appointment. The store is the one writer, inside a write
// transaction, so no other row can take the id first. columns are the caller's, one
// placeholder each.
func codedInsert(table, codeColumn, prefix, columns string) string {
	next := `(SELECT coalesce(max(id), 0) + 1 FROM ` + table + `)`
	params := strings.Repeat("?, ", strings.Count(columns, ",")) + "?"
	return `INSERT INTO ` + table + `(id, ` + codeColumn + `, ` + columns + `)
		VALUES (` + next + `, '` + prefix + `' || printf('%06d', ` + next + `), ` + params + `)`
}

// rowCode is the code codedInsert (and the table's after-insert trigger) gives the row
// id of a table whose codes begin with prefix, for an INSERT that sets the id itself
// (ImportAppointments, many rows a statement).
func rowCode(prefix string, id int64) string { return fmt.Sprintf("%s%06d", prefix, id) }
