package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func TestLoginAndLockout(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &fixedClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	s := newTestStore(t, WithClock(clock.now))
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Maya Desk")

	u, err := s.Login(ctx, " desk@clinic.test ", testPassword)
	if err != nil || u.ID != desk.ID || u.Role != RoleReceptionist {
		t.Fatalf("login: %+v, %v", u, err)
	}
	_, unknown := s.Login(ctx, "nobody@clinic.test", testPassword)
	_, wrong := s.Login(ctx, "desk@clinic.test", "not the password at all")
	if !errors.Is(unknown, ErrLoginFailed) || !errors.Is(wrong, ErrLoginFailed) || unknown.Error() != wrong.Error() {
		t.Fatalf("unknown email %q and wrong password %q must fail alike", unknown, wrong)
	}
	// Four more failures (five in a row) lock the account: even the right password fails.
	for range 4 {
		s.Login(ctx, "desk@clinic.test", "not the password at all")
	}
	_, locked := s.Login(ctx, "desk@clinic.test", testPassword)
	if !errors.Is(locked, ErrLoginFailed) || locked.Error() != wrong.Error() {
		t.Fatalf("locked account: %v", locked)
	}
	clock.advance(14 * time.Minute)
	if _, err := s.Login(ctx, "desk@clinic.test", testPassword); err == nil {
		t.Fatal("login 14 minutes into a 15-minute lock succeeded")
	}
	clock.advance(time.Minute)
	if _, err := s.Login(ctx, "desk@clinic.test", testPassword); err != nil {
		t.Fatalf("login after the lock expired: %v", err)
	}
	var failures int
	s.readers.QueryRow(`SELECT failed_logins FROM users WHERE id = ?`, desk.ID).Scan(&failures)
	if failures != 0 {
		t.Fatalf("failed_logins after a success = %d", failures)
	}
}

// At a locked desk the locked user's return is an unlock, which leaves their last
// login as it was; anyone else logs in; a wrong password counts towards the lockout.
func TestUnlock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &fixedClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	s := newTestStore(t, WithClock(clock.now))
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Maya Desk")
	other := mustUser(t, s, RoleReceptionist, "other@clinic.test", "Omar Desk")
	if _, err := s.Login(ctx, "desk@clinic.test", testPassword); err != nil {
		t.Fatal(err)
	}
	lastEvent := func() (action string, row int64) {
		t.Helper()
		s.readers.QueryRow(`SELECT action, row_id FROM audit_log WHERE table_name = ? ORDER BY id DESC LIMIT 1`,
			SessionTable).Scan(&action, &row)
		return action, row
	}
	clock.advance(time.Hour)
	if _, err := s.Unlock(ctx, desk.ID, "desk@clinic.test", "not the password at all"); !errors.Is(err, ErrLoginFailed) {
		t.Fatalf("wrong password: %v", err)
	}
	var failures int
	s.readers.QueryRow(`SELECT failed_logins FROM users WHERE id = ?`, desk.ID).Scan(&failures)
	if action, _ := lastEvent(); action != EventFailedLogin || failures != 1 {
		t.Fatalf("a wrong password at the lock: %s, %d failures", action, failures)
	}
	u, err := s.Unlock(ctx, desk.ID, "desk@clinic.test", testPassword)
	if err != nil || u.ID != desk.ID || !u.LastLoginAt.Equal(time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("unlock: %+v, %v", u, err)
	}
	s.readers.QueryRow(`SELECT failed_logins FROM users WHERE id = ?`, desk.ID).Scan(&failures)
	if action, row := lastEvent(); action != EventUnlock || row != desk.ID || failures != 0 {
		t.Fatalf("the locked user's return recorded %s for %d, %d failures", action, row, failures)
	}
	if stored, _ := s.userByID(ctx, desk.ID); !stored.LastLoginAt.Equal(u.LastLoginAt) {
		t.Fatalf("last login moved to %v", stored.LastLoginAt)
	}
	if _, err := s.Unlock(ctx, desk.ID, "other@clinic.test", testPassword); err != nil {
		t.Fatal(err)
	}
	if action, row := lastEvent(); action != EventLogin || row != other.ID {
		t.Fatalf("another user at the lock recorded %s for %d", action, row)
	}
}

func TestInactiveUserCannotLogIn(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	u := mustUser(t, s, RolePharmacist, "ph@clinic.test", "Ravi Pharma")
	mustRaw(t, s, `UPDATE users SET active = 0 WHERE id = ?`, u.ID)
	if _, err := s.Login(context.Background(), "ph@clinic.test", testPassword); !errors.Is(err, ErrLoginFailed) {
		t.Fatalf("inactive login: %v", err)
	}
}

func TestLoginRehashesWhenTheCostChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	u := mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	s.hasher.Cost = bcrypt.MinCost + 1
	if _, err := s.Login(ctx, "admin@clinic.test", testPassword); err != nil {
		t.Fatal(err)
	}
	var hash string
	s.readers.QueryRow(`SELECT password_hash FROM users WHERE id = ?`, u.ID).Scan(&hash)
	if cost, err := bcrypt.Cost([]byte(hash)); err != nil || cost != bcrypt.MinCost+1 {
		t.Fatalf("cost after login = %d (%v)", cost, err)
	}
}

func TestFirstRunSetup(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	if need, err := s.NeedsSetup(ctx); err != nil || !need {
		t.Fatalf("new database needs setup = %v (%v)", need, err)
	}
	admin := NewUser{Email: "grace@clinic.test", FullName: "Grace Hopper", Password: testPassword}
	if _, err := s.Setup(ctx, "  ", admin); !isField(err, "clinic_name") {
		t.Fatalf("setup without a clinic name: %v", err)
	}
	u, err := s.Setup(ctx, "Riverside Clinic", admin)
	if err != nil || u.Role != RoleAdmin {
		t.Fatalf("setup: %+v %v", u, err)
	}
	set, _ := s.Settings(ctx)
	if set.ClinicName != "Riverside Clinic" {
		t.Fatalf("clinic name %q", set.ClinicName)
	}
	admin.Email = "mallory@clinic.test"
	if _, err := s.Setup(ctx, "Taken Over", admin); !errors.Is(err, ErrConflict) {
		t.Fatalf("second setup: %v", err)
	}
	if need, _ := s.NeedsSetup(ctx); need {
		t.Fatal("still needs setup after it")
	}
}

func isField(err error, field string) bool {
	var f *FieldError
	return errors.As(err, &f) && f.Field == field
}

func TestCreateUserValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	ok := NewUser{Email: "new@clinic.test", FullName: "New Person", Role: RoleReceptionist, Password: testPassword}
	cases := []struct {
		name  string
		edit  func(*NewUser)
		field string
	}{
		{"bad email", func(n *NewUser) { n.Email = "not-an-email" }, "email"},
		{"duplicate email, other case", func(n *NewUser) { n.Email = "ADMIN@clinic.test" }, "email"},
		{"no name", func(n *NewUser) { n.FullName = " " }, "full_name"},
		{"bad role", func(n *NewUser) { n.Role = "janitor" }, "role"},
		{"short password", func(n *NewUser) { n.Password = "short" }, "password"},
		{"password with name", func(n *NewUser) { n.Password = "new person is here today" }, "password"},
		{"doctor without licence", func(n *NewUser) { n.Role = RoleDoctor }, "licence_number"},
		{"pharmacist without licence", func(n *NewUser) { n.Role = RolePharmacist }, "licence_number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := ok
			c.edit(&n)
			if _, err := s.CreateUser(ctx, System("test"), n); !isField(err, c.field) {
				t.Fatalf("got %v, want a %s error", err, c.field)
			}
		})
	}
	d := mustUser(t, s, RoleDoctor, "rao@clinic.test", "Asha Rao")
	var specialities int
	s.readers.QueryRow(`SELECT count(*) FROM doctor_specialisations ds JOIN doctors d ON d.id = ds.doctor_id
		WHERE d.user_id = ?`, d.ID).Scan(&specialities)
	if specialities != 1 {
		t.Fatalf("doctor's specialisations = %d", specialities)
	}
}

func TestOnlyAdminsCreateUsersAndRefusalsAreLogged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Maya Desk")
	_, err := s.CreateUser(ctx, desk.Actor(), NewUser{Email: "x@clinic.test", FullName: "X Y",
		Role: RoleAdmin, Password: testPassword})
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("receptionist creating an admin: %v", err)
	}
	var userID int64
	var allowed int
	var action string
	if err := s.readers.QueryRow(`SELECT user_id, allowed, action FROM access_log`).Scan(&userID, &allowed, &action); err != nil ||
		userID != desk.ID || allowed != 0 || action != string(ActManageUsers) {
		t.Fatalf("access log: user %d allowed %d action %q (%v)", userID, allowed, action, err)
	}
}
