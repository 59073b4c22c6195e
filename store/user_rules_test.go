package store

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// The last active admin cannot be deactivated, by another admin's desk or by the
// command line (which acts as the system): the clinic would have no one to manage
// accounts. Once a second admin is active, the first may go.
func TestTheLastActiveAdminCannotBeDeactivated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	first := mustUser(t, s, RoleAdmin, "ada@clinic.test", "Ada Admin")
	cli := System("clinicdesk user disable")
	err := s.SetUserActive(ctx, cli, first.ID, false)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "last active administrator") {
		t.Fatalf("deactivating the last admin: %v", err)
	}
	second := mustUser(t, s, RoleAdmin, "bo@clinic.test", "Bo Admin")
	if err := s.SetUserActive(ctx, second.Actor(), first.ID, false); err != nil {
		t.Fatalf("with a second admin active: %v", err)
	}
	if err := s.SetUserActive(ctx, cli, second.ID, false); !errors.Is(err, ErrInvalid) {
		t.Fatalf("the remaining admin deactivated: %v", err)
	}
	if u, _ := s.userByID(ctx, second.ID); !u.Active {
		t.Fatal("the remaining admin is inactive")
	}
}

// A patient's login is given from their record; CreateUser refuses one with none, and
// CheckNewUser says so before anyone asks for a password.
func TestAPatientLoginNeedsAPatientRecord(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	n := NewUser{Email: "pat@mail.test", FullName: "Pat Ient", Role: RolePatient, Password: testPassword}
	for name, err := range map[string]error{
		"check":  s.CheckNewUser(ctx, System("test"), NewUser{Email: n.Email, FullName: n.FullName, Role: RolePatient}),
		"create": func() error { _, err := s.CreateUser(ctx, System("test"), n); return err }(),
	} {
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "role" || !strings.Contains(fe.Message, "from their record") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := s.UserByEmail(ctx, System("test"), n.Email); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a login was made: %v", err)
	}
	if err := s.CheckNewUser(ctx, System("test"), NewUser{Email: "dee@clinic.test", FullName: "Dee", Role: RoleReceptionist}); err != nil {
		t.Fatalf("a receptionist without a password yet: %v", err)
	}
	if err := s.CheckNewUser(ctx, System("test"), NewUser{FullName: "Dee", Role: RoleReceptionist}); err == nil {
		t.Fatal("an account without an email passed the check")
	}
}
