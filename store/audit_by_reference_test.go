package store

import (
	"bytes"
	"context"
	"database/sql"
	"slices"
	"testing"
)

// insertAuditRow is the audit row of the insert of table's row: its id, the values it
// stores and its values' digest.
func insertAuditRow(t *testing.T, s *Store, table string, row int64) (id int64, stored sql.NullString, digest []byte) {
	t.Helper()
	if err := s.readers.QueryRow(`SELECT id, new_values, values_digest FROM audit_log
		WHERE table_name = ? AND row_id = ? AND action = 'INSERT'`, table, row).Scan(&id, &stored, &digest); err != nil {
		t.Fatalf("the audit row of the insert of %s %d: %v", table, row, err)
	}
	return id, stored, digest
}

// trailValue is one named value of an audit row as audit_trail shows it.
func trailValue(t *testing.T, s *Store, auditID int64, side, name string) string {
	t.Helper()
	var v sql.NullString
	if err := s.readers.QueryRow(`SELECT `+side+` ->> ? FROM audit_trail WHERE id = ?`, "$."+name, auditID).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v.String
}

func mustVerify(t *testing.T, s *Store) {
	t.Helper()
	report, err := s.VerifyAudit(context.Background())
	if err != nil || !report.Intact() {
		t.Fatalf("audit verify: %v %v", report.Problems, err)
	}
}

// An appointment's insert is recorded by reference: its audit row holds the digest of
// the row's values, not a copy, and the trail shows the values as they were inserted,
// also once the appointment has changed.
func TestAnInsertRecordsItsValuesByReference(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	appt, err := f.s.Book(calCtx, f.desk.Actor(), BookingInput{PatientID: f.asha, DoctorID: f.rao, Start: f.at(3, 11, 0)})
	if err != nil {
		t.Fatal(err)
	}
	auditID, stored, digest := insertAuditRow(t, f.s, "appointments", appt)
	var values string
	if err := f.s.readers.QueryRow(`SELECT audit_values FROM appointments WHERE id = ?`, appt).Scan(&values); err != nil {
		t.Fatal(err)
	}
	if stored.Valid || !bytes.Equal(digest, digestOf(sql.NullString{String: values, Valid: true})) {
		t.Fatalf("the insert's audit row stores %v and the digest %x, want no values and the digest of %s", stored, digest, values)
	}
	if err := f.s.Confirm(calCtx, f.desk.Actor(), appt); err != nil {
		t.Fatal(err)
	}
	if got := trailValue(t, f.s, auditID, "new_values", "status"); got != "scheduled" {
		t.Errorf("after the confirmation the insert shows status %q, want scheduled", got)
	}
	if got := trailValue(t, f.s, auditID, "new_values", "appointment_code"); got == "" {
		t.Error("the insert shows no appointment code")
	}
	mustVerify(t, f.s)
}

// A row inserted and changed in one transaction is sealed with the values it was
// inserted with, which its change's audit row holds as its old values.
func TestAnInsertChangedInItsTransactionKeepsItsInsertedValues(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	var row int64
	err := f.s.write(calCtx, f.admin.Actor(), func(tx *Tx) error {
		res, err := tx.exec(calCtx, `INSERT INTO medical_history(patient_id, condition, notes) VALUES (?, 'Asthma', 'first')`, f.asha)
		if err != nil {
			return err
		}
		if row, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = tx.exec(calCtx, `UPDATE medical_history SET notes = 'second' WHERE id = ?`, row)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	auditID, _, _ := insertAuditRow(t, f.s, "medical_history", row)
	if got := trailValue(t, f.s, auditID, "new_values", "notes"); got != "first" {
		t.Errorf("the insert shows notes %q, want first", got)
	}
	mustVerify(t, f.s)
}

// Changing or deleting, outside ClinicDesk and with no audit row, a row whose insert is
// recorded by reference loses the values its audit row vouches for: verify says so at
// that audit row. A change through the audit trigger keeps them (in its row's old
// values), and verify reports only that row, which the desk did not seal.
func TestVerifyFindsARowChangedUnderItsInsert(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		attack func(c *clinicFile, row int64)
		want   ProblemKind // at the insert's audit row; "" for none
		other  ProblemKind // at a row after it; "" for none
	}{{
		name: "changed with its audit trigger dropped",
		attack: func(c *clinicFile, row int64) {
			c.withoutTrigger(t, "medical_history_audit_update", `UPDATE medical_history SET notes = 'forged' WHERE id = 1`)
		},
		want: ProblemRecord,
	}, {
		name: "deleted with its audit trigger dropped",
		attack: func(c *clinicFile, row int64) {
			c.withoutTrigger(t, "medical_history_audit_delete", `DELETE FROM medical_history WHERE id = 1`)
		},
		want: ProblemRecord,
	}, {
		name: "changed silently, then changed again through its audit trigger",
		attack: func(c *clinicFile, row int64) {
			c.withoutTrigger(t, "medical_history_audit_update", `UPDATE medical_history SET notes = 'forged' WHERE id = 1`)
			c.exec(t, `UPDATE medical_history SET notes = 'outside' WHERE id = 1`)
		},
		want:  ProblemRecord,
		other: ProblemUnsealed,
	}, {
		name: "changed through its audit trigger, outside the desk",
		attack: func(c *clinicFile, row int64) {
			c.exec(t, `UPDATE medical_history SET notes = 'outside' WHERE id = 1`)
		},
		other: ProblemUnsealed,
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newApptFixture(t)
			err := f.s.write(calCtx, f.admin.Actor(), func(tx *Tx) error {
				_, err := tx.exec(calCtx, `INSERT INTO medical_history(id, patient_id, condition) VALUES (1, ?, 'Asthma')`, f.asha)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			auditID, _, _ := insertAuditRow(t, f.s, "medical_history", 1)
			mustVerify(t, f.s)
			c := &clinicFile{s: f.s, path: f.s.Path(), raw: openRaw(t, f.s.Path())}
			tc.attack(c, 1)
			report, err := f.s.VerifyAudit(calCtx)
			if err != nil {
				t.Fatal(err)
			}
			var atInsert, after ProblemKind
			for _, p := range report.Problems {
				switch {
				case p.Row == auditID:
					atInsert = p.Kind
				case p.Row > auditID && !p.Access:
					after = p.Kind
				}
			}
			if atInsert != tc.want || after != tc.other {
				t.Fatalf("verify reported %v; want %q at the insert's row %d and %q after it", report.Problems, tc.want, auditID, tc.other)
			}
		})
	}
}

// An erasure takes the patient's name out of the trail: the appointment booked with it
// was cancelled, whose audit row records the name in its old values, and the erasure
// replaces those by their marker. The appointment's insert, recorded by reference, finds that marker, which holds
// the digest its seal covers, so the trail still verifies and shows no name.
func TestAnInsertRecordedByReferenceSurvivesAnErasure(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	appt, err := f.s.Book(calCtx, f.desk.Actor(), BookingInput{PatientID: f.asha, DoctorID: f.rao,
		Start: f.at(3, 11, 0), Reason: "Asha Patel's cough"})
	if err != nil {
		t.Fatal(err)
	}
	auditID, _, _ := insertAuditRow(t, f.s, "appointments", appt)
	if err := f.s.Cancel(calCtx, f.desk.Actor(), appt, "The patient asked us to"); err != nil {
		t.Fatal(err)
	}
	// The patient's login writes a row too: the erasure seals its audit row anew, without
	// the login's name, over the digest of its values.
	login := patientLogin(t, f.s, NewUser{Email: "asha@mail.test", FullName: "Asha Patel", Role: RolePatient, Password: testPassword})
	if err := f.s.write(calCtx, System("test"), func(tx *Tx) error {
		_, err := tx.exec(calCtx, `UPDATE patients SET user_id = ? WHERE id = ?`, login.ID, f.asha)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.write(calCtx, login.Actor(), func(tx *Tx) error {
		_, err := tx.exec(calCtx, `INSERT INTO medical_history(patient_id, condition) VALUES (?, 'Hay fever')`, f.asha)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ErasePatient(calCtx, f.admin.Actor(), f.asha, "Written request received at the front desk"); err != nil {
		t.Fatal(err)
	}
	if got := trailValue(t, f.s, auditID, "new_values", "erased_sha256"); len(got) != 64 {
		var shown string
		f.s.readers.QueryRow(`SELECT new_values FROM audit_trail WHERE id = ?`, auditID).Scan(&shown)
		t.Errorf("the erased insert shows %s, want its erasure marker", shown)
	}
	mustVerify(t, f.s)
}

// Inserts need not come in the order of their rows' ids (a row may be given its id):
// each still finds its own first change, and a row never changed is still read.
func TestInsertsOutOfRowOrderFindTheirValues(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	write := func(q string, args ...any) {
		t.Helper()
		if err := f.s.write(calCtx, f.admin.Actor(), func(tx *Tx) error {
			_, err := tx.exec(calCtx, q, args...)
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	write(`INSERT INTO medical_history(id, patient_id, condition) VALUES (5, ?, 'Asthma')`, f.asha)
	write(`INSERT INTO medical_history(id, patient_id, condition) VALUES (3, ?, 'Eczema')`, f.asha)
	write(`INSERT INTO medical_history(id, patient_id, condition) VALUES (4, ?, 'Migraine')`, f.asha)
	write(`UPDATE medical_history SET notes = 'since childhood' WHERE id = 3`)
	mustVerify(t, f.s)

	raw := &clinicFile{s: f.s, path: f.s.Path(), raw: openRaw(t, f.s.Path())}
	raw.withoutTrigger(t, "medical_history_audit_update", `UPDATE medical_history SET notes = 'forged' WHERE id = 5`)
	insertOf5, _, _ := insertAuditRow(t, f.s, "medical_history", 5)
	report, err := f.s.VerifyAudit(calCtx)
	if err != nil {
		t.Fatal(err)
	}
	var found []int64
	for _, p := range report.Problems {
		if p.Kind == ProblemRecord {
			found = append(found, p.Row)
		}
	}
	if len(found) != 1 || found[0] != insertOf5 {
		t.Fatalf("verify reported %v; want one changed record, at row %d", report.Problems, insertOf5)
	}
}

// The rows still waiting for their values are read in one pass when they are most of
// their id range, else by id: either way, a row changed or gone is returned, and an
// unchanged one is not (without the view's second look, which would hide a wrong read).
func TestWaitingRowsAreReadInOnePassOrByID(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	if err := f.s.write(calCtx, f.admin.Actor(), func(tx *Tx) error {
		for id := 1; id <= 10; id++ {
			if _, err := tx.exec(calCtx, `INSERT INTO medical_history(id, patient_id, condition) VALUES (?, ?, 'Asthma')`, id, f.asha); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	waitingFor := func(rows ...int64) []referencedInsert {
		var out []referencedInsert
		for _, row := range rows {
			auditID, _, digest := insertAuditRow(t, f.s, "medical_history", row)
			in := referencedInsert{row: row, audit: auditID}
			copy(in.digest[:], digest)
			out = append(out, in)
		}
		return out
	}
	dense, sparse := waitingFor(3, 4, 5, 6), waitingFor(1, 5, 10)
	raw := &clinicFile{s: f.s, path: f.s.Path(), raw: openRaw(t, f.s.Path())}
	raw.withoutTrigger(t, "medical_history_audit_update", `UPDATE medical_history SET notes = 'forged' WHERE id = 5`)
	raw.withoutTrigger(t, "medical_history_audit_delete", `DELETE FROM medical_history WHERE id = 6`)
	for name, tc := range map[string]struct {
		waiting []referencedInsert
		want    []int64
	}{"one pass": {dense, []int64{5, 6}}, "by id": {sparse, []int64{5}}} {
		changed, err := newReferenceCheck().readRows(calCtx, f.s.readers, "medical_history", tc.waiting)
		var got []int64
		for _, in := range changed {
			got = append(got, in.row)
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%s: rows %v changed or gone (%v), want %v", name, got, err, tc.want)
		}
	}
}
