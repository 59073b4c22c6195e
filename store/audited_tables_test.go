package store

import (
	"regexp"
	"slices"
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

var jsonKey = regexp.MustCompile(`json_object\(([^;]*?)\)\s*FROM`)

// A table with a human code writes its insert's audit row in its own AFTER INSERT
// trigger, by hand (the code must be given first): that row records the declared columns.
func TestCodeTriggersAuditEveryDeclaredColumn(t *testing.T) {
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
		m := jsonKey.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s_after_insert writes no audit row", table.Name)
		}
		var keys []string
		for _, k := range regexp.MustCompile(`'(\w+)'`).FindAllStringSubmatch(m[1], -1) {
			keys = append(keys, k[1])
		}
		if !slices.Equal(keys, table.Columns) {
			t.Errorf("%s_after_insert records %s; the table's columns are %s", table.Name,
				strings.Join(keys, " "), strings.Join(table.Columns, " "))
		}
	}
}
