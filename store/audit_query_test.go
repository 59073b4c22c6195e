package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
)

// The admin's audit trail says who changed which patient record when, but not what
// the record says: the values of a patient's rows are left out; other rows keep theirs.
func TestAuditPageHidesPatientValuesFromTheAdmin(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	seedClinic(t, s)
	admin := mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	mustRaw(t, s, `INSERT INTO allergies(patient_id, allergen, reaction, severity) VALUES (1, 'Penicillin', 'Hives', 'severe')`)
	if err := s.PutSetting(ctx, admin.Actor(), SettingCurrency, "INR"); err != nil {
		t.Fatal(err)
	}
	page, err := s.AuditPage(ctx, admin.Actor(), AuditFilter{}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range page {
		seen[e.Table] = true
		values := e.OldValues + e.NewValues
		switch e.Table {
		case "allergies", "patients":
			if !e.ValuesHidden || values != "" || e.PatientID == 0 {
				t.Errorf("%s row %d shown to the admin: %+v", e.Table, e.ID, e)
			}
		case "settings", "users":
			if e.ValuesHidden || values == "" {
				t.Errorf("%s row %d hidden from the admin: %+v", e.Table, e.ID, e)
			}
		}
		if strings.Contains(values, "Penicillin") || strings.Contains(values, "Okafor") {
			t.Errorf("a patient's data reached the admin in row %d: %s", e.ID, values)
		}
	}
	for _, table := range []string{"allergies", "patients", "settings", "users"} {
		if !seen[table] {
			t.Errorf("no %s row in the trail", table)
		}
	}
}

// The admin opens one hidden row's values by stating why: the values come back, and
// the opening is in the sealed access log with its reason. Without a reason, nothing.
func TestOpenAuditValuesIsLoggedWithItsReason(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	seedClinic(t, s)
	admin := mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	mustRaw(t, s, `INSERT INTO allergies(patient_id, allergen, reaction, severity) VALUES (1, 'Penicillin', 'Hives', 'severe')`)
	page, err := s.AuditPage(ctx, admin.Actor(), AuditFilter{Table: "allergies"}, 0, 0)
	if err != nil || len(page) != 1 || !page[0].ValuesHidden {
		t.Fatalf("the allergy's audit row: %+v, %v", page, err)
	}
	id := page[0].ID
	if _, err := s.OpenAuditValues(ctx, admin.Actor(), id, "why"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("opened with no real reason: %v", err)
	}
	e, err := s.OpenAuditValues(ctx, admin.Actor(), id, "patient asked who changed her allergy")
	if err != nil || !strings.Contains(e.NewValues, "Penicillin") || e.ValuesHidden {
		t.Fatalf("opened values: %+v, %v", e, err)
	}
	var action, reason string
	var hash sql.NullString
	if err := s.readers.QueryRow(`SELECT action, reason, hash FROM access_log WHERE entity = 'audit_log' AND entity_id = ?`, id).
		Scan(&action, &reason, &hash); err != nil || action != string(ActOpenAuditValues) ||
		reason != "patient asked who changed her allergy" || !hash.Valid {
		t.Fatalf("the opening in the access log: %s %q %v (%v)", action, reason, hash, err)
	}
	if report, err := s.VerifyAudit(ctx); err != nil || report.Accesses != 1 {
		t.Fatalf("verify: %+v, %v", report, err)
	}
}
