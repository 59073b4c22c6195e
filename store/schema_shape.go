package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"

	clinicdesk "github.com/clinicdesk/clinicdesk"
)

// readShape is a database's schema as SQLite runs it, whatever the layout of the text
// that made it: each object's type and table, and its SQL with comments, case and
// spacing taken out. A file upgraded step by step and a file made from schema.sql have
// one shape exactly when they hold the same tables, columns, constraints, indexes,
// views and triggers. SQLite's own objects (sqlite_stat1, autoindexes) are left out.
func readShape(ctx context.Context, q querier) (map[string]string, error) {
	known, err := expectedSchema()
	if err != nil {
		return nil, err
	}
	return readShapeWith(ctx, q, known.normalise)
}

// readShapeWith reads the shape with normalise making each object's SQL comparable.
func readShapeWith(ctx context.Context, q querier, normalise func(text string) string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	defer rows.Close()
	shape := map[string]string{}
	for rows.Next() {
		var typ, name, table, text string
		if err := rows.Scan(&typ, &name, &table, &text); err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		if isReplicaTable(typ, name, text) {
			continue
		}
		shape[name] = typ + " on " + table + ": " + normalise(text)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema: %w", err)
	}
	return shape, nil
}

// embeddedSchema is the schema this binary embeds as SQLite holds it: the shape of a new
// database made from it, and each object's text with its normalised form.
type embeddedSchema struct {
	shape      map[string]string
	normalised map[string]string // text as in sqlite_schema → normaliseSQL(text)
}

// normalise is normaliseSQL, looked up for a text the embedded schema makes: every open
// reads the whole schema, and normalising each text again was a tenth of opening a store.
func (e embeddedSchema) normalise(text string) string {
	if n, ok := e.normalised[text]; ok {
		return n
	}
	return normaliseSQL(text)
}

// expectedSchema builds the embedded schema's shape once, in memory, remembering each
// text's normalised form on the way.
var expectedSchema = sync.OnceValues(func() (embeddedSchema, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return embeddedSchema{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, clinicdesk.Schema); err != nil {
		return embeddedSchema{}, fmt.Errorf("build the expected schema: %w", err)
	}
	e := embeddedSchema{normalised: map[string]string{}}
	e.shape, err = readShapeWith(ctx, db, func(text string) string {
		n := normaliseSQL(text)
		e.normalised[text] = n
		return n
	})
	return e, err
})

// DriftedObject is one table, index, view or trigger of the file that differs from the
// schema ClinicDesk embeds.
type DriftedObject struct {
	Name  string
	Type  string // table, index, view, trigger
	State string // "missing", "changed" or "extra"
}

func (o DriftedObject) String() string { return fmt.Sprintf("%s %q is %s", o.Type, o.Name, o.State) }

// SchemaDriftError is a database whose schema is not the one this ClinicDesk embeds: an
// object was dropped, altered or added outside ClinicDesk (a planted trigger, a dropped
// audit trigger). The store refuses to write to it, and serve refuses to start.
type SchemaDriftError struct {
	Objects []DriftedObject
}

func (e *SchemaDriftError) Error() string {
	names := make([]string, 0, min(len(e.Objects), 5))
	for i, o := range e.Objects {
		if i == 5 {
			names = append(names, fmt.Sprintf("and %d more", len(e.Objects)-5))
			break
		}
		names = append(names, o.String())
	}
	return "the database's schema was changed outside ClinicDesk (" + strings.Join(names, "; ") +
		"), so nothing is written to it: run `clinicdesk audit verify` and restore the file from a backup"
}

// schemaDrift compares a file's shape with the embedded schema's and lists each object
// that is missing, changed or extra, by name.
func schemaDrift(got map[string]string) ([]DriftedObject, error) {
	expected, err := expectedSchema()
	if err != nil {
		return nil, err
	}
	want := expected.shape
	var drift []DriftedObject
	kind := func(shape string) string { typ, _, _ := strings.Cut(shape, " "); return typ }
	for name, w := range want {
		switch g, ok := got[name]; {
		case !ok:
			drift = append(drift, DriftedObject{Name: name, Type: kind(w), State: "missing"})
		case g != w:
			drift = append(drift, DriftedObject{Name: name, Type: kind(g), State: "changed"})
		}
	}
	for name, g := range got {
		if _, ok := want[name]; !ok {
			drift = append(drift, DriftedObject{Name: name, Type: kind(g), State: "extra"})
		}
	}
	sort.Slice(drift, func(i, j int) bool { return drift[i].Name < drift[j].Name })
	return drift, nil
}

// checkDrift reads the file's schema through q and returns a *SchemaDriftError when it
// is not the embedded one.
func checkDrift(ctx context.Context, q querier) error {
	got, err := readShape(ctx, q)
	if err != nil {
		return err
	}
	drift, err := schemaDrift(got)
	if err != nil {
		return err
	}
	if len(drift) > 0 {
		return &SchemaDriftError{Objects: drift}
	}
	return nil
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
