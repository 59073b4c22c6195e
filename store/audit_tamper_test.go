package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The attacks of the audit issue, each made as an attacker holding the database file
// would make it: raw SQL on a connection of its own, as the sqlite3 shell would. Each
// case says what `audit verify` must then report (row and kind), what the desk's next
// write must do, and what verify reports after it. Each one passed unnoticed, or was
// only half reported, before the keyed seal, the witness and the schema check.
func TestAuditTampering(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	type want struct {
		row  int64 // 0: about the whole file; negative: the access_log row -row
		kind ProblemKind
	}
	wants := func(r ChainReport) []want {
		var got []want
		for _, p := range r.Problems {
			if p.Access {
				p.Row = -p.Row
			}
			got = append(got, want{p.Row, p.Kind})
		}
		return got
	}
	// refused makes the desk write two access rows (1 and 2): the doctor tries twice to
	// change a setting, and each refusal is logged (audit rows 8 and 9).
	refused := func(t *testing.T, c *clinicFile) {
		for range 2 {
			if err := c.s.PutSetting(ctx, c.doctor.Actor(), SettingClinicName, "Mine"); err == nil {
				t.Fatal("a doctor changed a setting")
			}
		}
	}
	cases := []struct {
		name   string
		attack func(t *testing.T, c *clinicFile) // may use c.s, the desk, as a victim
		want   []want
		// after is what verify reports once the desk has written again, when that
		// differs from want.
		after []want
		// deskWrite, when set, is what the desk's next write must fail with.
		deskWrite func(error) bool
	}{{
		name: "tail truncation",
		attack: func(t *testing.T, c *clinicFile) {
			c.withoutTrigger(t, "audit_log_no_delete", `DELETE FROM audit_log WHERE id > 4`)
		},
		// Dropping the append-only trigger and making it again moved the schema cookie.
		want: []want{{0, ProblemSchemaDrift}, {5, ProblemTruncated}},
		// The desk's next write records the schema change (row 5) with its own change
		// (6): they are not the rows 5 and 6 the witness saw.
		after: []want{{7, ProblemTruncated}, {5, ProblemSchemaDrift}, {5, ProblemRolledBack}, {6, ProblemRolledBack}},
	}, {
		name: "a fake row appended with a plain INSERT and sealed with the old unkeyed hash",
		attack: func(t *testing.T, c *clinicFile) {
			id := c.insertAuditRow(t, `INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, action, new_values)
				VALUES (NULL, 'Grace Admin', 'settings', NULL, 'UPDATE', '{"value":"JPY"}')`)
			c.sealUnkeyed(t, id)
		},
		want: []want{{8, ProblemInserted}},
	}, {
		name: "a business row edited and its audit row sealed by a plain UPDATE",
		attack: func(t *testing.T, c *clinicFile) {
			c.exec(t, `UPDATE settings SET value = 'JPY' WHERE key = 'currency'`)
			c.sealUnkeyed(t, c.lastID(t))
		},
		want: []want{{8, ProblemInserted}},
	}, {
		name: "a doctor impersonated by writing audit_context first",
		attack: func(t *testing.T, c *clinicFile) {
			c.exec(t, `INSERT OR REPLACE INTO audit_context(id, actor_id, actor_name) VALUES (1, ?, 'Dr Doctor')`, c.doctor.ID)
			c.exec(t, `UPDATE settings SET value = 'JPY' WHERE key = 'currency'`)
			c.exec(t, `DELETE FROM audit_context`)
			c.sealUnkeyed(t, c.lastID(t))
		},
		want: []want{{8, ProblemInserted}},
	}, {
		name: "an audit trigger dropped and a row edited silently",
		attack: func(t *testing.T, c *clinicFile) {
			c.exec(t, `DROP TRIGGER settings_audit_update`)
			c.exec(t, `UPDATE settings SET value = 'JPY' WHERE key = 'currency'`)
		},
		want:      []want{{0, ProblemSchemaDrift}},
		deskWrite: isDrift("settings_audit_update", "missing"),
	}, {
		name: "an audit trigger dropped, a row edited silently, and the trigger put back",
		attack: func(t *testing.T, c *clinicFile) {
			c.withoutTrigger(t, "settings_audit_update", `UPDATE settings SET value = 'JPY' WHERE key = 'currency'`)
		},
		want: []want{{0, ProblemSchemaDrift}},
		// The desk's next write records, sealed, that it found the schema changed.
		after: []want{{8, ProblemSchemaDrift}},
	}, {
		name: "the whole chain re-sealed with the old unkeyed hash",
		attack: func(t *testing.T, c *clinicFile) {
			c.withoutTrigger(t, "audit_log_no_update", `UPDATE audit_log SET prev_hash = NULL, hash = NULL`)
			for id := int64(1); id <= 7; id++ {
				c.sealUnkeyed(t, id)
			}
		},
		want: []want{{0, ProblemSchemaDrift}, {1, ProblemInserted}, {2, ProblemInserted}, {3, ProblemInserted}, {4, ProblemInserted},
			{5, ProblemInserted}, {6, ProblemInserted}, {7, ProblemInserted}},
		deskWrite: isErr(errNoChainHead),
	}, {
		name: "the whole chain re-sealed with a guessed key",
		attack: func(t *testing.T, c *clinicFile) {
			key := randomKey(t)
			c.withoutTrigger(t, "audit_log_no_update", `UPDATE audit_log SET prev_hash = NULL, hash = NULL`)
			for id := int64(1); id <= 7; id++ {
				c.sealWithKey(t, id, key)
			}
		},
		want: []want{{0, ProblemSchemaDrift}, {1, ProblemEdited}, {2, ProblemEdited}, {3, ProblemEdited}, {4, ProblemEdited},
			{5, ProblemEdited}, {6, ProblemEdited}, {7, ProblemInserted}},
		deskWrite: isErr(errNoChainHead),
	}, {
		name: "a planted trigger whose rows the desk would seal as the logged-in user",
		attack: func(t *testing.T, c *clinicFile) {
			c.exec(t, `CREATE TRIGGER planted AFTER UPDATE ON settings BEGIN
				INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, action)
				VALUES ((SELECT actor_id FROM audit_context), (SELECT actor_name FROM audit_context), 'patients', 1, 'DELETE');
			END`)
		},
		want:      []want{{0, ProblemSchemaDrift}},
		deskWrite: isDrift("planted", "extra"),
	}, {
		name: "a planted trigger that makes the desk's write act as a doctor",
		attack: func(t *testing.T, c *clinicFile) {
			c.exec(t, fmt.Sprintf(`CREATE TRIGGER planted BEFORE UPDATE ON settings BEGIN
				UPDATE audit_context SET actor_id = %d, actor_name = 'Dr Doctor';
			END`, c.doctor.ID))
		},
		want:      []want{{0, ProblemSchemaDrift}},
		deskWrite: isDrift("planted", "extra"),
	}, {
		// verify used to stop at the first bad row.
		name: "several tamperings at once are all listed",
		attack: func(t *testing.T, c *clinicFile) {
			c.withoutTrigger(t, "audit_log_no_delete", `DELETE FROM audit_log WHERE id = 2`)
			c.withoutTrigger(t, "audit_log_no_update", `UPDATE audit_log SET new_values = '{"value":"JPY"}' WHERE id = 5`)
			c.exec(t, `UPDATE settings SET value = 'JPY' WHERE key = 'currency'`)
			c.sealWithKey(t, c.insertAuditRow(t, `INSERT INTO audit_log(table_name, action) VALUES ('settings', 'UPDATE')`), randomKey(t))
		},
		want:  []want{{0, ProblemSchemaDrift}, {2, ProblemDeleted}, {5, ProblemEdited}, {8, ProblemUnsealed}, {9, ProblemInserted}},
		after: []want{{2, ProblemDeleted}, {5, ProblemEdited}, {8, ProblemUnsealed}, {9, ProblemInserted}, {10, ProblemSchemaDrift}},
	}, {
		name: "an access row deleted, the access log's delete trigger dropped and put back",
		attack: func(t *testing.T, c *clinicFile) {
			refused(t, c)
			c.withoutTrigger(t, "access_log_no_delete", `DELETE FROM access_log WHERE id = 1`)
		},
		want:  []want{{0, ProblemSchemaDrift}, {-1, ProblemDeleted}},
		after: []want{{10, ProblemSchemaDrift}, {-1, ProblemDeleted}},
	}, {
		name: "the access log's last row deleted",
		attack: func(t *testing.T, c *clinicFile) {
			refused(t, c)
			c.withoutTrigger(t, "access_log_no_delete", `DELETE FROM access_log WHERE id = 2`)
		},
		want:  []want{{0, ProblemSchemaDrift}, {-2, ProblemTruncated}},
		after: []want{{-2, ProblemTruncated}, {10, ProblemSchemaDrift}},
	}, {
		name: "a chart read forged into the access log with a plain INSERT",
		attack: func(t *testing.T, c *clinicFile) {
			refused(t, c)
			c.exec(t, `INSERT INTO access_log(user_id, action, entity, patient_id, allowed) VALUES (?, 'read_chart', 'patients', 1, 1)`, c.doctor.ID)
			c.sealWithKeyAccess(t, c.lastAccessID(t), randomKey(t))
		},
		want: []want{{-3, ProblemInserted}},
	}, {
		name: "the audit key deleted",
		attack: func(t *testing.T, c *clinicFile) {
			c.reopen(t, func() { mustRemove(t, AuditKeyPath(c.path)) })
		},
		want:      []want{{0, ProblemKey}},
		deskWrite: isAuditFile(auditKeySuffix),
	}, {
		name: "the witness deleted",
		attack: func(t *testing.T, c *clinicFile) {
			c.reopen(t, func() { mustRemove(t, AuditWitnessPath(c.path)) })
		},
		want:      []want{{0, ProblemWitness}},
		deskWrite: isAuditFile(auditWitnessSuffix),
	}, {
		name: "the file rolled back to an older copy",
		attack: func(t *testing.T, c *clinicFile) {
			var older []byte
			c.reopen(t, func() { older = mustRead(t, c.path) })
			if err := c.s.PutSetting(ctx, c.admin.Actor(), SettingCurrency, "AUD"); err != nil {
				t.Fatal(err)
			}
			c.reopen(t, func() { mustWrite(t, c.path, older) })
		},
		want:  []want{{8, ProblemTruncated}},
		after: []want{{8, ProblemRolledBack}},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := newClinicFile(t)
			if report, err := c.s.VerifyAudit(ctx); err != nil || !report.Intact() || report.Checked != 7 {
				t.Fatalf("before the attack: %+v, %v", report, err)
			}
			tc.attack(t, c)
			report, err := c.s.VerifyAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := wants(report)
			if !slices.Equal(got, tc.want) || report.Unlisted != 0 {
				t.Errorf("verify reported %v, want %v", got, tc.want)
				for _, p := range report.Problems {
					t.Log(p)
				}
			}
			err = c.s.PutSetting(ctx, c.admin.Actor(), SettingClinicName, "After the attack")
			switch {
			case tc.deskWrite == nil && err != nil:
				t.Errorf("the desk's next write: %v", err)
			case tc.deskWrite != nil && !tc.deskWrite(err):
				t.Errorf("the desk's next write: %v", err)
			}
			// The desk's own rows after an attack it did not refuse are sealed and add no
			// problem of their own.
			wantAfter := tc.want
			if tc.after != nil {
				wantAfter = tc.after
			}
			after, err := c.s.VerifyAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := wants(after); !slices.Equal(got, wantAfter) {
				t.Errorf("after the desk's next write verify reported %v, want %v", got, wantAfter)
			}
		})
	}
}

// VACUUM moves the schema cookie by one and changes nothing ClinicDesk checks: no alarm,
// before the desk writes or after.
func TestVacuumIsNoSchemaChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinicFile(t)
	c.exec(t, `VACUUM`)
	if report, err := c.s.VerifyAudit(ctx); err != nil || !report.Intact() {
		t.Fatalf("after VACUUM: %v, %v", report.Problems, err)
	}
	if err := c.s.PutSetting(ctx, c.admin.Actor(), SettingClinicName, "After"); err != nil {
		t.Fatal(err)
	}
	if report, err := c.s.VerifyAudit(ctx); err != nil || !report.Intact() || report.Checked != 8 {
		t.Fatalf("after VACUUM and a write: %+v, %v", report, err)
	}
}

// A row naming another actor inside the desk's transaction (what a planted trigger
// writes, should one slip past the schema check) fails the transaction: nothing of it
// is saved, nothing sealed. The same holds for the access log.
func TestSealRefusesARowOfAnotherActor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinicFile(t)
	err := c.s.write(ctx, c.admin.Actor(), func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE settings SET value = 'JPY' WHERE key = 'currency'`); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO audit_log(actor_id, actor_name, table_name, action) VALUES (?, 'Dr Doctor', 'patients', 'DELETE')`, c.doctor.ID)
		return err
	})
	var foreign *ForeignAuditRowError
	if !errors.As(err, &foreign) || foreign.Row != 9 || foreign.Actor != "Dr Doctor" {
		t.Fatalf("write with a foreign row: %v", err)
	}
	if report, err := c.s.VerifyAudit(ctx); err != nil || !report.Intact() || report.Checked != 7 {
		t.Fatalf("after the refused write: %+v, %v", report, err)
	}
	// So does an access row naming another user.
	err = c.s.write(ctx, c.admin.Actor(), func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO access_log(user_id, action, allowed) VALUES (?, 'read_chart', 1)`, c.doctor.ID)
		return err
	})
	if !errors.As(err, &foreign) || !foreign.Access || foreign.Row != 1 {
		t.Fatalf("write with a foreign access row: %v", err)
	}
	if report, err := c.s.VerifyAudit(ctx); err != nil || !report.Intact() || report.Accesses != 0 {
		t.Fatalf("after the refused write: %+v, %v", report, err)
	}
}

// A v6 file's rows were sealed with plain SHA-256. Upgraded, its witness anchors that
// unkeyed chain's head, so re-sealing the old rows is caught even before the desk has
// sealed a row of its own.
func TestUpgradedFileAnchorsItsUnkeyedChain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := copyFixture(t, "v6.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	report, err := s.VerifyAudit(ctx)
	if err != nil || !report.Intact() {
		t.Fatalf("upgraded v6 file: %+v, %v", report, err)
	}
	c := &clinicFile{s: s, path: path, raw: openRaw(t, path)}
	c.withoutTrigger(t, "audit_log_no_update", `UPDATE audit_log SET new_values = '{}' WHERE id = 1`)
	c.withoutTrigger(t, "audit_log_no_update", `UPDATE audit_log SET prev_hash = NULL, hash = NULL`)
	for id := int64(1); id <= report.LastID; id++ {
		c.sealUnkeyed(t, id)
	}
	after, err := s.VerifyAudit(ctx)
	if err != nil || len(after.Problems) != 2 || after.Problems[0].Kind != ProblemSchemaDrift ||
		after.Problems[1].Row != report.LastID || after.Problems[1].Kind != ProblemEdited {
		t.Fatalf("re-sealed unkeyed chain: %v, %v", after.Problems, err)
	}
	// The desk will not chain onto the re-sealed head either.
	if err := s.PutSetting(ctx, System("test"), SettingClinicName, "After"); !errors.Is(err, errNoChainHead) {
		t.Fatalf("write onto a re-sealed chain: %v", err)
	}
}

// An erased value is replaced by a marker holding its digest, and the seal still holds.
func TestSealCoversValuesThroughTheirDigests(t *testing.T) {
	t.Parallel()
	r := auditRow{ID: 1, At: "2026-01-01T00:00:00Z", Table: "patients", Action: "UPDATE",
		OldValues: sql.NullString{String: `{"first_name":"Asha"}`, Valid: true},
		NewValues: sql.NullString{String: `{"first_name":"Asha K"}`, Valid: true}}
	sl := newSealer(randomKey(t), nil)
	seal := sl.seal("", r)
	d := sl.valueDigest(nil, r.OldValues)
	erased := r
	erased.OldValues.String = fmt.Sprintf(`{"erased_sha256":"%x"}`, d)
	if sl.seal("", erased) != seal {
		t.Error("a value replaced by its erasure marker breaks the seal")
	}
	edited := r
	edited.OldValues.String = `{"first_name":"Ashu"}`
	if sl.seal("", edited) == seal {
		t.Error("an edited value keeps the seal")
	}
	// Each field is framed: text moved from one field to the next changes the seal.
	moved := r
	moved.At, moved.Table = r.At+"p", "atients"
	if sl.seal("", moved) == seal {
		t.Error("text moved between fields keeps the seal")
	}
}

// clinicFile is a small clinic's database, the desk open on it, and an attacker's
// connection to the same file. Its audit rows 1 to 7 are sealed: the admin's and the
// doctor's accounts (rows 1 to 4) and three currency changes by the admin (5 to 7).
type clinicFile struct {
	s             *Store
	path          string
	raw           *sql.DB
	admin, doctor User
}

func newClinicFile(t *testing.T) *clinicFile {
	t.Helper()
	ctx := context.Background()
	s := newTestStore(t)
	c := &clinicFile{s: s, path: s.Path()}
	c.admin = mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	c.doctor = mustUser(t, s, RoleDoctor, "doctor@clinic.test", "Dr Doctor")
	for _, cur := range []string{"INR", "USD", "EUR"} {
		if err := s.PutSetting(ctx, c.admin.Actor(), SettingCurrency, cur); err != nil {
			t.Fatal(err)
		}
	}
	c.raw = openRaw(t, c.path)
	return c
}

func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func (c *clinicFile) exec(t *testing.T, q string, args ...any) {
	t.Helper()
	if _, err := c.raw.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func (c *clinicFile) lastID(t *testing.T) int64 {
	t.Helper()
	var id int64
	if err := c.raw.QueryRow(`SELECT max(id) FROM audit_log`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func (c *clinicFile) insertAuditRow(t *testing.T, q string) int64 {
	t.Helper()
	c.exec(t, q)
	return c.lastID(t)
}

// withoutTrigger drops a trigger, runs q, and makes the trigger again as it was, so
// that the schema shows nothing.
func (c *clinicFile) withoutTrigger(t *testing.T, trigger, q string) {
	t.Helper()
	var text string
	if err := c.raw.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = ?`, trigger).Scan(&text); err != nil {
		t.Fatal(err)
	}
	c.exec(t, `DROP TRIGGER `+trigger)
	c.exec(t, q)
	c.exec(t, text)
}

// sealUnkeyed seals row id onto the row before it as versions 5 and 6 did, which needs
// no secret.
func (c *clinicFile) sealUnkeyed(t *testing.T, id int64) {
	t.Helper()
	c.sealBy(t, id, chainHash)
}

func (c *clinicFile) sealWithKey(t *testing.T, id int64, key []byte) {
	t.Helper()
	shapes, err := readAuditShapes(context.Background(), c.raw)
	if err != nil {
		t.Fatal(err)
	}
	c.sealBy(t, id, newSealer(key, shapes).seal)
}

func (c *clinicFile) sealBy(t *testing.T, id int64, seal func(string, auditRow) string) {
	t.Helper()
	var prev sql.NullString
	if err := c.raw.QueryRow(`SELECT `+SealText("hash")+` FROM audit_log WHERE id < ? AND hash IS NOT NULL ORDER BY id DESC LIMIT 1`, id).
		Scan(&prev); err != nil && !errors.Is(err, sql.ErrNoRows) {
		t.Fatal(err)
	}
	rows, err := c.raw.Query(`SELECT `+auditRowColumns+` FROM audit_log WHERE id = ?`, id)
	if err != nil {
		t.Fatal(err)
	}
	var r auditRow
	if !rows.Next() {
		t.Fatalf("no audit row %d", id)
	}
	if err := rows.Scan(r.fields()...); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	c.exec(t, `UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?`, prev.String, seal(prev.String, r), id)
}

func (c *clinicFile) lastAccessID(t *testing.T) int64 {
	t.Helper()
	var id int64
	if err := c.raw.QueryRow(`SELECT max(id) FROM access_log`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// sealWithKeyAccess seals access row id onto the access row before it under key.
func (c *clinicFile) sealWithKeyAccess(t *testing.T, id int64, key []byte) {
	t.Helper()
	var prev sql.NullString
	if err := c.raw.QueryRow(`SELECT `+SealText("hash")+` FROM access_log WHERE id < ? AND hash IS NOT NULL ORDER BY id DESC LIMIT 1`, id).
		Scan(&prev); err != nil && !errors.Is(err, sql.ErrNoRows) {
		t.Fatal(err)
	}
	rows, err := c.raw.Query(`SELECT `+accessRowColumns+` FROM access_log WHERE id = ?`, id)
	if err != nil {
		t.Fatal(err)
	}
	var r accessRow
	if !rows.Next() {
		t.Fatalf("no access row %d", id)
	}
	if err := scanAccessRow(rows, &r); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	c.exec(t, `UPDATE access_log SET prev_hash = ?, hash = ? WHERE id = ?`, prev.String, newSealer(key, nil).sealAccess(prev.String, r), id)
}

// reopen closes the desk, runs between (on the files at rest), and opens it again.
func (c *clinicFile) reopen(t *testing.T, between func()) {
	t.Helper()
	c.raw.Close()
	if err := c.s.Close(); err != nil {
		t.Fatal(err)
	}
	between()
	s, err := Open(context.Background(), c.path, WithBcryptCost(4))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c.s, c.raw = s, openRaw(t, c.path)
}

func isDrift(name, state string) func(error) bool {
	return func(err error) bool {
		var drift *SchemaDriftError
		return errors.As(err, &drift) && slices.ContainsFunc(drift.Objects, func(o DriftedObject) bool {
			return o.Name == name && o.State == state
		})
	}
}

func isErr(target error) func(error) bool {
	return func(err error) bool { return errors.Is(err, target) }
}

func isAuditFile(suffix string) func(error) bool {
	return func(err error) bool {
		var fe *AuditFileError
		return errors.As(err, &fe) && strings.HasSuffix(fe.Path, suffix)
	}
}

func randomKey(t *testing.T) []byte {
	t.Helper()
	key := make([]byte, auditKeySize)
	if _, err := io.ReadFull(rand.Reader, key); err != nil {
		t.Fatal(err)
	}
	return key
}

func mustRemove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustWrite(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// A crash between making the witness and the key leaves a witness alone: the next open
// replaces it and makes the key. The files are the owner's alone.
func TestAuditFilesAfterACrashAndTheirModes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clinic.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	mustRemove(t, AuditKeyPath(path))
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("open after a crash between the witness and the key: %v", err)
	}
	defer s.Close()
	if err := s.PutSetting(ctx, System("test"), SettingClinicName, "Riverside"); err != nil {
		t.Fatal(err)
	}
	if report, err := s.VerifyAudit(ctx); err != nil || !report.Intact() {
		t.Fatalf("verify: %v, %v", report.Problems, err)
	}
	for _, p := range []string{AuditKeyPath(path), AuditWitnessPath(path)} {
		info, err := os.Stat(p)
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v", p, info.Mode(), err)
		}
	}
}
