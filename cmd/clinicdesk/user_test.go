package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

const cliPassword = "correct horse battery staple"

func runCLI(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestUserCommands(t *testing.T) {
	t.Parallel()
	db := newClinicDB(t)
	if out, err := runCLI(t, cliPassword+"\n", "user", "add", "--db", db, "--role", "receptionist",
		"--email", "desk@clinic.test", "--name", "Maya Desk"); err != nil {
		t.Fatalf("add: %v %s", err, out)
	}
	out, err := runCLI(t, "", "user", "list", "--db", db)
	if err != nil || !strings.Contains(out, "desk@clinic.test") || !strings.Contains(out, "active") {
		t.Fatalf("list: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "", "user", "disable", "--db", db, "--email", "desk@clinic.test"); err != nil ||
		!strings.Contains(out, "deactivated desk@clinic.test") {
		t.Fatalf("disable: %v %s", err, out)
	}
	if out, _ := runCLI(t, "", "user", "list", "--db", db, "--search", "maya"); !strings.Contains(out, "deactivated") {
		t.Fatalf("list after disable:\n%s", out)
	}
	if out, err := runCLI(t, "", "user", "enable", "--db", db, "--email", "desk@clinic.test"); err != nil {
		t.Fatalf("enable: %v %s", err, out)
	}
	if _, err := runCLI(t, "short\n", "user", "passwd", "--db", db, "--email", "desk@clinic.test"); err == nil {
		t.Fatal("passwd accepted a short password")
	}
	if out, err := runCLI(t, "another long passphrase here\n", "user", "passwd", "--db", db, "--email", "desk@clinic.test"); err != nil {
		t.Fatalf("passwd: %v %s", err, out)
	}
	if out, _ := runCLI(t, "", "user", "list", "--db", db); !strings.Contains(out, "must change password") {
		t.Fatalf("list after passwd:\n%s", out)
	}
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	sp, _ := ssh.NewPublicKey(pub)
	line := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp))) + " maya@desk"
	if out, err := runCLI(t, "", "user", "key-add", "--db", db, "--email", "desk@clinic.test", "--key", line); err != nil ||
		!strings.Contains(out, ssh.FingerprintSHA256(sp)) {
		t.Fatalf("key-add: %v %s", err, out)
	}
	if _, err := runCLI(t, "", "user", "disable", "--db", db, "--email", "nobody@clinic.test"); err == nil {
		t.Fatal("disable of an unknown email succeeded")
	}
	if out, err := runCLI(t, "", "audit", "verify", "--db", db); err != nil || !strings.Contains(out, "rows checked") {
		t.Fatalf("audit verify: %v %s", err, out)
	}
}

// A name written into the file behind the desk's back (the sqlite3 shell) reaches the
// terminal of whoever runs the command line only as plain text.
func TestCommandLineOutputCarriesNoEscapesFromTheDatabase(t *testing.T) {
	t.Parallel()
	db := newClinicDB(t)
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	const email = "evil\x1b]52;c;cm0gLXJmIH4=\x07@clinic.test"
	_, err = raw.Exec(`INSERT INTO users(email, full_name, role, password_hash) VALUES (?, ?, 'receptionist', 'x')`,
		email, "Eve\x1b]0;pwned\x07 \u202eliveE\x1b[2J")
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"user", "list"},
		{"user", "disable", "--email", email},
		{"user", "enable", "--email", email},
		{"user", "add", "--role", "admin", "--email", "a@clinic.test", "--name", "Ada\x1b]0;x\x07"},
		{"user", "disable", "--email", "nobody\x1b[31m@clinic.test"},
	} {
		out, err := runCLI(t, cliPassword+"\n", append(args, "--db", db)...)
		var errOut bytes.Buffer
		exitCode(err, &errOut)
		all := out + errOut.String()
		if strings.ContainsAny(all, "\x1b\x07\u202e") {
			t.Errorf("%v wrote escapes: %q", args[:2], all)
		}
	}
}

// user add says what is missing or wrong before it reads a password, refuses a patient's
// login (given from their record) and a licence for a role that has none; the last
// active admin stays active; user list shows a locked-out account as locked.
func TestUserCommandsRefuseInPlainWordsBeforeThePassword(t *testing.T) {
	t.Parallel()
	db := newClinicDB(t)
	for _, tt := range []struct {
		args  []string
		words string
		usage bool
	}{
		{[]string{"--role", "receptionist", "--name", "Maya Desk"}, "Email is required.", false},
		{[]string{"--role", "patient", "--email", "pat@mail.test", "--name", "Pat Ient"}, "given from their record", false},
		{[]string{"--role", "receptionist", "--email", "d@clinic.test", "--name", "Dee", "--licence", "L-1"},
			"--licence is for doctors and pharmacists; a receptionist account has none", true},
		{[]string{"--role", "pharmacist", "--email", "p@clinic.test", "--name", "Pia", "--licence", "P-1", "--fee", "100"},
			"--fee is for doctors", true},
	} {
		// No password on standard input: a command that reached it would say so instead.
		out, err := runCLI(t, "", append([]string{"user", "add", "--db", db}, tt.args...)...)
		if err == nil || !strings.Contains(err.Error(), tt.words) || errors.As(err, new(usageError)) != tt.usage {
			t.Errorf("user add %v: %v %s; want %q", tt.args, err, out, tt.words)
		}
	}
	if out, _ := runCLI(t, "", "user", "list", "--db", db); strings.Contains(out, "pat@mail.test") || strings.Contains(out, "d@clinic.test") {
		t.Fatalf("a refused account was made:\n%s", out)
	}
	if out, err := runCLI(t, cliPassword+"\n", "user", "add", "--db", db, "--role", "admin", "--email", "ada@clinic.test",
		"--name", "Ada Admin"); err != nil {
		t.Fatalf("add admin: %v %s", err, out)
	}
	if _, err := runCLI(t, "", "user", "disable", "--db", db, "--email", "ada@clinic.test"); err == nil ||
		!strings.Contains(err.Error(), "last active administrator") {
		t.Fatalf("disable the last admin: %v", err)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`UPDATE users SET locked_until = '2999-01-01T00:00:00Z' WHERE email = 'ada@clinic.test'`)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	if out, _ := runCLI(t, "", "user", "list", "--db", db); !strings.Contains(out, "locked until 2999-01-01 00:00 UTC") {
		t.Fatalf("list of a locked-out account:\n%s", out)
	}
}
