package main

import (
	"bytes"
	"context"
	"database/sql"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// newClinicDB makes an empty clinic database, as the desk's first run does, for the
// commands that refuse a database that does not exist: a copy of one that store.Open
// made (running the whole schema for each test cost 55 ms of CPU more than the copy).
func newClinicDB(t *testing.T) string {
	t.Helper()
	return tuitest.EmptyClinicFile(t)
}

// TestMain runs the commands with bcrypt's lowest cost and a cheap scrypt for backup
// passphrases: what the tests prove does not depend on them, and at production cost
// each hash is a quarter second of CPU, each backup opened about a second.
func TestMain(m *testing.M) {
	storeOptions = []store.Option{store.WithBcryptCost(bcrypt.MinCost)}
	scryptWorkFactor = 10
	os.Exit(m.Run())
}

// clinic runs one command line against a database in a temporary directory.
func clinic(t *testing.T, db string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(append(args, "--db", db), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestUserAddFromAPipeThenAuditVerify(t *testing.T) {
	t.Parallel()
	db := newClinicDB(t)
	out, _, err := clinic(t, db, "correct horse battery staple\n",
		"user", "add", "--role", "doctor", "--email", "rao@clinic.test", "--name", "Asha Rao",
		"--licence", "MCI-1", "--speciality", "Cardiology,General Practice", "--fee", "50000")
	if err != nil || !strings.Contains(out, "created doctor rao@clinic.test") {
		t.Fatalf("user add: %q %v", out, err)
	}
	_, _, err = clinic(t, db, "short\n", "user", "add", "--role", "admin", "--email", "a@clinic.test", "--name", "A")
	if err == nil || !strings.Contains(err.Error(), "at least 15 characters") {
		t.Fatalf("a weak password from stdin: %v", err)
	}
	out, _, err = clinic(t, db, "", "audit", "verify")
	if err != nil || !strings.HasPrefix(out, "audit trail intact: ") {
		t.Fatalf("audit verify: %q %v", out, err)
	}
}

func TestDemoTwiceOpensTheFirstAndRefusesARealClinic(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "demo.db")
	out, _, err := clinic(t, db, "", "demo", "--size", "tiny", "--no-open")
	if err != nil || !strings.Contains(out, "Every staff account's password: "+demo.Password) {
		t.Fatalf("first demo: %v\n%s", err, out)
	}
	// The patients' logins follow the staff's, each with a password of its own.
	staff, patients, ok := strings.Cut(out, "Patients with an account of their own")
	if !ok || !strings.Contains(staff, "receptionist") {
		t.Fatalf("no patient logins after the staff's:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(patients), "\n")[2:]
	if len(lines) != 3 {
		t.Fatalf("patient logins: %q", lines)
	}
	for _, l := range lines {
		f := strings.Fields(l)
		if pw := f[len(f)-1]; pw == demo.Password || strings.Count(patients, pw) != 1 {
			t.Errorf("a patient's password is not their own: %q", l)
		}
	}
	out, _, err = clinic(t, db, "", "demo", "--size", "tiny", "--no-open")
	if err != nil || !strings.Contains(out, "already holds a demo clinic") {
		t.Fatalf("second demo: %v\n%s", err, out)
	}
	real := newClinicDB(t)
	if _, _, err := clinic(t, real, "correct horse battery staple\n", "user", "add", "--role", "admin",
		"--email", "a@clinic.test", "--name", "Ada Admin"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := clinic(t, real, "", "demo", "--no-open"); err == nil || !strings.Contains(err.Error(), "already holds a clinic") {
		t.Fatalf("demo into a real clinic: %v", err)
	}
}

func TestCommandsRefuseADatabaseThatDoesNotExistAndCreateNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	missing := filepath.Join(dir, "sub", "typo.db")
	for _, args := range [][]string{
		{"audit", "verify"},
		{"user", "list"},
		{"user", "add", "--role", "admin", "--email", "a@clinic.test", "--name", "Ada Admin"},
		{"user", "disable", "--email", "a@clinic.test"},
		{"user", "passwd", "--email", "a@clinic.test"},
		{"serve", "--listen", "127.0.0.1:0"},
	} {
		status, stdout, stderr := exit(append(args, "--db", missing)...)
		if status != 1 || stdout != "" || !strings.Contains(stderr, "there is no clinic database at "+missing) ||
			strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, status, stdout, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("refused commands left %d entries behind", len(entries))
	}
}

func TestTheDeskAndDemoMakeTheirDirectories0700AndTheFile0600(t *testing.T) {
	withUmask(t, 0)
	db := filepath.Join(t.TempDir(), "data", "clinicdesk", "demo.db")
	if status, _, stderr := exit("demo", "--size", "tiny", "--no-open", "--db", db); status != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	for _, dir := range []string{filepath.Dir(db), filepath.Dir(filepath.Dir(db))} {
		if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, %v", dir, info.Mode().Perm(), err)
		}
	}
	if info, err := os.Stat(db); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, %v", db, info.Mode().Perm(), err)
	}
}

func TestServeRefusesToStartOnADatabaseItCannotWrite(t *testing.T) {
	t.Parallel()
	db := newClinicDB(t)
	if os.Geteuid() != 0 {
		if err := os.Chmod(db, 0o400); err != nil {
			t.Fatal(err)
		}
	} else {
		if out, err := exec.Command("chattr", "+i", db).CombinedOutput(); err != nil {
			t.Skipf("running as root and cannot make %s immutable: %v %s", db, err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", db).Run() })
	}
	status, stdout, stderr := exit("serve", "--db", db, "--listen", "127.0.0.1:0")
	if status != 1 || stdout != "" ||
		!strings.Contains(stderr, "cannot write the clinic database "+db+": the file cannot be opened for writing") {
		t.Fatalf("exit %d, stdout %q, stderr %q", status, stdout, stderr)
	}
}

// A login that fails for another reason than the credentials is logged with the reason;
// the client only learns that it failed.
func TestServeLogsALoginCheckThatFailedForAnotherReason(t *testing.T) {
	t.Parallel()
	s, err := store.Open(context.Background(), newClinicDB(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	var logs bytes.Buffer
	a := storeAuth{s: s, log: log.New(&logs, "", 0)}
	if _, ok := a.Password(context.Background(), "ana@clinic.test", "some long password here", "192.0.2.7:4000"); ok {
		t.Fatal("a closed store logged someone in")
	}
	if !strings.Contains(logs.String(), "password check from 192.0.2.7:4000 failed: ") {
		t.Fatalf("log: %q", logs.String())
	}
}

// audit verify lists every problem, each with its row, and exits 1; an intact trail
// exits 0; a file it will not write to is not served.
func TestAuditVerifyListsEveryProblemAndExitsOne(t *testing.T) {
	t.Parallel()
	db := newClinicDB(t)
	for _, email := range []string{"a@clinic.test", "b@clinic.test", "c@clinic.test"} {
		if _, _, err := clinic(t, db, "correct horse battery staple\n", "user", "add", "--role", "admin",
			"--email", email, "--name", "Ada Admin"); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{
		`INSERT INTO audit_log(table_name, action) VALUES ('users', 'DELETE')`,
		`INSERT INTO audit_log(table_name, action) VALUES ('users', 'UPDATE')`,
		"CREATE TRIGGER \"planted\x1b]0;x\x07\" AFTER INSERT ON users BEGIN SELECT 1; END",
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	out, stderr, err := clinic(t, db, "", "audit", "verify")
	var errOut bytes.Buffer
	if code := exitCode(err, &errOut); code != 1 {
		t.Fatalf("exit status %d (%v)", code, err)
	}
	for _, want := range []string{"schema drift: trigger", "is extra", "row 4: unsealed", "row 5: unsealed", "5 rows checked"} {
		if !strings.Contains(out, want) {
			t.Errorf("verify's output lacks %q:\n%s", want, out)
		}
	}
	if strings.ContainsAny(out+stderr+errOut.String(), "\x1b\x07") {
		t.Errorf("a name from the file reached the terminal raw: %q", out)
	}
	if _, _, err := clinic(t, db, "", "serve", "--listen", "127.0.0.1:0"); err == nil || !strings.Contains(err.Error(), "not serving") {
		t.Fatalf("serve on a drifted file: %v", err)
	}
	clean := newClinicDB(t)
	if _, _, err := clinic(t, clean, "correct horse battery staple\n", "user", "add", "--role", "admin",
		"--email", "a@clinic.test", "--name", "Ada Admin"); err != nil {
		t.Fatal(err)
	}
	_, _, err = clinic(t, clean, "", "audit", "verify")
	if code := exitCode(err, &errOut); code != 0 {
		t.Fatalf("intact trail: exit status %d (%v)", code, err)
	}
	if code := exitCode(run([]string{"audit", "verify", "--bogus"}, nil, &errOut, &errOut), &errOut); code != 2 {
		t.Fatalf("a bad flag: exit status %d", code)
	}
}
