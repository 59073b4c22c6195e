package store

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// The verifier reads audit_log through SQLite's C interface (auditLogReader): it must
// read each value as it is stored, the way the rest of the desk reads it through the
// driver: an integer stored as its text is that integer, and an integer column holding
// text that is not a whole number is refused, never read as the number SQLite would
// make of it. (NULL apart from a value: every INSERT row's old_values is NULL under its
// seal, so every verifying test proves it.)
func TestVerifyReadsEachAuditRowAsStored(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cases := []struct {
		name    string
		set     string // SET clause run on the first row with an actor id, the append-only trigger dropped
		refused string // verify fails with an error containing this
	}{
		{name: "untouched", set: `id = id`},
		{name: "an integer stored as its text", set: `actor_id = CAST(actor_id AS TEXT)`},
		{name: "an integer made text with a number's prefix", set: `actor_id = actor_id || 'abc'`, refused: `abc", not an integer`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newClinicFile(t)
			var target int64
			if err := c.raw.QueryRow(`SELECT min(id) FROM audit_log WHERE actor_id IS NOT NULL`).Scan(&target); err != nil {
				t.Fatal(err)
			}
			c.withoutTrigger(t, "audit_log_no_update", `UPDATE audit_log SET `+tc.set+` WHERE id = `+strconv.FormatInt(target, 10))
			report, err := c.s.VerifyAudit(ctx)
			switch {
			case tc.refused != "":
				if err == nil || !strings.Contains(err.Error(), tc.refused) {
					t.Fatalf("verify: %v, want an error saying %q", err, tc.refused)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			var rows int64
			if err := c.raw.QueryRow(`SELECT count(*) FROM audit_log`).Scan(&rows); err != nil {
				t.Fatal(err)
			}
			if report.Checked != rows {
				t.Errorf("checked %d rows, the log holds %d", report.Checked, rows)
			}
			for _, p := range report.Problems {
				if p.Kind != ProblemSchemaDrift { // dropping the trigger and making it again
					t.Errorf("row %d: %+v", target, p)
				}
			}
		})
	}
}
