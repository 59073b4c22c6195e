package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/clinicdesk/clinicdesk/store"
)

// TestExportPatientWritesTheRecordEncryptedAndLogsIt: the export, to a passphrase, is
// an age file (0600) that opens to the patient's JSON; --plain text is the readable
// document; each export is in the access log, which `access log` prints; an existing
// file or an unknown code writes nothing.
func TestExportPatientWritesTheRecordEncryptedAndLogsIt(t *testing.T) {
	t.Parallel()
	db := backupClinic(t, 2)
	dir := t.TempDir()
	pass := writeSecret(t, "passphrase", "a long clinic passphrase\n")
	out := filepath.Join(dir, "PAT000002.json.age")
	status, stdout, stderr := exit("export", "patient", "--db", db, "--code", "pat000002", "--out", out,
		"--passphrase-file", pass)
	if status != 0 || !strings.Contains(stdout, "exported PAT000002 as json, encrypted with age to the passphrase") {
		t.Fatalf("export: exit %d, %s%s", status, stdout, stderr)
	}
	info, err := os.Stat(out)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the export file: %v, %v", info, err)
	}
	id, err := age.NewScryptIdentity("a long clinic passphrase")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatalf("the export does not open with the passphrase: %v", err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Patient   struct{ PatientID, LastName string }
		AccessLog []struct{ Action, User, Reason string }
	}
	if err := json.Unmarshal(plain, &doc); err != nil || doc.Patient.PatientID != "PAT000002" || doc.Patient.LastName != "Rao1" {
		t.Fatalf("the decrypted export: %+v, %v", doc.Patient, err)
	}
	if len(doc.AccessLog) != 1 || doc.AccessLog[0].Action != "export" || doc.AccessLog[0].User != "ClinicDesk (command line)" ||
		!strings.Contains(doc.AccessLog[0].Reason, "json, encrypted with age, to the file "+out) {
		t.Fatalf("the export's own access row: %+v", doc.AccessLog)
	}

	text := filepath.Join(dir, "PAT000001.txt")
	if status, stdout, stderr := exit("export", "patient", "--db", db, "--code", "PAT000001", "--out", text,
		"--format", "text", "--plain"); status != 0 || !strings.Contains(stdout, "UNENCRYPTED (--plain)") {
		t.Fatalf("plain text export: exit %d, %s%s", status, stdout, stderr)
	}
	if data, _ := os.ReadFile(text); !bytes.Contains(data, []byte("PATIENT RECORD")) || !bytes.Contains(data, []byte("Asha Rao0 (PAT000001)")) {
		t.Fatalf("the text export:\n%s", data)
	}
	status, _, stderr = exit("export", "patient", "--db", db, "--code", "PAT000001", "--out", text, "--plain")
	wantOneLineExit1(t, "an existing file", status, stderr, "already exists")
	missing := filepath.Join(dir, "nobody.json")
	status, _, stderr = exit("export", "patient", "--db", db, "--code", "PAT000099", "--out", missing, "--plain")
	wantOneLineExit1(t, "an unknown code", status, stderr, "No such patient")
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("an export of no one left a file: %v", err)
	}

	status, stdout, stderr = exit("access", "log", "--db", db, "--patient", "PAT000001")
	if status != 0 || !strings.Contains(stdout, "ClinicDesk (command line)") || !strings.Contains(stdout, "exported the whole record") ||
		strings.Contains(stdout, "PAT000002") {
		t.Fatalf("access log: exit %d\n%s%s", status, stdout, stderr)
	}
	s, err := store.Open(context.Background(), db, storeOptions...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if report, err := s.VerifyAudit(context.Background()); err != nil || !report.Intact() {
		t.Fatalf("audit after the exports: %+v, %v", report, err)
	}
}
