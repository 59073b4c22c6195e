package tui

import (
	"context"
	"database/sql"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// TestAdminCreatesStaffWhoSeeOnlyTheirRole is the "done when", with keys: the
// admin creates a doctor and a pharmacist, each logs in (choosing their own password
// first) and gets their role's desk; what they did is in the audit trail, which verifies.
func TestAdminCreatesStaffWhoSeeOnlyTheirRole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := startDesk(t, s, 100, 30)
	logIn(p, "grace@clinic.test")
	p.WaitFor("1 Users", "2 Settings", "3 Audit", "Grace Admin")

	p.Type("n")
	p.WaitFor("New user", "Role")
	p.Key("down") // receptionist → doctor
	p.Key("enter")
	p.WaitFor("┃ Full name")
	p.Fill("Anil Rao", "Email")
	p.Fill("anil@clinic.test", "Temporary password")
	p.Fill("temporary pass phrase one", "Qualification")
	p.Fill("MBBS, MD", "Licence number")
	p.Fill("KMC-4521", "Specialisations")
	p.Fill("Cardiology, General Practice", "Consultation fee")
	p.Type("650.50")
	p.Key("enter")
	p.WaitFor("Created Anil Rao (doctor)")

	p.Type("n")
	p.WaitFor("New user", "Role")
	p.Key("down")
	p.Key("down") // pharmacist
	p.Key("enter")
	p.WaitFor("┃ Full name")
	p.Fill("Ravi Pharma", "Email")
	p.Fill("ravi@clinic.test", "Temporary password")
	p.Fill("temporary pass phrase two", "Licence number")
	p.Type("PH-778")
	p.Key("enter")
	p.WaitFor("Created Ravi Pharma (pharmacist)", "anil@clinic.test", "must change password")

	admin, _ := s.UserByEmail(ctx, store.System("test"), "grace@clinic.test")
	doc, err := s.UserByEmail(ctx, admin.Actor(), "anil@clinic.test")
	if err != nil || doc.Role != store.RoleDoctor || !doc.MustChangePassword {
		t.Fatalf("doctor: %+v %v", doc, err)
	}
	d, err := s.UserDetail(ctx, admin.Actor(), doc.ID)
	if err != nil || d.Doctor.LicenceNumber != "KMC-4521" || d.Doctor.FeeCents != 65050 || len(d.Doctor.Specialisations) != 2 {
		t.Fatalf("doctor's record: %+v %v", d.Doctor, err)
	}
	p.Key("ctrl+x")
	p.WaitFor("You have logged out.")

	// The doctor chooses a password, then sees a doctor's desk and no admin tab.
	p.WaitFor("┃ Email")
	p.Fill("anil@clinic.test", "Password")
	p.Type("temporary pass phrase one")
	p.Key("enter")
	p.WaitFor("┃ Password you were given")
	p.Fill("temporary pass phrase one", "New password")
	p.Fill("cardiac rhythm morning walk", "New password again")
	p.Type("cardiac rhythm morning walk")
	p.Key("enter")
	screen := p.WaitFor("Anil Rao · doctor")
	if strings.Contains(screen, "Users") || strings.Contains(screen, "Audit") {
		t.Fatalf("a doctor sees admin tabs:\n%s", screen)
	}
	if _, err := s.ListUsers(ctx, doc.Actor(), ""); err == nil {
		t.Fatal("a doctor listed the accounts")
	}

	rows, err := s.AuditPage(ctx, admin.Actor(), store.AuditFilter{ActorID: admin.ID, Table: "doctors"}, 0, 0)
	if err != nil || len(rows) != 1 || rows[0].Action != "INSERT" {
		t.Fatalf("the admin's creation of the doctor in the audit trail: %+v %v", rows, err)
	}
	logins, _ := s.AuditPage(ctx, admin.Actor(), store.AuditFilter{ActorID: doc.ID, Action: store.EventLogin}, 0, 0)
	if len(logins) != 1 {
		t.Fatalf("the doctor's login in the audit trail: %+v", logins)
	}
	if report, err := s.VerifyAudit(ctx); err != nil || !report.Intact() {
		t.Fatalf("audit verify: %+v %v", report, err)
	}
}

func TestAdminDeactivatesAndResetsWithKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	maya := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	p := startDesk(t, s, 80, 24)
	logIn(p, "grace@clinic.test")
	p.WaitFor("Maya Desk")
	p.Type("/")
	p.Type("maya")
	p.Key("enter")
	p.WaitFor("/ maya", "1 found")
	p.Type("d")
	// The question's keys are in the footer, and the question fits the width.
	p.WaitFor("Deactivate Maya Desk? They cannot log in", "y deactivate", "n/esc keep active")
	p.Type("n")
	p.WaitFor("d deactivate")
	if u, err := s.User(ctx, store.System("test"), maya.ID); err != nil || !u.Active {
		t.Fatalf("n deactivated the user: %+v %v", u, err)
	}
	p.Type("d")
	p.WaitFor("y deactivate")
	p.Type("y")
	p.WaitFor("Maya Desk is deactivated", "r reactivate")
	if _, err := s.Login(ctx, "maya@clinic.test", tuitest.Password); err == nil {
		t.Fatal("a deactivated user logged in")
	}
	p.Type("r")
	p.WaitFor("Maya Desk is active again")
	p.Type("p")
	p.WaitFor("┃ Temporary password for Maya Desk")
	p.Type("short")
	p.WaitFor("┃ > *****") // the input itself, under its description, at 80×24
	p.Key("enter")
	p.WaitFor("at least 15 characters")
	p.Key("ctrl+u")
	p.Type("new temporary pass phrase")
	p.Key("enter")
	p.WaitFor("must change it at their next login")
	u, err := s.Login(ctx, "maya@clinic.test", "new temporary pass phrase")
	if err != nil || !u.MustChangePassword || u.ID != maya.ID {
		t.Fatalf("after the reset: %+v %v", u, err)
	}
}

func TestAuditScreenWithKeys(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	ctx := context.Background()
	s.Login(ctx, "maya@clinic.test", "wrong password entirely")
	p := openAuditTrail(t, s, 120, 30)
	p.WaitFor("Page 1 · all rows", "failed_login")
	toAuditAction(p)
	p.Fill("failed_login", "From")
	p.Fill(time.Now().Format("2006-01-02"), "To")
	p.Key("enter")
	screen := p.WaitFor("action failed_login")
	if strings.Contains(screen, " users ") || strings.Count(screen, "failed_login") != 2 {
		t.Fatalf("the filter let other rows through:\n%s", screen)
	}
	p.Key("enter")
	p.WaitFor("Audit row", "reason", "wrong password")
	p.Key("esc")
	p.Type("c")
	p.WaitFor("Page 1 · all rows")
}

// TestPatientNameCannotDriveAnotherUsersTerminal: a name carrying escape sequences
// (clear screen, an OSC 52 clipboard write) reaches the admin's audit diff as plain
// text, and the terminal receives none of it. The patient's own row shows the admin no
// values at all; an item's name, which the admin does read, carries the same text.
func TestPatientNameCannotDriveAnotherUsersTerminal(t *testing.T) {
	t.Parallel()
	first := tuitest.NewStore(t)
	addUser(t, first, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	path := first.Path()
	first.Close()
	const evil = "Ann\x1b[2J\x1b]52;c;ZXZpbA==\x07"
	// The store refuses control characters in names, so the name arrives as an
	// import or a tool outside ClinicDesk would write it.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO patients(first_name, last_name, date_of_birth, sex) VALUES (?, 'Lee', '1990-05-01', 'female')`,
		evil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO inventory_items(name, generic_name) VALUES (?, 'Lee')`, evil); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := store.Open(context.Background(), path, store.WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	p := openAuditTrail(t, s, 120, 30)
	p.WaitFor("inventory_items", "patients")
	toAuditAction(p)
	p.Fill("INSERT", "From")
	p.Key("enter")
	p.WaitFor("┃ To")
	p.Key("enter")
	p.WaitFor("action INSERT", "inventory_items")
	p.Key("enter") // the newest insert: the item
	p.WaitFor("INSERT inventory_items", "name", "Ann", "Lee")
	p.Key("esc")
	p.Key("down")
	p.Key("enter") // the patient
	// At 80 columns the sentence is wrapped, not cut: its end shows.
	screen := p.WaitFor("INSERT patients", "a patient's record, which your role does not read", "for a reason that is logged.")
	if strings.Contains(screen, "Ann") || strings.Contains(screen, "first_name") {
		t.Fatalf("the admin sees the patient's values:\n%s", screen)
	}
	// Opened for a stated reason, the values show, the name as plain text.
	p.Type("v")
	p.WaitFor("Why do you need this record's values?")
	p.Type("the patient asked who registered her")
	p.Key("enter")
	p.WaitFor("first_name", "Ann", "Lee")
	p.Key("ctrl+c")
	out, err := io.ReadAll(p.FinalOutput(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\x1b]52", "ZXZpbA==", "\x1b[2J"} {
		if strings.Contains(string(out), bad) {
			t.Fatalf("the terminal received %q from the patient's name", bad)
		}
	}
}

func TestAuditRowsFitEightyColumns(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := openAuditTrail(t, s, 80, 24)
	screen := p.WaitFor("Page 1 · all rows", "Grace Admin  session")
	for _, line := range strings.Split(screen, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "When") && !strings.Contains(line, "Patient") {
			t.Errorf("the header's last column wrapped away: %q", line)
		}
		if strings.HasPrefix(strings.TrimSpace(line), "20") && !strings.Contains(line, ":") {
			t.Errorf("a row's time wrapped onto a line of its own: %q", line)
		}
	}
}

// openAuditTrail logs Grace, an admin the test added, in on a desk of width×height and
// opens the audit tab.
func openAuditTrail(t *testing.T, s *store.Store, width, height int) *tuitest.Program {
	t.Helper()
	p := startDesk(t, s, width, height)
	logIn(p, "grace@clinic.test")
	p.WaitFor("Grace Admin · admin")
	p.Type("3")
	return p
}

// toAuditAction opens the audit trail's filter form and moves on to its Action field.
func toAuditAction(p *tuitest.Program) {
	p.Type("f")
	p.WaitFor("┃ User")
	p.Fill("", "Patient")
	p.Fill("", "Table")
	p.Key("enter")
	p.WaitFor("┃ Action")
}

// At 80x24 the filter form is taller than the body: it scrolls, so the field being
// typed in (the dates, last) is on the screen, and what is typed shows.
func TestAuditFilterFormShowsTheFieldBeingTypedAtEightyByTwentyFour(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := openAuditTrail(t, s, 80, 24)
	p.WaitFor("Page 1 · all rows")
	toAuditAction(p)
	p.Key("enter")
	p.WaitFor("┃ From")
	p.Type("2026-01-02")
	p.WaitFor("┃ > 2026-01-02")
	p.Key("enter")
	p.WaitFor("┃ To")
}

// A trigger planted in the file while the admin is logged in shows on the audit screen,
// named, before anyone tries to save.
func TestAuditScreenShowsSchemaDrift(t *testing.T) {
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := startDesk(t, s, 160, 30)
	logIn(p, "grace@clinic.test")
	p.WaitFor("Grace Admin · admin")
	raw, err := sql.Open("sqlite", s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`CREATE TRIGGER planted AFTER INSERT ON users BEGIN SELECT 1; END`); err != nil {
		t.Fatal(err)
	}
	p.Type("3")
	p.WaitFor("Nothing can be saved", `trigger "planted" is extra`, "Page 1 · all rows")
}

// The admin names a print command on the Settings tab: one that needs a shell is
// refused in words as it is typed, a plain one is saved and shown, and clearing it
// goes back to the print directory. The retention period is set on the same form.
func TestAdminSetsThePrintCommand(t *testing.T) {
	ctx := context.Background()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := startDesk(t, s, 160, 30)
	logIn(p, "grace@clinic.test")
	p.WaitFor("1 Users", "2 Settings")
	p.Type("2")
	p.WaitFor("Printouts", "saved in "+s.PrintDir())
	p.Type("e")
	p.WaitFor("┃ Clinic name")
	p.Fill("", "Time zone")
	p.Fill("", "Currency")
	p.Fill("", "Idle lock")
	p.Fill("", "Print command")
	p.Type("cat > /etc/passwd")
	p.Key("enter")
	p.WaitFor("is run without a shell")
	out := filepath.Join(t.TempDir(), "printer.txt")
	p.Key("ctrl+u")
	p.Type("tee " + out)
	p.Key("enter")
	p.WaitFor("┃ Prescription validity (days)")
	p.Key("ctrl+u")
	p.Type("35")
	p.Key("enter")
	p.WaitFor("┃ Retention (years)")
	p.Key("ctrl+u")
	p.Type("0")
	p.Key("enter")
	p.WaitFor("Retention must be a whole number of years from 1 to 100.")
	p.Key("backspace")
	p.Type("12")
	p.Key("enter")
	p.WaitFor("Settings saved.", "sent to tee "+out, "Prescriptions", "valid for 35 days", "details kept 12 years after")
	if set, err := s.Settings(ctx); err != nil || set.PrescriptionValidDays != 35 || set.RetentionYears != 12 {
		t.Fatalf("prescription validity and retention: %+v, %v", set, err)
	}
	if set, err := s.Settings(ctx); err != nil || set.PrintCommand != "tee "+out {
		t.Fatalf("settings: %+v, %v", set, err)
	}
	p.Type("e")
	p.WaitFor("┃ Clinic name")
	p.Fill("", "Time zone")
	p.Fill("", "Currency")
	p.Fill("", "Idle lock")
	p.Fill("", "Print command")
	p.Key("ctrl+u")
	p.Fill("", "Prescription validity (days)")
	p.Key("ctrl+u")
	p.Type("400")
	p.Key("enter")
	p.WaitFor("Prescription validity must be a whole number of days from 1")
	p.Key("backspace")
	p.Key("backspace")
	p.Key("backspace")
	p.Type("30")
	p.Key("enter")
	p.WaitFor("┃ Retention (years)")
	p.Key("enter")
	p.WaitFor("Settings saved.", "saved in "+s.PrintDir(), "valid for 30 days")
}
