package store

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// The shapes are append-only and a row's shape is part of the row: the schema refuses
// to change either, and a shape's columns must be a JSON array.
func TestAuditShapesCannotBeChanged(t *testing.T) {
	t.Parallel()
	c := newClinicFile(t)
	for _, q := range []string{
		`UPDATE audit_shapes SET columns = '["key","updated_at","value"]' WHERE id = 1`,
		`DELETE FROM audit_shapes WHERE id = 1`,
		`UPDATE audit_log SET shape = 2 WHERE id = (SELECT max(id) FROM audit_log WHERE shape = 1)`,
	} {
		if _, err := c.raw.Exec(q); err == nil || !strings.Contains(err.Error(), "append_only") {
			t.Errorf("%s: %v, want it refused as append_only", q, err)
		}
	}
	if _, err := c.raw.Exec(`INSERT INTO audit_shapes(id, table_name, columns) VALUES (1000, 'settings', '{"key":0}')`); err == nil ||
		!strings.Contains(err.Error(), "CHECK constraint failed") {
		t.Errorf("a shape whose columns are not a JSON array: %v", err)
	}
}

// The seal of a row naming a shape covers the shape's columns: renaming them in the
// file, or pointing a sealed row at another shape, makes each such row fail
// `audit verify` as edited.
func TestVerifyFindsAShapeChangedInTheFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, tamper := range map[string]struct{ trigger, query string }{
		"columns renamed":          {"audit_shapes_no_update", `UPDATE audit_shapes SET columns = '["key","updated_at","value"]' WHERE id = 1`},
		"rows given another shape": {"audit_log_no_update", `UPDATE audit_log SET shape = 2 WHERE shape = 1`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := newClinicFile(t)
			want := queryIDs(t, c.s, `SELECT id FROM audit_log WHERE shape = 1 ORDER BY id`)
			if len(want) < 3 {
				t.Fatalf("the settings' audit rows %v: want three currency changes at least", want)
			}
			c.withoutTrigger(t, tamper.trigger, tamper.query)
			report, err := c.s.VerifyAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var edited []int64
			for _, p := range report.Problems {
				if p.Kind == ProblemEdited {
					edited = append(edited, p.Row)
				}
			}
			if !slices.Equal(edited, want) {
				t.Fatalf("edited rows %v, want %v (all: %v)", edited, want, report.Problems)
			}
		})
	}
}

// Rows record their values as a JSON array of their shape; audit_trail and the audit
// screen name them, and show a row that recorded a JSON object as it is.
func TestTheAuditTrailNamesTheValuesOfEachRow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinicFile(t)
	var raw string
	if err := c.raw.QueryRow(`SELECT new_values FROM audit_log WHERE shape = 1 ORDER BY id DESC LIMIT 1`).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(raw, `["currency","EUR","`) {
		t.Fatalf("a setting's audit row recorded %s, want its values in the shape's order", raw)
	}
	object := c.insertAuditRow(t, `INSERT INTO audit_log(actor_name, table_name, action, new_values) VALUES ('sqlite3', 'session', 'login', '{"email":"a@b.test","how":"desk"}')`)
	var shown string
	if err := c.raw.QueryRow(`SELECT new_values FROM audit_trail WHERE id = ?`, object).Scan(&shown); err != nil {
		t.Fatal(err)
	}
	if shown != `{"email":"a@b.test","how":"desk"}` {
		t.Fatalf("audit_trail shows a row without a shape as %s", shown)
	}
	// A value past the shape's names (written around ClinicDesk) is shown by its place.
	extra := c.insertAuditRow(t, `INSERT INTO audit_log(actor_name, table_name, action, shape, new_values) VALUES ('sqlite3', 'settings', 'INSERT', 1, '["currency","GBP","2030-01-01T00:00:00Z",true]')`)
	if err := c.raw.QueryRow(`SELECT new_values FROM audit_trail WHERE id = ?`, extra).Scan(&shown); err != nil {
		t.Fatal(err)
	}
	if shown != `{"key":"currency","value":"GBP","updated_at":"2030-01-01T00:00:00Z","[3]":1}` {
		t.Fatalf("audit_trail shows a row with a value past its shape as %s", shown)
	}
	page, err := c.s.AuditPage(ctx, c.admin.Actor(), AuditFilter{Table: "settings", Action: "UPDATE"}, 0, 1)
	if err != nil || len(page) != 1 {
		t.Fatalf("the settings' audit page: %v, %v", page, err)
	}
	var named map[string]any
	if err := json.Unmarshal([]byte(page[0].NewValues), &named); err != nil {
		t.Fatalf("the audit screen's values %q: %v", page[0].NewValues, err)
	}
	if named["key"] != "currency" || named["value"] != "EUR" || named["updated_at"] == nil || len(named) != 3 {
		t.Fatalf("the audit screen names the values %v", named)
	}
	opened, err := c.s.OpenAuditValues(ctx, c.admin.Actor(), page[0].ID, "Checking the currency change")
	if err != nil || opened.NewValues != page[0].NewValues || !strings.HasPrefix(opened.OldValues, `{"key":"currency","value":"USD",`) {
		t.Fatalf("the break-glass read of row %d: %+v, %v", page[0].ID, opened, err)
	}
}
