package store

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/internal/schemagen"
)

// The generator's list of audited tables is checked against the tables themselves: a
// column added to a table and not to the list, or a new table in neither the list nor
// schemagen.NotAudited, fails here instead of going unaudited.
func TestEveryTableIsAuditedOrSaysWhyNot(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	audited := map[string]schemagen.Table{}
	for _, table := range schemagen.Tables {
		audited[table.Name] = table
	}
	for _, name := range tableNames(t, s.readers) {
		table, ok := audited[name]
		_, exempt := schemagen.NotAudited[name]
		switch {
		case ok && exempt:
			t.Errorf("%s is both audited and exempt", name)
		case !ok && !exempt:
			t.Errorf("%s is neither in schemagen.Tables nor in schemagen.NotAudited", name)
		case ok:
			var columns []string
			rows, err := s.readers.Query(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, name)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var c string
				rows.Scan(&c)
				columns = append(columns, c)
			}
			rows.Close()
			if !slices.Equal(columns, table.Columns) {
				t.Errorf("%s has columns %v; schemagen.Tables lists %v", name, columns, table.Columns)
			}
			delete(audited, name)
		}
	}
	for name := range audited {
		t.Errorf("schemagen.Tables lists %s, which the schema does not have", name)
	}
}

var codeAuditRow = regexp.MustCompile(`(?s)INSERT INTO audit_log\(.*, shape, new_values\)\s+SELECT .*'INSERT', (\d+),\s*(\w)\.audit_values\s+FROM (\w+) (\w) WHERE (\w)\.id = NEW\.id;`)

// codeAuditRowByReference is the audit row of an insert recorded by reference: the
// row's table, id and shape, and 32 zero bytes for the digest its seal fills in.
var codeAuditRowByReference = regexp.MustCompile(`(?s)INSERT INTO audit_log\(.*, shape, values_digest\)\s+VALUES \(.*'(\w+)', NEW\.id, NEW\.patient_id, 'INSERT', (\d+), zeroblob\(32\)\);`)

// A table with a human code writes its insert's audit row in its own AFTER INSERT
// trigger, by hand (the code must be given first): that row records the row's
// audit_values, read back after the code was given, under the table's shape, as the
// generated triggers do; or, for a table that records its inserts by reference, the
// row's table and id.
func TestCodeTriggersAuditTheRowsValues(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	for _, table := range schemagen.Tables {
		if table.Code == "" {
			continue
		}
		var body string
		if err := s.readers.QueryRow(`SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?`,
			table.Name+"_after_insert").Scan(&body); err != nil {
			t.Fatalf("%s_after_insert: %v", table.Name, err)
		}
		if table.ByReference {
			m := codeAuditRowByReference.FindStringSubmatch(body)
			if m == nil || m[1] != table.Name || m[2] != strconv.Itoa(table.Shape) {
				t.Errorf("%s_after_insert writes no audit row naming its row and shape %d by reference: %q", table.Name, table.Shape, m)
			}
			continue
		}
		m := codeAuditRow.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s_after_insert writes no audit row of the row's audit_values", table.Name)
		}
		if m[3] != table.Name || m[2] != m[4] || m[4] != m[5] {
			t.Errorf("%s_after_insert records the values of %s %s, not of the row it inserted", table.Name, m[3], m[2])
		}
		if m[1] != strconv.Itoa(table.Shape) {
			t.Errorf("%s_after_insert names shape %s; the table's is %d", table.Name, m[1], table.Shape)
		}
	}
}

// A table records its inserts by reference only when the row can be found again by its
// id (the audit row's row_id), and when an erasure does not scrub its audit rows'
// values (identityRowsCond): the erasure needs those values in the trail to scrub.
func TestInsertsByReferenceAreOfRowsFoundByID(t *testing.T) {
	t.Parallel()
	for _, table := range schemagen.Tables {
		if !table.ByReference {
			continue
		}
		if table.RowID != "id" || table.Columns[0] != "id" {
			t.Errorf("%s records its inserts by reference, but its audit rows name it by %q", table.Name, table.RowID)
		}
		if strings.Contains(identityRowsCond, "'"+table.Name+"'") {
			t.Errorf("%s records its inserts by reference, but an erasure scrubs its audit rows' values", table.Name)
		}
	}
}
