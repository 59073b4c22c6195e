package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func startDesk(t *testing.T, s *store.Store, width, height int) *tuitest.Program {
	t.Helper()
	return tuitest.Start(t, New(Options{Store: s, Renderer: tuitest.Renderer()}), width, height)
}

func addUser(t *testing.T, s *store.Store, role store.Role, email, name string) store.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), store.System("test"),
		store.NewUser{Email: email, FullName: name, Role: role, Password: tuitest.Password})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// samPharmacist adds the pharmacist Sam Patel (sam@clinic.test) to the clinic.
func samPharmacist(c *tuitest.Clinic) store.User {
	return c.User(store.NewUser{Email: "sam@clinic.test", FullName: "Sam Patel", Role: store.RolePharmacist,
		Pharmacist: &store.PharmacistProfile{LicenceNumber: "P-1"}})
}

func TestFirstRunSetupCreatesTheAdministrator(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	p := startDesk(t, s, 100, 30)
	p.WaitFor("Welcome to ClinicDesk", "┃ Clinic name")
	p.Fill("Riverside Clinic", "Time zone")
	p.Key("ctrl+u")
	p.Fill("Asia/Kolkata", "Currency")
	p.Key("ctrl+u")
	p.Fill("inr", "Your full name")
	p.Fill("Grace Hopper", "Your email")
	p.Fill("grace@riverside.test", "Password")
	p.Type("short")
	p.Key("enter")
	p.WaitFor("at least 15 characters (this one has 5)")
	p.Key("ctrl+u")
	p.Fill("lantern river morning tea", "Password again")
	p.Type("lantern river morning tea")
	p.Key("enter")
	screen := p.WaitFor("My account", "Grace Hopper · admin")
	if !strings.Contains(screen, "Riverside Clinic") {
		t.Errorf("the header does not name the clinic:\n%s", screen)
	}
	ctx := context.Background()
	// Setting up logged the administrator in: their last login is not "never".
	if u, err := s.UserByEmail(ctx, store.System("test"), "grace@riverside.test"); err != nil || u.LastLoginAt.IsZero() {
		t.Fatalf("the administrator's last login: %+v %v", u, err)
	}
	if u, err := s.Login(ctx, "grace@riverside.test", "lantern river morning tea"); err != nil || u.Role != store.RoleAdmin {
		t.Fatalf("the administrator cannot log in: %+v %v", u, err)
	}
	if set, _ := s.Settings(ctx); set.ClinicName != "Riverside Clinic" || set.TimeZone != "Asia/Kolkata" || set.Currency != "INR" {
		t.Fatalf("clinic stored as %+v", set)
	}

}

func TestLoginWithKeys(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	p := startDesk(t, s, 80, 24)
	p.WaitFor("log in to the desk", "┃ Email")
	p.Fill("maya@clinic.test", "Password")
	p.Type("not the password at all")
	p.Key("enter")
	p.WaitFor("Email or password is incorrect")
	// The email is kept; the cursor is back on the password.
	p.WaitFor("┃ Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	p.WaitFor("Maya Desk · receptionist", "1 Book", "7 My account")
	p.Key("ctrl+x")
	p.WaitFor("You have logged out.")
}

func TestUnknownEmailReadsLikeAWrongPassword(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	p := startDesk(t, s, 80, 24)
	p.WaitFor("┃ Email")
	p.Fill("nobody@clinic.test", "Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	p.WaitFor("Email or password is incorrect, or the account is locked.")
	// At 80 columns the whole sentence shows, wrapped, not cut by the terminal's edge.
	screen := p.WaitFor("ask an administrator.")
	assertFits(t, screen, 80)
}

// assertFits fails when a line of the screen is wider than the terminal, which would
// cut it off there.
func assertFits(t *testing.T, screen string, width int) {
	t.Helper()
	for _, line := range strings.Split(screen, "\n") {
		if w := lipgloss.Width(line); w > width {
			t.Errorf("a line is %d columns wide on a %d-column terminal: %q", w, width, line)
		}
	}
}

func TestQuitAsksOnlyWhenInputIsUnsaved(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := startDesk(t, s, 80, 24)
	p.WaitFor("┃ Email")
	p.Fill("grace@clinic.test", "Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	p.WaitFor("Grace Admin · admin", "1 Users")
	p.Type("8") // My account, after Users, Settings, Audit, Calendars, System, Reports and Notifications
	p.WaitFor("change password")
	p.Type("p")
	p.WaitFor("┃ Current password")
	p.Type("half-typed q") // q is typed into the field, not taken as quit
	p.Key("ctrl+c")
	p.WaitFor("Quit? Unsaved input on this desk will be lost.")
	p.Type("n")
	p.WaitFor("Current password")
	// esc would drop what was typed: the desk asks first, and n keeps the form.
	p.Key("esc")
	p.WaitFor("Leave without saving? What you typed here will be lost.")
	p.Type("n")
	p.WaitFor("┃ Current password", strings.Repeat("*", len("half-typed q")))
	p.Key("esc")
	p.WaitFor("Leave without saving?")
	p.Type("y")
	p.WaitFor("change password")
	p.Type("q")
	p.WaitFinished(t)
}

// While the desk asks whether to discard, the footer offers the answers, not the keys
// of the screen under the question (which do nothing then).
func TestTheFooterOffersTheAnswersWhileTheDeskAsks(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := startDesk(t, s, 80, 24)
	logIn(p, "grace@clinic.test")
	p.WaitFor("Grace Admin · admin", "1 Users")
	p.Type("8")
	p.WaitFor("change password")
	p.Type("p")
	p.WaitFor("┃ Current password")
	p.Type("half")
	p.Key("esc")
	screen := p.WaitFor("Leave without saving?", "y yes")
	lines := strings.Split(strings.TrimRight(screen, "\n "), "\n")
	footer := lines[len(lines)-1]
	if !strings.Contains(footer, "y yes") || !strings.Contains(footer, "n/esc no") || strings.Contains(footer, "log out") {
		t.Fatalf("the footer under the question: %q", footer)
	}
	p.Type("n")
	p.WaitFor("┃ Current password", "ctrl+x log out")
}
