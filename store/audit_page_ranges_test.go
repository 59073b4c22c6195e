package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// auditTrailFixture appends rows to the trail of a new store as the triggers and the
// security events write them, over three days with several rows to a second (so the
// date filters' ends fall between equal times), in four tables with their actions, by
// three actors and none, about five patients and none, and with a gap in the ids (rows
// are never deleted, but the bisection must not depend on that). It returns the store
// and the first instant of the trail.
func auditTrailFixture(t *testing.T) (*Store, time.Time) {
	t.Helper()
	s := newTestStore(t)
	start := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	actions := map[string][]string{
		"appointments": {"INSERT", "UPDATE", "DELETE"},
		"patients":     {"INSERT", "UPDATE"},
		"settings":     {"UPDATE"},
		SessionTable:   {EventLogin, EventLogout, EventLockout},
	}
	tables := []string{"appointments", "patients", "settings", SessionTable}
	at, id := start, int64(0)
	if err := s.writer.QueryRowContext(calCtx, `SELECT coalesce(max(id), 0) FROM audit_log`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	for i := range 400 {
		id++
		if i == 250 {
			id += 1000
		}
		if i%3 == 0 {
			at = at.Add(time.Duration(1+i%7) * 17 * time.Minute)
		}
		table := tables[(i*7)%len(tables)]
		action := actions[table][(i/5)%len(actions[table])]
		var actorID, patientID any
		if i%4 != 0 {
			actorID = 1 + i%3
		}
		if table != SessionTable && i%5 != 0 {
			patientID = 1 + i%5
		}
		if _, err := s.writer.ExecContext(calCtx, `INSERT INTO audit_log(id, at, actor_id, actor_name, table_name, row_id,
			patient_id, action, new_values) VALUES (?, ?, ?, 'fixture', ?, ?, ?, ?, '{}')`,
			id, formatTime(at), actorID, table, i, patientID, action); err != nil {
			t.Fatal(err)
		}
	}
	return s, start
}

// Each filter of the audit screen, read through the few indexes the trail keeps (a
// table or an action alone as the merge of its (table, action) ranges, a date range as
// a range of ids), gives exactly the rows of the filter's plain condition, page after
// page.
func TestAuditPageFiltersGiveTheRowsOfTheirCondition(t *testing.T) {
	t.Parallel()
	s, start := auditTrailFixture(t)
	admin := System("test")
	day := 24 * time.Hour
	filters := []AuditFilter{
		{},
		{Table: "appointments"},
		{Table: SessionTable},
		{Table: "settings"},
		{Table: "no_such_table"},
		{Action: "UPDATE"},
		{Action: EventLockout},
		{Action: "no_such_action"},
		{Table: "patients", Action: "INSERT"},
		{ActorID: 2, Action: "INSERT"},
		{PatientID: 3, Table: "appointments"},
		{From: start.Add(5 * time.Hour)},
		{To: start.Add(5 * time.Hour)},
		{From: start.Add(-day), To: start},
		{From: start.Add(30 * day)},
		{From: start.Add(2 * time.Hour), To: start.Add(20 * time.Hour), Table: "patients"},
		{From: start.Add(time.Hour), To: start.Add(2 * day), Action: "DELETE", ActorID: 1},
	}
	for _, f := range filters {
		var cond []string
		var args []any
		if f.Table != "" {
			cond, args = append(cond, "table_name = ?"), append(args, f.Table)
		}
		if f.Action != "" {
			cond, args = append(cond, "action = ?"), append(args, f.Action)
		}
		if f.ActorID != 0 {
			cond, args = append(cond, "actor_id = ?"), append(args, f.ActorID)
		}
		if f.PatientID != 0 {
			cond, args = append(cond, "patient_id = ?"), append(args, f.PatientID)
		}
		if !f.From.IsZero() {
			cond, args = append(cond, "at >= ?"), append(args, formatTime(f.From))
		}
		if !f.To.IsZero() {
			cond, args = append(cond, "at < ?"), append(args, formatTime(f.To))
		}
		want := queryIDs(t, s, `SELECT id FROM audit_log WHERE `+strings.Join(append(cond, "1"), " AND ")+` ORDER BY id DESC`, args...)
		t.Run(fmt.Sprint(cond, args), func(t *testing.T) {
			for _, limit := range []int{7, AuditPageSize} {
				var got []int64
				for before := int64(0); ; {
					page, err := s.AuditPage(context.Background(), admin, f, before, limit)
					if err != nil {
						t.Fatal(err)
					}
					if len(page) > limit {
						t.Fatalf("a page of %d rows, limit %d", len(page), limit)
					}
					for _, e := range page {
						got = append(got, e.ID)
					}
					if len(page) < limit {
						break
					}
					before = page[len(page)-1].ID
				}
				if !slices.Equal(got, want) {
					t.Fatalf("pages of %d gave %d rows %v\nwant %d rows %v", limit, len(got), got, len(want), want)
				}
			}
		})
	}
}

// queryIDs runs a query of one integer column on the readers and returns its values.
func queryIDs(t *testing.T, s *Store, query string, args ...any) []int64 {
	t.Helper()
	return queryColumn[int64](t, s.readers, query, args...)
}

// The trail's reads touch ranges of its indexes, never every row: a page of one
// (table, action), each walk of the distinct tables and actions, and each step of the
// bisection of a date.
func TestAuditPageReadsRangesOfItsIndexes(t *testing.T) {
	t.Parallel()
	s, _ := auditTrailFixture(t)
	pageQuery, pageArgs := auditPageQuery("id < ?", []any{int64(1 << 40)}, []auditPair{{"appointments", "UPDATE"}}, 10)
	merged, mergedArgs := auditPageQuery("1", nil, []auditPair{{"patients", "INSERT"}, {"patients", "UPDATE"}}, 10)
	tests := []struct {
		name, query, want string
		args              []any
	}{
		{"a (table, action) page", pageQuery, "SEARCH audit_log USING INDEX audit_log_table_action_id (table_name=? AND action=? AND id<?)", pageArgs},
		{"a table's pages merged", merged, "SEARCH audit_log USING COVERING INDEX audit_log_table_action_id (table_name=? AND action=?)", mergedArgs},
		{"a table's actions", `SELECT min(action) FROM audit_log WHERE table_name = ?1 AND action > ?2`,
			"SEARCH audit_log USING COVERING INDEX audit_log_table_action_id (table_name=? AND action>?)", []any{"patients", "A"}},
		{"the tables", `SELECT min(table_name) FROM audit_log WHERE table_name > ?`, "SEARCH audit_log USING COVERING INDEX", []any{"a"}},
		{"the bisection's ends", auditIDBoundsQuery, "SEARCH audit_log", nil},
		{"a step of the bisection", `SELECT id, at FROM audit_log WHERE id >= ? ORDER BY id LIMIT 1`,
			"SEARCH audit_log USING INTEGER PRIMARY KEY (rowid>?)", []any{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := queryPlan(t, s, tt.query, tt.args...)
			if !strings.Contains(text, tt.want) || strings.Contains(text, "SCAN audit_log") {
				t.Fatalf("plan:\n%s\nwant %s and no scan of audit_log", text, tt.want)
			}
		})
	}
}
