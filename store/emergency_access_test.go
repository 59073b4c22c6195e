package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestBreakGlass(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := &fixedClock{t: time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC)}
	s := newTestStore(t, WithClock(clock.now))
	f := newMatrixFixture(t, s)
	desk := f.users[RoleReceptionist].Actor()

	if _, err := s.Chart(ctx, desk, f.otherID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("chart before emergency access: %v", err)
	}
	if _, err := s.BreakGlass(ctx, desk, f.otherID, "because"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("short reason: %v", err)
	}
	if _, err := s.BreakGlass(ctx, f.users[RoleAdmin].Actor(), f.otherID, "Auditing this chart today"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("admin breaking glass: %v", err)
	}
	until, err := s.BreakGlass(ctx, desk, f.otherID, "Patient collapsed in the waiting room")
	if err != nil {
		t.Fatal(err)
	}
	if want := clock.t.Add(EmergencyAccessDuration); !until.Equal(want) {
		t.Fatalf("until = %v, want %v", until, want)
	}
	if _, err := s.Chart(ctx, desk, f.otherID); err != nil {
		t.Fatalf("chart with emergency access: %v", err)
	}
	if _, err := s.Chart(ctx, desk, f.patientID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("another patient's chart: %v", err)
	}
	if _, err := s.Chart(ctx, f.users[RolePharmacist].Actor(), f.otherID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("someone else's grant: %v", err)
	}
	var emergencyReads, notes, events int
	s.readers.QueryRow(`SELECT count(*) FROM access_log WHERE user_id = ? AND patient_id = ? AND allowed = 1
		AND reason = 'emergency access'`, desk.ID, f.otherID).Scan(&emergencyReads)
	s.readers.QueryRow(`SELECT count(*) FROM notifications WHERE user_id = ? AND kind = ?`,
		f.users[RoleAdmin].ID, KindBreakGlass).Scan(&notes)
	s.readers.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'break_glass' AND patient_id = ?`, f.otherID).Scan(&events)
	if emergencyReads != 1 || notes != 1 || events != 1 {
		t.Fatalf("emergency reads %d, admin notifications %d, audit events %d; want 1 each", emergencyReads, notes, events)
	}
	clock.advance(EmergencyAccessDuration)
	if _, err := s.Chart(ctx, desk, f.otherID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("chart after the grant expired: %v", err)
	}
	if _, err := s.readers.Exec(`DELETE FROM emergency_access`); err == nil {
		t.Fatal("reader deleted a grant")
	}
	if err := raw(t, s, `DELETE FROM emergency_access`); err == nil {
		t.Fatal("grants must be append-only")
	}
	if report, err := s.VerifyAudit(ctx); err != nil || !report.Intact() {
		t.Fatalf("chain: %+v %v", report, err)
	}
}

func TestAuditPageFiltersAndPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	f := newMatrixFixture(t, s)
	admin := f.users[RoleAdmin].Actor()
	desk := f.users[RoleReceptionist]
	for range 3 {
		s.Login(ctx, desk.Email, testPassword)
	}
	all, err := s.AuditPage(ctx, admin, AuditFilter{}, 0, 0)
	if err != nil || len(all) < 10 {
		t.Fatalf("whole trail: %d rows, %v", len(all), err)
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID >= all[i-1].ID {
			t.Fatal("audit page is not newest first")
		}
	}
	logins, _ := s.AuditPage(ctx, admin, AuditFilter{Table: SessionTable, Action: EventLogin, ActorID: desk.ID}, 0, 2)
	if len(logins) != 2 || logins[0].RowID != desk.ID {
		t.Fatalf("first page of the receptionist's logins: %+v", logins)
	}
	rest, _ := s.AuditPage(ctx, admin, AuditFilter{Table: SessionTable, Action: EventLogin, ActorID: desk.ID}, logins[1].ID, 2)
	if len(rest) != 1 {
		t.Fatalf("second page: %+v", rest)
	}
	pid, err := s.AuditPatientID(ctx, admin, "pat000001")
	if err != nil || pid != f.patientID {
		t.Fatalf("patient by code: %d, %v", pid, err)
	}
	rows, _ := s.AuditPage(ctx, admin, AuditFilter{PatientID: pid}, 0, 0)
	for _, r := range rows {
		if r.PatientID != pid {
			t.Fatalf("patient filter let through %+v", r)
		}
	}
	if len(rows) == 0 {
		t.Fatal("no audit rows for the patient")
	}
	future, _ := s.AuditPage(ctx, admin, AuditFilter{From: time.Now().Add(time.Hour)}, 0, 0)
	past, _ := s.AuditPage(ctx, admin, AuditFilter{To: time.Now().Add(-time.Hour)}, 0, 0)
	if len(future) != 0 || len(past) != 0 {
		t.Fatalf("date range: %d rows in the future, %d an hour ago", len(future), len(past))
	}
}
