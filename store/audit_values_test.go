package store

import (
	"encoding/json"
	"slices"
	"sort"
	"testing"

	"github.com/clinicdesk/clinicdesk/internal/schemagen"
)

// lastAuditRow is the newest audit row of the table: its action and its values decoded,
// named by audit_trail.
func lastAuditRow(t *testing.T, s *Store, table string) (id int64, action string, old, new map[string]any) {
	t.Helper()
	var oldText, newText *string
	if err := s.readers.QueryRow(`SELECT id, action, old_values, new_values FROM audit_trail
		WHERE table_name = ? ORDER BY id DESC LIMIT 1`, table).Scan(&id, &action, &oldText, &newText); err != nil {
		t.Fatalf("the last audit row of %s: %v", table, err)
	}
	decode := func(text *string) map[string]any {
		if text == nil {
			return nil
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(*text), &m); err != nil {
			t.Fatalf("audit values %q: %v", *text, err)
		}
		return m
	}
	return id, action, decode(oldText), decode(newText)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// The generated triggers record each audited table's rows through its audit_values
// column: every declared column but the secret one, on insert, update and delete; an
// update that only stamped updated_at records nothing, and a change of the secret alone
// is recorded as its flag.
func TestGeneratedTriggersRecordEveryDeclaredColumn(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	admin := mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	var users schemagen.Table
	for _, table := range schemagen.Tables {
		if table.Name == "users" {
			users = table
		}
	}
	want := slices.DeleteFunc(slices.Clone(users.Columns), func(c string) bool { return c == users.Secret })
	sort.Strings(want)

	first, action, _, inserted := lastAuditRow(t, s, "users")
	if action != "INSERT" || !slices.Equal(sortedKeys(inserted), want) {
		t.Fatalf("insert recorded %s %v, want the columns %v", action, sortedKeys(inserted), want)
	}

	mustRaw(t, s, `UPDATE users SET updated_at = '2030-01-01T00:00:00Z' WHERE id = ?`, admin.ID)
	if id, _, _, _ := lastAuditRow(t, s, "users"); id != first {
		t.Fatal("an update that only stamped updated_at left an audit row")
	}

	mustRaw(t, s, `UPDATE users SET full_name = 'Grace Hopper' WHERE id = ?`, admin.ID)
	_, action, old, new := lastAuditRow(t, s, "users")
	wantFlagged := append(slices.Clone(want), users.SecretChanged)
	sort.Strings(wantFlagged)
	if action != "UPDATE" || old["full_name"] != "Grace Admin" || new["full_name"] != "Grace Hopper" ||
		new[users.SecretChanged] != float64(0) || !slices.Equal(sortedKeys(old), want) || !slices.Equal(sortedKeys(new), wantFlagged) {
		t.Fatalf("a rename recorded %s old %v new %v", action, old, new)
	}

	mustRaw(t, s, `UPDATE users SET password_hash = 'not a real hash' WHERE id = ?`, admin.ID)
	_, action, old, new = lastAuditRow(t, s, "users")
	if action != "UPDATE" || new[users.SecretChanged] != float64(1) || old[users.Secret] != nil || new[users.Secret] != nil {
		t.Fatalf("a password change recorded %s old %v new %v", action, old, new)
	}

	mustRaw(t, s, `INSERT INTO clinic_holidays(day, name) VALUES ('2030-12-25', 'Christmas')`)
	mustRaw(t, s, `DELETE FROM clinic_holidays WHERE day = '2030-12-25'`)
	_, action, old, new = lastAuditRow(t, s, "clinic_holidays")
	if action != "DELETE" || old["name"] != "Christmas" || new != nil {
		t.Fatalf("a delete recorded %s old %v new %v", action, old, new)
	}
}
