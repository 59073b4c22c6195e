package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
)

// The schema's floor is the least a booking can cost on ClinicDesk's own schema, with
// none of the store's work around it: plain SQL on a copy of the large clinic, in one
// transaction, the statements prepared once, the floor's pragmas: the acting user put
// in audit_context, the booking's INSERT as the store writes it (the overlap and
// erasure triggers, the appointment's indexes, the audit trigger, the audit row and its
// indexes), one UPDATE setting the audit row's seal columns and its values' digest (to
// placeholders: no HMAC, no digest of the row's values), and audit_context cleared. BenchmarkBook's p50 over this one's is what the
// store's own work (the permission and calendar checks, the chain's reads, the seal)
// adds; this one's over BenchmarkFloorBook's is what the schema adds.
var schemaFloor struct {
	once sync.Once
	db   *sql.DB
	err  error
	used int // slots booked by earlier runs of the benchmark (b.N grows between runs)
}

// schemaFloorDB opens a copy of the kept large clinic for the schema's floor (its
// placeholder seals would break the benchmarks' own copy's audit chain).
func schemaFloorDB(b *testing.B) *sql.DB {
	b.Helper()
	largeClinic(b)
	schemaFloor.once.Do(func() {
		path := filepath.Join(large.dir, "schema-floor.db")
		if schemaFloor.err = copyClinicTo(keptClinic(), path); schemaFloor.err != nil {
			return
		}
		schemaFloor.db, schemaFloor.err = sql.Open("sqlite", floorDSN(path)+"&_pragma=temp_store(MEMORY)")
		if schemaFloor.err == nil {
			schemaFloor.db.SetMaxOpenConns(1)
		}
	})
	if schemaFloor.err != nil {
		b.Fatalf("copy the large clinic for the schema's floor: %v", schemaFloor.err)
	}
	return schemaFloor.db
}

func BenchmarkSchemaFloorBook(b *testing.B) {
	s, sum := largeClinic(b)
	db := schemaFloorDB(b)
	ctx := context.Background()
	desk := account(b, s, sum, store.RoleReceptionist)
	doctors, err := s.Doctors(ctx, desk.Actor())
	if err != nil {
		b.Fatal(err)
	}
	var slots []store.Slot
	for _, d := range doctors {
		// The slots BenchmarkBook books on its own copy: free on this one.
		free, err := s.NextFreeSlots(ctx, desk.Actor(), d.ID, s.Now().AddDate(0, 0, 2), 200)
		if err != nil {
			b.Fatal(err)
		}
		slots = append(slots, free...)
	}
	slots = slots[min(schemaFloor.used, len(slots)):]
	if b.N > len(slots) {
		b.Fatalf("only %d free slots for %d bookings", len(slots), b.N)
	}
	schemaFloor.used += b.N
	prepare := func(query string) *sql.Stmt {
		st, err := db.Prepare(query)
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	next := `(SELECT coalesce(max(id), 0) + 1 FROM appointments)`
	setActor := prepare(`INSERT OR REPLACE INTO audit_context(id, actor_id, actor_name) VALUES (1, ?, ?)`)
	insert := prepare(`INSERT INTO appointments(id, appointment_code, patient_id, doctor_id, starts_at, ends_at,
		reason, fee_cents, series_id, booked_by, created_at, updated_at, overbook_reason)
		VALUES (` + next + `, 'APT' || printf('%06d', ` + next + `), ?, ?, ?, ?, 'Benchmark visit', ?, NULL, ?, ?, ?, NULL)`)
	seal := prepare(`UPDATE audit_log SET prev_hash = randomblob(32), hash = randomblob(32), values_digest = randomblob(32)
		WHERE id = (SELECT max(id) FROM audit_log)`)
	clear := prepare(`DELETE FROM audit_context`)
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	now := stamp(s.Now())
	book := func(patient int64, sl store.Slot) error {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.Stmt(setActor).Exec(desk.ID, desk.FullName); err != nil {
			return err
		}
		if _, err := tx.Stmt(insert).Exec(patient, sl.DoctorID, stamp(sl.Start), stamp(sl.End), 50000, desk.ID, now, now); err != nil {
			return err
		}
		if _, err := tx.Stmt(seal).Exec(); err != nil {
			return err
		}
		if _, err := tx.Stmt(clear).Exec(); err != nil {
			return err
		}
		return tx.Commit()
	}
	timed(b, func(i int) error {
		for try := 0; ; try++ {
			err := book(int64(1+(i*104729+try)%sum.Patients), slots[i])
			if err != nil && strings.Contains(err.Error(), "patient_overlap") && try < 5 {
				continue // that patient is busy then: ask the next one
			}
			return err
		}
	})
}
