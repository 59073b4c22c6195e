package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// registryNow is the fixed clock of the registry tests: midday UTC on 10 March 2026.
var registryNow = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func onDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// patientForm is a valid registration form.
func patientForm(first, last string) PatientInput {
	return PatientInput{FirstName: first, LastName: last, DateOfBirth: onDate(1985, 4, 12), Sex: "female",
		Phone: "+91 98765 43210", Email: "asha@example.com", Address: "12 MG Road, Pune",
		EmergencyContactName: "Ravi Rao", EmergencyContactPhone: "020 2612 3456", BloodGroup: "O+"}
}

// registryStore is a store on the fixed clock with a receptionist to register patients.
func registryStore(t testing.TB) (*Store, Actor) {
	t.Helper()
	clock := &fixedClock{t: registryNow}
	s := newTestStore(t, WithClock(clock.now))
	return s, mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Dana Desk").Actor()
}

func regPatient(t testing.TB, s *Store, desk Actor, in PatientInput) Patient {
	t.Helper()
	p, err := s.AddPatient(context.Background(), desk, in)
	if err != nil {
		t.Fatalf("add patient %s %s: %v", in.FirstName, in.LastName, err)
	}
	return p
}

// wantField checks that err is a FieldError for field (or nil when field is "").
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Fatalf("want no error, got %v", err)
		}
		return
	}
	var fe *FieldError
	if !errors.As(err, &fe) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("want invalid %s, got %v", field, err)
	}
	if fe.Field != field {
		t.Fatalf("want field %s, got %s (%q)", field, fe.Field, fe.Message)
	}
	if !strings.HasSuffix(fe.Message, ".") || fe.Message[0] < 'A' || fe.Message[0] > 'Z' {
		t.Fatalf("message %q is not a plain sentence", fe.Message)
	}
}

func TestPatientValidation(t *testing.T) {
	t.Parallel()
	edit := func(f func(*PatientInput)) PatientInput {
		in := patientForm("Asha", "Rao")
		f(&in)
		return in
	}
	cases := []struct {
		name  string
		in    PatientInput
		field string
	}{
		{"valid", edit(func(*PatientInput) {}), ""},
		{"first name missing", edit(func(in *PatientInput) { in.FirstName = "" }), "first_name"},
		{"first name only spaces", edit(func(in *PatientInput) { in.FirstName = "   " }), "first_name"},
		{"first name 80", edit(func(in *PatientInput) { in.FirstName = strings.Repeat("é", 80) }), ""},
		{"first name 81", edit(func(in *PatientInput) { in.FirstName = strings.Repeat("é", 81) }), "first_name"},
		{"last name missing", edit(func(in *PatientInput) { in.LastName = "\t" }), "last_name"},
		{"last name 80", edit(func(in *PatientInput) { in.LastName = strings.Repeat("r", 80) }), ""},
		{"last name 81", edit(func(in *PatientInput) { in.LastName = strings.Repeat("r", 81) }), "last_name"},
		{"mononym with a dot", edit(func(in *PatientInput) { in.LastName = "." }), ""},
		{"name with an escape sequence", edit(func(in *PatientInput) { in.FirstName = "Asha\x1b[2J" }), "first_name"},
		{"name with a NUL", edit(func(in *PatientInput) { in.LastName = "Ra\x00o" }), "last_name"},
		{"birth missing", edit(func(in *PatientInput) { in.DateOfBirth = time.Time{} }), "date_of_birth"},
		{"birth 1899", edit(func(in *PatientInput) { in.DateOfBirth = onDate(1899, 12, 31) }), "date_of_birth"},
		{"birth 1900", edit(func(in *PatientInput) { in.DateOfBirth = onDate(1900, 1, 1) }), ""},
		{"birth today", edit(func(in *PatientInput) { in.DateOfBirth = onDate(2026, 3, 10) }), ""},
		{"birth today east of UTC", edit(func(in *PatientInput) { in.DateOfBirth = onDate(2026, 3, 11) }), ""},
		{"birth in the future", edit(func(in *PatientInput) { in.DateOfBirth = onDate(2026, 3, 12) }), "date_of_birth"},
		{"sex missing", edit(func(in *PatientInput) { in.Sex = "" }), "sex"},
		{"sex unknown value", edit(func(in *PatientInput) { in.Sex = "f" }), "sex"},
		{"sex any case", edit(func(in *PatientInput) { in.Sex = " Male " }), ""},
		{"sex other", edit(func(in *PatientInput) { in.Sex = "other" }), ""},
		{"sex unknown", edit(func(in *PatientInput) { in.Sex = "unknown" }), ""},
		{"phone empty", edit(func(in *PatientInput) { in.Phone = "" }), ""},
		{"phone 6 digits", edit(func(in *PatientInput) { in.Phone = "12-34-56" }), "phone"},
		{"phone 7 digits", edit(func(in *PatientInput) { in.Phone = "123-4567" }), ""},
		{"phone 15 digits", edit(func(in *PatientInput) { in.Phone = "+123 456 789 012 345" }), ""},
		{"phone 16 digits", edit(func(in *PatientInput) { in.Phone = "+1234 5678 9012 3456" }), "phone"},
		{"phone with brackets", edit(func(in *PatientInput) { in.Phone = "+91 (20) 2612-3456" }), ""},
		{"phone with a letter", edit(func(in *PatientInput) { in.Phone = "98765 4321O" }), "phone"},
		{"phone with dots", edit(func(in *PatientInput) { in.Phone = "98765.43210" }), "phone"},
		{"phone only punctuation", edit(func(in *PatientInput) { in.Phone = "+()-" }), "phone"},
		{"email empty", edit(func(in *PatientInput) { in.Email = "" }), ""},
		{"email invalid", edit(func(in *PatientInput) { in.Email = "asha at example" }), "email"},
		{"email without domain dot", edit(func(in *PatientInput) { in.Email = "asha@example" }), "email"},
		{"address 500", edit(func(in *PatientInput) { in.Address = strings.Repeat("a", 500) }), ""},
		{"address on two lines", edit(func(in *PatientInput) { in.Address = "12 MG Road\nPune" }), ""},
		{"address with an escape sequence", edit(func(in *PatientInput) { in.Address = "\x1b]0;pwned\x07" }), "address"},
		{"address 501", edit(func(in *PatientInput) { in.Address = strings.Repeat("a", 501) }), "address"},
		{"contact name 121", edit(func(in *PatientInput) { in.EmergencyContactName = strings.Repeat("n", 121) }), "emergency_contact_name"},
		{"contact phone empty", edit(func(in *PatientInput) { in.EmergencyContactPhone = "" }), ""},
		{"contact phone short", edit(func(in *PatientInput) { in.EmergencyContactPhone = "12345" }), "emergency_contact_phone"},
		{"contact phone letters", edit(func(in *PatientInput) { in.EmergencyContactPhone = "call me" }), "emergency_contact_phone"},
		{"blood group empty", edit(func(in *PatientInput) { in.BloodGroup = "" }), ""},
		{"blood group lower case", edit(func(in *PatientInput) { in.BloodGroup = "ab-" }), ""},
		{"blood group Unknown", edit(func(in *PatientInput) { in.BloodGroup = "Unknown" }), ""},
		{"blood group invalid", edit(func(in *PatientInput) { in.BloodGroup = "C+" }), "blood_group"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in
			wantField(t, in.validate(registryNow), c.field)
		})
	}
}

func TestPatientPhoneMessage(t *testing.T) {
	t.Parallel()
	in := patientForm("Asha", "Rao")
	in.Phone = "12345"
	if err := in.validate(registryNow); err == nil || err.Error() != "Phone must have 7 to 15 digits, e.g. +91 98765 43210." {
		t.Fatalf("message: %v", err)
	}
	in = patientForm("Asha", "Rao")
	in.EmergencyContactPhone = "12345"
	if err := in.validate(registryNow); err == nil ||
		err.Error() != "Emergency contact phone must have 7 to 15 digits, e.g. +91 98765 43210." {
		t.Fatalf("message: %v", err)
	}
}

func TestPatientNormalised(t *testing.T) {
	t.Parallel()
	in := PatientInput{FirstName: "  Asha   Devi ", LastName: " Rao ", DateOfBirth: onDate(1990, 1, 2),
		Sex: "FEMALE", Phone: " +91  98765   43210 ", Email: " asha@example.com ", BloodGroup: " ab+ "}
	wantField(t, in.validate(registryNow), "")
	want := PatientInput{FirstName: "Asha Devi", LastName: "Rao", DateOfBirth: onDate(1990, 1, 2),
		Sex: "female", Phone: "+91 98765 43210", Email: "asha@example.com", BloodGroup: "AB+"}
	if in != want {
		t.Fatalf("normalised to %+v, want %+v", in, want)
	}
	in.BloodGroup = ""
	wantField(t, in.validate(registryNow), "")
	if in.BloodGroup != "unknown" {
		t.Fatalf("empty blood group stored as %q", in.BloodGroup)
	}
}

func TestAddPatient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk := registryStore(t)
	in := patientForm(" Asha ", "Rao")
	p := regPatient(t, s, desk, in)
	if p.ID == 0 || p.Code != "PAT000001" {
		t.Fatalf("id %d code %q", p.ID, p.Code)
	}
	want := Patient{ID: p.ID, Code: "PAT000001", FirstName: "Asha", LastName: "Rao",
		DateOfBirth: onDate(1985, 4, 12), Sex: "female", Phone: "+91 98765 43210", Email: "asha@example.com",
		Address: "12 MG Road, Pune", EmergencyContactName: "Ravi Rao", EmergencyContactPhone: "020 2612 3456",
		BloodGroup: "O+", CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if p != want {
		t.Fatalf("stored %+v\nwant %+v", p, want)
	}
	if p.CreatedAt.IsZero() || p.UpdatedAt.IsZero() {
		t.Fatalf("timestamps not read: %+v", p)
	}
	got, err := s.Patient(ctx, desk, p.ID)
	if err != nil || got != p {
		t.Fatalf("Patient: %+v, %v", got, err)
	}
	second := regPatient(t, s, desk, patientForm("Ravi", "Kumar"))
	if second.Code != "PAT000002" {
		t.Fatalf("second code %q", second.Code)
	}

	bad := patientForm("Asha", "Rao")
	bad.DateOfBirth = onDate(2030, 1, 1)
	_, err = s.AddPatient(ctx, desk, bad)
	wantField(t, err, "date_of_birth")
	if _, err := s.Patient(ctx, desk, 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing patient: %v", err)
	}
}

func TestPatientPermissions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk := registryStore(t)
	p := regPatient(t, s, desk, patientForm("Asha", "Rao"))
	doctor := mustUser(t, s, RoleDoctor, "doc@clinic.test", "Dr. Rao").Actor()
	pharmacist := mustUser(t, s, RolePharmacist, "rx@clinic.test", "Pia Pharm").Actor()
	admin := mustUser(t, s, RoleAdmin, "admin@clinic.test", "Ada Admin").Actor()
	patient := mustUser(t, s, RolePatient, "me@clinic.test", "Pat Ient").Actor()

	for _, reader := range []Actor{desk, doctor, pharmacist} {
		if _, err := s.Patient(ctx, reader, p.ID); err != nil {
			t.Errorf("%s reads patient: %v", reader.Role, err)
		}
		if _, err := s.SearchPatients(ctx, reader, "asha", 10); err != nil {
			t.Errorf("%s searches: %v", reader.Role, err)
		}
	}
	for _, outsider := range []Actor{admin, patient} {
		if _, err := s.Patient(ctx, outsider, p.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s reads patient: %v", outsider.Role, err)
		}
		if _, err := s.SearchPatients(ctx, outsider, "", 10); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s searches: %v", outsider.Role, err)
		}
		if _, err := s.PatientByCode(ctx, outsider, p.Code); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s finds by code: %v", outsider.Role, err)
		}
		if _, err := s.PossibleDuplicates(ctx, outsider, patientForm("Asha", "Rao"), 0); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s checks duplicates: %v", outsider.Role, err)
		}
	}
	for _, writer := range []Actor{doctor, pharmacist, admin, patient} {
		if _, err := s.AddPatient(ctx, writer, patientForm("Other", "Person")); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s registers: %v", writer.Role, err)
		}
		if _, err := s.UpdatePatient(ctx, writer, p.ID, patientForm("Other", "Person")); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s edits: %v", writer.Role, err)
		}
	}
	var refusals int
	if err := s.readers.QueryRowContext(ctx, `SELECT count(*) FROM access_log
		WHERE allowed = 0 AND action = 'write_patients'`).Scan(&refusals); err != nil || refusals != 8 {
		t.Fatalf("refused writes logged: %d, %v", refusals, err)
	}
}

func TestUpdatePatient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk := registryStore(t)
	p := regPatient(t, s, desk, patientForm("Asha", "Rao"))
	in := patientForm("Asha", "Menon")
	in.Phone = ""
	in.BloodGroup = "B-"
	got, err := s.UpdatePatient(ctx, desk, p.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Code != p.Code || got.LastName != "Menon" || got.Phone != "" || got.BloodGroup != "B-" ||
		got.CreatedAt != p.CreatedAt {
		t.Fatalf("updated to %+v", got)
	}
	var audited int
	if err := s.readers.QueryRowContext(ctx, `SELECT count(*) FROM audit_log
		WHERE table_name = 'patients' AND row_id = ? AND action = 'UPDATE' AND actor_id = ?`,
		p.ID, desk.ID).Scan(&audited); err != nil || audited != 1 {
		t.Fatalf("audited updates: %d, %v", audited, err)
	}
	if _, err := s.UpdatePatient(ctx, desk, 999, in); !errors.Is(err, ErrNotFound) {
		t.Fatalf("update missing: %v", err)
	}
	in.FirstName = ""
	_, err = s.UpdatePatient(ctx, desk, p.ID, in)
	wantField(t, err, "first_name")
}

func TestPatientByCode(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk := registryStore(t)
	p := regPatient(t, s, desk, patientForm("Asha", "Rao"))
	for _, code := range []string{"PAT000001", "pat000001", "  Pat000001 "} {
		got, err := s.PatientByCode(ctx, desk, code)
		if err != nil || got.ID != p.ID {
			t.Fatalf("%q: %+v, %v", code, got, err)
		}
	}
	if _, err := s.PatientByCode(ctx, desk, "PAT000002"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown code: %v", err)
	}
}

// TestAddPatientBatch proves the Tx method composes: one bad form in a batch stores none.
func TestAddPatientBatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk := registryStore(t)
	bad := patientForm("Ravi", "Kumar")
	bad.Sex = "x"
	err := s.Batch(ctx, desk, func(tx *Tx) error {
		if _, err := tx.AddPatient(ctx, patientForm("Asha", "Rao")); err != nil {
			return err
		}
		_, err := tx.AddPatient(ctx, bad)
		return err
	})
	wantField(t, err, "sex")
	if list, err := s.SearchPatients(ctx, desk, "", 10); err != nil || len(list) != 0 {
		t.Fatalf("after a failed batch: %d patients, %v", len(list), err)
	}
}
