package frontdesk_test

import (
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui"
	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// The front desk gives a patient an account from the patient's page; the patient then
// logs in, must choose their own password, and sees only their own tabs.
func TestGivingAPatientAnAccountLetsThemLogIn(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	in := store.PatientInput{FirstName: "Asha", LastName: "Patel", DateOfBirth: c.asha.DateOfBirth, Sex: "female",
		Phone: c.asha.Phone, Email: "asha@example.com"}
	if _, err := c.s.UpdatePatient(ctx, c.desk.Actor(), c.asha.ID, in); err != nil {
		t.Fatal(err)
	}
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Asha Patel")
	p.Type("/")
	p.Type("asha")
	p.WaitFor("1 found")
	p.Key("enter")
	p.WaitFor("Upcoming", "Account", "none (u: give one)")
	p.Type("u")
	p.WaitFor("Give Asha Patel an account", "┃ Email", "asha@example.com")

	// The password policy is checked as the password is typed, and the input stays.
	p.Key("enter")
	p.WaitFor("┃ One-time password")
	p.Type("short")
	p.Key("enter")
	p.WaitFor("at least 15 characters (this one has 5)")
	p.Type(" river lantern")
	p.Key("enter")
	p.WaitFor("Account given; asha@example.com must change the password at first login.", "can log in")
	pt, err := c.s.Patient(ctx, c.desk.Actor(), c.asha.ID)
	if err != nil || pt.UserID == 0 {
		t.Fatalf("no account linked to the patient: %+v %v", pt, err)
	}

	// A second account for the same patient is not offered: u does nothing.
	p.Type("u")
	p.WaitFor("can log in")
	if got := p.Screen(); strings.Contains(got, "┃ Email") {
		t.Errorf("u opened the form again:\n%s", got)
	}

	// The patient logs in through the desk with the one-time password.
	d := tuitest.Start(t, tui.New(tui.Options{Store: c.s, Renderer: tuitest.Renderer()}), 80, 24)
	d.WaitFor("┃ Email")
	d.Fill("asha@example.com", "Password")
	d.Type("short river lantern")
	d.Key("enter")
	d.WaitFor("Choose your own password", "Your password was set for you", "┃ Password you were given")
	d.Fill("short river lantern", "New password")
	d.Fill("a kettle of green tea at dawn", "New password again")
	d.Type("a kettle of green tea at dawn")
	d.Key("enter")
	screen := d.WaitFor("Asha Patel · patient", "My appointments", "My prescriptions", "Notifications")
	for _, staff := range []string{"Book", "Patients", "Calendars"} {
		if strings.Contains(screen, staff) {
			t.Errorf("the patient sees the staff tab %q:\n%s", staff, screen)
		}
	}
}

// A refusal by the store (an email another account uses) is shown in plain words and
// keeps what was typed.
func TestGivingAnAccountKeepsInputWhenRefused(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Ravi Kumar")
	p.Type("/")
	p.Type("ravi")
	p.WaitFor("1 found")
	p.Key("enter")
	p.WaitFor("Upcoming", "none (u: give one)")
	p.Type("u")
	p.WaitFor("┃ Email")
	p.Fill("desk@clinic.test", "One-time password")
	p.Type("lantern river morning tea")
	p.Key("enter")
	p.WaitFor("Another account already uses this email.", "┃ Email", "desk@clinic.test")
	p.Key("ctrl+u")
	p.Fill("ravi.kumar.family@example.org", "One-time password")
	p.Key("enter") // the password typed before the refusal is still there
	// At 80 columns the message wraps rather than lose its end.
	p.WaitFor("Account given; ravi.kumar.family@example.org must change the password at first", "login.")
	if _, err := c.s.Login(ctx, "ravi.kumar.family@example.org", "lantern river morning tea"); err != nil {
		t.Fatalf("the patient cannot log in with the one-time password: %v", err)
	}
}

// '?' on a patient's page lists the page's keys, not the registry list's.
func TestPatientPageHelpListsOnlyItsKeys(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := tuitest.Start(t, tui.New(tui.Options{Store: c.s, Renderer: tuitest.Renderer(), User: &c.desk}), 100, 30)
	p.WaitFor("Dee Desk · receptionist")
	p.Type("2")
	p.WaitFor("Asha Patel", "/ search")
	p.Type("/")
	p.Type("asha")
	p.WaitFor("1 found")
	p.Key("enter")
	p.WaitFor("Upcoming", "none (u: give one)")
	p.Type("?")
	screen := p.WaitFor("previous tab") // the frame's '?' columns
	for _, pageKey := range []string{"book", "edit", "give account", "emergency chart"} {
		if !strings.Contains(screen, pageKey) {
			t.Errorf("'?' on the page does not list %q:\n%s", pageKey, screen)
		}
	}
	for _, listKey := range []string{"/ search", "a register", "page down", "enter open"} {
		if strings.Contains(screen, listKey) {
			t.Errorf("'?' on the page lists the list's key %q:\n%s", listKey, screen)
		}
	}
}
