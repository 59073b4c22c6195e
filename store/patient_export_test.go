package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
)

// exportNotExported names the tables that hold rows about a patient (found by walking the
// foreign keys from patients) which the export leaves out on purpose, each with the
// reason. A new table that references patients, directly or through another table, must
// be added to exportSpecs or named here: TestExportHoldsEveryRowAboutThePatient fails
// until it is.
var exportNotExported = map[string]string{}

// exportWorld is a patient with at least one row in every table that references them,
// directly or through another row: chart, visits, a prescription with every kind of
// line detail, a fulfilment with its acknowledgements, the ledger, messages, emergency
// access, the access log, and an account with an SSH key. Beside them is another patient
// whose rows must stay out of the export.
type exportWorld struct {
	*rxWorld
	account User
	otherID int64
}

func newExportWorld(t *testing.T) *exportWorld {
	t.Helper()
	path, v := exportWorldFiles.Copy(t, "clinic.db")
	rx := v.rx
	rx.clock = rxClock()
	rx.s = openTestStore(t, path, WithClock(rx.clock.now))
	rememberReads(rx.s, v.reads)
	return &exportWorld{rxWorld: &rx, account: v.account, otherID: v.otherID}
}

// exportWorldFiles is the exportWorld's clinic, built once per test binary and copied
// for each test, with the reads its store logged (the copies' stores remember them).
var exportWorldFiles = testfixture.World[exportWorldValue]{Build: func(t testing.TB, path string) (v exportWorldValue) {
	clock := rxClock()
	s := openStore(t, path, WithClock(clock.now))
	defer s.Close()
	rx := fillRxWorld(t, s)
	rx.clock = clock
	w := fillExportWorld(t, &exportWorld{rxWorld: rx})
	v.reads = closeWorld(t, s, true)
	rx.s, rx.clock = nil, nil
	v.rx, v.account, v.otherID = *rx, w.account, w.otherID
	return v
}}

// exportWorldValue is what each copy of the exportWorld needs besides its files.
type exportWorldValue struct {
	rx      rxWorld
	account User
	otherID int64
	reads   map[readKey]time.Time
}

// fillExportWorld makes the world's records in the rxWorld's store.
func fillExportWorld(t testing.TB, w *exportWorld) *exportWorld {
	t.Helper()
	ctx, s := w.ctx, w.s
	desk := w.frontDesk.Actor()
	w.account = mustUser(t, s, RolePatient, "jane@example.test", "Jane Doe")
	w.sql(t, `UPDATE patients SET user_id = ? WHERE id = ?`, w.account.ID, w.patientID)
	if _, err := s.AddSSHKey(ctx, System("test"), w.account.ID,
		"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl jane@laptop"); err != nil {
		t.Fatal(err)
	}
	p, err := s.Patient(ctx, desk, w.patientID)
	if err != nil {
		t.Fatal(err)
	}
	in := PatientInput{FirstName: p.FirstName, LastName: p.LastName, DateOfBirth: p.DateOfBirth, Sex: p.Sex,
		Phone: "+91 98765 43210", Email: "jane@example.test", Consent: &ContactConsent{Email: true, SMS: true}}
	if _, err := s.UpdatePatient(ctx, desk, w.patientID, in); err != nil {
		t.Fatal(err)
	}
	doc := w.doctor.Actor()
	if _, err := s.AddAllergy(ctx, doc, w.patientID, AllergyInput{Allergen: "Penicillin", Severity: "severe", Reaction: "hives"}); err != nil {
		t.Fatal(err)
	}
	w.sql(t, `INSERT INTO medical_history(patient_id, condition, status, recorded_by) VALUES (?, 'Asthma', 'chronic', ?)`,
		w.patientID, w.doctor.ID)
	w.sql(t, `INSERT INTO current_medications(patient_id, name, dosage, frequency) VALUES (?, 'Salbutamol', '100 mcg', 'as needed')`,
		w.patientID)
	w.sql(t, `INSERT INTO patient_pregnancy(patient_id, status, noted_on, recorded_by) VALUES (?, 'breastfeeding', '2026-03-01', ?)`,
		w.patientID, w.doctor.ID)
	visit := w.appointment(t, w.doctor, w.patientID)
	w.sql(t, `INSERT INTO vital_signs(patient_id, appointment_id, systolic_mmhg, diastolic_mmhg, pulse_bpm) VALUES (?, ?, 120, 80, 70)`,
		w.patientID, visit)
	w.sql(t, `UPDATE appointments SET fee_cents = 50000 WHERE id = ?`, visit)
	w.sql(t, `INSERT INTO payments(desk, appointment_id, kind, method, amount_cents, till_date, taken_by, taken_at)
		VALUES ('front_desk', ?, 'payment', 'cash', 50000, '2026-03-10', ?, '2026-03-10T09:00:00Z')`, visit, w.frontDesk.ID)

	// A prescription written by hand as a draft, so that it can carry an override and a
	// free-text line, then submitted.
	rx := w.sql(t, `INSERT INTO prescriptions(appointment_id, patient_id, doctor_id, diagnosis, sketch)
		VALUES (?, ?, (SELECT id FROM doctors WHERE user_id = ?), 'Chest infection', '{"w":2,"h":1,"rows":["ab"]}')`,
		visit, w.patientID, w.doctor.ID)
	item := w.item(t, "Amoxicillin 500", false, 0, 1200)
	batch := w.receive(t, item, "B-1", w.day(300), 50)
	line := w.sql(t, `INSERT INTO prescription_medications(prescription_id, inventory_item_id, name, dosage, frequency,
		duration_days, quantity, allergy_override_reason) VALUES (?, ?, 'Amoxicillin 500', '1 tablet', 'TID', 5, 15,
		'Tolerated it last year')`, rx, item)
	freeText := w.sql(t, `INSERT INTO prescription_medications(prescription_id, name, dosage, frequency, quantity)
		VALUES (?, 'Steam inhalation', 'as told', 'BID', 1)`, rx)
	w.sql(t, `INSERT INTO prescription_overrides(prescription_medication_id, kind, severity, warning_key, warning)
		VALUES (?, 'allergy', 'severe', 'allergy:penicillin', 'Allergic to penicillin (severe)')`, line)
	w.sql(t, `INSERT INTO prescription_tests(prescription_id, test_name, priority) VALUES (?, 'Chest X-ray', 'urgent')`, rx)
	w.sql(t, `UPDATE prescriptions SET status = 'submitted', submitted_at = '2026-03-10T09:00:00Z',
		valid_until = '2026-04-09T09:00:00Z' WHERE id = ?`, rx)
	w.sql(t, `INSERT INTO prescription_amendments(prescription_id, reason, amendment, author_id)
		VALUES (?, 'Typo', 'Take with food', ?)`, rx, w.doctor.ID)
	w.confirmFreeText(t, freeText)
	pharmacist := `(SELECT id FROM pharmacists WHERE user_id = ?)`
	ful := w.sql(t, `INSERT INTO pharmacy_fulfillments(prescription_id, patient_id, pharmacist_id, kind, total_cents)
		VALUES (?, ?, `+pharmacist+`, 'prescription', 18000)`, rx, w.patientID, w.pharmacist.ID)
	w.sql(t, `INSERT INTO dispense_acknowledgements(fulfillment_id, prescription_medication_id, inventory_item_id, kind,
		warning_key, warning, doctor_override, pharmacist_id) VALUES (?, ?, ?, 'allergy', 'allergy:penicillin',
		'Allergic to penicillin (severe)', 'Tolerated it last year', `+pharmacist+`)`, ful, line, item, w.pharmacist.ID)
	w.sql(t, `INSERT INTO fulfillment_items(fulfillment_id, prescription_medication_id, inventory_item_id, batch_id,
		quantity, unit_price_cents, line_total_cents, created_at) VALUES (?, ?, ?, ?, 15, 1200, 18000, '2026-03-10T10:00:00Z')`, ful, line, item, batch)
	w.sql(t, `INSERT INTO stock_movements(item_id, batch_id, kind, quantity, fulfillment_id, actor_id)
		VALUES (?, ?, 'dispense', -15, ?, ?)`, item, batch, ful, w.pharmacist.ID)
	w.sql(t, `INSERT INTO payments(desk, fulfillment_id, kind, method, amount_cents, till_date, taken_by, taken_at)
		VALUES ('pharmacy', ?, 'payment', 'card', 18000, '2026-03-10', ?, '2026-03-10T10:00:00Z')`, ful, w.pharmacist.ID)
	w.sql(t, `INSERT INTO notifications(role, channel, kind, title, body, patient_id, delivery, address)
		VALUES ('receptionist', 'sms', 'appointment_reminder', 'Reminder', 'See you tomorrow', ?, 'sent', '+919876543210')`, w.patientID)
	w.sql(t, `INSERT INTO notifications(user_id, kind, title) VALUES (?, 'prescription_dispensed', 'Your prescription is ready')`,
		w.account.ID)
	if _, err := s.BreakGlass(ctx, desk, w.patientID, "Patient collapsed at the desk; need allergies"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Chart(ctx, doc, w.patientID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MyAppointments(ctx, w.account.Actor(), true, 5); err != nil {
		t.Fatal(err)
	}
	// The patient's own refused try at a staff screen is an access row by their account.
	if _, err := s.Chart(ctx, w.account.Actor(), w.patientID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a patient reading a chart: %v", err)
	}

	// Someone else, with rows of the same kinds.
	w.otherID = w.patient(t, "John", "Other")
	w.appointment(t, w.doctor, w.otherID)
	if _, err := s.Chart(ctx, doc, w.otherID); err != nil {
		t.Fatal(err)
	}
	return w
}

// fkWalk finds every row that references the starting rows through the schema's foreign
// keys, transitively: table → set of rowids. It reads the keys from SQLite (pragma
// foreign_key_list of every table), so a new table is walked as soon as it exists.
func fkWalk(t *testing.T, s *Store, start map[string][]int64) map[string]map[int64]bool {
	t.Helper()
	type fk struct{ child, col, parent string }
	var fks []fk
	rows, err := s.readers.Query(`SELECT m.name, f."from", f."table" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k fk
		if err := rows.Scan(&k.child, &k.col, &k.parent); err != nil {
			t.Fatal(err)
		}
		fks = append(fks, k)
	}
	rows.Close()
	found := map[string]map[int64]bool{}
	type todo struct {
		table string
		id    int64
	}
	var queue []todo
	add := func(table string, id int64) {
		if found[table] == nil {
			found[table] = map[int64]bool{}
		}
		if !found[table][id] {
			found[table][id] = true
			queue = append(queue, todo{table, id})
		}
	}
	for table, ids := range start {
		for _, id := range ids {
			add(table, id)
		}
	}
	for len(queue) > 0 {
		at := queue[0]
		queue = queue[1:]
		for _, k := range fks {
			if k.parent != at.table {
				continue
			}
			ids, err := s.readers.Query(fmt.Sprintf(`SELECT rowid FROM %q WHERE %q = ?`, k.child, k.col), at.id)
			if err != nil {
				t.Fatalf("walk %s.%s (a table without rowid cannot be exported by row): %v", k.child, k.col, err)
			}
			for ids.Next() {
				var id int64
				if err := ids.Scan(&id); err != nil {
					t.Fatal(err)
				}
				add(k.child, id)
			}
			ids.Close()
		}
	}
	return found
}

// schemaTablesReferencing lists the tables that reference table through foreign keys,
// transitively, from the schema alone.
func schemaTablesReferencing(t *testing.T, s *Store, table string) []string {
	t.Helper()
	rows, err := s.readers.Query(`WITH RECURSIVE reach(name) AS (SELECT ? UNION
		SELECT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f, reach
		WHERE m.type = 'table' AND f."table" = reach.name) SELECT name FROM reach WHERE name <> ? ORDER BY name`, table, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	return out
}

// exportedIDs reads the _id of every row in the exported JSON, by the table its section
// comes from.
func exportedIDs(t *testing.T, data []byte) map[string]map[int64]bool {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the export is not JSON: %v", err)
	}
	got := map[string]map[int64]bool{}
	var walk func(obj map[string]any, specs []exportSpec)
	walk = func(obj map[string]any, specs []exportSpec) {
		for _, sp := range specs {
			var items []any
			switch v := obj[sp.key].(type) {
			case []any:
				items = v
			case map[string]any:
				items = []any{v}
			case nil:
			default:
				t.Fatalf("%s is a %T", sp.key, v)
			}
			for _, it := range items {
				row := it.(map[string]any)
				id, ok := row["_id"].(float64)
				if !ok {
					t.Fatalf("a row of %s has no _id: %v", sp.key, row)
				}
				if got[sp.table] == nil {
					got[sp.table] = map[int64]bool{}
				}
				got[sp.table][int64(id)] = true
				walk(row, sp.parts)
			}
		}
	}
	walk(doc, exportSpecs)
	return got
}

// TestExportHoldsEveryRowAboutThePatient walks the foreign keys from the patient (and
// their account) through every table and proves each row found is in the exported
// JSON, found there by its _id; that the fixture has rows in every table the schema
// lets reference a patient (so the proof covers them all); and that another patient's
// rows stay out.
func TestExportHoldsEveryRowAboutThePatient(t *testing.T) {
	t.Parallel()
	w := newExportWorld(t)
	// The record of an erasure is in the export too: an erased patient may still ask
	// what the clinic keeps under their pseudonym. Written last: it freezes the patient.
	w.sql(t, `INSERT INTO patient_erasures(patient_id, pseudonym, basis, reason, erased_at)
		VALUES (?, 'Erased 0A1B2C3D', 'request', 'Written request at the desk', '2026-03-10T09:00:00Z')`, w.patientID)
	doc, err := w.s.ExportPatient(w.ctx, w.frontDesk.Actor(), ExportRequest{PatientID: w.patientID, Format: ExportJSON,
		Where: "a test"})
	if err != nil {
		t.Fatal(err)
	}
	data, err := doc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	got := exportedIDs(t, data)
	want := fkWalk(t, w.s, map[string][]int64{"patients": {w.patientID}, "users": {w.account.ID}})

	for _, table := range schemaTablesReferencing(t, w.s, "patients") {
		if _, skip := exportNotExported[table]; !skip && len(want[table]) == 0 {
			t.Errorf("the fixture has no row of %s, which can reference a patient: give the export world one", table)
		}
	}
	var tables []string
	for table := range want {
		tables = append(tables, table)
	}
	sort.Strings(tables)
	for _, table := range tables {
		if reason, skip := exportNotExported[table]; skip {
			t.Logf("%s left out: %s", table, reason)
			continue
		}
		for id := range want[table] {
			if !got[table][id] {
				t.Errorf("%s row %d references the patient but is not in the export: add %s to exportSpecs "+
					"(or to exportNotExported with the reason)", table, id, table)
			}
		}
	}
	others := fkWalk(t, w.s, map[string][]int64{"patients": {w.otherID}})
	for table, ids := range others {
		for id := range ids {
			if got[table][id] && !want[table][id] {
				t.Errorf("the export holds %s row %d, which is another patient's", table, id)
			}
		}
	}
	if strings.Contains(string(data), "password") || strings.Contains(string(data), "$2a$") {
		t.Error("the export holds the account's password hash")
	}
}

// TestExportFollowsTheDesignsShapes: the JSON names what the original design names
// (appointmentId, scheduledAt, status, medications with name, dosage, frequency and
// duration, whiteboardData), flags are booleans, and the text is a readable document.
func TestExportFollowsTheDesignsShapes(t *testing.T) {
	t.Parallel()
	w := newExportWorld(t)
	doc, err := w.s.ExportPatient(w.ctx, System("clinicdesk export"), ExportRequest{Code: " pat000001 ",
		Format: ExportText, Encrypted: true, Where: "a file"})
	if err != nil {
		t.Fatal(err)
	}
	data, err := doc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Format       string
		Patient      struct{ PatientID string }
		Appointments []struct {
			AppointmentID, ScheduledAt, Status string
		}
		Prescriptions []struct {
			PrescriptionID, AppointmentID, WhiteboardData string
			Medications                                   []struct {
				Name, Dosage, Frequency string
				Duration                *string
				Chronic                 bool
			}
		}
		Consents []struct {
			Channel    string
			Granted    bool
			RecordedBy string
		}
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if d.Format != ExportFormatVersion || d.Patient.PatientID != "PAT000001" || len(d.Appointments) == 0 ||
		!strings.HasPrefix(d.Appointments[0].AppointmentID, "APT") || d.Appointments[0].ScheduledAt == "" {
		t.Fatalf("document head: %+v", d)
	}
	rx := d.Prescriptions[0]
	if rx.WhiteboardData == "" || rx.AppointmentID != d.Appointments[0].AppointmentID || len(rx.Medications) != 2 {
		t.Fatalf("prescription: %+v", rx)
	}
	if m := rx.Medications[0]; m.Name != "Amoxicillin 500" || m.Dosage != "1 tablet" || m.Frequency != "TID" ||
		m.Duration == nil || *m.Duration != "5 days" {
		t.Fatalf("medication: %+v", m)
	}
	if len(d.Consents) != 2 || !d.Consents[0].Granted || d.Consents[0].RecordedBy != "Dee Desk" {
		t.Fatalf("consents: %+v", d.Consents)
	}
	text := doc.Text()
	for _, want := range []string{"PATIENT RECORD", "Jane Doe", "PAT000001", "Prescriptions", "Amoxicillin 500",
		"Duration", "5 days", "Who looked at the record", "Dee Desk", "Payments", "₹", "Granted"} {
		if !strings.Contains(text, want) && !(want == "₹" && strings.Contains(text, "500.00")) {
			t.Errorf("the text document lacks %q", want)
		}
	}
}

// TestExportIsRecordedInTheAccessLog: each export leaves a sealed access-log row naming
// who exported whom, the format and whether it was encrypted; a role without the
// permission is refused; an unknown code is not found.
func TestExportIsRecordedInTheAccessLog(t *testing.T) {
	t.Parallel()
	w := newExportWorld(t)
	if _, err := w.s.ExportPatient(w.ctx, w.frontDesk.Actor(), ExportRequest{PatientID: w.patientID, Format: ExportJSON,
		Where: "the print directory"}); err != nil {
		t.Fatal(err)
	}
	var user int64
	var reason string
	if err := w.s.readers.QueryRow(`SELECT user_id, reason FROM access_log WHERE action = 'export' AND patient_id = ?`,
		w.patientID).Scan(&user, &reason); err != nil {
		t.Fatal(err)
	}
	if user != w.frontDesk.ID || reason != "exported the whole record as json, UNENCRYPTED, to the print directory" {
		t.Fatalf("access row: user %d, %q", user, reason)
	}
	if _, err := w.s.ExportPatient(w.ctx, w.pharmacist.Actor(), ExportRequest{PatientID: w.patientID,
		Format: ExportJSON}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a pharmacist's export: %v", err)
	}
	if _, err := w.s.ExportPatient(w.ctx, w.frontDesk.Actor(), ExportRequest{Code: "PAT999999",
		Format: ExportJSON}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("an unknown code: %v", err)
	}
	if _, err := w.s.ExportPatient(w.ctx, w.frontDesk.Actor(), ExportRequest{PatientID: w.patientID,
		Format: "xml"}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("an unknown format: %v", err)
	}
	if report, err := w.s.VerifyAudit(w.ctx); err != nil || !report.Intact() {
		t.Fatalf("audit chain: %+v, %v", report, err)
	}
}

// TestDeskExportGoesToThePrintDirectory: the desk's export is two new files (JSON and
// text, 0600) in the print directory (0700) under generated names, and one access row.
func TestDeskExportGoesToThePrintDirectory(t *testing.T) {
	t.Parallel()
	w := newExportWorld(t)
	p, err := w.s.ExportPatientToPrints(w.ctx, w.frontDesk.Actor(), w.patientID)
	if err != nil {
		t.Fatal(err)
	}
	want := "Saved as clinic.db.prints/export-PAT000001-20260310-0900.json and clinic.db.prints/export-PAT000001-20260310-0900.txt"
	if p.Where != want || p.Text != "" {
		t.Fatalf("where: %q (text %d bytes), want %q", p.Where, len(p.Text), want)
	}
	for _, name := range []string{"export-PAT000001-20260310-0900.json", "export-PAT000001-20260310-0900.txt"} {
		info, err := os.Stat(filepath.Join(w.s.PrintDir(), name))
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v, %v", name, info, err)
		}
	}
	if info, err := os.Stat(w.s.PrintDir()); err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("the print directory: %v, %v", info, err)
	}
	data, err := os.ReadFile(p.Path)
	if err != nil || !json.Valid(data) {
		t.Fatalf("the JSON file: %v", err)
	}
	var reason string
	if err := w.s.readers.QueryRow(`SELECT reason FROM access_log WHERE action = 'export' AND user_id = ?`,
		w.frontDesk.ID).Scan(&reason); err != nil || reason != "exported the whole record as json and text, UNENCRYPTED, to the print directory clinic.db.prints" {
		t.Fatalf("access row: %q, %v", reason, err)
	}
	if again, err := w.s.ExportPatientToPrints(w.ctx, w.frontDesk.Actor(), w.patientID); err != nil ||
		!strings.Contains(again.Where, "0900-2.json") {
		t.Fatalf("a second export in the same minute: %q, %v", again.Where, err)
	}
}

// TestReadmeMapsEveryExportSection: the README's table names each section's key and the
// table it comes from, so the documented mapping cannot fall behind exportSpecs.
func TestReadmeMapsEveryExportSection(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var check func(prefix string, specs []exportSpec)
	check = func(prefix string, specs []exportSpec) {
		for _, sp := range specs {
			path := prefix + sp.key
			if !strings.Contains(string(readme), "`"+path+"`") || !strings.Contains(string(readme), "`"+sp.table+"`") {
				t.Errorf("the README's export table lacks `%s` (from `%s`)", path, sp.table)
			}
			sub := path + "[]."
			if sp.single {
				sub = path + "."
			}
			check(sub, sp.parts)
		}
	}
	check("", exportSpecs)
}
