package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"golang.org/x/crypto/bcrypt"
)

func TestLoginAndThrottle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &fixedClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	s := newTestStore(t, WithClock(clock.now))
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Maya Desk")
	const remote = "203.0.113.9:50123"

	u, err := s.Login(ctx, " desk@clinic.test ", testPassword)
	if err != nil || u.ID != desk.ID || u.Role != RoleReceptionist {
		t.Fatalf("login: %+v, %v", u, err)
	}
	_, unknown := s.Login(ctx, "nobody@clinic.test", testPassword)
	_, wrong := s.RemoteLogin(ctx, "desk@clinic.test", "not the password at all", remote)
	if !errors.Is(unknown, ErrLoginFailed) || !errors.Is(wrong, ErrLoginFailed) || unknown.Error() != wrong.Error() {
		t.Fatalf("unknown email %q and wrong password %q must fail alike", unknown, wrong)
	}
	// Four more failures (five in a row) throttle remote password logins for a minute:
	// even the right password fails over the network, but a desk at the clinic logs in.
	for range 4 {
		s.RemoteLogin(ctx, "desk@clinic.test", "not the password at all", remote)
	}
	_, throttled := s.RemoteLogin(ctx, "desk@clinic.test", testPassword, remote)
	if !errors.Is(throttled, ErrLoginFailed) || throttled.Error() != wrong.Error() {
		t.Fatalf("throttled account: %v", throttled)
	}
	clock.advance(59 * time.Second)
	if _, err := s.RemoteLogin(ctx, "desk@clinic.test", testPassword, remote); err == nil {
		t.Fatal("a remote login 59 seconds into a one-minute throttle succeeded")
	}
	if _, err := s.Login(ctx, "desk@clinic.test", testPassword); err != nil {
		t.Fatalf("a local desk was refused while remote logins are throttled: %v", err)
	}
	var failures int
	s.readers.QueryRow(`SELECT failed_logins FROM users WHERE id = ?`, desk.ID).Scan(&failures)
	if failures != 0 {
		t.Fatalf("failed_logins after a success = %d", failures)
	}
	// The wait doubles with each failure past the fifth.
	for range 6 {
		s.Login(ctx, "desk@clinic.test", "not the password at all")
	}
	clock.advance(time.Minute)
	if _, err := s.RemoteLogin(ctx, "desk@clinic.test", testPassword, remote); err == nil {
		t.Fatal("a remote login a minute after the sixth failure succeeded (the wait is two minutes)")
	}
	clock.advance(time.Minute)
	if _, err := s.RemoteLogin(ctx, "desk@clinic.test", testPassword, remote); err != nil {
		t.Fatalf("a remote login after the wait: %v", err)
	}
}

func TestKeyLoginIsRecordedLikeAPasswordLogin(t *testing.T) {
	ctx := context.Background()
	clock := &fixedClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	s := newTestStore(t, WithClock(clock.now))
	admin := mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Maya Desk")
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	sp, _ := ssh.NewPublicKey(pub)
	k, err := s.AddSSHKey(ctx, admin.Actor(), desk.ID, string(ssh.MarshalAuthorizedKey(sp)))
	if err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Hour)
	u, err := s.KeyLogin(ctx, desk.ID, k.Fingerprint, "203.0.113.9:50123")
	if err != nil || u.ID != desk.ID || !u.LastLoginAt.Equal(clock.now()) {
		t.Fatalf("key login: %+v, %v", u, err)
	}
	again, _ := s.SessionUser(ctx, desk.Actor())
	if !again.LastLoginAt.Equal(clock.now()) {
		t.Fatalf("last login stored: %v, want %v", again.LastLoginAt, clock.now())
	}
	var actor sql.NullInt64
	var details string
	err = s.readers.QueryRow(`SELECT actor_id, new_values FROM audit_log WHERE table_name = 'session' AND action = ?
		AND row_id = ? ORDER BY id DESC LIMIT 1`, EventLogin, desk.ID).Scan(&actor, &details)
	if err != nil || actor.Int64 != desk.ID || !strings.Contains(details, `"method":"ssh key"`) ||
		!strings.Contains(details, k.Fingerprint) || !strings.Contains(details, "203.0.113.9") {
		t.Fatalf("login event: actor %v, %s, %v", actor, details, err)
	}
	if _, err := s.KeyLogin(ctx, admin.ID, k.Fingerprint, "203.0.113.9:50123"); !errors.Is(err, ErrLoginFailed) {
		t.Fatalf("a key registered to another account: %v", err)
	}
	if err := s.SetUserActive(ctx, admin.Actor(), desk.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.KeyLogin(ctx, desk.ID, k.Fingerprint, "203.0.113.9:50123"); !errors.Is(err, ErrLoginFailed) {
		t.Fatalf("a deactivated account's key: %v", err)
	}
	if report, err := s.VerifyAudit(ctx); err != nil || !report.Intact() {
		t.Fatalf("audit chain: %+v, %v", report, err)
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
	if _, err := s.Unlock(ctx, desk.ID, "desk@clinic.test", "not the password at all", ""); !errors.Is(err, ErrLoginFailed) {
		t.Fatalf("wrong password: %v", err)
	}
	var failures int
	s.readers.QueryRow(`SELECT failed_logins FROM users WHERE id = ?`, desk.ID).Scan(&failures)
	if action, _ := lastEvent(); action != EventFailedLogin || failures != 1 {
		t.Fatalf("a wrong password at the lock: %s, %d failures", action, failures)
	}
	u, err := s.Unlock(ctx, desk.ID, "desk@clinic.test", testPassword, "")
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
	if _, err := s.Unlock(ctx, desk.ID, "other@clinic.test", testPassword, ""); err != nil {
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
	if _, err := s.Setup(ctx, ClinicSetup{Name: "  "}, admin); !isField(err, "clinic_name") {
		t.Fatalf("setup without a clinic name: %v", err)
	}
	for field, c := range map[string]ClinicSetup{"time_zone": {Name: "Riverside Clinic", TimeZone: "Mars/Olympus"},
		"currency": {Name: "Riverside Clinic", Currency: "rupees"}} {
		if _, err := s.Setup(ctx, c, admin); !isField(err, field) {
			t.Fatalf("setup with a wrong %s: %v", field, err)
		}
	}
	u, err := s.Setup(ctx, ClinicSetup{Name: "Riverside Clinic", TimeZone: "Asia/Kolkata", Currency: "inr"}, admin)
	if err != nil || u.Role != RoleAdmin || u.LastLoginAt.IsZero() {
		t.Fatalf("setup: %+v %v; the admin is logged in by it", u, err)
	}
	set, _ := s.Settings(ctx)
	if set.ClinicName != "Riverside Clinic" || set.TimeZone != "Asia/Kolkata" || set.Currency != "INR" {
		t.Fatalf("settings %+v", set)
	}
	admin.Email = "mallory@clinic.test"
	if _, err := s.Setup(ctx, ClinicSetup{Name: "Taken Over"}, admin); !errors.Is(err, ErrConflict) {
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

// The lock screen of a desk served over SSH is a network login: while the account is
// throttled a password typed there is refused, while a local desk's lock screen opens.
func TestUnlockOverSSHIsThrottledLikeARemoteLogin(t *testing.T) {
	ctx := context.Background()
	clock := &fixedClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	s := newTestStore(t, WithClock(clock.now))
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Maya Desk")
	for range 5 {
		s.Unlock(ctx, desk.ID, "desk@clinic.test", "not the password at all", "203.0.113.9:50123")
	}
	// At the account's own desk the refusal says until when (and is still a failed
	// login); at another user's locked desk, or the login screen, it names nothing.
	_, err := s.Unlock(ctx, desk.ID, "desk@clinic.test", testPassword, "203.0.113.9:50123")
	var paused *ThrottledError
	if !errors.As(err, &paused) || !errors.Is(err, ErrLoginFailed) || !paused.Until.Equal(clock.t.Add(time.Minute)) {
		t.Fatalf("an SSH desk's lock screen while throttled: %v", err)
	}
	for _, resuming := range []int64{0, desk.ID + 1000} {
		if _, err := s.Unlock(ctx, resuming, "desk@clinic.test", testPassword, "203.0.113.9:50123"); err != ErrLoginFailed {
			t.Fatalf("another desk's lock screen (resuming %d) while throttled: %v", resuming, err)
		}
	}
	if _, err := s.RemoteLogin(ctx, "desk@clinic.test", testPassword, "203.0.113.9:50123"); err != ErrLoginFailed {
		t.Fatalf("a remote login while throttled: %v", err)
	}
	if _, err := s.Unlock(ctx, desk.ID, "desk@clinic.test", testPassword, ""); err != nil {
		t.Fatalf("a local desk's lock screen while throttled: %v", err)
	}
}
