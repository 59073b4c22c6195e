package store

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The markers of the erased patient: each appears nowhere in any other row, so finding
// one in the file's bytes after the erasure is a leak.
var erasureMarkers = []string{"Zorblax", "Quuxington", "58273", "64019", "zqx.marker@mail.test",
	"Flimflam", "Wobbleshire", "Grizeldine", "Pontoozle", "70913"}

// erasureWorld is a clinic whose patient Zorblax Quuxington has a portal login, a
// completed visit paid at the desk, a prescription dispensed and paid, messages sent
// to them and about them, a printout, access-log rows, and logged in once.
func erasureWorld(t *testing.T) (*rxWorld, int64, User) {
	t.Helper()
	w := newFreshRxWorld(t)
	desk := w.frontDesk.Actor()
	p, err := w.s.AddPatient(w.ctx, desk, PatientInput{FirstName: "Zorblax", LastName: "Quuxington",
		DateOfBirth: time.Date(1977, 8, 19, 0, 0, 0, 0, time.UTC), Sex: "male", Phone: "+99 58273 64019",
		Email: "zqx.marker@mail.test", Address: "12 Flimflam Road, Wobbleshire",
		EmergencyContactName: "Grizeldine Pontoozle", EmergencyContactPhone: "+99 70913 11111",
		Consent: &ContactConsent{Email: true, SMS: true}})
	if err != nil {
		t.Fatal(err)
	}
	login := mustUser(t, w.s, RolePatient, "zqx.marker@mail.test", "Zorblax Quuxington")
	w.sql(t, `UPDATE patients SET user_id = ? WHERE id = ?`, login.ID, p.ID)
	if _, err := w.s.Login(w.ctx, "zqx.marker@mail.test", testPassword); err != nil {
		t.Fatal(err)
	}

	amox := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	w.receive(t, amox, "A1", w.day(100), 30)
	rx, meds := w.prescribe(t, p.ID, amoxicillin(amox))
	w.sql(t, `UPDATE appointments SET notes = 'Zorblax Quuxington asked for a morning slot' WHERE patient_id = ?`, p.ID)
	apt := int64(w.count(t, `SELECT id FROM appointments WHERE patient_id = ?`, p.ID))
	if err := w.s.Complete(w.ctx, w.doctor.Actor(), apt); err != nil {
		t.Fatal(err)
	}
	w.sql(t, `UPDATE appointments SET fee_cents = 50000 WHERE id = ?`, apt)
	if err := w.s.RecordPayment(w.ctx, desk, apt, PaymentInput{Status: PaymentPaid, Method: PaymentCash, AmountCents: 50000}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.PrintAppointmentReceipt(w.ctx, desk, apt); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.ExportPatientToPrints(w.ctx, desk, p.ID); err != nil { // a JSON and a text file
		t.Fatal(err)
	}
	if _, err := w.s.Dispense(w.ctx, w.pharmacist.Actor(), DispenseInput{PrescriptionID: rx,
		Lines:   []DispenseLine{{PrescriptionMedicationID: meds[0], Quantity: 15}},
		Payment: &SalePayment{Method: "card", AmountCents: 15 * 250}}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Chart(w.ctx, w.doctor.Actor(), p.ID); err != nil {
		t.Fatal(err)
	}
	if n := w.count(t, `SELECT count(*) FROM notifications WHERE patient_id = ? AND delivery IS NOT NULL`, p.ID); n == 0 {
		t.Fatal("the fixture queued no e-mail or SMS")
	}
	return w, p.ID, login
}

// leaks lists the markers found in the bytes of the files, in any case.
func leaks(t *testing.T, paths ...string) []string {
	t.Helper()
	return leaksOf(t, erasureMarkers, paths...)
}

// leaksOf lists the markers found in the bytes of the files, in any case.
func leaksOf(t *testing.T, markers []string, paths ...string) []string {
	t.Helper()
	var found []string
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.ToLower(b)
		for _, m := range markers {
			if containsOutsideHashes(b, []byte(strings.ToLower(m))) {
				found = append(found, filepath.Base(path)+": "+m)
			}
		}
	}
	return found
}

// containsOutsideHashes reports whether marker occurs in b other than inside a run of
// 64 or more hex digits: the audit and access chains store their hashes as hex text, and
// a marker of digits alone ("58273") turned up inside one in about one run in twenty.
func containsOutsideHashes(b, marker []byte) bool {
	isHex := func(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' }
	allHex := bytes.IndexFunc(marker, func(r rune) bool { return r >= 128 || !isHex(byte(r)) }) < 0
	for from := 0; ; {
		i := bytes.Index(b[from:], marker)
		if i < 0 {
			return false
		}
		left, right := from+i, from+i+len(marker)
		for left > 0 && isHex(b[left-1]) {
			left--
		}
		for right < len(b) && isHex(b[right]) {
			right++
		}
		if !allHex || right-left < 64 {
			return true
		}
		from += i + 1
	}
}

// TestErasureLeavesNoIdentifyingByte erases a patient who left traces in every part
// of the clinic, then reads the raw bytes of the database file, its write-ahead log, a
// backup snapshot taken after and the print directory: no marker is in any. The audit
// trail and the access log still verify; search no longer finds the patient, their
// login no longer works, and the clinical and financial facts are all still there.
func TestErasureLeavesNoIdentifyingByte(t *testing.T) {
	t.Parallel()
	w, patientID, _ := erasureWorld(t)
	admin := mustUser(t, w.s, RoleAdmin, "admin@clinic.test", "Ada Admin").Actor()
	db := w.s.Path()
	if found := leaks(t, db, db+"-wal"); len(found) == 0 {
		t.Fatal("the fixture wrote no marker into the file: the test would prove nothing")
	}
	kept := func() []int {
		return []int{
			w.count(t, `SELECT count(*) FROM appointments WHERE patient_id = ?`, patientID),
			w.count(t, `SELECT count(*) FROM prescriptions WHERE patient_id = ?`, patientID),
			w.count(t, `SELECT count(*) FROM fulfillment_items`),
			w.count(t, `SELECT count(*) FROM payments`),
			w.count(t, `SELECT coalesce(sum(amount_cents), 0) FROM payments`),
			w.count(t, `SELECT count(*) FROM stock_movements`),
			w.count(t, `SELECT count(*) FROM audit_log`),
		}
	}
	before := kept()

	e, err := w.s.ErasePatient(w.ctx, admin, patientID, "Written request received at the front desk")
	if err != nil {
		t.Fatal(err)
	}
	if e.AuditRows == 0 || e.Messages == 0 || e.Printouts != 3 || !e.LogEmptied || !strings.HasPrefix(e.Pseudonym, "Erased ") {
		t.Errorf("erasure: %+v", e)
	}
	snapshot := filepath.Join(t.TempDir(), "backup.db")
	if _, err := w.s.writer.ExecContext(w.ctx, `VACUUM INTO ?`, snapshot); err != nil {
		t.Fatal(err)
	}
	prints, _ := filepath.Glob(filepath.Join(w.s.PrintDir(), "*"))
	if found := leaks(t, append([]string{db, db + "-wal", snapshot}, prints...)...); len(found) > 0 {
		t.Errorf("identifying bytes left after the erasure: %v", found)
	}

	after := kept()
	before[len(before)-1] += 0 // the audit trail only grows: compared below
	for i := range before[:len(before)-1] {
		if before[i] != after[i] {
			t.Errorf("fact %d changed with the erasure: %d before, %d after", i, before[i], after[i])
		}
	}
	if after[len(after)-1] <= before[len(before)-1] {
		t.Error("the erasure left no audit row of its own")
	}
	report, err := w.s.VerifyAudit(w.ctx)
	if err != nil || !report.Intact() || report.Accesses == 0 {
		t.Fatalf("audit verify after the erasure: %v %+v", err, report)
	}
	if found, err := w.s.SearchPatients(w.ctx, w.frontDesk.Actor(), "Zorblax", 10); err != nil || len(found) != 0 {
		t.Errorf("search still finds the erased patient: %v %+v", err, found)
	}
	pseudo, err := w.s.SearchPatients(w.ctx, w.frontDesk.Actor(), strings.TrimPrefix(e.Pseudonym, "Erased "), 10)
	if err != nil || len(pseudo) != 1 || pseudo[0].ID != patientID || pseudo[0].DateOfBirth.Format("2006-01-02") != "1977-01-01" {
		t.Errorf("the pseudonym finds %v %+v", err, pseudo)
	}
	if _, err := w.s.Login(w.ctx, "zqx.marker@mail.test", testPassword); !errors.Is(err, ErrLoginFailed) {
		t.Errorf("the erased patient's login: %v", err)
	}
	if n := w.count(t, `SELECT count(*) FROM notifications WHERE patient_id = ? AND delivery = 'pending'`, patientID); n != 0 {
		t.Errorf("%d messages to the erased patient still pending", n)
	}
	plan, err := w.s.ErasurePlan(w.ctx, admin, patientID)
	if err != nil || plan.Allowed() || plan.ErasedAt.IsZero() {
		t.Errorf("plan of an erased patient: %v %+v", err, plan)
	}
	if _, err := w.s.ErasePatient(w.ctx, admin, patientID, "Written request received twice"); !errors.Is(err, ErrConflict) {
		t.Errorf("a second erasure: %v", err)
	}
}

// TestErasureRefusedWhileAnythingIsOpen: a visit to come, a prescription to dispense
// and an unpaid bill each stop the erasure with a sentence naming them; a reason
// naming the patient is refused; only the admin may erase.
func TestErasureRefusedWhileAnythingIsOpen(t *testing.T) {
	t.Parallel()
	w := newFreshRxWorld(t)
	admin := mustUser(t, w.s, RoleAdmin, "admin@clinic.test", "Ada Admin").Actor()
	reason := "Written request received at the front desk"

	future := w.appointmentIn(t, "scheduled", w.doctor, w.patientID)
	_, err := w.s.ErasePatient(w.ctx, admin, w.patientID, reason)
	var refused *ErasureRefusedError
	if !errors.As(err, &refused) || len(refused.Blockers) != 1 || !strings.Contains(err.Error(), "1 appointment still to come") {
		t.Fatalf("with a visit to come: %v", err)
	}
	w.sql(t, `UPDATE appointments SET status = 'cancelled', cancel_reason = 'moved away' WHERE id = ?`, future)

	w.prescribe(t, w.patientID, MedicationInput{Name: "Rest", Frequency: "OD", Quantity: 1})
	w.sql(t, `UPDATE appointments SET status = 'completed' WHERE patient_id = ? AND status = 'in_consultation'`, w.patientID)
	w.sql(t, `UPDATE appointments SET fee_cents = 500 WHERE patient_id = ? AND status = 'completed'`, w.patientID)
	plan, err := w.s.ErasurePlan(w.ctx, admin, w.patientID)
	if err != nil || len(plan.Blockers) != 2 || !strings.Contains(plan.Blockers[0], "1 prescription not yet dispensed") ||
		!strings.Contains(plan.Blockers[1], "1 unpaid bill") {
		t.Fatalf("with a prescription and a bill open: %v %q", err, plan.Blockers)
	}
	w.clock.advance(400 * 24 * time.Hour) // the prescription expires; the bill stays
	w.sql(t, `UPDATE appointments SET payment_status = 'waived' WHERE patient_id = ? AND status = 'completed'`, w.patientID)
	if _, err := w.s.ErasePatient(w.ctx, admin, w.patientID, "Jane Doe asked by letter"); !errors.Is(err, ErrInvalid) {
		t.Errorf("a reason naming the patient: %v", err)
	}
	if _, err := w.s.ErasePatient(w.ctx, admin, w.patientID, "short"); !errors.Is(err, ErrInvalid) {
		t.Errorf("a short reason: %v", err)
	}
	if _, err := w.s.ErasePatient(w.ctx, w.frontDesk.Actor(), w.patientID, reason); !errors.Is(err, ErrForbidden) {
		t.Errorf("the front desk erasing: %v", err)
	}
	if _, err := w.s.ErasePatient(w.ctx, admin, w.patientID, reason); err != nil {
		t.Fatalf("once nothing is open: %v", err)
	}
}

// TestRetentionListsAndErasesThePatientsPastIt: the setting's default is 10 years
// after the last visit; the report lists the patients past it (with what is open),
// and applying it erases those, audited with the basis.
func TestRetentionListsAndErasesThePatientsPastIt(t *testing.T) {
	t.Parallel()
	w := newFreshRxWorld(t)
	admin := mustUser(t, w.s, RoleAdmin, "admin@clinic.test", "Ada Admin").Actor()
	old := w.patient(t, "Olga", "Longago")
	w.sql(t, `UPDATE patients SET created_at = '2010-01-01T00:00:00Z' WHERE id = ?`, old)
	w.sql(t, `UPDATE patients SET created_at = '2010-01-01T00:00:00Z' WHERE id = ?`, w.patientID)
	w.appointmentIn(t, "completed", w.doctor, w.patientID) // seen in 2026: kept
	report, err := w.s.RetentionDue(w.ctx, admin)
	if err != nil || report.Years != DefaultRetentionYears || len(report.Patients) != 1 || report.Patients[0].PatientID != old {
		t.Fatalf("report: %v %+v", err, report)
	}
	if err := w.s.PutSetting(w.ctx, admin, SettingRetentionYears, "0"); !errors.Is(err, ErrInvalid) {
		t.Errorf("a retention of 0 years: %v", err)
	}
	if _, err := w.s.ApplyRetention(w.ctx, admin, []int64{w.patientID}, "Yearly retention review 2026"); !errors.Is(err, ErrConflict) {
		t.Errorf("applying retention to a recent patient: %v", err)
	}
	done, err := w.s.ApplyRetention(w.ctx, admin, report.Ready(), "Yearly retention review 2026")
	if err != nil || len(done) != 1 || done[0].Basis != ErasureRetention {
		t.Fatalf("apply: %v %+v", err, done)
	}
	if n := w.count(t, `SELECT count(*) FROM audit_trail WHERE table_name = 'patient_erasures' AND patient_id = ?
		AND new_values ->> 'basis' = 'retention'`, old); n != 1 {
		t.Errorf("%d audit rows of the retention erasure", n)
	}
	if report, err = w.s.RetentionDue(w.ctx, admin); err != nil || len(report.Patients) != 0 {
		t.Errorf("report after applying: %v %+v", err, report)
	}
}

// TestErasureSchemaRules proves each rule the schema adds, with raw SQL as another
// program would write it: an erasure record is never changed nor removed, an erased
// patient is neither edited nor booked, and a sealed audit row changes only by taking
// erasure markers.
func TestErasureSchemaRules(t *testing.T) {
	t.Parallel()
	w, patientID, _ := erasureWorld(t)
	admin := mustUser(t, w.s, RoleAdmin, "admin@clinic.test", "Ada Admin").Actor()
	if _, err := w.s.ErasePatient(w.ctx, admin, patientID, "Written request received at the front desk"); err != nil {
		t.Fatal(err)
	}
	w.rawRefused(t, "append_only", `UPDATE patient_erasures SET reason = 'something else entirely'`)
	w.rawRefused(t, "append_only", `DELETE FROM patient_erasures`)
	w.rawRefused(t, "erased", `UPDATE patients SET first_name = 'Zorblax' WHERE id = ?`, patientID)
	w.rawRefused(t, "erased", `INSERT INTO appointments(patient_id, doctor_id, starts_at, ends_at)
		VALUES (?, (SELECT id FROM doctors LIMIT 1), '2027-01-05T09:00:00Z', '2027-01-05T09:15:00Z')`, patientID)

	row := int64(w.count(t, `SELECT min(id) FROM audit_log WHERE table_name = 'appointments' AND hash IS NOT NULL`))
	marker := `{"erased_sha256":"` + strings.Repeat("ab", 32) + `"}`
	w.rawRefused(t, "append_only", `UPDATE audit_log SET new_values = '{"a":1}' WHERE id = ?`, row)
	w.rawRefused(t, "append_only", `UPDATE audit_log SET new_values = ? WHERE id = ?`, strings.Replace(marker, "ab", "xy", 1), row)
	w.rawRefused(t, "append_only", `UPDATE audit_log SET actor_name = ? WHERE id = ?`, marker, row)
	w.rawRefused(t, "append_only", `UPDATE audit_log SET new_values = ?, hash = 'm1:00' WHERE id = ?`, marker, row)
	w.rawRefused(t, "append_only", `UPDATE audit_log SET new_values = ?, action = 'DELETE' WHERE id = ?`, marker, row)
	// A marker of the right shape but the wrong digest is let in by the schema, and
	// caught by verify.
	if _, err := w.s.writer.ExecContext(w.ctx, `UPDATE audit_log SET new_values = ? WHERE id = ?`, marker, row); err != nil {
		t.Fatalf("a marker: %v", err)
	}
	report, err := w.s.VerifyAudit(w.ctx)
	if err != nil || report.Intact() {
		t.Fatalf("verify after a false marker: %v %+v", err, report)
	}
	found := false
	for _, p := range report.Problems {
		found = found || p.Row == row && p.Kind == ProblemEdited
	}
	if !found {
		t.Errorf("the false marker was not reported as an edit: %+v", report.Problems)
	}
}

// TestErasureVouchesForRowsOfTheUnkeyedChain erases a patient of a version 6 file,
// whose audit rows are sealed by the plain SHA-256 chain over their values: the
// erasure replaces them with markers and vouches for each row with its keyed seal in
// the actor's marker, and verify still passes, the witness's anchor included.
func TestErasureVouchesForRowsOfTheUnkeyedChain(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := copyFixture(t, "v6.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var unkeyed int
	if err := s.readers.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE table_name = 'patients' AND row_id = 2
		AND hash NOT LIKE 'm1:%'`).Scan(&unkeyed); err != nil || unkeyed == 0 {
		t.Fatalf("the fixture's patient 2 has %d rows of the unkeyed chain: %v", unkeyed, err)
	}
	e, err := s.ErasePatient(ctx, System("test"), 2, "Written request received at the front desk")
	if err != nil || e.AuditRows < unkeyed {
		t.Fatalf("erase: %v %+v", err, e)
	}
	var vouched int
	if err := s.readers.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE table_name = 'patients' AND row_id = 2
		AND hash NOT LIKE 'm1:%' AND actor_name LIKE '{"erased_sha256":%'`).Scan(&vouched); err != nil || vouched != unkeyed {
		t.Errorf("%d of %d unkeyed rows vouched for: %v", vouched, unkeyed, err)
	}
	report, err := s.VerifyAudit(ctx)
	if err != nil || !report.Intact() {
		t.Fatalf("verify: %v %+v", err, report)
	}
	if found := leaksOf(t, []string{"98450 00003"}, path, path+"-wal"); len(found) > 0 {
		t.Errorf("the phone is still in the file: %v", found)
	}
	// A vouching seal changed by hand (the schema lets a marker of the right shape in)
	// is an edit to verify.
	var row int64
	var actor string
	if err := s.readers.QueryRowContext(ctx, `SELECT id, actor_name FROM audit_log WHERE table_name = 'patients' AND row_id = 2
		AND hash NOT LIKE 'm1:%' ORDER BY id LIMIT 1`).Scan(&row, &actor); err != nil {
		t.Fatal(err)
	}
	forged := actor[:len(actor)-3] + map[bool]string{true: "0", false: "1"}[actor[len(actor)-3] != '0'] + actor[len(actor)-2:]
	if _, err := s.writer.ExecContext(ctx, `UPDATE audit_log SET actor_name = ? WHERE id = ?`, forged, row); err != nil {
		t.Fatal(err)
	}
	report, err = s.VerifyAudit(ctx)
	if err != nil || report.Intact() || report.Problems[0].Row != row || report.Problems[0].Kind != ProblemEdited {
		t.Errorf("verify after a forged vouching seal: %v %+v", err, report)
	}
}

// TestErasureKeepsOtherPatientsText: a message naming another patient who shares the
// erased one's first name keeps that name; one naming the erased patient in full is
// scrubbed.
func TestErasureKeepsOtherPatientsText(t *testing.T) {
	t.Parallel()
	w := newFreshRxWorld(t)
	admin := mustUser(t, w.s, RoleAdmin, "admin@clinic.test", "Ada Admin").Actor()
	maria := w.patient(t, "Maria", "Lopez")
	err := w.s.Batch(w.ctx, System("test"), func(tx *Tx) error {
		for _, body := range []string{"Maria Gomez called about her results", "Maria Lopez asked to be called back"} {
			if err := tx.Notify(w.ctx, NotificationInput{Role: RoleReceptionist, Kind: "test", Title: "Call", Body: body}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := w.s.ErasePatient(w.ctx, admin, maria, "Written request received at the front desk")
	if err != nil {
		t.Fatal(err)
	}
	if n := w.count(t, `SELECT count(*) FROM notifications WHERE body = 'Maria Gomez called about her results'`); n != 1 {
		t.Error("another Maria's message was changed")
	}
	if n := w.count(t, `SELECT count(*) FROM notifications WHERE body = ?`, e.Pseudonym+" asked to be called back"); n != 1 {
		t.Error("the message naming the erased patient was not scrubbed")
	}
}

// Each set of audit rows an erasure scrubs is read through an index: the patient's own
// record and their login's rows through the identity rows' partial index (whose
// condition the query must state), never a scan of the whole trail.
func TestErasureReadsItsAuditRowsThroughIndexes(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	want := []string{
		"USING INDEX audit_log_identity_rows (table_name=? AND row_id=?)",
		"USING INDEX audit_log_patient (patient_id=?)",
		"USING INDEX audit_log_identity_rows (table_name=? AND row_id=?)",
		"USING INDEX audit_log_actor (actor_id=?)",
	}
	steps := auditScrubSteps(7, sql.NullInt64{Int64: 9, Valid: true}, []string{"Flimflam"})
	if len(steps) != len(want) {
		t.Fatalf("%d steps, want %d", len(steps), len(want))
	}
	for i, st := range steps {
		plan := queryPlan(t, s, scrubbedRowsQuery(st.where), st.args...)
		if !strings.Contains(plan, want[i]) || strings.Contains(plan, "SCAN audit_log") {
			t.Errorf("step %d (%s):\n%s\nwant %s", i+1, st.where, plan, want[i])
		}
	}
}
