package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"path/filepath"
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
	db := filepath.Join(t.TempDir(), "clinic.db")
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
