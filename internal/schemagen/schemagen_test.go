package schemagen

import (
	"os"
	"strings"
	"testing"
)

func committedSchema(t *testing.T) string {
	t.Helper()
	schema, err := os.ReadFile("../../schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	return string(schema)
}

func tableNamed(t *testing.T, name string) Table {
	t.Helper()
	for _, table := range Tables {
		if table.Name == name {
			return table
		}
	}
	t.Fatalf("no audited table %s", name)
	return Table{}
}

func TestCommittedSchemaHoldsTheGeneratedTriggersAndColumns(t *testing.T) {
	t.Parallel()
	schema := committedSchema(t)
	if made, err := Replace(schema); err != nil || made != schema {
		t.Fatalf("schema.sql's generated triggers or audit_values columns differ from internal/schemagen's list (%v): run `go generate ./...` and commit schema.sql", err)
	}
}

func TestReplaceRewritesTheBlockAndTheColumns(t *testing.T) {
	t.Parallel()
	schema := committedSchema(t)
	block, err := Block(schema)
	if err != nil {
		t.Fatal(err)
	}
	users := tableNamed(t, "users").valuesColumn()
	stale := strings.Replace(schema, block, BeginMarker+"\nstale\n"+EndMarker+"\n", 1)
	stale = strings.Replace(stale, users, ValuesColumn+" TEXT GENERATED ALWAYS AS () VIRTUAL", 1)
	if got, err := Replace(stale); err != nil || got != schema {
		t.Fatalf("a stale block and column were not made anew (%v)", err)
	}
	if _, err := Replace(strings.Replace(schema, block, "", 1)); err == nil {
		t.Fatal("a schema without markers was accepted")
	}
	_, err = Replace(strings.Replace(schema, ",\n    "+users, "", 1))
	if err == nil || !strings.Contains(err.Error(), "table users has no audit_values column") {
		t.Fatalf("a table without its audit_values column: %v", err)
	}
}

func TestSecretColumnsStayOutOfTheTrail(t *testing.T) {
	t.Parallel()
	out := Generate()
	if strings.Contains(out+tableNamed(t, "users").valuesColumn(), "'password_hash'") {
		t.Fatal("the password hash is written into the audit trail")
	}
	if !strings.Contains(out, "'$.password_changed', NEW.password_hash IS NOT OLD.password_hash)") {
		t.Fatal("a password change is not recorded")
	}
}
