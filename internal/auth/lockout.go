package auth

import (
	"errors"
	"fmt"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/plural"
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
	base, most := l.waits()
	return Failure{Failures: n, LockedUntil: now.Add(doubling(base, most, n-limit)), NotifyAdmins: (n-limit)%limit == 0}
}

// waits are the first wait and the longest, defaults applied.
func (l Lockout) waits() (base, most time.Duration) {
	base, most = l.LockFor, l.LockMax
	if base <= 0 {
		base = DefaultLockFor
	}
	if most <= 0 {
		most = DefaultLockMax
	}
	return base, most
}

// Rule says the throttle in one sentence for whoever it may hold back. It names no
// account, so it may be told to anyone whose password was refused.
func (l Lockout) Rule() string {
	base, most := l.waits()
	return fmt.Sprintf("After %s in a row, an account's password logins over the network pause for %s, "+
		"doubling with each further one up to %s; an SSH key or a desk at the clinic still logs in.",
		plural.S(l.maxFailures(), "wrong password"), span(base), span(most))
}

// span reads a wait in whole minutes where it is whole minutes.
func span(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return plural.S(int(d/time.Minute), "minute")
	}
	return d.String()
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
