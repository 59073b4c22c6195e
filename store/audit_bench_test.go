package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// The audit screen's targets on a large trail: a filtered page p99 under 10 ms, and
// `audit verify` over the whole chain reported in rows per second.
//
// Until the demo generator's `large` clinic exists, the trail is built here through the
// store (patients registered and edited, staff logging in and out, all sealed by
// s.write), CLINICDESK_BENCH_AUDIT_ROWS rows (default 100,000; the figure is
// 1,000,000). The file is kept in the temp directory and reused by later runs.

func benchAuditStore(b *testing.B) (*Store, []User) {
	b.Helper()
	want := 100_000
	if v, err := strconv.Atoi(os.Getenv("CLINICDESK_BENCH_AUDIT_ROWS")); err == nil && v > 0 {
		want = v
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("clinicdesk-bench-audit-%d-v%d.db", want, SchemaVersion()))
	ctx := context.Background()
	s, err := Open(ctx, path, WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	var staff []User
	if n, _ := s.NeedsSetup(ctx); n {
		for i := range 50 {
			role := []Role{RoleReceptionist, RoleDoctor, RolePharmacist, RoleAdmin}[i%4]
			staff = append(staff, mustUser(b, s, role, fmt.Sprintf("staff%d@bench.test", i), fmt.Sprintf("Staff %d", i)))
		}
	} else if staff, err = s.ListUsers(ctx, System("bench"), ""); err != nil {
		b.Fatal(err)
	}
	var have int
	s.readers.QueryRow(`SELECT count(*) FROM audit_log`).Scan(&have)
	start := time.Now()
	for batch := 0; have < want; batch++ {
		actor := staff[batch%len(staff)].Actor()
		err := s.Batch(ctx, actor, func(tx *Tx) error {
			for i := 0; i < 1000; i++ {
				id, err := tx.insert(ctx, `INSERT INTO patients(first_name, last_name, date_of_birth, sex, phone)
					VALUES (?, ?, '1980-01-01', 'female', '')`, fmt.Sprint("Pat", batch), fmt.Sprint("Lee", i))
				if err != nil {
					return err
				}
				if _, err := tx.exec(ctx, `UPDATE patients SET phone = ? WHERE id = ?`, fmt.Sprint("555-", i), id); err != nil {
					return err
				}
				for _, ev := range []string{EventLogin, EventIdleLock, EventLogout, EventLogin, EventFailedLogin,
					EventLogin, EventLogout, EventPermissionRefused} {
					if err := tx.securityEvent(ctx, ev, actor.ID, nil); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		have += 10_000
	}
	if time.Since(start) > time.Second {
		b.Logf("built %d audit rows in %v", have, time.Since(start).Round(time.Second))
	}
	return s, staff
}

// BenchmarkAuditPage reads one page (25 rows, the screen's page at 30 lines) for each
// filter the screen offers, the first page and one deep in the trail.
func BenchmarkAuditPage(b *testing.B) {
	s, staff := benchAuditStore(b)
	ctx := context.Background()
	admin := System("bench")
	var maxID, midPatient int64
	s.readers.QueryRow(`SELECT max(id) FROM audit_log`).Scan(&maxID)
	s.readers.QueryRow(`SELECT max(id) / 2 FROM patients`).Scan(&midPatient)
	today := time.Now().UTC().Truncate(24 * time.Hour)
	filters := []struct {
		name string
		f    AuditFilter
	}{
		{"all", AuditFilter{}},
		{"user", AuditFilter{ActorID: staff[7].ID}},
		{"patient", AuditFilter{PatientID: midPatient}},
		{"table", AuditFilter{Table: "patients"}},
		{"action", AuditFilter{Action: EventPermissionRefused}},
		{"table+action", AuditFilter{Table: "patients", Action: "UPDATE"}},
		{"rare-action", AuditFilter{Action: EventLockout}},
		{"dates", AuditFilter{From: today.AddDate(0, 0, -1), To: today.AddDate(0, 0, 2)}},
		{"user+dates", AuditFilter{ActorID: staff[7].ID, From: today.AddDate(0, 0, -1), To: today.AddDate(0, 0, 2)}},
		{"user+table+action", AuditFilter{ActorID: staff[3].ID, Table: SessionTable, Action: EventLogout}},
	}
	for _, tc := range filters {
		for _, deep := range []bool{false, true} {
			before := int64(0)
			name := tc.name + "/first"
			if deep {
				before, name = maxID/2, tc.name+"/deep"
			}
			b.Run(name, func(b *testing.B) {
				lat := make([]time.Duration, 0, b.N)
				for b.Loop() {
					t0 := time.Now()
					if _, err := s.AuditPage(ctx, admin, tc.f, before, 25); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(t0))
				}
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
			})
		}
	}
}

// BenchmarkVerifyAudit checks the whole chain and reports rows per second.
func BenchmarkVerifyAudit(b *testing.B) {
	s, _ := benchAuditStore(b)
	ctx := context.Background()
	var rows int64
	for b.Loop() {
		report, err := s.VerifyAudit(ctx)
		if err != nil || !report.Intact() {
			b.Fatalf("verify: %+v %v", report, err)
		}
		rows = report.Checked
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(rows), "rows")
}
