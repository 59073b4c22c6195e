package tui

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// updating reports -update, teatest's flag (which it declares): rewrite the golden
// files with the screens drawn now.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestEachRolesMainScreenAt80x24 draws each role's first screen at 80×24 over the same
// small clinic on a fixed clock and compares it with testdata/<role>.golden. After a
// change meant to alter a screen: go test ./tui -run EachRolesMain -update, and read
// the diff of the golden files.
func TestEachRolesMainScreenAt80x24(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC) // a Tuesday
	c := tuitest.NewClinic(t, now)
	c.Settings(map[string]string{store.SettingClinicName: "Riverside Clinic"})
	admin := c.User(store.NewUser{Email: "grace@clinic.test", FullName: "Grace Admin", Role: store.RoleAdmin})
	doctor := c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "D-1", FeeCents: 50000}})
	desk := c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	pharmacist := samPharmacist(c)
	doctorID := c.DoctorID(doctor)
	c.Block(desk.Actor(), store.ScheduleBlock{DoctorID: doctorID, Weekday: time.Tuesday, Start: "09:00", End: "12:00"})
	jane := c.Patient(desk.Actor(), store.PatientInput{FirstName: "Jane", LastName: "Doe",
		DateOfBirth: time.Date(1980, 5, 1, 0, 0, 0, 0, time.UTC), Sex: "female", Phone: "+44 20 7946 0001"})
	c.Patient(desk.Actor(), store.PatientInput{FirstName: "Omar", LastName: "Haddad",
		DateOfBirth: time.Date(1991, 8, 12, 0, 0, 0, 0, time.UTC), Sex: "male", Phone: "+44 20 7946 0002"})
	c.Book(desk.Actor(), store.BookingInput{PatientID: jane.ID, DoctorID: doctorID, Start: now.Add(30 * time.Minute),
		Minutes: 15, Reason: "sore throat"})
	item := c.Item(pharmacist.Actor(), store.ItemInput{Name: "Paracetamol", Strength: "500 mg", Form: "tablet",
		Unit: "tablet", OverTheCounter: true, MinimumStock: 10, UnitPriceCents: 150})
	c.Receive(pharmacist.Actor(), item, store.ReceiveInput{BatchNumber: "PCM-1", ExpiresOn: now.AddDate(1, 0, 0),
		Quantity: 40, UnitCostCents: 10, Supplier: "Acme"})
	patientUser, err := c.S.GivePatientAccount(t.Context(), desk.Actor(), jane.ID, "jane@clinic.test", tuitest.Password)
	if err != nil {
		t.Fatal(err)
	}

	for _, role := range []struct {
		name  string
		user  store.User
		ready []string
	}{
		{"admin", admin, []string{"1 Users", "grace@clinic.test"}},
		{"receptionist", desk, []string{"1 Book", "Jane Doe"}},
		{"doctor", doctor, []string{"1 Today", "Jane Doe"}},
		{"pharmacist", pharmacist, []string{"1 Pharmacy queue", "No prescriptions are waiting"}},
		{"patient", patientUser, []string{"Anil Rao"}},
	} {
		t.Run(role.name, func(t *testing.T) {
			t.Parallel()
			u := role.user
			p := tuitest.Start(t, New(Options{Store: c.S, Renderer: tuitest.Renderer(), User: &u}), 80, 24)
			screen := p.WaitFor(role.ready...)
			golden(t, filepath.Join("testdata", role.name+".golden"), screen)
		})
	}
}

// golden compares a screen with a golden file, lines' trailing spaces left out.
func golden(t *testing.T, path, screen string) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	got := strings.Join(lines, "\n")
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to make it)", err)
	}
	if got != string(want) {
		t.Errorf("the screen differs from %s:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
