package auth

import (
	"testing"
	"time"
)

func TestAfterFailure(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name     string
		policy   Lockout
		failures int
		want     Failure
	}{
		{"first failure", Lockout{}, 0, Failure{Failures: 1}},
		{"fourth failure", Lockout{}, 3, Failure{Failures: 4}},
		{"fifth failure throttles a minute and tells the admins", Lockout{}, 4,
			Failure{5, now.Add(time.Minute), true}},
		{"sixth doubles, admins not told again", Lockout{}, 5, Failure{6, now.Add(2 * time.Minute), false}},
		{"eighth", Lockout{}, 7, Failure{8, now.Add(8 * time.Minute), false}},
		{"tenth is capped and tells the admins again", Lockout{}, 9, Failure{10, now.Add(15 * time.Minute), true}},
		{"negative count treated as zero", Lockout{}, -3, Failure{Failures: 1}},
		{"custom policy below limit", Lockout{MaxFailures: 3, LockFor: time.Hour}, 1, Failure{Failures: 2}},
		{"custom policy throttles", Lockout{MaxFailures: 3, LockFor: time.Hour, LockMax: 4 * time.Hour}, 3,
			Failure{4, now.Add(2 * time.Hour), false}},
		{"one strike", Lockout{MaxFailures: 1, LockFor: time.Minute}, 0, Failure{1, now.Add(time.Minute), true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.policy.AfterFailure(tt.failures, now)
			if got.Failures != tt.want.Failures || !got.LockedUntil.Equal(tt.want.LockedUntil) ||
				got.NotifyAdmins != tt.want.NotifyAdmins {
				t.Errorf("AfterFailure(%d) = %+v; want %+v", tt.failures, got, tt.want)
			}
		})
	}
}

func TestLockoutSequence(t *testing.T) {
	t.Parallel()
	var l Lockout
	now := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	var f Failure
	for i := 1; i <= DefaultMaxFailures; i++ {
		if IsLocked(f.LockedUntil, now) {
			t.Fatalf("throttled after %d failures", i-1)
		}
		f = l.AfterFailure(f.Failures, now)
		now = now.Add(time.Second)
	}
	until := f.LockedUntil
	if !IsLocked(until, now) || !IsLocked(until, until.Add(-time.Nanosecond)) {
		t.Fatal("not throttled after five failures")
	}
	if IsLocked(until, until) || IsLocked(until, until.Add(time.Minute)) {
		t.Fatal("still throttled when the wait has run out")
	}
	if failures, until := l.AfterSuccess(); failures != 0 || !until.IsZero() {
		t.Errorf("AfterSuccess = %d, %v", failures, until)
	}
}

func TestIsLocked(t *testing.T) {
	t.Parallel()
	now := time.Now()
	if IsLocked(time.Time{}, now) {
		t.Error("zero lockedUntil is locked")
	}
	if !IsLocked(now.Add(time.Minute), now) {
		t.Error("future lockedUntil is not locked")
	}
}

func TestLoginFailedMessage(t *testing.T) {
	t.Parallel()
	if ErrLoginFailed.Error() != LoginFailedMessage {
		t.Error("ErrLoginFailed does not carry LoginFailedMessage")
	}
}

func TestLockoutRuleSaysTheThrottleAsConfigured(t *testing.T) {
	for _, c := range []struct {
		l    Lockout
		want string
	}{
		{Lockout{}, "After 5 wrong passwords in a row, an account's password logins over the network pause for " +
			"1 minute, doubling with each further one up to 15 minutes; an SSH key or a desk at the clinic still logs in."},
		{Lockout{MaxFailures: 3, LockFor: 30 * time.Second, LockMax: 2 * time.Minute}, "After 3 wrong passwords " +
			"in a row, an account's password logins over the network pause for 30s, doubling with each further " +
			"one up to 2 minutes; an SSH key or a desk at the clinic still logs in."},
	} {
		if got := c.l.Rule(); got != c.want {
			t.Errorf("%+v:\n got %q\nwant %q", c.l, got, c.want)
		}
	}
}
