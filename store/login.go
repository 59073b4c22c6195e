package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// Login checks an email and password at a desk on this machine. Every failure — unknown
// email, wrong password, inactive account — returns ErrLoginFailed with one message and
// costs one bcrypt comparison, so neither the words nor the time tell which it was.
// Failures are counted against the account and slow remote password logins to it (see
// RemoteLogin), but a desk at the clinic is never throttled: guessing over the network
// cannot lock the staff out of their own desks.
func (s *Store) Login(ctx context.Context, email, password string) (User, error) {
	defer s.timed("Login")()
	return s.login(ctx, email, password, 0, "")
}

// RemoteLogin is Login for a password sent over the network (SSH) from remote: it is
// refused while the account is throttled by repeated failures, and the address is
// recorded with the attempt.
func (s *Store) RemoteLogin(ctx context.Context, email, password, remote string) (User, error) {
	defer s.timed("RemoteLogin")()
	if remote == "" {
		remote = "unknown address"
	}
	return s.login(ctx, email, password, 0, remote)
}

// Unlock is Login at a desk locked while lockedUserID was away. The locked user coming
// back is recorded as an unlock, and their last login stays what it was; anyone else
// logs in as at the login screen. Failures count as Login's do. remote is the SSH
// client's address when the desk is served over SSH ("" at a local desk): then the
// password is a network login, refused while the account is throttled; the locked
// user's own account so refused is a ThrottledError, saying until when.
func (s *Store) Unlock(ctx context.Context, lockedUserID int64, email, password, remote string) (User, error) {
	defer s.timed("Unlock")()
	return s.login(ctx, email, password, lockedUserID, remote)
}

// login checks the credentials; a success by the account resuming (its id; 0 for none)
// is an unlock. remote is the address of a network login, "" at a local desk.
func (s *Store) login(ctx context.Context, email, password string, resuming int64, remote string) (User, error) {
	u, err := s.checkLogin(ctx, email, password, resuming, remote)
	if err != nil {
		s.meter.loginFailures.Add(1)
	} else {
		s.meter.logins.Add(1)
	}
	return u, err
}

func (s *Store) checkLogin(ctx context.Context, email, password string, resuming int64, remote string) (User, error) {
	email = strings.TrimSpace(email)
	var (
		id       int64
		hash     string
		active   bool
		failures int
		locked   sql.NullString
	)
	err := s.readers.QueryRowContext(ctx,
		`SELECT id, password_hash, active, failed_logins, locked_until FROM users WHERE email = ?`, email).
		Scan(&id, &hash, &active, &failures, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		s.hasher.DummyVerify(password)
		s.loginFailed(ctx, 0, "unknown email", remote)
		return User{}, ErrLoginFailed
	}
	if err != nil {
		return User{}, translate(err)
	}
	now := s.now()
	if until := parseNullTime(locked); remote != "" && auth.IsLocked(until, now) {
		s.hasher.DummyVerify(password)
		s.loginFailed(ctx, id, "account throttled", remote)
		if id == resuming {
			return User{}, &ThrottledError{Until: until}
		}
		return User{}, ErrLoginFailed
	}
	ok, needsRehash := s.hasher.Verify(hash, password)
	if !ok {
		f := s.lockout.AfterFailure(failures, now)
		err := s.write(ctx, System("login"), func(tx *Tx) error {
			if _, err := tx.exec(ctx, `UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?`,
				f.Failures, nullTime(f.LockedUntil), id); err != nil {
				return err
			}
			if err := tx.securityEvent(ctx, EventFailedLogin, id, attempt("wrong password", remote)); err != nil {
				return err
			}
			if f.LockedUntil.IsZero() {
				return nil
			}
			if err := tx.securityEvent(ctx, EventLockout, id, map[string]any{
				"locked_until": formatTime(f.LockedUntil), "failures": f.Failures}); err != nil {
				return err
			}
			if !f.NotifyAdmins {
				return nil
			}
			return tx.notifyLocked(ctx, id, f, remote)
		})
		if err != nil {
			return User{}, err
		}
		return User{}, ErrLoginFailed
	}
	if !active {
		s.loginFailed(ctx, id, "account deactivated", remote)
		return User{}, ErrLoginFailed
	}
	if needsRehash {
		if hash, err = s.hasher.Hash(password); err != nil {
			return User{}, err
		}
	}
	u, err := s.userByID(ctx, id)
	if err != nil {
		return User{}, err
	}
	// An unlock is no new login: the account's last login stays when it was.
	event, lastLogin := EventLogin, nullTime(now)
	if id == resuming {
		event, lastLogin = EventUnlock, nullTime(u.LastLoginAt)
	}
	var details map[string]any
	if remote != "" {
		details = map[string]any{"method": "password", "remote": remote}
	}
	err = s.write(ctx, u.Actor(), func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ?,
			password_hash = ? WHERE id = ?`, lastLogin, hash, id); err != nil {
			return err
		}
		return tx.securityEvent(ctx, event, id, details)
	})
	if err != nil {
		return User{}, err
	}
	if event == EventLogin {
		u.LastLoginAt = now.Truncate(1e9)
	}
	return u, nil
}

// LockoutRule is the account throttle of network password logins in one sentence,
// naming no account: what a client whose password was refused may be told.
func (s *Store) LockoutRule() string { return s.lockout.Rule() }

// KeyLogin records a login over SSH with a registered public key as a password login
// is recorded: the account's last login, and a login event naming the key and the
// address. The server calls it once the client has proven it holds the key. It refuses
// an inactive account and a key no longer registered to the account; the password
// throttle does not apply, since no password was guessed.
func (s *Store) KeyLogin(ctx context.Context, userID int64, fingerprint, remote string) (User, error) {
	defer s.timed("KeyLogin")()
	var n int
	err := s.readers.QueryRowContext(ctx, `SELECT count(*) FROM user_ssh_keys WHERE user_id = ? AND fingerprint = ?`,
		userID, fingerprint).Scan(&n)
	if err != nil {
		return User{}, translate(err)
	}
	u, err := s.userByID(ctx, userID)
	if errors.Is(err, ErrNotFound) || err == nil && (n == 0 || !u.Active) {
		reason := "key not registered to the account"
		if n > 0 {
			reason = "account deactivated"
		}
		s.loginFailed(ctx, userID, reason, remote)
		s.meter.loginFailures.Add(1)
		return User{}, ErrLoginFailed
	}
	if err != nil {
		return User{}, err
	}
	now := s.now()
	err = s.write(ctx, u.Actor(), func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE users SET last_login_at = ? WHERE id = ?`, nullTime(now), userID); err != nil {
			return err
		}
		return tx.securityEvent(ctx, EventLogin, userID, map[string]any{"method": "ssh key", "key": fingerprint, "remote": remote})
	})
	if err != nil {
		return User{}, err
	}
	u.LastLoginAt = now.Truncate(1e9)
	s.meter.logins.Add(1)
	return u, nil
}

// attempt is the details of a failed login: why, and from where when over the network.
func attempt(reason, remote string) map[string]any {
	d := map[string]any{"reason": reason}
	if remote != "" {
		d["remote"] = remote
	}
	return d
}

// loginFailed records a failed login that changes no account (unknown email, locked or
// deactivated account). The attempt's email is not stored: people type passwords into
// the wrong field.
func (s *Store) loginFailed(ctx context.Context, userID int64, reason, remote string) {
	_ = s.write(ctx, System("login"), func(tx *Tx) error {
		return tx.securityEvent(ctx, EventFailedLogin, userID, attempt(reason, remote))
	})
}

// NeedsSetup reports whether the clinic has no accounts yet: the first run.
func (s *Store) NeedsSetup(ctx context.Context) (bool, error) {
	defer s.timed("NeedsSetup")()
	var n int
	err := s.readers.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n == 0, translate(err)
}

// ClinicSetup is what the first run asks about the clinic: its name, the time zone its
// clock reads in, and the currency of its fees (empty: UTC and USD, the defaults).
type ClinicSetup struct {
	Name, TimeZone, Currency string
}

// check trims and checks the clinic's details, naming the field that is wrong.
func (c *ClinicSetup) check() error {
	c.Name, c.TimeZone = strings.TrimSpace(c.Name), strings.TrimSpace(c.TimeZone)
	c.Currency = strings.ToUpper(strings.TrimSpace(c.Currency))
	if c.Name == "" {
		return invalid("clinic_name", "The clinic's name is required.")
	}
	if c.TimeZone == "" {
		c.TimeZone = "UTC"
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "Local" {
		return invalid("time_zone", "Time zone must be a zone name such as Europe/London or Asia/Kolkata.")
	}
	if c.Currency == "" {
		c.Currency = "USD"
	}
	if len(c.Currency) != 3 || strings.Trim(c.Currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return invalid("currency", "Currency must be a three-letter code such as INR, USD or EUR.")
	}
	return nil
}

// Setup is the first run: it names the clinic, sets its time zone and currency, and
// creates the first administrator, who is logged in by it (their last login is now).
// It is refused once any account exists, so it cannot be used to take over a clinic.
func (s *Store) Setup(ctx context.Context, clinic ClinicSetup, admin NewUser) (User, error) {
	defer s.timed("Setup")()
	if err := clinic.check(); err != nil {
		return User{}, err
	}
	admin.Role = RoleAdmin
	if err := admin.validate(Settings{ClinicName: clinic.Name}); err != nil {
		return User{}, err
	}
	hash, err := s.hasher.Hash(admin.Password)
	if err != nil {
		return User{}, err
	}
	var id int64
	err = s.write(ctx, System("first-run setup"), func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
			return translate(err)
		}
		if n > 0 {
			return &ConflictError{Rule: "setup_done", Message: "This clinic is already set up; log in instead."}
		}
		for key, value := range map[string]string{SettingClinicName: clinic.Name, SettingTimeZone: clinic.TimeZone,
			SettingCurrency: clinic.Currency} {
			if err := putSetting(ctx, tx, key, value); err != nil {
				return err
			}
		}
		if id, err = insertUser(ctx, tx, admin, hash); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE users SET last_login_at = ? WHERE id = ?`, nullTime(tx.now()), id)
		return err
	})
	if err != nil {
		return User{}, err
	}
	return s.userByID(ctx, id)
}
