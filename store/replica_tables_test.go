package store

import (
	"context"
	"testing"
)

// The replica's two tables, made by the store, are no schema drift and leave the trail
// intact and the store writing, after a reopen too; a table of the same name with other
// SQL is drift.
func TestLitestreamsTablesAreNoDriftOnlyAsItMakesThem(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t, WithCheckpointsByReplica())
	if err := s.PrepareReplica(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.PrepareReplica(ctx); err != nil {
		t.Fatalf("a second time: %v", err)
	}
	if err := s.PutSetting(ctx, System("test"), SettingClinicName, "Replica Clinic"); err != nil {
		t.Fatalf("a write after the replica's tables: %v", err)
	}
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.WriteRefusal(ctx); err != nil {
		t.Fatalf("reopened: %v", err)
	}
	report, err := s.VerifyAudit(ctx)
	if err != nil || !report.Intact() {
		t.Fatalf("audit: %+v, %v", report.Problems, err)
	}
	if !isReplicaTable("table", "_litestream_lock", "CREATE TABLE _litestream_lock (id INTEGER)") ||
		isReplicaTable("table", "_litestream_lock", "CREATE TABLE _litestream_lock (id INTEGER, note TEXT)") ||
		isReplicaTable("table", "_litestream_other", "CREATE TABLE _litestream_other (id INTEGER)") {
		t.Error("only Litestream's own two tables, as it makes them, are let through")
	}
}
