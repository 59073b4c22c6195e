package demo_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"

	_ "modernc.org/sqlite"
)

// testNow is Monday 3 March 2025, 11:00 in the clinic (05:30 UTC): today's queue is busy.
var testNow = time.Date(2025, time.March, 3, 5, 30, 0, 0, time.UTC)

// built is a tiny demo clinic built once for seed 1 and shared by the tests that only
// read it; TestMain removes it.
var built struct {
	once sync.Once
	dir  string
	s    *store.Store
	sum  demo.Summary
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.s != nil {
		built.s.Close()
	}
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// build builds a demo clinic of the size for seed into a fresh file in dir. The demo's
// shared password is hashed at bcrypt's lowest cost: what these tests prove does not
// depend on it.
func build(dir string, size gen.Size, seed int64) (*store.Store, demo.Summary, error) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(dir, "demo.db"), store.WithClock(func() time.Time { return testNow }),
		store.WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		return nil, demo.Summary{}, err
	}
	sum, err := demo.Build(ctx, s, size, seed, nil)
	if err != nil {
		s.Close()
		return nil, demo.Summary{}, fmt.Errorf("build: %w", err)
	}
	return s, sum, nil
}

// tinyClinic returns the shared tiny clinic, building it on first use. Tiny runs every
// step of the builder that the larger sizes do, with fewer rows: a small clinic cost
// each run about 3 CPU-s more.
func tinyClinic(t *testing.T) (*store.Store, demo.Summary, *sql.DB) {
	t.Helper()
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "clinicdesk-demo-")
		if built.err == nil {
			built.s, built.sum, built.err = build(built.dir, gen.Tiny, 1)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	db, err := sql.Open("sqlite", "file:"+built.s.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return built.s, built.sum, db
}

// count runs a counting query.
func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestTinyClinic(t *testing.T) {
	t.Parallel()
	_, sum, db := tinyClinic(t)
	c := gen.Tiny.Counts()
	if sum.Patients != c.Patients || count(t, db, `SELECT count(*) FROM patients`) != c.Patients {
		t.Errorf("patients: summary %d, want %d", sum.Patients, c.Patients)
	}
	appts := count(t, db, `SELECT count(*) FROM appointments`)
	if appts != sum.Appointments || appts < c.Appointments*95/100 || appts > c.Appointments {
		t.Errorf("appointments: %d (summary %d), want near %d", appts, sum.Appointments, c.Appointments)
	}
	if n := count(t, db, `SELECT count(*) FROM users WHERE role <> 'patient'`); n != c.Staff() || len(sum.Accounts) != n {
		t.Errorf("accounts: %d in the table, %d in the summary, want %d", n, len(sum.Accounts), c.Staff())
	}
	// Each kind of row the screens show is there. (Its few prescriptions meet no patient's
	// allergy, so no line carries an override reason: the store's tests cover that rule.)
	for _, q := range []string{
		`SELECT count(*) FROM medical_history`, `SELECT count(*) FROM allergies`,
		`SELECT count(*) FROM current_medications`, `SELECT count(*) FROM vital_signs`,
		`SELECT count(*) FROM doctor_schedules`, `SELECT count(*) FROM doctor_leaves`,
		`SELECT count(*) FROM clinic_holidays`, `SELECT count(*) FROM pharmacy_fulfillments`,
		`SELECT count(*) FROM notifications`,
		`SELECT count(*) FROM access_log WHERE action = 'read_chart' AND user_id IN (SELECT user_id FROM doctors)`,
		`SELECT count(*) FROM emergency_access`,
		`SELECT count(*) FROM prescription_medications WHERE inventory_item_id IS NULL`,
		`SELECT count(*) FROM inventory_items WHERE current_stock < minimum_stock`,
		`SELECT count(*) FROM inventory_batches WHERE quantity_left > 0 AND expires_on < '2025-03-03'`,
		`SELECT count(*) FROM inventory_batches WHERE quantity_left > 0 AND expires_on BETWEEN '2025-03-03' AND '2025-06-01'`,
	} {
		if count(t, db, q) == 0 {
			t.Errorf("none found: %s", q)
		}
	}
	if got := count(t, db, `SELECT count(*) FROM settings WHERE key = 'time_zone' AND value = 'Asia/Kolkata'`); got != 1 {
		t.Error("the clinic's time zone is not Asia/Kolkata")
	}
}

// The demo shows every part of the clinic's day: past tills closed, reminders in every
// state of the outbox, sketches on some prescriptions, and patients who log in with
// passwords of their own, which the login screen's list of staff accounts leaves out.
func TestTheDemoShowsEverything(t *testing.T) {
	t.Parallel()
	s, sum, db := tinyClinic(t)
	ctx := context.Background()
	for _, desk := range []string{"front_desk", "pharmacy"} {
		if n := count(t, db, `SELECT count(*) FROM till_closes WHERE desk = ? AND till_date < '2025-03-03'`, desk); n != 14 {
			t.Errorf("%s: %d past tills closed, want the fortnight's 14", desk, n)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM till_closes WHERE till_date >= '2025-03-03'`); n != 0 {
		t.Errorf("today's till is closed already (%d)", n)
	}
	for _, d := range store.Deliveries {
		if n := count(t, db, `SELECT count(*) FROM notifications WHERE kind = ? AND delivery = ?`,
			store.KindAppointmentReminder, string(d)); n == 0 {
			t.Errorf("no reminder is %s in the demo's outbox", d)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM notifications WHERE kind = ? AND delivery = 'failed' AND delivery_note LIKE '%(550)%'`,
		store.KindAppointmentReminder); n != 1 {
		t.Errorf("failed reminders with the server's refusal: %d, want 1", n)
	}
	rx := count(t, db, `SELECT count(*) FROM prescriptions`)
	if n := count(t, db, `SELECT count(*) FROM prescriptions WHERE sketch <> ''`); n < rx/10 || n > rx/4 {
		t.Errorf("%d of %d prescriptions have a sketch, want about one in six", n, rx)
	}
	if n := count(t, db, `SELECT count(*) FROM users WHERE role = 'patient'`); n != 3 || len(sum.PatientAccounts) != n {
		t.Errorf("patient accounts: %d in the table, %d in the summary, want 3", n, len(sum.PatientAccounts))
	}
	seen := map[string]bool{}
	for _, a := range sum.PatientAccounts {
		if a.Password == sum.Password || seen[a.Password] {
			t.Errorf("patient %s shares a password: %q", a.Email, a.Password)
		}
		seen[a.Password] = true
		if _, err := s.Login(ctx, a.Email, a.Password); err != nil {
			t.Errorf("patient %s cannot log in with their own password: %v", a.Email, err)
		}
		if _, err := s.Login(ctx, a.Email, sum.Password); err == nil {
			t.Errorf("patient %s logs in with the staff's password", a.Email)
		}
	}
	password, listed, err := s.DemoAccounts(ctx)
	if err != nil || password != sum.Password || len(listed) == 0 {
		t.Fatalf("the login screen's demo accounts: %q %+v %v", password, listed, err)
	}
	for _, a := range listed {
		if a.Role == store.RolePatient {
			t.Errorf("the login screen lists the patient %s under the staff's password", a.Email)
		}
	}
}

func TestEveryStatus(t *testing.T) {
	t.Parallel()
	_, _, db := tinyClinic(t)
	// Today in the clinic is 2025-03-03, from 18:30 UTC the day before.
	const today = `starts_at >= '2025-03-02T18:30:00Z' AND starts_at < '2025-03-03T18:30:00Z'`
	for _, st := range []string{"completed", "cancelled", "no_show"} {
		if count(t, db, `SELECT count(*) FROM appointments WHERE status = ? AND ends_at < '2025-03-03T05:30:00Z'`, st) == 0 {
			t.Errorf("no past appointment is %s", st)
		}
	}
	for _, st := range []string{"scheduled", "confirmed", "cancelled"} {
		if count(t, db, `SELECT count(*) FROM appointments WHERE status = ? AND starts_at > '2025-03-04'`, st) == 0 {
			t.Errorf("no future appointment is %s", st)
		}
	}
	for _, st := range []string{"scheduled", "confirmed", "checked_in", "in_consultation"} {
		if count(t, db, `SELECT count(*) FROM appointments WHERE status = ? AND `+today, st) == 0 {
			t.Errorf("no appointment today is %s", st)
		}
	}
	for _, st := range []string{"draft", "submitted", "dispensing", "fulfilled", "cancelled"} {
		if count(t, db, `SELECT count(*) FROM prescriptions WHERE status = ?`, st) == 0 {
			t.Errorf("no prescription is %s", st)
		}
	}
	for _, p := range []string{"routine", "urgent", "stat"} {
		if count(t, db, `SELECT count(*) FROM prescription_tests WHERE priority = ?`, p) == 0 {
			t.Errorf("no test is ordered %s", p)
		}
	}
	if count(t, db, `SELECT count(*) FROM pharmacy_fulfillments WHERE status = 'partial'`) == 0 {
		t.Error("no fulfilment is partial")
	}
}

func TestNoOverlaps(t *testing.T) {
	t.Parallel()
	_, _, db := tinyClinic(t)
	const occupying = `status NOT IN ('cancelled', 'no_show')`
	for _, who := range []string{"doctor_id", "patient_id"} {
		n := count(t, db, `SELECT count(*) FROM appointments a JOIN appointments b
			ON b.`+who+` = a.`+who+` AND b.id > a.id AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at
			WHERE a.`+occupying+` AND b.`+occupying)
		if n != 0 {
			t.Errorf("%d overlapping pairs of appointments by %s", n, who)
		}
	}
}

// A fee paid or waived carries the time it was settled, as the desk stamps it: a
// waived visit's receipt printed "Waived on 1 January 0001".
func TestSettledFeesHaveTheirTime(t *testing.T) {
	t.Parallel()
	_, _, db := tinyClinic(t)
	for _, settled := range []string{"paid", "waived"} {
		if count(t, db, `SELECT count(*) FROM appointments WHERE payment_status = ?`, settled) == 0 {
			t.Errorf("no appointment's fee is %s", settled)
		}
		if n := count(t, db, `SELECT count(*) FROM appointments WHERE payment_status = ? AND paid_at IS NULL`, settled); n != 0 {
			t.Errorf("%d appointments %s without the time", n, settled)
		}
	}
}

// The registry and the catalogue, imported in many transactions, end merged: each
// search index is one segment, as the store's search merger keeps it.
func TestSearchIndexesEndMerged(t *testing.T) {
	t.Parallel()
	_, _, db := tinyClinic(t)
	for _, index := range []string{"patients_fts", "inventory_fts"} {
		if n := count(t, db, `SELECT count(DISTINCT segid) FROM `+index+`_idx`); n != 1 {
			t.Errorf("%s has %d segments, want 1", index, n)
		}
	}
}

func TestStockInvariant(t *testing.T) {
	t.Parallel()
	_, _, db := tinyClinic(t)
	n := count(t, db, `SELECT count(*) FROM inventory_items i
		WHERE i.current_stock IS NOT (SELECT coalesce(sum(quantity_left), 0) FROM inventory_batches WHERE item_id = i.id)
		   OR i.current_stock IS NOT (SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE item_id = i.id)`)
	if n != 0 {
		t.Errorf("%d items whose stock differs from their batches or their ledger", n)
	}
	if count(t, db, `SELECT count(*) FROM stock_movements WHERE kind = 'dispense'`) == 0 {
		t.Error("nothing was dispensed")
	}
}

// The pharmacy restocks what runs short, so a prescription for stocked medicines from
// more than three days ago was mostly collected whole, and the queue holds about what a
// real one would; some items stay below their minimum stock all the same.
func TestOldPrescriptionsCollected(t *testing.T) {
	t.Parallel()
	_, _, db := tinyClinic(t)
	stocked := `EXISTS (SELECT 1 FROM prescription_medications m WHERE m.prescription_id = r.id
		AND m.inventory_item_id IS NOT NULL)`
	old := `r.created_at < '` + testNow.AddDate(0, 0, -3).UTC().Format(time.RFC3339) + `'`
	all := count(t, db, `SELECT count(*) FROM prescriptions r WHERE `+old+` AND `+stocked+` AND r.status <> 'cancelled'`)
	open := count(t, db, `SELECT count(*) FROM prescriptions r WHERE `+old+` AND `+stocked+`
		AND r.status IN ('submitted', 'dispensing')`)
	if all == 0 || open*10 > all {
		t.Errorf("%d of %d older prescriptions for stocked medicines are still open; want at most a tenth", open, all)
	}
	if count(t, db, `SELECT count(*) FROM stock_movements WHERE kind = 'receive' AND batch_id IN
		(SELECT id FROM inventory_batches WHERE received_at > ?)`, testNow.AddDate(0, 0, -45).UTC().Format(time.RFC3339)) == 0 {
		t.Error("no delivery in the weeks of prescriptions")
	}
	if count(t, db, `SELECT count(*) FROM inventory_items WHERE current_stock < minimum_stock`) == 0 {
		t.Error("no item is below its minimum stock")
	}
}

func TestAuditChain(t *testing.T) {
	t.Parallel()
	s, _, db := tinyClinic(t)
	report, err := s.VerifyAudit(context.Background())
	if err != nil || !report.Intact() {
		t.Fatalf("audit chain: %+v, %v", report, err)
	}
	if n := count(t, db, `SELECT count(*) FROM audit_log WHERE table_name = 'appointments'`); n < gen.Tiny.Counts().Appointments*95/100 {
		t.Errorf("only %d audit rows for appointments", n)
	}
}

// An audit row is sealed over the 32 zero bytes it was written with, so sealing it does
// not grow it. Grown, each row split the page it had just filled, and 9-10% of the tiny
// demo's audit pages stood unused, against 5% since (schema 22).
func TestAuditPagesAreNotSplitBySealing(t *testing.T) {
	t.Parallel()
	_, _, db := tinyClinic(t)
	var unused, size int64
	if err := db.QueryRow(`SELECT sum(unused), sum(pgsize) FROM dbstat WHERE name = 'audit_log'`).Scan(&unused, &size); err != nil {
		t.Fatal(err)
	}
	if size == 0 || unused*100 > size*7 {
		t.Errorf("the audit log's pages are %.1f%% unused (%d of %d bytes), want at most 7%%", float64(unused)*100/float64(size), unused, size)
	}
}

func TestDemoLogins(t *testing.T) {
	t.Parallel()
	s, sum, _ := tinyClinic(t)
	ctx := context.Background()
	seen := map[store.Role]bool{}
	for _, a := range sum.Accounts {
		if seen[a.Role] {
			continue
		}
		seen[a.Role] = true
		if _, err := s.Login(ctx, a.Email, sum.Password); err != nil {
			t.Errorf("%s %s cannot log in: %v", a.Role, a.Email, err)
		}
	}
	for _, r := range []store.Role{store.RoleAdmin, store.RoleReceptionist, store.RoleDoctor, store.RolePharmacist} {
		if !seen[r] {
			t.Errorf("no %s account", r)
		}
	}
	// The first patient with an account sees who opened their record: a doctor, and the
	// front desk's emergency access.
	for _, a := range sum.PatientAccounts[:1] {
		u, err := s.Login(ctx, a.Email, a.Password)
		if err != nil {
			t.Fatal(err)
		}
		seen, err := s.MyRecordAccesses(ctx, u.Actor(), 50)
		roles := map[store.Role]bool{}
		for _, r := range seen {
			roles[r.UserRole] = true
		}
		if err != nil || !roles[store.RoleDoctor] || !roles[store.RoleReceptionist] {
			t.Errorf("the demo patient sees %d accesses by %v (%v)", len(seen), roles, err)
		}
	}
	password, shown, err := s.DemoAccounts(ctx)
	if err != nil || password != demo.Password || len(shown) != 4 {
		t.Errorf("login screen shows %d accounts and %q (%v)", len(shown), password, err)
	}
}

func TestRefusesAClinicWithAccounts(t *testing.T) {
	t.Parallel()
	s, _, _ := tinyClinic(t)
	if _, err := demo.Build(context.Background(), s, gen.Tiny, 1, nil); !errors.Is(err, demo.ErrNotEmpty) {
		t.Errorf("second build: %v, want ErrNotEmpty", err)
	}
}

// TestDeterministic builds a second tiny clinic with the shared one's seed and clock and
// compares the patients', appointments', prescriptions' and batches' content.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	_, _, first := tinyClinic(t)
	s, _, err := build(t.TempDir(), gen.Tiny, 1)
	if err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	second, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	for _, q := range []string{
		`SELECT group_concat(patient_code || first_name || last_name || date_of_birth || phone || address, '|')
			FROM (SELECT * FROM patients ORDER BY id)`,
		`SELECT group_concat(appointment_code || patient_id || doctor_id || starts_at || status || reason ||
			payment_status || coalesce(checked_in_at, '') || created_at, '|') FROM (SELECT * FROM appointments ORDER BY id)`,
		`SELECT group_concat(prescription_code || appointment_id || diagnosis || status, '|')
			FROM (SELECT * FROM prescriptions ORDER BY id)`,
		`SELECT group_concat(item_id || batch_number || expires_on || quantity_left, '|')
			FROM (SELECT * FROM inventory_batches ORDER BY id)`,
	} {
		var a, b string
		if err := first.QueryRow(q).Scan(&a); err != nil {
			t.Fatal(err)
		}
		if err := second.QueryRow(q).Scan(&b); err != nil {
			t.Fatal(err)
		}
		if a != b || a == "" {
			t.Errorf("two builds with one seed differ: %.60s…", q)
		}
	}
}

// The patients' demo accounts are hashed at the cost of the store the caller gave, as the
// staff's are: the builder's second handle on the file once hashed them at production
// cost, a second of CPU in every test that built a demo.
func TestPatientAccountsAreHashedAtTheCallersCost(t *testing.T) {
	t.Parallel()
	_, sum, db := tinyClinic(t)
	want := fmt.Sprintf("$2a$%02d$%%", bcrypt.MinCost)
	if n := count(t, db, `SELECT count(*) FROM users WHERE password_hash LIKE ?`, want); n != len(sum.Accounts)+len(sum.PatientAccounts) ||
		len(sum.PatientAccounts) == 0 {
		t.Errorf("%d accounts hashed at cost %d, want all %d staff and %d patients", n, bcrypt.MinCost,
			len(sum.Accounts), len(sum.PatientAccounts))
	}
}
