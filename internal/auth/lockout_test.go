package auth

import (
	"testing"
	"time"
)

func TestAfterFailure(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name         string
		policy       Lockout
		failures     int
		wantFailures int
		wantLocked   time.Time
	}{
		{"first failure", Lockout{}, 0, 1, time.Time{}},
		{"fourth failure", Lockout{}, 3, 4, time.Time{}},
		{"fifth failure locks 15 minutes", Lockout{}, 4, 0, now.Add(15 * time.Minute)},
		{"over the limit still locks", Lockout{}, 9, 0, now.Add(15 * time.Minute)},
		{"negative count treated as zero", Lockout{}, -3, 1, time.Time{}},
		{"custom policy below limit", Lockout{MaxFailures: 3, LockFor: time.Hour}, 1, 2, time.Time{}},
		{"custom policy locks", Lockout{MaxFailures: 3, LockFor: time.Hour}, 2, 0, now.Add(time.Hour)},
		{"one strike", Lockout{MaxFailures: 1, LockFor: time.Minute}, 0, 0, now.Add(time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, until := tt.policy.AfterFailure(tt.failures, now)
			if f != tt.wantFailures || !until.Equal(tt.wantLocked) {
				t.Errorf("AfterFailure(%d) = %d, %v; want %d, %v", tt.failures, f, until, tt.wantFailures, tt.wantLocked)
			}
		})
	}
}

func TestLockoutSequence(t *testing.T) {
	t.Parallel()
	var l Lockout
	now := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	failures, until := 0, time.Time{}
	for i := 1; i <= DefaultMaxFailures; i++ {
		if IsLocked(until, now) {
			t.Fatalf("locked after %d failures", i-1)
		}
		failures, until = l.AfterFailure(failures, now)
		now = now.Add(time.Second)
	}
	if !IsLocked(until, now) || !IsLocked(until, until.Add(-time.Nanosecond)) {
		t.Fatal("not locked after five failures")
	}
	if IsLocked(until, until) || IsLocked(until, until.Add(time.Minute)) {
		t.Fatal("still locked when the lock has run out")
	}
	if failures, until = l.AfterSuccess(); failures != 0 || !until.IsZero() {
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
