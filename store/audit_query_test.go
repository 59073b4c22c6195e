package store

import (
	"context"
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
