package auth

import (
	"errors"
	"time"
)

// LoginFailedMessage is the one sentence shown for every failed login, whether the email
// is unknown, the password wrong, or the account locked or disabled, so that the answer
// does not tell an attacker which emails exist or which accounts are locked.
const LoginFailedMessage = "Email or password is incorrect, or the account is locked. Try again later or ask an administrator."

// ErrLoginFailed carries LoginFailedMessage for callers that return errors.
var ErrLoginFailed = errors.New(LoginFailedMessage)

// Lockout defaults: five consecutive failures lock the account for fifteen minutes.
const (
	DefaultMaxFailures = 5
	DefaultLockFor     = 15 * time.Minute
)

// Lockout is the account lockout policy. The store keeps, per account, the count of
// consecutive failed logins and the time the account is locked until; these functions say
// what to store next. A zero field takes its default.
//
// The intended login flow:
//   - unknown email: Hasher.DummyVerify, then LoginFailedMessage;
//   - IsLocked: Hasher.DummyVerify (so timing matches), count nothing, LoginFailedMessage;
//   - wrong password: store AfterFailure's result, LoginFailedMessage;
//   - right password: store AfterSuccess's result (and rehash when Verify asks).
type Lockout struct {
	// MaxFailures is how many consecutive failures lock the account.
	MaxFailures int
	// LockFor is how long the account stays locked.
	LockFor time.Duration
}

func (l Lockout) maxFailures() int {
	if l.MaxFailures <= 0 {
		return DefaultMaxFailures
	}
	return l.MaxFailures
}

func (l Lockout) lockFor() time.Duration {
	if l.LockFor <= 0 {
		return DefaultLockFor
	}
	return l.LockFor
}

// AfterFailure takes the stored count of consecutive failures of an account that is not
// locked and returns what to store after one more failure at now. When the count reaches
// MaxFailures the account is locked until now+LockFor and the count starts again at zero,
// so after the lock the user has MaxFailures more tries; otherwise lockedUntil is zero
// (not locked). Call it only when IsLocked is false: attempts on a locked account are
// refused without counting, so they neither extend nor clear the lock.
func (l Lockout) AfterFailure(failures int, now time.Time) (newFailures int, lockedUntil time.Time) {
	newFailures = max(failures, 0) + 1
	if newFailures >= l.maxFailures() {
		return 0, now.Add(l.lockFor())
	}
	return newFailures, time.Time{}
}

// AfterSuccess returns what to store after a successful login: no failures, not locked.
func (l Lockout) AfterSuccess() (failures int, lockedUntil time.Time) {
	return 0, time.Time{}
}

// IsLocked reports whether an account locked until lockedUntil is still locked at now.
// A zero lockedUntil means never locked.
func IsLocked(lockedUntil, now time.Time) bool {
	return now.Before(lockedUntil)
}
