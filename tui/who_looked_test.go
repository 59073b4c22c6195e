package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// lookedAtClinic is a clinic where a doctor opened two patients' charts and the front
// desk opened the first one's in an emergency; the first patient has an account.
type lookedAtClinic struct {
	s               *store.Store
	admin, patient  store.User
	jane, john      store.Patient
	doctor, desk    store.User
	emergencyReason string
}

func newLookedAtClinic(t *testing.T) lookedAtClinic {
	t.Helper()
	ctx := context.Background()
	c := lookedAtClinic{s: tuitest.NewStore(t), emergencyReason: "Collapsed in the waiting room; checked allergies"}
	c.admin = addUser(t, c.s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	c.desk = addUser(t, c.s, store.RoleReceptionist, "desk@clinic.test", "Dee Desk")
	var err error
	c.doctor, err = c.s.CreateUser(ctx, store.System("test"), store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao",
		Role: store.RoleDoctor, Password: tuitest.Password, Doctor: &store.DoctorProfile{LicenceNumber: "MCI-1"}})
	if err != nil {
		t.Fatal(err)
	}
	dob := time.Date(1980, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, p := range []struct {
		to   *store.Patient
		name string
	}{{&c.jane, "Doe"}, {&c.john, "Other"}} {
		if *p.to, err = c.s.AddPatient(ctx, c.desk.Actor(), store.PatientInput{FirstName: "Jane", LastName: p.name,
			DateOfBirth: dob, Sex: "female"}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.s.Chart(ctx, c.doctor.Actor(), p.to.ID); err != nil {
			t.Fatal(err)
		}
	}
	// Jane's login is given from her record, as the front desk gives it; she has chosen
	// her own password since.
	const oneTime = "a one time river lantern phrase"
	if c.patient, err = c.s.GivePatientAccount(ctx, c.desk.Actor(), c.jane.ID, "jane@example.test", oneTime); err != nil {
		t.Fatal(err)
	}
	if err := c.s.ChangePassword(ctx, c.patient.Actor(), oneTime, tuitest.Password); err != nil {
		t.Fatal(err)
	}
	if _, err := c.s.BreakGlass(ctx, c.desk.Actor(), c.jane.ID, c.emergencyReason); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAdminReadsWhoLookedFilteredByPatient: on the Audit tab, a shows the access log
// (the store's rows, newest first); the filter narrows it to one patient; enter opens a
// row whole; a goes back to the audit trail.
func TestAdminReadsWhoLookedFilteredByPatient(t *testing.T) {
	t.Parallel()
	c := newLookedAtClinic(t)
	p := startDesk(t, c.s, 100, 30)
	logIn(p, "grace@clinic.test")
	p.WaitFor("Grace Admin · admin")
	p.Type("3")
	p.WaitFor("Page 1 · all rows", "a access log")
	p.Type("a")
	rows, err := c.s.AccessLogPage(context.Background(), c.admin.Actor(), store.AccessFilter{}, 0, 50)
	if err != nil || len(rows) < 3 {
		t.Fatalf("the store's access log: %d rows, %v", len(rows), err)
	}
	p.WaitFor("Access log", rows[0].Who(), rows[0].What, "Anil Rao", "opened the chart", c.john.Code)
	p.Type("/")
	p.Fill("", "Patient")
	p.Fill(c.john.Code, "From")
	p.Fill("", "To")
	p.Key("enter")
	screen := p.WaitFor("patient "+c.john.Code, "opened the chart")
	if strings.Contains(screen, "Dee Desk") || strings.Contains(screen, c.jane.Code) {
		t.Fatalf("the filter by %s shows another patient's accesses:\n%s", c.john.Code, screen)
	}
	p.Type("c")
	p.WaitFor("every access", "Dee Desk")
	p.Key("enter")
	p.WaitFor("Access row", "Dee Desk receptionist", c.emergencyReason)
	p.Key("esc")
	p.WaitFor("every access")
	p.Type("a")
	p.WaitFor("Page 1 · all rows")
}

// TestPatientSeesWhoOpenedTheirRecord: the patient's "Who looked" tab names the doctor
// and the front desk, by name and role, with the emergency's reason; not their own tries
// nor another patient's accesses.
func TestPatientSeesWhoOpenedTheirRecordOnTheirTab(t *testing.T) {
	t.Parallel()
	c := newLookedAtClinic(t)
	p := startDesk(t, c.s, 80, 24)
	logIn(p, "jane@example.test")
	p.WaitFor("Jane Doe · patient", "3 Who looked")
	p.Type("3")
	screen := p.WaitFor("opened your record", "Anil Rao", "doctor", "Dee Desk", "front desk", "emergency access granted")
	seen, err := c.s.MyRecordAccesses(context.Background(), c.patient.Actor(), 50)
	if err != nil || !strings.Contains(screen, "2 times") || len(seen) != 2 {
		t.Fatalf("the tab and the store disagree (%d rows, %v):\n%s", len(seen), err, screen)
	}
	p.WaitFor("Reason given: Collapsed in the waiting room;")
	p.Type("jj")
	p.WaitUntil("the reason gone from the doctor's row", func(s string) bool { return !strings.Contains(s, "Reason given") })
}

// The patient's "Who looked" tab is live: another actor's access appears while the tab
// is open, without reopening it, and keeps the selected access selected. A click
// selects exactly the access under it (the emergency's reason shows for that one
// alone), and the wheel moves on from it.
func TestWhoLookedShowsAnotherActorsAccessLiveAndTakesClicks(t *testing.T) {
	t.Parallel()
	c := newLookedAtClinic(t)
	// A second doctor: the first one's reading again within minutes is the same access.
	second, err := c.s.CreateUser(context.Background(), store.System("test"), store.NewUser{Email: "kapoor@clinic.test",
		FullName: "Mina Kapoor", Role: store.RoleDoctor, Password: tuitest.Password,
		Doctor: &store.DoctorProfile{LicenceNumber: "MCI-2"}})
	if err != nil {
		t.Fatal(err)
	}
	p := startDesk(t, c.s, 80, 24)
	logIn(p, "jane@example.test")
	p.WaitFor("Jane Doe · patient", "3 Who looked")
	p.Type("3")
	screen := p.WaitFor("2 times", "Anil Rao", "Dee Desk", "Reason given:")
	p.Click(20, tuitest.LineOf(screen, "Anil Rao"))
	p.WaitUntil("the reason gone with the doctor's row selected", func(s string) bool { return !strings.Contains(s, "Reason given") })
	p.Click(20, tuitest.LineOf(screen, "Dee Desk"))
	p.WaitFor("Reason given: Collapsed in the waiting room;")

	if _, err := c.s.Chart(context.Background(), second.Actor(), c.jane.ID); err != nil {
		t.Fatal(err)
	}
	screen = p.WaitFor("3 times", "Mina Kapoor", "Reason given: Collapsed in the waiting room;")
	seen, err := c.s.MyRecordAccesses(context.Background(), c.patient.Actor(), 50)
	if err != nil || len(seen) != 3 || tuitest.LineOf(screen, "Mina Kapoor") >= tuitest.LineOf(screen, "Dee Desk") {
		t.Fatalf("the tab and the store disagree (%d rows, %v):\n%s", len(seen), err, screen)
	}
	p.Wheel(20, tuitest.LineOf(screen, "Dee Desk"), true)
	p.WaitUntil("the reason gone with the older doctor's row selected", func(s string) bool { return !strings.Contains(s, "Reason given") })
}
