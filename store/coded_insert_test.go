package store

import (
	"context"
	"fmt"
	"testing"
)

// The store's inserts give a new row the id and the code that the schema's triggers
// would, between rows inserted by raw SQL, and the trigger leaves the code as it is
// (no update of the new row, so none in the audit trail).
func TestCodedInsertsMatchTheTriggers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newApptFixture(t)
	s := f.s
	mustRaw(t, s, `INSERT INTO patients(first_name, last_name, date_of_birth, sex) VALUES ('Raw', 'Before', '1990-01-01', 'male')`)
	stored := f.patient(t, "Store", "Made")
	mustRaw(t, s, `INSERT INTO patients(first_name, last_name, date_of_birth, sex) VALUES ('Raw', 'After', '1990-01-01', 'male')`)
	appointment := f.book(t, stored, f.rao, f.at(3, 10, 15))
	rx, err := s.CreatePrescriptionWithoutConsultation(ctx, System("test"), appointment, "Repeat prescription")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		table, code string
		id          int64
	}{{"patients", "patient_code", stored}, {"appointments", "appointment_code", appointment}, {"prescriptions", "prescription_code", rx}} {
		var code, want string
		var updates int
		if err := s.readers.QueryRow(`SELECT `+c.code+`, (SELECT count(*) FROM audit_log WHERE table_name = ? AND row_id = ? AND action = 'UPDATE')
			FROM `+c.table+` WHERE id = ?`, c.table, c.id, c.id).Scan(&code, &updates); err != nil {
			t.Fatal(err)
		}
		want = map[string]string{"patients": "PAT", "appointments": "APT", "prescriptions": "RX"}[c.table] +
			fmt.Sprintf("%06d", c.id)
		if code != want || updates != 0 {
			t.Errorf("%s %d: code %s, %d updates; want %s and none", c.table, c.id, code, updates, want)
		}
	}
	var codes string
	s.readers.QueryRow(`SELECT group_concat(patient_code, ' ') FROM (SELECT patient_code FROM patients ORDER BY id)`).Scan(&codes)
	if len(codes) == 0 || codes[len(codes)-29:] != "PAT000003 PAT000004 PAT000005" {
		t.Fatalf("codes in order: %s", codes)
	}
}
