package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	clinicdesk "github.com/clinicdesk/clinicdesk"
)

// releasedMigrations pins every released upgrade step by its SHA-256. A clinic's file
// ran the step as it was released: a fix is a new step, never an edit of this one. A new
// step is added here in the commit that adds it.
var releasedMigrations = map[string]string{
	"0006_book_slots_search.sql":             "d7ba525ae80d5da99d623e75b724eb1a5654286e40d48dd39587f5711b51f4f1",
	"0007_access_log_chain.sql":              "c4b9233d02292aa9c5e62ab6567394b17a561c26b24ea3d3b2c0f4fc372ec0c9",
	"0008_print_command.sql":                 "1b6f377c4a7bbdbf8858fd39e26ef286cc01096e55acc82a24df76386a5460eb",
	"0009_setting_keys.sql":                  "33afb402e6a2eefb7e03a2091027be0e651ef65e5ba144f5f799b660970927bb",
	"0010_rx_validity_refills_pregnancy.sql": "9a6400b6e9b653b511124b48e004540609d142897a24fe1bd6020c16bdfdc66e",
	"0011_pharmacy_safety.sql":               "ea018b96721cecd8bcb8263756f84aa7f50ee244736ea505201eb59b34e95238",
	"0012_outbox_sender.sql":                 "cb45b3fd71803abf53e9b0dc0ec2ce850418aafcf10181d7f853681c9167d878",
	"0013_till_cash_up.sql":                  "c11b30b83e35ef9b8f1638cc2d9aea94448d867bb907ed72ce0628ff2332edc8",
	"0014_patient_erasure.sql":               "905127e52f04caa7dbb913c5097468fdd110433ce5fe40d90eb8747f9f5d614c",
	"0015_appointments_report_index.sql":     "d92bf34e98bd6816aca9d0354c46c6c88c5130301204d5402bd2b9bdb7ad9910",
	"0016_ledger_by_time.sql":                "49dc48dbcce570041d0ae861017616fed7aaa53596f9481b4b1343ab7b0d692c",
	"0017_audit_values_column.sql":           "3ccc2869952f212ea6eeaf9e13abd3943da925831ad559820cc68e8823c21177",
	"0018_fewer_write_indexes.sql":           "04f68690657efbca2d73f4569d4511d55d5d4be09219f7cfe74cc38eb0d3265e",
	"0019_audit_identity_rows.sql":           "375245e98f4d678e5f6b0e0c4625ded451fdd5bd0f36f9f83139d0d883679ab2",
	"0020_audit_shapes.sql":                  "5041fa13b1f876fec979376c321f593ead3b556976d6bcdc2d1903c239861457",
	"0021_seals_as_bytes.sql":                "ece66ee8990d8195a81f48a46dc0114affd5c802aa5a7b5af1b6494f8a675b60",
	"0022_seals_written_in_place.sql":        "2f0986b5d1564a78a89cdad39fa464aca456589889689be70b5060826fc51122",
	"0023_inserts_recorded_by_reference.sql": "78d7a90eb18882706cd7b2ce7865b5786328d18b33d6e9008d4843242f0bb413",
}

func TestReleasedMigrationsAreFrozen(t *testing.T) {
	t.Parallel()
	if len(migrations) != len(releasedMigrations) {
		t.Errorf("%d steps in store/migrations, %d pinned: pin each new step's checksum in releasedMigrations",
			len(migrations), len(releasedMigrations))
	}
	for _, step := range migrations {
		sum := sha256.Sum256([]byte(step.sql))
		want, pinned := releasedMigrations[step.name]
		switch got := hex.EncodeToString(sum[:]); {
		case !pinned:
			t.Errorf("store/migrations/%s has no pinned checksum (it is %s)", step.name, got)
		case got != want:
			t.Errorf("store/migrations/%s was released and is frozen, but its text changed: put the change in a new step", step.name)
		}
	}
}

// The fixtures are real files made by each released version's own code (see
// testdata/upgrade/README.md). Each is upgraded by this build and must then have the
// schema of a new file, every row it had, an intact audit chain and sound indexes.
func TestEachReleasedVersionUpgradesToTheFreshSchema(t *testing.T) {
	// grows names the tables an upgrade step may add rows to: the keys of the settings
	// a clinic may hold. Every other table keeps exactly the rows it had.
	grows := map[string]bool{"setting_keys": true}
	t.Parallel()
	fresh := newTestStore(t)
	want := schemaShape(t, fresh.readers)
	freshRows, _ := tableDigests(t, fresh.Path(), nil)
	for v := oldestUpgradable; v <= SchemaVersion(); v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			t.Parallel()
			name := fmt.Sprintf("v%d.db", v)
			if _, err := os.Stat(filepath.Join("testdata", "upgrade", name)); v == SchemaVersion() && errors.Is(err, os.ErrNotExist) {
				// The version this build writes gets its file once it is released (README,
				// "Changing the schema"); every earlier one must have one.
				t.Skipf("version %d is not released yet", v)
			}
			path := copyFixture(t, name)
			before, columns := tableDigests(t, path, nil)
			s, err := Open(context.Background(), path)
			if err != nil {
				t.Fatalf("open a version %d file: %v", v, err)
			}
			defer s.Close()
			if got := schemaShape(t, s.readers); !sameShape(t, got, want) {
				t.Fatalf("a version %d file upgraded does not have the schema of a new file", v)
			}
			after, _ := tableDigests(t, path, columns)
			for table, digest := range before {
				if grows[table] {
					// An upgrade adds its own rows (a new setting's key): the table must
					// end as a new file's.
					if after[table] != freshRows[table] {
						t.Errorf("%s, grown by the upgrade: %s, in a new file %s", table, after[table], freshRows[table])
					}
					continue
				}
				if after[table] != digest {
					t.Errorf("%s: before the upgrade %s, after %s", table, digest, after[table])
				}
			}
			// A table an upgrade step makes holds what a new file's holds (setting_keys'
			// list of settings, say): a step that forgot a row would leave old clinics
			// unable to save what new ones can.
			for table, digest := range after {
				if _, derived := filledFromHistory[table]; derived {
					continue
				}
				if _, old := before[table]; !old && digest != freshRows[table] {
					t.Errorf("%s, made by the upgrade: %s, in a new file %s", table, digest, freshRows[table])
				}
			}
			checkPaymentsFromHistory(t, s)
			report, err := s.VerifyAudit(context.Background())
			if err != nil || !report.Intact() || report.Checked == 0 {
				t.Errorf("audit chain after the upgrade: %+v, %v", report, err)
			}
			for _, check := range []string{
				`INSERT INTO patients_fts(patients_fts) VALUES ('integrity-check')`,
				`INSERT INTO inventory_fts(inventory_fts) VALUES ('integrity-check')`,
			} {
				if _, err := s.writer.Exec(check); err != nil {
					t.Errorf("%s: %v", check, err)
				}
			}
			var ok string
			if err := s.readers.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
				t.Errorf("integrity_check: %s %v", ok, err)
			}
		})
	}
}

// filledFromHistory names the tables an upgrade fills from the rows the file already
// had, unlike a new file's empty ones, and why; checkPaymentsFromHistory checks them.
var filledFromHistory = map[string]string{
	"payments": "the amounts already recorded on appointments and fulfilments (schema 13)",
}

// checkPaymentsFromHistory proves that the payments an upgrade brought in are exactly
// what each appointment and fulfilment recorded as paid and waived.
func checkPaymentsFromHistory(t *testing.T, s *Store) {
	t.Helper()
	var wrong int
	err := s.readers.QueryRow(`SELECT
		(SELECT count(*) FROM appointments a WHERE a.amount_paid_cents IS NOT
			(SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE appointment_id = a.id AND kind = 'payment'))
		+ (SELECT count(*) FROM pharmacy_fulfillments f WHERE f.amount_paid_cents IS NOT
			(SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE fulfillment_id = f.id AND kind = 'payment'))
		+ (SELECT count(*) FROM appointments a WHERE a.payment_status = 'waived' AND a.fee_cents - a.amount_paid_cents IS NOT
			(SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE appointment_id = a.id AND kind = 'waiver'))`).Scan(&wrong)
	if err != nil || wrong != 0 {
		t.Errorf("payments brought in by the upgrade: %d bills disagree with them (%v)", wrong, err)
	}
}

// copyFixture copies a test file of a released version into a temporary directory: the
// upgrade writes to it. Its audit key and witness come with it when it has them (files
// of version 7 on, whose trail is sealed under a key).
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	from := filepath.Join("testdata", "upgrade", name)
	for _, side := range []func(string) string{AuditKeyPath, AuditWitnessPath} {
		if _, err := os.Stat(side(from)); err == nil {
			copyFile(t, side(from), side(filepath.Join(dir, name)))
		}
	}
	copyFile(t, from, filepath.Join(dir, name))
	return filepath.Join(dir, name)
}

func copyFile(t *testing.T, from, path string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatalf("no test file of this released version (%v): make one as testdata/upgrade/README.md says", err)
	}
	defer src.Close()
	dst, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// tableDigests sums up every ordinary table of the file: its row count and a SHA-256
// of all its rows, so a row changed by an upgrade is caught as surely as a lost one.
// Given the columns each table had before an upgrade, it reads only those: a column an
// upgrade adds is new data, not a change. It returns the columns it read.
func tableDigests(t *testing.T, path string, only map[string][]string) (map[string]string, map[string][]string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	digests, read := map[string]string{}, map[string][]string{}
	for _, table := range tableNames(t, db) {
		cols, ok := only[table]
		if !ok {
			// The stored columns: a generated one is not data an upgrade keeps, and
			// audit_values is remade in another form (schema version 20).
			cols = queryColumn[string](t, db, `SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid`, table)
		}
		list := `"` + strings.Join(cols, `", "`) + `"`
		rows, err := db.Query(`SELECT ` + list + ` FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		columns, _ := rows.Columns()
		read[table] = columns
		values := make([]any, len(columns))
		pointers := make([]any, len(columns))
		for i := range values {
			pointers[i] = &values[i]
		}
		var lines []string // sorted: a table without rowid has no fixed order
		for rows.Next() {
			if err := rows.Scan(pointers...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%#v", values))
		}
		rows.Close()
		slices.Sort(lines)
		sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
		digests[table] = fmt.Sprintf("%d rows %x", len(lines), sum[:8])
	}
	return digests, read
}

// tableNames lists the ordinary tables: not the full-text indexes and their shadows.
func tableNames(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
		AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	return names
}

// sameShape reports each object that differs between two schemas.
func sameShape(t *testing.T, got, want map[string]string) bool {
	t.Helper()
	same := true
	for name, w := range want {
		switch g, ok := got[name]; {
		case !ok:
			t.Errorf("missing %s", w)
			same = false
		case g != w:
			t.Errorf("%s differs:\n got: %s\nwant: %s", name, g, w)
			same = false
		}
	}
	for name, g := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("extra %s", g)
			same = false
		}
	}
	return same
}

func TestDevelopmentVersionsAreRefused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE settings(key TEXT); PRAGMA user_version = 3`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "development build") {
		t.Fatalf("a version 3 file: %v", err)
	}
}

var createdObject = regexp.MustCompile(`(?im)^\s*CREATE\s+(?:VIRTUAL\s+)?(TABLE|INDEX|VIEW|TRIGGER)\s+(\w+)`)

// schema.sql is the current schema in one reading: each object is made once and never
// dropped or altered there (changes to existing files are migrations).
func TestSchemaMakesEachObjectOnce(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, m := range createdObject.FindAllStringSubmatch(clinicdesk.Schema, -1) {
		if seen[m[2]] {
			t.Errorf("schema.sql makes %s twice", m[2])
		}
		seen[m[2]] = true
	}
	if len(seen) < 100 {
		t.Fatalf("found only %d objects in schema.sql", len(seen))
	}
	if m := regexp.MustCompile(`(?im)^\s*(DROP|ALTER)\s.*`).FindString(clinicdesk.Schema); m != "" {
		t.Errorf("schema.sql changes an object instead of making it: %q", m)
	}
}

// queryColumn is the first column of every row the query returns.
func queryColumn[T any](t *testing.T, db *sql.DB, query string, args ...any) []T {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
