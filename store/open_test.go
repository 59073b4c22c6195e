package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestOpenSetsPragmasOnEveryPooledConnection(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	ctx := context.Background()
	want := map[string]string{"foreign_keys": "1", "busy_timeout": "5000", "journal_mode": "wal", "synchronous": "1"}
	// Hold several reader connections at once so the pool must open more than one.
	conns := make([]*sql.Conn, 4)
	for i := range conns {
		c, err := s.readers.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	writer, err := s.writer.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	for i, c := range append(conns, writer) {
		for pragma, value := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != value {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, pragma, got, value)
			}
		}
	}
	var queryOnly int
	if err := conns[0].QueryRowContext(ctx, "PRAGMA query_only").Scan(&queryOnly); err != nil || queryOnly != 1 {
		t.Errorf("reader connections must be query_only, got %d (%v)", queryOnly, err)
	}
	if _, err := conns[1].ExecContext(ctx, "DELETE FROM settings"); err == nil {
		t.Error("a reader connection accepted a write")
	}
}

func TestOpenTwiceIsANoOpAndStampsTheVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clinic.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutSetting(ctx, System("test"), SettingClinicName, "Riverside Clinic"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	defer s.Close()
	var version int
	if err := s.readers.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != SchemaVersion() {
		t.Fatalf("user_version = %d (%v), want %d", version, err, SchemaVersion())
	}
	set, err := s.Settings(ctx)
	if err != nil || set.ClinicName != "Riverside Clinic" {
		t.Fatalf("settings after reopen = %+v, %v", set, err)
	}
}

func TestOpenRefusesANewerSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clinic.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.writer.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "newer ClinicDesk") {
		t.Fatalf("open of a newer file: %v, want a refusal naming a newer ClinicDesk", err)
	}
}

func TestOpenRefusesAForeignDatabase(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t(x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(context.Background(), path); err == nil || !strings.Contains(err.Error(), "not a ClinicDesk") {
		t.Fatalf("open of a foreign database: %v", err)
	}
}

func TestEventsArePublishedAfterCommit(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	events, stop := s.Subscribe()
	defer stop()
	if err := s.PutSetting(context.Background(), System("test"), SettingCurrency, "INR"); err != nil {
		t.Fatal(err)
	}
	batch := <-events
	if len(batch) != 1 || batch[0].Table != "settings" || batch[0].Action != "INSERT" {
		t.Fatalf("events = %+v", batch)
	}
	// A refused write publishes nothing.
	if err := s.PutSetting(context.Background(), System("test"), SettingTimeZone, "Mars/Olympus"); err == nil {
		t.Fatal("an unknown time zone was accepted")
	}
	select {
	case batch := <-events:
		t.Fatalf("a refused write published %+v", batch)
	default:
	}
}

func TestWritersAreSerialisedNotRefused(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.PutSetting(ctx, System("test"), SettingClinicName, strings.Repeat("c", i+1))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent write: %v", err)
		}
	}
	report, err := s.VerifyAudit(ctx)
	if err != nil || !report.Intact() || report.Checked != 20 {
		t.Fatalf("audit after concurrent writes: %+v, %v", report, err)
	}
}
