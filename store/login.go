package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// Login checks an email and password. Every failure — unknown email, wrong password,
// inactive or locked account — returns ErrLoginFailed with one message and costs one
// bcrypt comparison, so neither the words nor the time tell which it was. Five failures
// in a row lock the account for fifteen minutes.
func (s *Store) Login(ctx context.Context, email, password string) (User, error) {
	return s.login(ctx, email, password, 0)
}

// Unlock is Login at a desk locked while lockedUserID was away. The locked user coming
// back is recorded as an unlock, and their last login stays what it was; anyone else
// logs in as at the login screen. Failures count towards the lockout as Login's do.
func (s *Store) Unlock(ctx context.Context, lockedUserID int64, email, password string) (User, error) {
	return s.login(ctx, email, password, lockedUserID)
}

// login checks the credentials; a success by the account resuming (its id; 0 for none)
// is an unlock.
func (s *Store) login(ctx context.Context, email, password string, resuming int64) (User, error) {
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
		s.loginFailed(ctx, 0, "unknown email")
		return User{}, ErrLoginFailed
	}
	if err != nil {
		return User{}, translate(err)
	}
	now := s.now()
	if auth.IsLocked(parseNullTime(locked), now) {
		s.hasher.DummyVerify(password)
		s.loginFailed(ctx, id, "account locked")
		return User{}, ErrLoginFailed
	}
	ok, needsRehash := s.hasher.Verify(hash, password)
	if !ok {
		failures, lockedUntil := s.lockout.AfterFailure(failures, now)
		err := s.write(ctx, System("login"), func(tx *Tx) error {
			if _, err := tx.exec(ctx, `UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?`,
				failures, nullTime(lockedUntil), id); err != nil {
				return err
			}
			if err := tx.securityEvent(ctx, EventFailedLogin, id, map[string]any{"reason": "wrong password"}); err != nil {
				return err
			}
			if lockedUntil.IsZero() {
				return nil
			}
			if err := tx.securityEvent(ctx, EventLockout, id, map[string]any{"locked_until": formatTime(lockedUntil)}); err != nil {
				return err
			}
			return tx.notifyLocked(ctx, id)
		})
		if err != nil {
			return User{}, err
		}
		return User{}, ErrLoginFailed
	}
	if !active {
		s.loginFailed(ctx, id, "account deactivated")
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
	err = s.write(ctx, u.Actor(), func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ?,
			password_hash = ? WHERE id = ?`, lastLogin, hash, id); err != nil {
			return err
		}
		return tx.securityEvent(ctx, event, id, nil)
	})
	if err != nil {
		return User{}, err
	}
	if event == EventLogin {
		u.LastLoginAt = now.Truncate(1e9)
	}
	return u, nil
}

// loginFailed records a failed login that changes no account (unknown email, locked or
// deactivated account). The attempt's email is not stored: people type passwords into
// the wrong field.
func (s *Store) loginFailed(ctx context.Context, userID int64, reason string) {
	_ = s.write(ctx, System("login"), func(tx *Tx) error {
		return tx.securityEvent(ctx, EventFailedLogin, userID, map[string]any{"reason": reason})
	})
}

// NeedsSetup reports whether the clinic has no accounts yet: the first run.
func (s *Store) NeedsSetup(ctx context.Context) (bool, error) {
	var n int
	err := s.readers.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n == 0, translate(err)
}

// Setup is the first run: it names the clinic and creates the first administrator.
// It is refused once any account exists, so it cannot be used to take over a clinic.
func (s *Store) Setup(ctx context.Context, clinicName string, admin NewUser) (User, error) {
	clinicName = strings.TrimSpace(clinicName)
	if clinicName == "" {
		return User{}, invalid("clinic_name", "The clinic's name is required.")
	}
	admin.Role = RoleAdmin
	if err := admin.validate(); err != nil {
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
		if err := putSetting(ctx, tx, SettingClinicName, clinicName); err != nil {
			return err
		}
		id, err = insertUser(ctx, tx, admin, hash)
		return err
	})
	if err != nil {
		return User{}, err
	}
	return s.userByID(ctx, id)
}
