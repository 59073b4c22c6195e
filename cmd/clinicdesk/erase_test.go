package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
)

// erasureClinic makes a database holding one patient with unique details and one last
// seen in 2010, and returns its path.
func erasureClinic(t *testing.T) string {
	t.Helper()
	path := newClinicDB(t)
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, in := range []store.PatientInput{
		{FirstName: "Quibbleton", LastName: "Marzipander", Phone: "+99 31415 92653", Email: "quib.marz@mail.test",
			Address: "3 Snorkelwick Row"},
		{FirstName: "Olga", LastName: "Longago"},
	} {
		in.DateOfBirth, in.Sex = time.Date(1960, 2, 3, 0, 0, 0, 0, time.UTC), "female"
		if _, err := s.AddPatient(context.Background(), store.System("test"), in); err != nil {
			t.Fatal(err)
		}
	}
	// Olga's last visit was in 2010, brought in as history.
	doc, err := s.CreateUser(context.Background(), store.System("test"), store.NewUser{Email: "rao@clinic.test",
		FullName: "Asha Rao", Role: store.RoleDoctor, Password: "correct horse battery staple",
		Doctor: &store.DoctorProfile{LicenceNumber: "MCI-1"}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.DoctorByUser(context.Background(), store.System("test"), doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Batch(context.Background(), store.System("test"), func(tx *store.Tx) error {
		start := time.Date(2010, 3, 4, 9, 0, 0, 0, time.UTC)
		_, err := tx.ImportAppointment(context.Background(), store.ImportedAppointment{PatientID: 2, DoctorID: d.ID,
			Start: start, End: start.Add(15 * time.Minute), Status: store.AppointmentCompleted, PaymentStatus: store.PaymentWaived})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

var cliMarkers = []string{"quibbleton", "marzipander", "31415", "quib.marz", "snorkelwick"}

func cliLeaks(t *testing.T, paths ...string) []string {
	t.Helper()
	var found []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range cliMarkers {
			if bytes.Contains(bytes.ToLower(b), []byte(m)) {
				found = append(found, filepath.Base(p)+": "+m)
			}
		}
	}
	return found
}

// TestErasePatientThenBackupHoldsNoIdentifyingByte: a plain backup taken before the
// erasure holds the patient's details (so the search below can find them); after
// `clinicdesk erase patient`, neither the file, its log nor a new plain backup does,
// and `clinicdesk audit verify` passes.
func TestErasePatientThenBackupHoldsNoIdentifyingByte(t *testing.T) {
	t.Parallel()
	db := erasureClinic(t)
	dir := t.TempDir()
	if _, _, err := clinic(t, db, "", "backup", "--out", filepath.Join(dir, "before.tar"), "--plain"); err != nil {
		t.Fatal(err)
	}
	if found := cliLeaks(t, filepath.Join(dir, "before.tar")); len(found) != len(cliMarkers) {
		t.Fatalf("the backup before the erasure holds %v: the search would prove nothing", found)
	}
	out, _, err := clinic(t, db, "", "erase", "patient", "--code", "pat000001", "--reason", "Asked in writing on 2 December")
	if err != nil || !strings.HasPrefix(out, "PAT000001 erased: now Erased ") {
		t.Fatalf("erase: %q %v", out, err)
	}
	if _, _, err := clinic(t, db, "", "backup", "--out", filepath.Join(dir, "after.tar"), "--plain"); err != nil {
		t.Fatal(err)
	}
	if found := cliLeaks(t, db, db+"-wal", filepath.Join(dir, "after.tar")); len(found) > 0 {
		t.Errorf("identifying bytes after the erasure: %v", found)
	}
	if out, _, err := clinic(t, db, "", "audit", "verify"); err != nil || !strings.HasPrefix(out, "audit trail intact") {
		t.Errorf("audit verify: %q %v", out, err)
	}
	_, _, err = clinic(t, db, "", "erase", "patient", "--code", "PAT000001", "--reason", "Asked in writing on 2 December")
	if err == nil || !strings.Contains(err.Error(), "already erased") {
		t.Errorf("erasing again: %v", err)
	}
	for _, args := range [][]string{
		{"erase"},
		{"erase", "patients", "--code", "PAT000002", "--reason", "Asked in writing"},
		{"erase", "patient", "--code", "PAT000002"},
		{"erase", "patient", "--reason", "Asked in writing"},
		{"erase", "patient", "--code", "PAT000002", "--reason", "Asked in writing", "--force"},
		{"retention"},
		{"retention", "apply"},
		{"retention", "list", "--dry-run"},
	} {
		if _, _, err := clinic(t, db, "", args...); !errors.As(err, new(usageError)) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	for _, cmd := range []string{"erase", "retention"} {
		if out, _, err := clinic(t, db, "", cmd, "--help"); !errors.Is(err, flag.ErrHelp) || !strings.HasPrefix(out, "usage: clinicdesk "+cmd) {
			t.Errorf("%s --help: %q %v", cmd, out, err)
		}
	}
}

// TestRetentionListThenApply: the list names the patient past ten years, a dry run
// erases nothing, and apply erases them.
func TestRetentionListThenApply(t *testing.T) {
	t.Parallel()
	db := erasureClinic(t)
	out, _, err := clinic(t, db, "", "retention", "list")
	if err != nil || !strings.HasPrefix(out, "1 patient last seen before ") || !strings.Contains(out, "PAT000002  Olga Longago") ||
		strings.Contains(out, "PAT000001") {
		t.Fatalf("list: %q %v", out, err)
	}
	out, _, err = clinic(t, db, "", "retention", "apply", "--dry-run")
	if err != nil || strings.Contains(out, "erased") {
		t.Fatalf("dry run: %q %v", out, err)
	}
	out, _, err = clinic(t, db, "", "retention", "apply", "--reason", "Yearly retention review 2026")
	if err != nil || !strings.Contains(out, "PAT000002 erased: now Erased ") {
		t.Fatalf("apply: %q %v", out, err)
	}
	if out, _, err = clinic(t, db, "", "retention", "list"); err != nil || !strings.HasPrefix(out, "0 patients last seen") {
		t.Errorf("list after apply: %q %v", out, err)
	}
}
