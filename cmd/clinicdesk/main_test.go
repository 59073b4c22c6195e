package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/store"
)

// TestMain runs the commands with bcrypt's lowest cost: what the tests prove does not
// depend on it, and each hash at the production cost is a quarter second of CPU.
func TestMain(m *testing.M) {
	storeOptions = []store.Option{store.WithBcryptCost(bcrypt.MinCost)}
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
	db := filepath.Join(t.TempDir(), "clinic.db")
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
	out, _, err := clinic(t, db, "", "demo", "--size", "small", "--no-open")
	if err != nil || !strings.Contains(out, "Every account's password: ") {
		t.Fatalf("first demo: %v\n%s", err, out)
	}
	out, _, err = clinic(t, db, "", "demo", "--size", "small", "--no-open")
	if err != nil || !strings.Contains(out, "already holds a demo clinic") {
		t.Fatalf("second demo: %v\n%s", err, out)
	}
	real := filepath.Join(t.TempDir(), "real.db")
	if _, _, err := clinic(t, real, "correct horse battery staple\n", "user", "add", "--role", "admin",
		"--email", "a@clinic.test", "--name", "Ada Admin"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := clinic(t, real, "", "demo", "--no-open"); err == nil || !strings.Contains(err.Error(), "already holds a clinic") {
		t.Fatalf("demo into a real clinic: %v", err)
	}
}
