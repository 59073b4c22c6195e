package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// The store checks every new password against the clinic it is set in: its name, and
// whether it is a demo, as well as the account's own details.
func TestPasswordsAreCheckedAgainstTheClinic(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	admin, err := s.Setup(ctx, ClinicSetup{Name: "Riverside Family Clinic"}, NewUser{Email: "ana@clinic.test", FullName: "Ana Admin",
		Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	refused := func(what string, err error, want string) {
		t.Helper()
		var fe *FieldError
		if !errors.As(err, &fe) || !strings.Contains(fe.Message, want) {
			t.Errorf("%s: %v, want a field error saying %q", what, err, want)
		}
	}
	_, err = s.CreateUser(ctx, admin.Actor(), NewUser{Email: "rita@clinic.test", FullName: "Rita Moreno",
		Role: RoleReceptionist, Password: "riverside family clinic!"})
	refused("the clinic's name", err, "the clinic's name")
	_, err = s.CreateUser(ctx, admin.Actor(), NewUser{Email: "rita@clinic.test", FullName: "Rita Moreno",
		Role: RoleReceptionist, Password: auth.DemoPassword})
	refused("the demo password in a real clinic", err, "demo password")
	rita, err := s.CreateUser(ctx, admin.Actor(), NewUser{Email: "rita@clinic.test", FullName: "Rita Moreno",
		Role: RoleReceptionist, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	refused("a reset to a sequence", s.ResetPassword(ctx, admin.Actor(), rita.ID, "123456789012345"), "sequence")
	refused("a change to the user's own name", s.ChangePassword(ctx, rita.Actor(), testPassword, "moreno lamp orbit tulip"),
		"your name")
	refused("a change to a repeat", s.ChangePassword(ctx, rita.Actor(), testPassword, "passwordpassword"), "repeated")

	// In a demo clinic the demo password is allowed.
	if err := s.PutSetting(ctx, admin.Actor(), SettingDemoPassword, auth.DemoPassword); err != nil {
		t.Fatal(err)
	}
	if err := s.ResetPassword(ctx, admin.Actor(), rita.ID, auth.DemoPassword); err != nil {
		t.Fatalf("the demo password in a demo clinic: %v", err)
	}
}
