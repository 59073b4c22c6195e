package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// sessionEvents lists the security events about an account, oldest first.
func sessionEvents(t *testing.T, s *Store, userID int64) []string {
	t.Helper()
	rows, err := s.readers.Query(`SELECT action FROM audit_log WHERE table_name = 'session' AND row_id IS ? ORDER BY id`,
		nullID(userID))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var a string
		rows.Scan(&a)
		got = append(got, a)
	}
	return got
}

func TestSecurityEventsAreSealedInTheAuditTrail(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &fixedClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	s := newTestStore(t, WithClock(clock.now))
	admin := mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Maya Desk")

	if _, err := s.Login(ctx, "desk@clinic.test", testPassword); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordIdleLock(ctx, desk.Actor()); err != nil {
		t.Fatal(err)
	}
	if err := s.Logout(ctx, desk.Actor()); err != nil {
		t.Fatal(err)
	}
	_, unknown := s.Login(ctx, "nobody@clinic.test", testPassword)
	for range 5 {
		s.Login(ctx, "desk@clinic.test", "not the password at all")
	}
	_, locked := s.RemoteLogin(ctx, "desk@clinic.test", testPassword, "203.0.113.9:50123")
	if err := s.SetUserActive(ctx, admin.Actor(), desk.ID, false); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Hour)
	_, inactive := s.Login(ctx, "desk@clinic.test", testPassword)
	for _, err := range []error{unknown, locked, inactive} {
		if !errors.Is(err, ErrLoginFailed) || err.Error() != unknown.Error() {
			t.Fatalf("login failures must read alike: %q vs %q", err, unknown)
		}
	}
	if _, err := s.ListUsers(ctx, desk.Actor(), ""); !errors.Is(err, ErrForbidden) {
		t.Fatalf("receptionist listing users: %v", err)
	}

	want := []string{EventLogin, EventIdleLock, EventLogout,
		EventFailedLogin, EventFailedLogin, EventFailedLogin, EventFailedLogin, EventFailedLogin, EventLockout,
		EventFailedLogin, EventFailedLogin, EventPermissionRefused}
	got := sessionEvents(t, s, desk.ID)
	if len(got) != len(want) {
		t.Fatalf("session events = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("session events = %v, want %v", got, want)
		}
	}
	if unknownRows := sessionEvents(t, s, 0); len(unknownRows) != 1 || unknownRows[0] != EventFailedLogin {
		t.Fatalf("unknown-email events = %v", unknownRows)
	}
	report, err := s.VerifyAudit(ctx)
	if err != nil || !report.Intact() {
		t.Fatalf("audit chain after security events: %+v, %v", report, err)
	}
}
