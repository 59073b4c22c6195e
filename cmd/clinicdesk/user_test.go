package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
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
