package store_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The floor is the store's workload reduced to what the engine costs at all: plain
// SQLite, with the same pragmas and one writer connection, over a minimal clinic (a
// patients table and an appointments table with the three indexes the queries need,
// no triggers, no audit, no permissions) of the benchmark clinic's size: as many
// patients, 60 doctors in 32 daily slots filled to 77%, about a million appointments.
// Each figure of the store's is read against the floor's from the same run
// (`-bench 'Floor|...'`): the machine's load changes both alike.
var floor struct {
	once sync.Once
	db   *sql.DB
	err  error
}

const (
	floorDoctors  = 60
	floorSlots    = 32 // a day's 15-minute slots, from 09:00
	floorDays     = 680
	floorFillPct  = 77
	floorTodayDay = 619 // the day the floor's "today" is, two months before its last
)

// floorBase is the floor's first day; its today is floorTodayDay days later.
var floorBase = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

const floorSchema = `
CREATE TABLE patients(id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
	patient_code TEXT, phone TEXT, date_of_birth TEXT NOT NULL);
CREATE TABLE appointments(id INTEGER PRIMARY KEY, doctor_id INTEGER NOT NULL,
	patient_id INTEGER NOT NULL REFERENCES patients(id), starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
	status TEXT NOT NULL, reason TEXT NOT NULL);
CREATE INDEX appointments_doctor ON appointments(doctor_id, starts_at);
CREATE INDEX appointments_patient ON appointments(patient_id, starts_at);
CREATE INDEX appointments_start ON appointments(starts_at);`

// floorDB opens a fresh copy of the kept floor clinic, building it when missing.
func floorDB(b *testing.B) *sql.DB {
	b.Helper()
	largeClinic(b) // the same skips, and the floor's size follows the benchmark clinic's
	floor.once.Do(func() { floor.db, floor.err = openFloor() })
	if floor.err != nil {
		b.Fatalf("build the floor: %v", floor.err)
	}
	return floor.db
}

func floorDSN(path string) string {
	return "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
		"&_pragma=foreign_keys(1)&_txlock=immediate"
}

func openFloor() (*sql.DB, error) {
	patients := benchSize().Counts().Patients
	kept := filepath.Join(os.TempDir(), fmt.Sprintf("clinicdesk-bench-floor-%d.db", patients))
	if _, err := os.Stat(kept); err != nil {
		if err := buildFloor(kept, patients); err != nil {
			return nil, err
		}
	}
	path := filepath.Join(large.dir, "floor.db")
	if err := copyFile(kept, path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", floorDSN(path))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one writer, as the store has
	return db, nil
}

func buildFloor(kept string, patients int) error {
	tmp := fmt.Sprintf("%s.%d.tmp", kept, os.Getpid())
	defer os.Remove(tmp)
	defer os.Remove(tmp + "-wal")
	defer os.Remove(tmp + "-shm")
	db, err := sql.Open("sqlite", floorDSN(tmp))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec(floorSchema); err != nil {
		return err
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	addPatient, err := tx.Prepare(`INSERT INTO patients(id, first_name, last_name, patient_code, phone, date_of_birth)
		VALUES (?, ?, ?, ?, ?, '1980-05-17')`)
	if err != nil {
		return err
	}
	for id := 1; id <= patients; id++ {
		if _, err := addPatient.Exec(id, fmt.Sprint("First", id%997), fmt.Sprint("Last", id%4999),
			fmt.Sprintf("PAT%06d", id), fmt.Sprintf("+91 98%08d", id)); err != nil {
			return err
		}
	}
	addAppt, err := tx.Prepare(`INSERT INTO appointments(doctor_id, patient_id, starts_at, ends_at, status, reason)
		VALUES (?, ?, ?, ?, 'completed', 'Follow-up visit')`)
	if err != nil {
		return err
	}
	n := 0
	for day := range floorDays {
		for doctor := 1; doctor <= floorDoctors; doctor++ {
			for slot := range floorSlots {
				if (day*7919+doctor*31+slot*17)%100 >= floorFillPct {
					continue
				}
				start := floorSlot(day, slot)
				n++
				if _, err := addAppt.Exec(doctor, 1+(n*104729)%patients, start.Format(time.RFC3339),
					start.Add(15*time.Minute).Format(time.RFC3339)); err != nil {
					return err
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if _, err := db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, kept)
}

// floorSlot is the start of a slot of a day of the floor.
func floorSlot(day, slot int) time.Time {
	return floorBase.AddDate(0, 0, day).Add(9*time.Hour + time.Duration(slot)*15*time.Minute)
}

func BenchmarkFloorPatientByID(b *testing.B) {
	db := floorDB(b)
	patients := benchSize().Counts().Patients
	timed(b, func(i int) error {
		var first, last, code, phone, dob string
		return db.QueryRow(`SELECT first_name, last_name, patient_code, phone, date_of_birth FROM patients WHERE id = ?`,
			1+(i*7919)%patients).Scan(&first, &last, &code, &phone, &dob)
	})
}

// BenchmarkFloorDayView reads every doctor's appointments of a day with their patients'
// names, as the day book shows them.
func BenchmarkFloorDayView(b *testing.B) {
	db := floorDB(b)
	timed(b, func(i int) error {
		day := floorBase.AddDate(0, 0, floorTodayDay+i%30-15)
		rows, err := db.Query(`SELECT a.id, a.doctor_id, a.starts_at, a.ends_at, a.status, a.reason,
			p.first_name || ' ' || p.last_name, p.patient_code
			FROM appointments a JOIN patients p ON p.id = a.patient_id
			WHERE a.starts_at >= ? AND a.starts_at < ? ORDER BY a.doctor_id, a.starts_at`,
			day.Format(time.RFC3339), day.AddDate(0, 0, 1).Format(time.RFC3339))
		if err != nil {
			return err
		}
		defer rows.Close()
		var n int
		for rows.Next() {
			var id, doctor int64
			var start, end, status, reason, name, code string
			if err := rows.Scan(&id, &doctor, &start, &end, &status, &reason, &name, &code); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return fmt.Errorf("an empty day %s", day)
		}
		return rows.Err()
	})
}

// floorBook books one free slot as a minimal clinic would: in one transaction, the
// doctor's and the patient's overlaps checked, then the row inserted.
func floorBook(db *sql.DB, doctor, patient int64, start time.Time) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := floorBookIn(tx, "?", doctor, patient, start); err != nil {
		return err
	}
	return tx.Commit()
}

// floorBookIn checks and inserts the booking in tx, with the engine's mark for numbered
// parameters (SQLite's ?1, PostgreSQL's $1).
func floorBookIn(tx *sql.Tx, mark string, doctor, patient int64, start time.Time) error {
	// An appointment lasts at most four hours, as the store's overlap triggers assume:
	// the checks read a bounded range of each index.
	from, to := start.Format(time.RFC3339), start.Add(15*time.Minute).Format(time.RFC3339)
	back := start.Add(-4 * time.Hour).Format(time.RFC3339)
	numbered := strings.NewReplacer("#", mark)
	var busyDoctor, busyPatient bool
	if err := tx.QueryRow(numbered.Replace(`SELECT
		EXISTS (SELECT 1 FROM appointments WHERE doctor_id = #1 AND starts_at < #2 AND starts_at > #3 AND ends_at > #4
			AND status <> 'cancelled'),
		EXISTS (SELECT 1 FROM appointments WHERE patient_id = #5 AND starts_at < #2 AND starts_at > #3 AND ends_at > #4
			AND status <> 'cancelled')`),
		doctor, to, back, from, patient).Scan(&busyDoctor, &busyPatient); err != nil {
		return err
	}
	_, err := tx.Exec(numbered.Replace(`INSERT INTO appointments(doctor_id, patient_id, starts_at, ends_at, status, reason)
		VALUES (#1, #2, #3, #4, 'scheduled', 'Benchmark visit')`), doctor, patient, from, to)
	return err
}

// floorFree is the i-th free slot of the floor: the days after its last are empty.
func floorFree(i int) (doctor int64, start time.Time) {
	perDay := floorDoctors * floorSlots
	return int64(1 + i%floorDoctors), floorSlot(floorDays+1+i/perDay, (i/floorDoctors)%floorSlots)
}

func BenchmarkFloorBook(b *testing.B) {
	db := floorDB(b)
	bookFreeSlots(b, 1, 0, func(doctor, patient int64, start time.Time) error { return floorBook(db, doctor, patient, start) })
}

// BenchmarkFloorBookConcurrent books with eight goroutines at once: bookings per
// second over the whole run, and each booking's p50 and p99.
func BenchmarkFloorBookConcurrent(b *testing.B) {
	db := floorDB(b)
	bookFreeSlots(b, 8, 2_000_000, func(doctor, patient int64, start time.Time) error {
		return floorBook(db, doctor, patient, start)
	})
}

// bookFreeSlots times book over the floor's free slots, from workers goroutines at
// once (one: each booking timed alone). A run books slots from a point of its own
// (offset, and the clock), so that a later run books other slots of the same copy.
func bookFreeSlots(b *testing.B, workers, offset int, book func(doctor, patient int64, start time.Time) error) {
	b.Helper()
	patients := benchSize().Counts().Patients
	offset += int(time.Now().UnixNano() % 1_000_000)
	op := func(i int) error {
		doctor, start := floorFree(offset + i)
		return book(doctor, int64(1+(i*104729)%patients), start)
	}
	if workers == 1 {
		timed(b, op)
		return
	}
	concurrent(b, workers, op)
}

// concurrent runs op b.N times from workers goroutines at once (op(i) for each i once)
// and reports the throughput and each op's median and 99th percentile.
func concurrent(b *testing.B, workers int, op func(i int) error) {
	b.Helper()
	took := make([]time.Duration, b.N)
	next := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	b.ResetTimer()
	started := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				t := time.Now()
				if err := op(i); err != nil {
					errs <- err
					return
				}
				took[i] = time.Since(t)
			}
		}()
	}
	for i := 0; i < b.N; i++ {
		select {
		case next <- i:
		case err := <-errs:
			close(next)
			wg.Wait()
			b.Fatal(err)
		}
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(started)
	b.StopTimer()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "ops/s")
	report(b, took)
}

// BenchmarkFloorSearch is BenchmarkSearchPatients' floor: the first 50 patients by
// name whose last name starts with a prefix, read in name order from an index on the
// names (added to the run's copy of the floor: the kept floor has none). A prefix such
// as "Last12" matches about 2,000 patients, as three letters of a common name do.
func BenchmarkFloorSearch(b *testing.B) {
	db := floorDB(b)
	if _, err := db.Exec(`CREATE INDEX IF NOT EXISTS patients_name ON patients(last_name, first_name)`); err != nil {
		b.Fatal(err)
	}
	timed(b, func(i int) error {
		prefix := fmt.Sprint("Last", 10+i%90)
		rows, err := db.Query(`SELECT id, first_name, last_name, patient_code, phone, date_of_birth FROM patients
			WHERE last_name >= ? AND last_name < ? ORDER BY last_name, first_name, id LIMIT 50`, prefix, prefix+"\uffff")
		if err != nil {
			return err
		}
		return floorRows(rows, 6)
	})
}

// BenchmarkFloorDoctorDay is BenchmarkDoctorDay's floor: one doctor's appointments of
// a day with their patients' names.
func BenchmarkFloorDoctorDay(b *testing.B) {
	db := floorDB(b)
	timed(b, func(i int) error {
		day := floorBase.AddDate(0, 0, floorTodayDay+i%30-15)
		rows, err := db.Query(`SELECT a.id, a.patient_id, a.doctor_id, a.starts_at, a.ends_at, a.status, a.reason,
			p.first_name || ' ' || p.last_name, p.patient_code
			FROM appointments a JOIN patients p ON p.id = a.patient_id
			WHERE a.doctor_id = ? AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at`,
			1+i%floorDoctors, day.Format(time.RFC3339), day.AddDate(0, 0, 1).Format(time.RFC3339))
		if err != nil {
			return err
		}
		return floorRows(rows, 9)
	})
}

// floorRows reads every row of rows, of n columns, into strings as the store's reads
// do; an empty answer is an error.
func floorRows(rows *sql.Rows, n int) error {
	defer rows.Close()
	cols := make([]any, n)
	for i := range cols {
		cols[i] = new(string)
	}
	found := 0
	for rows.Next() {
		if err := rows.Scan(cols...); err != nil {
			return err
		}
		found++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if found == 0 {
		return fmt.Errorf("no rows")
	}
	return nil
}
