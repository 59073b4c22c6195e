package schemagen

import (
	"os"
	"strings"
	"testing"
)

func TestCommittedSchemaHoldsTheGeneratedTriggers(t *testing.T) {
	t.Parallel()
	schema, err := os.ReadFile("../../schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	block, err := Block(string(schema))
	if err != nil {
		t.Fatal(err)
	}
	if block != Generate() {
		t.Fatal("schema.sql's generated triggers differ from internal/schemagen's list: run `go generate ./...` and commit schema.sql")
	}
}

func TestReplaceRewritesOnlyTheBlock(t *testing.T) {
	t.Parallel()
	schema := "CREATE TABLE a(x);\n" + BeginMarker + "\nstale\n" + EndMarker + "\nCREATE TABLE b(x);\n"
	got, err := Replace(schema)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "CREATE TABLE a(x);\n"+BeginMarker) || !strings.HasSuffix(got, EndMarker+"\nCREATE TABLE b(x);\n") ||
		strings.Contains(got, "stale") || !strings.Contains(got, "CREATE TRIGGER users_audit_update") {
		t.Fatalf("replaced:\n%s", got)
	}
	if _, err := Replace("CREATE TABLE a(x);\n"); err == nil {
		t.Fatal("a schema without markers was accepted")
	}
}

func TestSecretColumnsStayOutOfTheTrail(t *testing.T) {
	t.Parallel()
	out := Generate()
	if strings.Contains(out, "'password_hash'") {
		t.Fatal("the password hash is written into the audit trail")
	}
	if !strings.Contains(out, "'password_changed', NEW.password_hash IS NOT OLD.password_hash") {
		t.Fatal("a password change is not recorded")
	}
}
