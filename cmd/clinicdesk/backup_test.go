package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/creack/pty"

	"github.com/clinicdesk/clinicdesk/store"
)

// backupClinic makes a database with n patients and returns its path.
func backupClinic(t *testing.T, n int) string {
	t.Helper()
	path := newClinicDB(t)
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range n {
		_, err := s.AddPatient(context.Background(), store.System("test"), store.PatientInput{
			FirstName: "Asha", LastName: fmt.Sprintf("Rao%d", i), DateOfBirth: time.Date(1985, 4, 12, 0, 0, 0, 0, time.UTC),
			Sex: "female", Phone: "+91 98765 43210", Email: "asha@example.com", Address: "12 MG Road, Pune",
			EmergencyContactName: "Ravi Rao", EmergencyContactPhone: "020 2612 3456", BloodGroup: "O+"})
		if err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func writeSecret(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func wantOneLineExit1(t *testing.T, what string, status int, stderr, want string) {
	t.Helper()
	if status != 1 || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("%s: exit %d, stderr %q; want exit 1 and one line with %q", what, status, stderr, want)
	}
}

func TestBackupWithAPassphraseVerifiesAndRestores(t *testing.T) {
	t.Parallel()
	live := backupClinic(t, 3)
	pass := writeSecret(t, "passphrase", "a long clinic passphrase\n")
	out := filepath.Join(t.TempDir(), "clinic.backup")

	status, stdout, stderr := exit("backup", "--db", live, "--out", out, "--passphrase-file", pass)
	if status != 0 {
		t.Fatalf("backup: exit %d, %s", status, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256(data)
	for _, want := range []string{"encrypted with age to the passphrase", "patients      3", "appointments  0",
		"audit head    row ", "sha256        " + hex.EncodeToString(digest[:]), fmt.Sprintf("(%d bytes)", len(data))} {
		if !strings.Contains(stdout, want) {
			t.Errorf("backup's report lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Count(stderr, "\n") != 3 || !strings.Contains(stderr, "snapshot") {
		t.Errorf("backup's steps: %q", stderr)
	}
	if info, _ := os.Stat(out); info.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode %v", info.Mode().Perm())
	}

	target := backupClinic(t, 1)
	before, _ := os.ReadFile(target)
	wrong := writeSecret(t, "wrong", "not the passphrase\n")
	status, _, stderr = exit("restore", "--in", out, "--db", target, "--passphrase-file", wrong)
	wantOneLineExit1(t, "restore with a wrong passphrase", status, stderr, "the passphrase or identity does not open this backup")
	if after, _ := os.ReadFile(target); string(after) != string(before) {
		t.Error("a restore with a wrong passphrase changed the database")
	}

	status, stdout, stderr = exit("restore", "--in", out, "--db", target, "--passphrase-file", pass)
	if status != 0 || !strings.Contains(stdout, "restored ") || !strings.Contains(stdout, "kept as "+target+".before-restore-") {
		t.Fatalf("restore: exit %d, stdout %q, stderr %q", status, stdout, stderr)
	}
	status, stdout, _ = exit("audit", "verify", "--db", target)
	if status != 0 || !strings.Contains(stdout, "audit trail intact") {
		t.Errorf("the restored database's audit: exit %d, %s", status, stdout)
	}
}

func TestBackupToARecipientAndItsRefusals(t *testing.T) {
	t.Parallel()
	live := backupClinic(t, 2)
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	idFile := writeSecret(t, "identity", id.String()+"\n")
	dir := t.TempDir()
	out := filepath.Join(dir, "clinic.backup")

	status, stdout, stderr := exit("backup", "--db", live, "--out", out, "--recipient", id.Recipient().String())
	if status != 0 || !strings.Contains(stdout, "to 1 recipient(s)") {
		t.Fatalf("backup to a recipient: exit %d, %s %s", status, stdout, stderr)
	}
	status, stdout, stderr = exit("backup", "verify", "--in", out, "--identity", idFile)
	if status != 0 || !strings.Contains(stdout, "backup verifies") || !strings.Contains(stdout, "patients      2") {
		t.Errorf("verify: exit %d, %s %s", status, stdout, stderr)
	}
	status, _, stderr = exit("backup", "verify", "--in", out)
	wantOneLineExit1(t, "verify without a key, off a terminal", status, stderr, "no passphrase: give --passphrase-file")
	status, _, stderr = exit("backup", "--db", live, "--out", filepath.Join(dir, "other.backup"))
	wantOneLineExit1(t, "backup without a key, off a terminal", status, stderr, "no passphrase: give --passphrase-file")
	status, _, stderr = exit("backup", "--db", live, "--out", filepath.Join(dir, "other.backup"), "--recipient", "age1nope")
	wantOneLineExit1(t, "backup to a bad recipient", status, stderr, "is not an age public key")
	loose := filepath.Join(dir, "loose")
	if err := os.WriteFile(loose, []byte("pass\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(loose, 0o644); err != nil {
		t.Fatal(err)
	}
	status, _, stderr = exit("backup", "--db", live, "--out", filepath.Join(dir, "other.backup"), "--passphrase-file", loose)
	wantOneLineExit1(t, "a passphrase file others can read", status, stderr, "can be read by others")

	// Damaged and foreign files, and a database in use: one sentence, the file untouched.
	data, _ := os.ReadFile(out)
	flipped := append([]byte(nil), data...)
	flipped[len(flipped)/2] ^= 0x10
	damaged := writeSecret(t, "flipped.backup", string(flipped))
	cut := writeSecret(t, "cut.backup", string(data[:len(data)-100]))
	foreign := writeSecret(t, "notes.txt", "shopping list\n")
	target := backupClinic(t, 1)
	before, _ := os.ReadFile(target)
	status, _, stderr = exit("restore", "--in", damaged, "--db", target, "--identity", idFile)
	wantOneLineExit1(t, "restore a flipped byte", status, stderr, "the backup is damaged or cut short")
	status, _, stderr = exit("restore", "--in", cut, "--db", target, "--identity", idFile)
	wantOneLineExit1(t, "restore a cut file", status, stderr, "the backup is damaged or cut short")
	status, _, stderr = exit("restore", "--in", foreign, "--db", target, "--identity", idFile)
	wantOneLineExit1(t, "restore a file that is no backup", status, stderr, "this file is not a ClinicDesk backup")
	s, err := store.Open(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	status, _, stderr = exit("restore", "--in", out, "--db", target, "--identity", idFile)
	s.Close()
	wantOneLineExit1(t, "restore onto an open database", status, stderr, fmt.Sprintf("is open by pid %d", os.Getpid()))
	if after, _ := os.ReadFile(target); string(after) != string(before) {
		t.Error("a refused restore changed the database")
	}

	plain := filepath.Join(dir, "plain.backup")
	status, stdout, _ = exit("backup", "--db", live, "--out", plain, "--plain")
	if status != 0 || !strings.Contains(stdout, "UNENCRYPTED (--plain)") {
		t.Errorf("plain backup: exit %d, %s", status, stdout)
	}
	status, stdout, _ = exit("restore", "--in", plain, "--db", target)
	if status != 0 || !strings.Contains(stdout, "patients      2") {
		t.Errorf("restore of the plain backup: exit %d, %s", status, stdout)
	}
}

// promptWriter is a stderr that reports each passphrase prompt, so that a test types
// only once the terminal's echo is off.
type promptWriter struct {
	mu      sync.Mutex
	text    strings.Builder
	prompts chan string
}

func (w *promptWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.text.Write(p)
	if s := string(p); strings.HasPrefix(s, "Backup passphrase") {
		w.prompts <- s
	}
	return len(p), nil
}

func TestBackupAsksThePassphraseTwiceOnATerminal(t *testing.T) {
	t.Parallel()
	live := backupClinic(t, 1)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	go io.Copy(io.Discard, ptmx)
	dir := t.TempDir()
	backupTyping := func(out string, answers ...string) (string, error) {
		stderr := &promptWriter{prompts: make(chan string, 2)}
		var stdout bytes.Buffer
		done := make(chan error, 1)
		go func() { done <- run([]string{"backup", "--db", live, "--out", out}, tty, &stdout, stderr) }()
		for _, a := range answers {
			select {
			case <-stderr.prompts:
				if _, err := ptmx.Write([]byte(a + "\r")); err != nil {
					t.Fatal(err)
				}
			case err := <-done:
				return stdout.String(), err
			}
		}
		err := <-done
		return stdout.String(), err
	}
	if _, err := backupTyping(filepath.Join(dir, "a.backup"), "first passphrase", "second passphrase"); err == nil ||
		!strings.Contains(err.Error(), "the two passphrases differ") {
		t.Errorf("two different passphrases: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.backup")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused backup left a file: %v", err)
	}
	out := filepath.Join(dir, "b.backup")
	stdout, err := backupTyping(out, "the clinic's passphrase", "the clinic's passphrase")
	if err != nil || !strings.Contains(stdout, "encrypted with age to the passphrase") {
		t.Fatalf("backup with a typed passphrase: %v\n%s", err, stdout)
	}
	pass := writeSecret(t, "pass", "the clinic's passphrase\n")
	if status, _, stderr := exit("backup", "verify", "--in", out, "--passphrase-file", pass); status != 0 {
		t.Errorf("verify with the typed passphrase: exit %d, %s", status, stderr)
	}
}
