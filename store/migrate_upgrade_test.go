package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	clinicdesk "github.com/clinicdesk/clinicdesk"
)

// schemaOf lists a database's schema objects, so two files can be compared.
func schemaOf(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// TestUpgradedFileEqualsNewFile builds a file at each earlier schema version (schema.sql
// without the upgrades appended since) and checks that opening it upgrades it to exactly
// the schema of a new file.
func TestUpgradedFileEqualsNewFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fresh := newTestStore(t)
	want := schemaOf(t, fresh.Path())
	for v := 1; v < SchemaVersion(); v++ {
		old := clinicdesk.Schema
		for i := len(upgrades) - 1; i >= v-1; i-- {
			if !strings.HasSuffix(old, upgrades[i]) {
				t.Fatalf("schema.sql does not end with upgrade %d's text", i+1)
			}
			old = strings.TrimSuffix(old, upgrades[i])
		}
		path := filepath.Join(dir, fmt.Sprintf("v%d.db", v))
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(old); err != nil {
			t.Fatalf("load version %d: %v", v, err)
		}
		db.Exec(fmt.Sprintf("PRAGMA user_version = %d", v))
		db.Close()
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("upgrade from version %d: %v", v, err)
		}
		s.Close()
		got := schemaOf(t, path)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("upgraded from version %d:\n%s\n\nnew file:\n%s", v, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestSchemaSectionsAreTheUpgrades(t *testing.T) {
	sections := schemaSections("CREATE TABLE a(x);\n-- Schema version 2: b\nCREATE TABLE b(x);\n-- Schema version 3: c\nCREATE TABLE c(x);\n")
	if len(sections) != 2 || !strings.HasPrefix(sections[0], "-- Schema version 2: b") ||
		!strings.HasSuffix(sections[1], "CREATE TABLE c(x);\n") {
		t.Fatalf("sections %q", sections)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a gap in the version numbers was accepted")
		}
	}()
	schemaSections("-- Schema version 2: b\n-- Schema version 4: d\n")
}
