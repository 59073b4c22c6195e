package store

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	clinicdesk "github.com/clinicdesk/clinicdesk"
)

// raw runs SQL straight on the writer connection, as another client of the file would:
// the rules under test must hold without the store's methods.
func raw(t *testing.T, s *Store, query string, args ...any) error {
	t.Helper()
	_, err := s.writer.Exec(query, args...)
	return translate(err)
}

func mustRaw(t *testing.T, s *Store, query string, args ...any) {
	t.Helper()
	if err := raw(t, s, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func wantRule(t *testing.T, err error, rule string) {
	t.Helper()
	var c *ConflictError
	var f *FieldError
	switch {
	case errors.As(err, &c) && c.Rule == rule, errors.As(err, &f) && f.Field == rule:
	default:
		t.Fatalf("got %v, want the %q rule to fire", err, rule)
	}
}

// seedClinic makes, by raw SQL, a doctor (doctors.id 1), a patient (1) and a stocked item.
func seedClinic(t *testing.T, s *Store) {
	mustRaw(t, s, `INSERT INTO users(id, email, full_name, role, password_hash) VALUES
		(1, 'rao@clinic.test', 'Dr. Asha Rao', 'doctor', 'x'), (2, 'desk@clinic.test', 'Desk', 'receptionist', 'x')`)
	mustRaw(t, s, `INSERT INTO doctors(id, user_id, licence_number) VALUES (1, 1, 'MCI-1')`)
	mustRaw(t, s, `INSERT INTO patients(first_name, last_name, date_of_birth, sex, phone, email)
		VALUES ('Ann', 'Lee', '1990-01-02', 'female', '+91 98765 43210', 'ann@example.com')`)
	mustRaw(t, s, `INSERT INTO patients(first_name, last_name, date_of_birth, sex) VALUES ('Ben', 'Okafor', '1985-05-06', 'male')`)
	mustRaw(t, s, `INSERT INTO inventory_items(id, name, generic_name) VALUES (1, 'Amoxicillin 500 mg capsule', 'amoxicillin')`)
	mustRaw(t, s, `INSERT INTO inventory_batches(id, item_id, batch_number, expires_on) VALUES (1, 1, 'B1', '2030-01-01')`)
	mustRaw(t, s, `INSERT INTO stock_movements(item_id, batch_id, kind, quantity) VALUES (1, 1, 'receive', 10)`)
}

func TestSchemaLoadsInTheStockSQLiteShell(t *testing.T) {
	t.Parallel()
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("sqlite3 shell not installed (.ci/run installs it)")
	}
	db := filepath.Join(t.TempDir(), "shell.db")
	cmd := exec.Command(shell, db)
	// Without a sync after each of the schema's statements: they are hundreds.
	cmd.Stdin = strings.NewReader("PRAGMA synchronous = OFF;\n" + clinicdesk.Schema + `
		INSERT INTO patients(first_name, last_name, date_of_birth, sex) VALUES ('Ann', 'Lee', '1990-01-02', 'female');
		SELECT patient_code FROM patients;`)
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "PAT000001" {
		t.Fatalf("sqlite3 shell: %v\n%s", err, out)
	}
}

func TestCodesAreGenerated(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	seedClinic(t, s)
	mustRaw(t, s, `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at)
		VALUES (2, 1, '2030-03-03T10:00:00Z', '2030-03-03T10:30:00Z')`)
	mustRaw(t, s, `INSERT INTO prescriptions(appointment_id, patient_id, doctor_id, no_consultation_reason)
		VALUES (1, 2, 1, 'Repeat prescription before the visit')`)
	var pat, apt, rx string
	err := s.readers.QueryRow(`SELECT (SELECT patient_code FROM patients WHERE id = 2),
		(SELECT appointment_code FROM appointments WHERE id = 1),
		(SELECT prescription_code FROM prescriptions WHERE id = 1)`).Scan(&pat, &apt, &rx)
	if err != nil || pat != "PAT000002" || apt != "APT000001" || rx != "RX000001" {
		t.Fatalf("codes %q %q %q (%v)", pat, apt, rx, err)
	}
	// The audit row of the insert carries the code too.
	var logged string
	if err := s.readers.QueryRow(`SELECT new_values ->> 'patient_code' FROM audit_trail
		WHERE table_name = 'patients' AND row_id = 2 AND action = 'INSERT'`).Scan(&logged); err != nil || logged != "PAT000002" {
		t.Fatalf("audited code %q (%v)", logged, err)
	}
}

func TestOverlappingAppointmentsAreRefused(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	seedClinic(t, s)
	mustRaw(t, s, `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at)
		VALUES (1, 1, '2030-03-03T10:00:00Z', '2030-03-03T10:30:00Z')`)
	mustRaw(t, s, `INSERT INTO users(id, email, full_name, role, password_hash) VALUES (3, 'k@clinic.test', 'Dr. Kim', 'doctor', 'x')`)
	mustRaw(t, s, `INSERT INTO doctors(id, user_id, licence_number) VALUES (2, 3, 'MCI-2')`)
	cases := []struct {
		name, patient, doctor, start, end, rule string
	}{
		{"same doctor, inside", "2", "1", "2030-03-03T10:10:00Z", "2030-03-03T10:20:00Z", "doctor_overlap"},
		{"same doctor, straddling the start", "2", "1", "2030-03-03T09:45:00Z", "2030-03-03T10:15:00Z", "doctor_overlap"},
		{"same doctor, covering it", "2", "1", "2030-03-03T09:00:00Z", "2030-03-03T12:00:00Z", "doctor_overlap"},
		{"same patient, other doctor", "1", "2", "2030-03-03T10:15:00Z", "2030-03-03T10:45:00Z", "patient_overlap"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := raw(t, s, `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at) VALUES (?, ?, ?, ?)`,
				c.patient, c.doctor, c.start, c.end)
			wantRule(t, err, c.rule)
		})
	}
	// Back to back is fine, and so is the same time once the first is cancelled.
	mustRaw(t, s, `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at)
		VALUES (2, 1, '2030-03-03T10:30:00Z', '2030-03-03T11:00:00Z')`)
	mustRaw(t, s, `UPDATE appointments SET status = 'cancelled', cancel_reason = 'patient called' WHERE id = 1`)
	mustRaw(t, s, `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at)
		VALUES (1, 1, '2030-03-03T10:00:00Z', '2030-03-03T10:30:00Z')`)
	// Moving one onto another is refused too.
	wantRule(t, raw(t, s, `UPDATE appointments SET starts_at = '2030-03-03T10:40:00Z', ends_at = '2030-03-03T10:50:00Z' WHERE id = 3`), "doctor_overlap")
}

func TestStockLedgerRules(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	seedClinic(t, s)
	wantRule(t, raw(t, s, `INSERT INTO stock_movements(item_id, batch_id, kind, quantity) VALUES (1, 1, 'dispense', -11)`),
		"insufficient_stock")
	wantRule(t, raw(t, s, `UPDATE inventory_items SET current_stock = 500 WHERE id = 1`), "ledger")
	wantRule(t, raw(t, s, `UPDATE inventory_batches SET quantity_left = 500 WHERE id = 1`), "ledger")
	wantRule(t, raw(t, s, `UPDATE stock_movements SET quantity = 500`), "ledger")
	wantRule(t, raw(t, s, `DELETE FROM stock_movements`), "ledger")
	mustRaw(t, s, `INSERT INTO stock_movements(item_id, batch_id, kind, quantity) VALUES (1, 1, 'dispense', -10)`)
	var item, batch int
	if err := s.readers.QueryRow(`SELECT current_stock, (SELECT quantity_left FROM inventory_batches WHERE id = 1)
		FROM inventory_items WHERE id = 1`).Scan(&item, &batch); err != nil || item != 0 || batch != 0 {
		t.Fatalf("stock after dispensing everything: item %d batch %d (%v)", item, batch, err)
	}
}

func TestForeignKeysAreEnforced(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	err := raw(t, s, `INSERT INTO allergies(patient_id, allergen, severity) VALUES (99, 'penicillin', 'severe')`)
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("allergy for a missing patient: %v", err)
	}
	err = raw(t, s, `INSERT INTO settings(key, value) VALUES ('favourite_colour', 'teal')`)
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("a setting setting_keys does not list: %v", err)
	}
}

func TestChecksAreEnforced(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	seedClinic(t, s)
	cases := map[string]string{
		"negative fee":          `UPDATE doctors SET consultation_fee_cents = -1`,
		"unknown role":          `INSERT INTO users(email, full_name, role, password_hash) VALUES ('x@y.z', 'X', 'janitor', 'h')`,
		"future-proof date":     `INSERT INTO patients(first_name, last_name, date_of_birth, sex) VALUES ('A', 'B', '1990-13-45', 'female')`,
		"severity":              `INSERT INTO allergies(patient_id, allergen, severity) VALUES (1, 'dust', 'deadly')`,
		"cancel without reason": `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at, status) VALUES (1, 1, '2030-01-01T10:00:00Z', '2030-01-01T10:15:00Z', 'cancelled')`,
		"too long appointment":  `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at) VALUES (1, 1, '2030-01-01T10:00:00Z', '2030-01-01T18:00:00Z')`,
		"negative price":        `UPDATE inventory_items SET unit_price_cents = -5`,
	}
	for name, query := range cases {
		t.Run(name, func(t *testing.T) {
			if err := raw(t, s, query); !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want a refused CHECK", err)
			}
		})
	}
}

func TestPatientSearchIndexFollowsEveryChange(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	seedClinic(t, s)
	match := func(q string) []int64 {
		return queryIDs(t, s, `SELECT rowid FROM patients_fts WHERE patients_fts MATCH ? ORDER BY rowid`, q)
	}
	for q, want := range map[string]int{`ann*`: 1, `"98765"*`: 1, `code_number : "000001"`: 1, `"pat000001"`: 0,
		`"ann@example"*`: 1, `oka*`: 1, `joined_name : "annlee"`: 0} {
		if got := match(q); len(got) != want {
			t.Errorf("after insert, %s matched %v", q, got)
		}
	}
	mustRaw(t, s, `UPDATE patients SET last_name = 'Leung', phone = '+44 20 7946 0000' WHERE id = 1`)
	if got := match(`lee`); len(got) != 0 {
		t.Errorf("old name still found after update: %v", got)
	}
	if got := match(`leu*`); len(got) != 1 {
		t.Errorf("new name not found after update: %v", got)
	}
	if got := match(`"7946"*`); len(got) != 1 {
		t.Errorf("new phone not found after update: %v", got)
	}
	mustRaw(t, s, `UPDATE patients SET last_name = 'O''Leung-Lee' WHERE id = 1`)
	if got := match(`joined_name : "oleungl"*`); len(got) != 1 {
		t.Errorf("a name with an apostrophe and a hyphen is not found joined: %v", got)
	}
	mustRaw(t, s, `UPDATE patients SET last_name = 'Leung' WHERE id = 1`)
	if got := match(`joined_name : "oleungl"*`); len(got) != 0 {
		t.Errorf("the old joined name is still found: %v", got)
	}
	mustRaw(t, s, `DELETE FROM patients WHERE id = 2`)
	if got := match(`oka*`); len(got) != 0 {
		t.Errorf("deleted patient still found: %v", got)
	}
	if err := raw(t, s, `INSERT INTO patients_fts(patients_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("FTS integrity check: %v", err)
	}
	mustRaw(t, s, `INSERT INTO inventory_items(name, generic_name) VALUES ('Paracetamol 500 mg tablet', 'paracetamol')`)
	mustRaw(t, s, `UPDATE inventory_items SET generic_name = 'acetaminophen' WHERE name LIKE 'Paracetamol%'`)
	var n int
	if err := s.readers.QueryRow(`SELECT count(*) FROM inventory_fts WHERE inventory_fts MATCH 'aceta*'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("inventory search after update: %d (%v)", n, err)
	}
	if err := raw(t, s, `INSERT INTO inventory_fts(inventory_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("inventory FTS integrity check: %v", err)
	}
}

func TestUpdatedAtIsMaintained(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	seedClinic(t, s)
	mustRaw(t, s, `UPDATE patients SET updated_at = '2000-01-01T00:00:00Z' WHERE id = 1`)
	mustRaw(t, s, `UPDATE patients SET address = '1 Hill Road' WHERE id = 1`)
	var updated string
	if err := s.readers.QueryRow(`SELECT updated_at FROM patients WHERE id = 1`).Scan(&updated); err != nil || updated <= "2000-01-01T00:00:00Z" {
		t.Fatalf("updated_at after an edit: %q (%v)", updated, err)
	}
}

// Giving a new row its code is part of the insert: a patient, appointment or
// prescription keeps the updated_at it was inserted with (and its audit row says so),
// and a later edit still stamps it.
func TestCodeAssignmentKeepsUpdatedAt(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	seedClinic(t, s)
	const then = "2001-02-03T04:05:06Z"
	mustRaw(t, s, `INSERT INTO patients(id, first_name, last_name, date_of_birth, sex, updated_at)
		VALUES (10, 'Cy', 'Ng', '1970-01-01', 'male', ?)`, then)
	mustRaw(t, s, `INSERT INTO appointments(id, patient_id, doctor_id, starts_at, ends_at, created_at, updated_at)
		VALUES (10, 10, 1, '2030-01-01T09:00:00Z', '2030-01-01T09:15:00Z', ?1, ?1)`, then)
	check := func(table, code string) {
		t.Helper()
		var got, updated, audited string
		err := s.readers.QueryRow(`SELECT t.`+code+`, t.updated_at,
			(SELECT new_values ->> '$.updated_at' FROM audit_trail WHERE table_name = ?1 AND row_id = 10 AND action = 'INSERT')
			FROM `+table+` t WHERE t.id = 10`, table).Scan(&got, &updated, &audited)
		if err != nil || got == "" || updated != then || audited != then {
			t.Errorf("%s: code %q, updated_at %q, audited %q (%v), want updated_at %s", table, got, updated, audited, err, then)
		}
	}
	check("patients", "patient_code")
	check("appointments", "appointment_code")
	mustRaw(t, s, `UPDATE appointments SET status = 'checked_in' WHERE id = 10`)
	mustRaw(t, s, `UPDATE appointments SET status = 'in_consultation' WHERE id = 10`)
	mustRaw(t, s, `INSERT INTO prescriptions(id, appointment_id, patient_id, doctor_id, updated_at)
		VALUES (10, 10, 10, 1, ?)`, then)
	check("prescriptions", "prescription_code")
	var updated string
	if err := s.readers.QueryRow(`SELECT updated_at FROM appointments WHERE id = 10`).Scan(&updated); err != nil || updated <= then {
		t.Errorf("appointment's updated_at after an edit: %q (%v)", updated, err)
	}
	mustRaw(t, s, `UPDATE patients SET phone = '+91 90000 00000' WHERE id = 10`)
	if err := s.readers.QueryRow(`SELECT updated_at FROM patients WHERE id = 10`).Scan(&updated); err != nil || updated <= then {
		t.Errorf("patient's updated_at after an edit: %q (%v)", updated, err)
	}
}

func TestAuditRowsNameTheActor(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	ctx := context.Background()
	admin := mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	if err := s.PutSetting(ctx, admin.Actor(), SettingCurrency, "INR"); err != nil {
		t.Fatal(err)
	}
	var actorID int64
	var actorName, newValues string
	err := s.readers.QueryRow(`SELECT actor_id, actor_name, new_values FROM audit_log WHERE table_name = 'settings'`).
		Scan(&actorID, &actorName, &newValues)
	if err != nil || actorID != admin.ID || actorName != "Grace Admin" || !strings.Contains(newValues, "INR") {
		t.Fatalf("audit row: actor %d %q values %s (%v)", actorID, actorName, newValues, err)
	}
	// A write from outside the application is audited with no actor.
	mustRaw(t, s, `UPDATE settings SET value = 'EUR' WHERE key = 'currency'`)
	var outside any
	var oldValues string
	if err := s.readers.QueryRow(`SELECT actor_id, old_values FROM audit_log WHERE table_name = 'settings' AND action = 'UPDATE'`).
		Scan(&outside, &oldValues); err != nil || outside != nil || !strings.Contains(oldValues, "INR") {
		t.Fatalf("outside write audited with actor %v old %s (%v)", outside, oldValues, err)
	}
	// A user's password hash never reaches the audit log.
	var leaked int
	s.readers.QueryRow(`SELECT count(*) FROM audit_log WHERE coalesce(new_values, '') LIKE '%$2a$%'`).Scan(&leaked)
	if leaked != 0 {
		t.Fatal("a password hash was written to the audit log")
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	wantRule(t, raw(t, s, `UPDATE audit_log SET action = 'NOTHING' WHERE id = 1`), "append_only")
	wantRule(t, raw(t, s, `UPDATE audit_log SET hash = 'forged' WHERE id = 1`), "append_only")
	wantRule(t, raw(t, s, `DELETE FROM audit_log WHERE id = 1`), "append_only")
	mustRaw(t, s, `INSERT INTO access_log(action, allowed) VALUES ('read_chart', 1)`)
	wantRule(t, raw(t, s, `UPDATE access_log SET reason = ''`), "append_only")
	wantRule(t, raw(t, s, `DELETE FROM access_log`), "append_only")
	// A row written outside the application can be sealed once, and only its hash fields.
	// It is written not sealed yet, 32 zero bytes in each, which are no seal: they can
	// neither seal it nor undo a seal.
	mustRaw(t, s, `INSERT INTO audit_log(table_name, action) VALUES ('outside', 'NOTE')`)
	var placeholders int
	if err := s.readers.QueryRow(`SELECT count(*) FROM audit_log WHERE table_name = 'outside'
		AND prev_hash = zeroblob(32) AND hash = zeroblob(32)`).Scan(&placeholders); err != nil || placeholders != 1 {
		t.Fatalf("a row written outside: %d with zero bytes for its seals, %v", placeholders, err)
	}
	wantRule(t, raw(t, s, `UPDATE audit_log SET hash = 'h', action = 'X' WHERE table_name = 'outside'`), "append_only")
	wantRule(t, raw(t, s, `UPDATE audit_log SET prev_hash = 'p', hash = zeroblob(32) WHERE table_name = 'outside'`), "append_only")
	mustRaw(t, s, `UPDATE audit_log SET prev_hash = 'p', hash = 'h' WHERE table_name = 'outside'`)
	wantRule(t, raw(t, s, `UPDATE audit_log SET hash = 'h2' WHERE table_name = 'outside'`), "append_only")
	wantRule(t, raw(t, s, `UPDATE audit_log SET hash = zeroblob(32) WHERE table_name = 'outside'`), "append_only")
	wantRule(t, raw(t, s, `UPDATE access_log SET prev_hash = 'p', hash = zeroblob(32)`), "append_only")
	mustRaw(t, s, `UPDATE access_log SET prev_hash = 'p', hash = 'h'`)
	wantRule(t, raw(t, s, `UPDATE access_log SET hash = zeroblob(32)`), "append_only")
	wantRule(t, raw(t, s, `UPDATE access_log SET hash = 'h2'`), "append_only")
}

// An insert recorded by reference is written with 32 zero bytes for its values' digest;
// the digest is given with the row's seal, once, and is 32 bytes of something.
func TestAnInsertsValuesDigestIsGivenOnceWithItsSeal(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	mustRaw(t, s, `INSERT INTO audit_log(table_name, action, values_digest) VALUES ('outside', 'INSERT', zeroblob(32))`)
	const row = `WHERE table_name = 'outside'`
	wantRule(t, raw(t, s, `UPDATE audit_log SET values_digest = randomblob(32) `+row), "append_only")
	wantRule(t, raw(t, s, `UPDATE audit_log SET prev_hash = 'p', hash = 'h' `+row), "append_only")
	wantRule(t, raw(t, s, `UPDATE audit_log SET prev_hash = 'p', hash = 'h', values_digest = randomblob(31) `+row), "append_only")
	wantRule(t, raw(t, s, `UPDATE audit_log SET prev_hash = 'p', hash = 'h', values_digest = 'text of 32 bytes, not a digest..' `+row), "append_only")
	mustRaw(t, s, `UPDATE audit_log SET prev_hash = 'p', hash = 'h', values_digest = randomblob(32) `+row)
	wantRule(t, raw(t, s, `UPDATE audit_log SET values_digest = randomblob(32) `+row), "append_only")
	wantRule(t, raw(t, s, `UPDATE audit_log SET values_digest = zeroblob(32) `+row), "append_only")
	// A row that records its values has no digest to be given.
	mustRaw(t, s, `INSERT INTO audit_log(table_name, action, new_values) VALUES ('outside 2', 'INSERT', '[1]')`)
	wantRule(t, raw(t, s, `UPDATE audit_log SET prev_hash = 'p', hash = 'h', values_digest = randomblob(32) WHERE table_name = 'outside 2'`), "append_only")
}

// updated_at is stamped by an update that changed something, never by one that changed
// nothing: that writes no audit row, and the row would differ from the values its
// insert recorded by reference with nothing in the trail saying why.
func TestAnUpdateThatChangesNothingStampsNothing(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	mustRaw(t, s, `INSERT INTO clinic_holidays(day, name, updated_at) VALUES ('2030-12-25', 'Christmas', '2030-01-01T00:00:00Z')`)
	stamp := func() string {
		var at string
		if err := s.readers.QueryRow(`SELECT updated_at FROM clinic_holidays`).Scan(&at); err != nil {
			t.Fatal(err)
		}
		return at
	}
	mustRaw(t, s, `UPDATE clinic_holidays SET name = name`)
	if got := stamp(); got != "2030-01-01T00:00:00Z" {
		t.Fatalf("an update that changed nothing stamped updated_at %s", got)
	}
	mustRaw(t, s, `UPDATE clinic_holidays SET name = 'Christmas Day'`)
	if got := stamp(); got == "2030-01-01T00:00:00Z" {
		t.Fatal("a change left updated_at as it was")
	}
}
