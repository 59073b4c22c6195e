package auth

import (
	"errors"
	"time"
)

// LoginFailedMessage is the one sentence shown for every failed login, whether the email
// is unknown, the password wrong, or the account throttled or disabled, so that the
// answer does not tell an attacker which emails exist or which accounts are throttled.
const LoginFailedMessage = "Email or password is incorrect, or the account is locked. Try again later or ask an administrator."

// ErrLoginFailed carries LoginFailedMessage for callers that return errors.
var ErrLoginFailed = errors.New(LoginFailedMessage)

// Account throttle defaults: from the fifth failure in a row, remote password logins to
// the account wait a minute, doubling with each further failure up to fifteen minutes.
const (
	DefaultMaxFailures = 5
	DefaultLockFor     = time.Minute
	DefaultLockMax     = 15 * time.Minute
)

// Lockout is the account throttle. It never locks an account for everyone: it slows
// password guesses at one account that come over the network from many addresses
// (each address is slowed by a Backoff of its own), while a desk at the clinic and a
// registered SSH key still log in. The store keeps, per account, the count of
// consecutive failed logins and the time until which remote password logins are
// refused; these functions say what to store next. A zero field takes its default.
//
// The intended login flow:
//   - unknown email: Hasher.DummyVerify, then LoginFailedMessage;
//   - a remote login while IsLocked: Hasher.DummyVerify (so timing matches), count
//     nothing, LoginFailedMessage; a local login ignores the throttle;
//   - wrong password: store AfterFailure's result, tell the admins when it says so,
//     LoginFailedMessage;
//   - right password: store AfterSuccess's result (and rehash when Verify asks).
type Lockout struct {
	// MaxFailures is how many consecutive failures start the throttle.
	MaxFailures int
	// LockFor is the first wait, doubled by each further failure.
	LockFor time.Duration
	// LockMax is the longest wait.
	LockMax time.Duration
}

func (l Lockout) maxFailures() int {
	if l.MaxFailures <= 0 {
		return DefaultMaxFailures
	}
	return l.MaxFailures
}

// Failure is what to store after a failed login.
type Failure struct {
	Failures    int       // consecutive failures, this one included
	LockedUntil time.Time // remote password logins refused until then; zero: not throttled
	// NotifyAdmins is set at the failure that starts the throttle and at every
	// MaxFailures-th one after, so repeated guessing reaches the admins without a
	// notification per guess.
	NotifyAdmins bool
}

// AfterFailure takes the stored count of consecutive failures and returns what to
// store after one more failure at now.
func (l Lockout) AfterFailure(failures int, now time.Time) Failure {
	n := max(failures, 0) + 1
	limit := l.maxFailures()
	if n < limit {
		return Failure{Failures: n}
	}
	base, most := l.LockFor, l.LockMax
	if base <= 0 {
		base = DefaultLockFor
	}
	if most <= 0 {
		most = DefaultLockMax
	}
	return Failure{Failures: n, LockedUntil: now.Add(doubling(base, most, n-limit)), NotifyAdmins: (n-limit)%limit == 0}
}

// AfterSuccess returns what to store after a successful password login: no failures,
// not throttled.
func (l Lockout) AfterSuccess() (failures int, lockedUntil time.Time) {
	return 0, time.Time{}
}

// IsLocked reports whether an account throttled until lockedUntil is still throttled
// at now. A zero lockedUntil means never throttled.
func IsLocked(lockedUntil, now time.Time) bool {
	return now.Before(lockedUntil)
}
