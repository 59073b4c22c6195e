package store

import (
	"context"
	"errors"
	"testing"
)

func TestSharedPasswordAccounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	pw, err := s.HashSharedPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	receptionist := mustUser(t, s, RoleReceptionist, "desk@example.com", "Desk Person")
	err = s.Batch(ctx, System("test"), func(tx *Tx) error {
		for _, n := range []NewUser{
			{Email: "a@example.com", FullName: "Asha Rao", Role: RoleAdmin, Password: testPassword},
			{Email: "d@example.com", FullName: "Dev Iyer", Role: RoleDoctor, Password: testPassword,
				Doctor: &DoctorProfile{LicenceNumber: "KA-MED-2011-00001"}},
		} {
			if _, err := tx.CreateUser(ctx, n, pw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"a@example.com", "d@example.com"} {
		if _, err := s.Login(ctx, email, testPassword); err != nil {
			t.Errorf("login %s: %v", email, err)
		}
	}
	cases := []struct {
		name  string
		actor Actor
		n     NewUser
		want  error
	}{
		{"another password", System("test"), NewUser{Email: "x@example.com", FullName: "X Y", Role: RoleAdmin,
			Password: "another long password here"}, ErrInvalid},
		{"policy still applies", System("test"), NewUser{Email: "x@example.com", FullName: "X Y", Role: RoleDoctor,
			Password: testPassword}, ErrInvalid},
		{"duplicate email", System("test"), NewUser{Email: "a@example.com", FullName: "X Y", Role: RoleAdmin,
			Password: testPassword}, ErrInvalid},
		{"only admins", receptionist.Actor(), NewUser{Email: "x@example.com", FullName: "X Y", Role: RoleAdmin,
			Password: testPassword}, ErrForbidden},
	}
	for _, c := range cases {
		err := s.Batch(ctx, c.actor, func(tx *Tx) error {
			_, err := tx.CreateUser(ctx, c.n, pw)
			return err
		})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := (&Tx{actor: System("test")}).CreateUser(ctx, NewUser{Password: testPassword}, SharedPassword{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("zero SharedPassword: got %v", err)
	}
}
