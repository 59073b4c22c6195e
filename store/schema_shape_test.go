package store

import (
	"database/sql"
	"testing"
)

// schemaShape is readShape for a test: it fails the test on an error.
func schemaShape(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	shape, err := readShape(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	return shape
}

func TestNormaliseSQLIgnoresLayoutButNotMeaning(t *testing.T) {
	t.Parallel()
	a := normaliseSQL("CREATE INDEX x ON t(a, b) -- why\n  WHERE c <> 'A  b'; /* note */")
	b := normaliseSQL("create index x\non t (a,b)\nwhere c<>'A  b';")
	if a != b {
		t.Fatalf("same statement normalised differently:\n%s\n%s", a, b)
	}
	for _, other := range []string{
		"CREATE INDEX x ON t(a, b) WHERE c <> 'a  b';", // quoted text keeps its case
		"CREATE INDEX x ON t(b, a) WHERE c <> 'A  b';", // column order matters
		"CREATE INDEX x ON t(a, b) WHERE c <> 'A b';",  // quoted text keeps its spaces
		"CREATE INDEX x ON t(a, b) WHERE c <> 'A  b' AND d;",
	} {
		if normaliseSQL(other) == a {
			t.Errorf("%q normalised like the original", other)
		}
	}
	if got := normaliseSQL("SELECT 'it''s -- not a comment' FROM t"); got != "select 'it''s -- not a comment' from t" {
		t.Errorf("quoted text: %q", got)
	}
}
