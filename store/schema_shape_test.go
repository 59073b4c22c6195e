package store

import (
	"database/sql"
	"strings"
	"testing"
)

// schemaShape is a database's schema as SQLite runs it, whatever the layout of the text
// that made it: each object's type and table, and its SQL with comments, case and
// spacing taken out. A file upgraded step by step and a file made from schema.sql have
// one shape exactly when they hold the same tables, columns, constraints, indexes,
// views and triggers.
func schemaShape(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	shape := map[string]string{}
	for rows.Next() {
		var typ, name, table, text string
		if err := rows.Scan(&typ, &name, &table, &text); err != nil {
			t.Fatal(err)
		}
		shape[name] = typ + " on " + table + ": " + normaliseSQL(text)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return shape
}

// normaliseSQL takes comments out, lower-cases everything but quoted text, and keeps
// a space only where it separates two words.
func normaliseSQL(s string) string {
	var b strings.Builder
	gap := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			if gap && b.Len() > 0 && isWordByte(lastByte(&b)) {
				b.WriteByte(' ')
			}
			gap = false
			j := i + 1
			for j < len(s) {
				if s[j] == c {
					if j+1 < len(s) && s[j+1] == c { // a doubled quote inside the text
						j += 2
						continue
					}
					break
				}
				j++
			}
			end := min(j+1, len(s))
			b.WriteString(s[i:end])
			i = end
		case strings.HasPrefix(s[i:], "--"):
			for i < len(s) && s[i] != '\n' {
				i++
			}
			gap = true
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 4
			}
			gap = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			gap = true
			i++
		default:
			if gap && b.Len() > 0 && isWordByte(lastByte(&b)) && isWordByte(c) {
				b.WriteByte(' ')
			}
			gap = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// isWordByte is true of the bytes of names, numbers, keywords and quoted text: two
// such runs need a space between them to stay two.
func isWordByte(c byte) bool {
	return c == '_' || c == '\'' || c == '"' || c == '`' || c == '.' || c >= 0x80 || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func lastByte(b *strings.Builder) byte { s := b.String(); return s[len(s)-1] }

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
