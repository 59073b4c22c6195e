package store_test

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	_ "github.com/lib/pq" // PostgreSQL, for the floor's PostgreSQL column only
)

// The floor's PostgreSQL column: the same minimal clinic and the same bookings as
// BenchmarkFloorBook and BenchmarkFloorBookConcurrent, on a PostgreSQL server started
// for the run (`-bench 'Book|PG'`). With CLINICDESK_BENCH_PG set to a connection
// string, the benchmarks use that server instead (the tables go in a schema of their
// own, dropped after the run). When neither is available they skip: the column is a
// yardstick, never a requirement.
//
// The server commits like the store's SQLite does (synchronous=NORMAL in WAL: the log
// is written at commit, not flushed to the disk): synchronous_commit=off. Set
// CLINICDESK_BENCH_PG_SYNC=on for PostgreSQL's default, a flush per commit.
var pgFloor struct {
	once sync.Once
	db   *sql.DB
	skip string
	stop func()
}

// pgDB returns the PostgreSQL floor, starting and loading it on first use, or skips.
func pgDB(b *testing.B) *sql.DB {
	b.Helper()
	largeClinic(b) // the same skips, and the same size
	pgFloor.once.Do(func() {
		start := time.Now()
		pgFloor.db, pgFloor.stop, pgFloor.skip = openPGFloor(benchSize().Counts().Patients)
		if pgFloor.skip == "" {
			fmt.Fprintf(os.Stderr, "PostgreSQL floor loaded in %.1fs\n", time.Since(start).Seconds())
		}
	})
	if pgFloor.skip != "" {
		b.Skip(pgFloor.skip)
	}
	return pgFloor.db
}

// stopPGFloor stops the server the run started, if any; TestMain calls it.
func stopPGFloor() {
	if pgFloor.stop != nil {
		pgFloor.stop()
	}
}

// openPGFloor connects to CLINICDESK_BENCH_PG or starts a server of its own, and loads
// the minimal clinic. It returns why it skips instead when no server can be had.
func openPGFloor(patients int) (*sql.DB, func(), string) {
	dsn, stop := os.Getenv("CLINICDESK_BENCH_PG"), func() {}
	if dsn == "" {
		var skip string
		if dsn, stop, skip = startPG(); skip != "" {
			return nil, nil, skip
		}
	}
	// The schema need not exist yet: the name is looked up as each statement runs.
	db, err := sql.Open("postgres", dsn+" search_path=clinicdesk_floor")
	if err == nil {
		err = loadPGFloor(db, patients)
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		stop()
		return nil, nil, "the PostgreSQL floor: " + err.Error()
	}
	return db, func() {
		db.Exec(`DROP SCHEMA clinicdesk_floor CASCADE`)
		db.Close()
		stop()
	}, ""
}

// pgBin finds a PostgreSQL program on PATH or in Debian's versioned directories.
func pgBin(name string) (string, bool) {
	if p, err := exec.LookPath(name); err == nil {
		return p, true
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(found) == 0 {
		return "", false
	}
	return found[len(found)-1], true
}

// startPG makes a throwaway cluster in a temporary directory and starts it on a Unix
// socket there, as the postgres account when run as root (the server refuses root).
func startPG() (dsn string, stop func(), skip string) {
	initdb, ok1 := pgBin("initdb")
	pgctl, ok2 := pgBin("pg_ctl")
	if !ok1 || !ok2 {
		return "", nil, "no PostgreSQL installed (initdb, pg_ctl): the PostgreSQL column is skipped"
	}
	dir, err := os.MkdirTemp("", "clinicdesk-pg-")
	if err != nil {
		return "", nil, err.Error()
	}
	as := func(prog string, args ...string) *exec.Cmd { return exec.Command(prog, args...) }
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		runuser, rerr := exec.LookPath("runuser")
		if err != nil || rerr != nil {
			os.RemoveAll(dir)
			return "", nil, "running as root without a postgres account and runuser: the PostgreSQL column is skipped"
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return "", nil, err.Error()
		}
		as = func(prog string, args ...string) *exec.Cmd {
			return exec.Command(runuser, append([]string{"-u", "postgres", "--", prog}, args...)...)
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := as(initdb, "-D", data, "-A", "trust", "-U", "bench", "-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", nil, fmt.Sprintf("initdb failed: %v: %s", err, out)
	}
	sync := "off"
	if os.Getenv("CLINICDESK_BENCH_PG_SYNC") == "on" {
		sync = "on"
	}
	opts := fmt.Sprintf("-c listen_addresses='' -k %s -c synchronous_commit=%s -c shared_buffers=256MB", dir, sync)
	if out, err := as(pgctl, "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "start").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", nil, fmt.Sprintf("the PostgreSQL server did not start: %v: %s", err, out)
	}
	return fmt.Sprintf("host=%s user=bench dbname=postgres sslmode=disable", dir), func() {
		as(pgctl, "-D", data, "-m", "fast", "-w", "stop").Run()
		os.RemoveAll(dir)
	}, ""
}

// loadPGFloor builds the floor's minimal clinic (floorSchema's tables and indexes, the
// same rows as buildFloor) in the schema clinicdesk_floor, in SQL on the server.
func loadPGFloor(db *sql.DB, patients int) error {
	base := floorBase.Format("2006-01-02")
	for _, stmt := range []string{
		`DROP SCHEMA IF EXISTS clinicdesk_floor CASCADE`,
		`CREATE SCHEMA clinicdesk_floor`,
		`CREATE TABLE patients(id bigint PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
			patient_code text, phone text, date_of_birth text NOT NULL)`,
		`CREATE TABLE appointments(id bigserial PRIMARY KEY, doctor_id bigint NOT NULL,
			patient_id bigint NOT NULL REFERENCES patients(id), starts_at text NOT NULL, ends_at text NOT NULL,
			status text NOT NULL, reason text NOT NULL)`,
		fmt.Sprintf(`INSERT INTO patients SELECT i, 'First' || i %% 997, 'Last' || i %% 4999, 'PAT' || lpad(i::text, 6, '0'),
			'+91 98' || lpad(i::text, 8, '0'), '1980-05-17' FROM generate_series(1, %d) i`, patients),
		fmt.Sprintf(`INSERT INTO appointments(doctor_id, patient_id, starts_at, ends_at, status, reason)
			SELECT doctor, 1 + (n * 104729) %% %d,
				to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), to_char(t + interval '15 minutes', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
				'completed', 'Follow-up visit'
			FROM (SELECT doctor, row_number() OVER (ORDER BY day, doctor, slot) AS n,
					timestamp '%s' + day * interval '1 day' + interval '9 hours' + slot * interval '15 minutes' AS t
				FROM generate_series(0, %d) day, generate_series(1, %d) doctor, generate_series(0, %d) slot
				WHERE (day * 7919 + doctor * 31 + slot * 17) %% 100 < %d) s`,
			patients, base, floorDays-1, floorDoctors, floorSlots-1, floorFillPct),
		`CREATE INDEX appointments_doctor ON appointments(doctor_id, starts_at)`,
		`CREATE INDEX appointments_patient ON appointments(patient_id, starts_at)`,
		`CREATE INDEX appointments_start ON appointments(starts_at)`,
		`ANALYZE`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			return err
		}
	}
	db.SetMaxOpenConns(8) // as many as the concurrent bookers
	db.SetMaxIdleConns(8)
	return nil
}

// pgBook is floorBook on PostgreSQL. Its transactions read committed data only, so the
// booking first takes the doctor's and the patient's locks (in that order, so two
// bookings never wait on each other in a cycle): the check then sees every booking
// that committed before, as SQLite's one writer does.
func pgBook(db *sql.DB, doctor, patient int64, start time.Time) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SELECT pg_advisory_xact_lock(1, $1::int), pg_advisory_xact_lock(2, $2::int)`, doctor, patient); err != nil {
		return err
	}
	if err := floorBookIn(tx, "$", doctor, patient, start); err != nil {
		return err
	}
	return tx.Commit()
}

func BenchmarkPGBook(b *testing.B) {
	db := pgDB(b)
	bookFreeSlots(b, 1, 4_000_000, func(doctor, patient int64, start time.Time) error { return pgBook(db, doctor, patient, start) })
}

// BenchmarkPGBookConcurrent is BenchmarkFloorBookConcurrent on PostgreSQL: eight
// goroutines, each with a connection of its own (the pool keeps eight).
func BenchmarkPGBookConcurrent(b *testing.B) {
	db := pgDB(b)
	bookFreeSlots(b, 8, 6_000_000, func(doctor, patient int64, start time.Time) error { return pgBook(db, doctor, patient, start) })
}
