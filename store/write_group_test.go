package store

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// holdWriter starts a write that waits inside its transaction until the returned
// release is called, and returns once it runs: the writes submitted meanwhile queue
// behind it and commit together as the next group.
func holdWriter(t *testing.T, s *Store) (release func()) {
	t.Helper()
	running, hold := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.write(calCtx, System("test"), func(*Tx) error {
			close(running)
			<-hold
			return nil
		})
	}()
	<-running
	return func() {
		close(hold)
		if err := <-done; err != nil {
			t.Errorf("the holding write: %v", err)
		}
	}
}

// awaitQueued waits until n writes wait in the queue.
func awaitQueued(s *Store, n int) {
	for {
		s.writes.mu.Lock()
		queued := len(s.writes.waiting)
		s.writes.mu.Unlock()
		if queued >= n {
			return
		}
		runtime.Gosched()
	}
}

// queueInOrder submits each write from a goroutine of its own behind the held writer,
// each once the ones before it wait in the queue, so that they queue in the order
// given; then it releases the writer and returns their results.
func queueInOrder(s *Store, release func(), writes []func() error) []error {
	errs := make([]error, len(writes))
	var wg sync.WaitGroup
	for i, w := range writes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = w()
		}()
		awaitQueued(s, i+1)
	}
	release()
	wg.Wait()
	return errs
}

// Five desks book while the writer is busy: the five bookings commit as one group, in
// the order they queued, and the one that clashes (the slot the second one takes) fails
// alone, its neighbours booked. The audit chain verifies, each row names its own desk,
// and the rows are in the order the writes queued.
func TestGroupCommitAFailingWriteKeepsItsNeighbours(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desks := make([]User, 5)
	patients := make([]int64, 5)
	for i := range desks {
		desks[i] = mustUser(t, f.s, RoleReceptionist, fmt.Sprintf("desk%d@clinic.test", i), fmt.Sprintf("Desk %d", i))
		patients[i] = f.patient(t, "Patient", string(rune('A'+i)))
	}
	starts := []time.Time{f.at(10, 9, 0), f.at(10, 9, 15), f.at(10, 9, 15), f.at(10, 9, 30), f.at(10, 9, 45)}
	commits := f.s.meter.commits.Load()
	release := holdWriter(t, f.s)
	ids := make([]int64, len(desks))
	writes := make([]func() error, len(desks))
	for i := range desks {
		writes[i] = func() (err error) {
			ids[i], err = f.s.Book(calCtx, desks[i].Actor(), BookingInput{PatientID: patients[i], DoctorID: f.rao, Start: starts[i]})
			return err
		}
	}
	errs := queueInOrder(f.s, release, writes)
	if n := f.s.meter.commits.Load() - commits; n != 2 {
		t.Errorf("%d commits, want 2 (the holding write, then the five as one group)", n)
	}
	for i, err := range errs {
		switch {
		case i == 2 && !errors.Is(err, ErrConflict):
			t.Errorf("booking %d: %v, want the clash", i, err)
		case i != 2 && err != nil:
			t.Errorf("booking %d: %v", i, err)
		}
	}
	var booked []int64
	rows, err := f.s.readers.QueryContext(calCtx, `SELECT row_id, actor_name FROM audit_log
		WHERE table_name = 'appointments' AND action = 'INSERT' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var actors []string
	for rows.Next() {
		var id int64
		var actor string
		if err := rows.Scan(&id, &actor); err != nil {
			t.Fatal(err)
		}
		booked, actors = append(booked, id), append(actors, actor)
	}
	rows.Close()
	want := []int64{ids[0], ids[1], ids[3], ids[4]}
	wantActors := []string{"Desk 0", "Desk 1", "Desk 3", "Desk 4"}
	if fmt.Sprint(booked) != fmt.Sprint(want) || fmt.Sprint(actors) != fmt.Sprint(wantActors) {
		t.Errorf("audit rows of appointments %v by %v, want %v by %v", booked, actors, want, wantActors)
	}
	report, err := f.s.VerifyAudit(calCtx)
	if err != nil || !report.Intact() {
		t.Fatalf("verify after the group: %v %+v", err, report.Problems)
	}
}

// A write of a group whose work fails after it wrote (its audit row in place) is rolled
// back to its savepoint: its rows, audit row included, are gone, and the chain still
// verifies.
func TestGroupCommitRollsBackAFailedWriteWholly(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	release := holdWriter(t, f.s)
	refused := errors.New("changed my mind")
	var kept int64
	errs := queueInOrder(f.s, release, []func() error{
		func() (err error) {
			kept, err = f.s.AddHoliday(calCtx, f.desk.Actor(), f.day(20), "Founders' day")
			return err
		},
		func() error {
			return f.s.write(calCtx, f.desk.Actor(), func(tx *Tx) error {
				if _, err := tx.AddHoliday(calCtx, f.day(21), "Not kept"); err != nil {
					return err
				}
				return refused
			})
		},
		func() error {
			_, err := f.s.AddHoliday(calCtx, f.desk.Actor(), f.day(22), "Also kept")
			return err
		},
	})
	if errs[0] != nil || !errors.Is(errs[1], refused) || errs[2] != nil {
		t.Fatalf("results %v, want nil, %v, nil", errs, refused)
	}
	var names []string
	rows, err := f.s.readers.QueryContext(calCtx, `SELECT name FROM clinic_holidays WHERE day >= ? ORDER BY day`, formatDate(f.day(20)))
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	var audited int
	if err := f.s.readers.QueryRowContext(calCtx, `SELECT count(*) FROM audit_log WHERE table_name = 'clinic_holidays'
		AND new_values LIKE '%Not kept%'`).Scan(&audited); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(names) != "[Founders' day Also kept]" || audited != 0 || kept == 0 {
		t.Fatalf("holidays %q, audit rows of the failed one %d", names, audited)
	}
	if report, err := f.s.VerifyAudit(calCtx); err != nil || !report.Intact() {
		t.Fatalf("verify: %v %+v", err, report.Problems)
	}
}

// A write whose caller gives up while it waits in the queue is withdrawn: it returns
// the context's error and writes nothing.
func TestGroupCommitWithdrawsACancelledWrite(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	release := holdWriter(t, f.s)
	ctx, cancel := context.WithCancel(calCtx)
	result := make(chan error, 1)
	go func() {
		_, err := f.s.AddHoliday(ctx, f.desk.Actor(), f.day(20), "Never")
		result <- err
	}()
	awaitQueued(f.s, 1)
	cancel()
	if err := <-result; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled write: %v", err)
	}
	release()
	var n int
	if err := f.s.readers.QueryRowContext(calCtx, `SELECT count(*) FROM clinic_holidays WHERE name = 'Never'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the cancelled holiday: %d rows, %v", n, err)
	}
}

// Many desks write at once, each its own kind of change, some failing: every write
// that succeeded is in the trail under its own actor, none that failed is, and the
// chain verifies. Run with -race.
func TestGroupCommitUnderConcurrentWrites(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	const desks, each = 8, 12
	actors := make([]User, desks)
	for i := range actors {
		actors[i] = mustUser(t, f.s, RoleReceptionist, fmt.Sprintf("d%d@clinic.test", i), fmt.Sprintf("D %d", i))
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var kept, failed []string
	for d := range desks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range each {
				name := fmt.Sprintf("Day %d-%d", d, k)
				err := f.s.write(calCtx, actors[d].Actor(), func(tx *Tx) error {
					if _, err := tx.AddHoliday(calCtx, f.day(30+d*each+k), name); err != nil {
						return err
					}
					if k%3 == 2 {
						return errors.New("refused")
					}
					return nil
				})
				mu.Lock()
				if err == nil {
					kept = append(kept, name)
				} else {
					failed = append(failed, name)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(kept) != desks*each*2/3 || len(failed) != desks*each/3 {
		t.Fatalf("%d kept, %d failed", len(kept), len(failed))
	}
	rows, err := f.s.readers.QueryContext(calCtx, `SELECT actor_name, json_extract(new_values, '$.name') FROM audit_trail
		WHERE table_name = 'clinic_holidays' AND action = 'INSERT' AND json_extract(new_values, '$.name') LIKE 'Day %'`)
	if err != nil {
		t.Fatal(err)
	}
	audited := map[string]string{}
	for rows.Next() {
		var actor, name string
		if err := rows.Scan(&actor, &name); err != nil {
			t.Fatal(err)
		}
		audited[name] = actor
	}
	rows.Close()
	for _, name := range kept {
		var d int
		fmt.Sscanf(name, "Day %d-", &d)
		if audited[name] != actors[d].FullName {
			t.Errorf("%s audited as by %q, want %q", name, audited[name], actors[d].FullName)
		}
	}
	if len(audited) != len(kept) {
		t.Errorf("%d audit rows for %d kept writes", len(audited), len(kept))
	}
	if report, err := f.s.VerifyAudit(calCtx); err != nil || !report.Intact() {
		t.Fatalf("verify: %v %+v", err, report.Problems)
	}
}

// A group whose transaction finds the schema changed outside ClinicDesk and put back
// records that with its first write alone; the writes behind it wait, unanswered, for
// the next group, and then land.
func TestGroupCommitRecordsASchemaChangeAlone(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	commits := f.s.meter.commits.Load()
	running, hold, held := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		// A trigger dropped and made again inside the write: the cookie moves by two, as
		// an outside change and put-back moves it.
		held <- f.s.write(calCtx, System("test"), func(tx *Tx) error {
			var trigger string
			if err := tx.queryRow(calCtx, `SELECT sql FROM sqlite_master WHERE name = 'settings_audit_update'`).Scan(&trigger); err != nil {
				return err
			}
			for _, stmt := range []string{`DROP TRIGGER settings_audit_update`, trigger} {
				if _, err := tx.exec(calCtx, stmt); err != nil {
					return err
				}
			}
			close(running)
			<-hold
			return nil
		})
	}()
	<-running
	writes := make([]func() error, 3)
	for i := range writes {
		writes[i] = func() error {
			_, err := f.s.AddHoliday(calCtx, f.desk.Actor(), f.day(40+i), fmt.Sprint("Holiday ", i))
			return err
		}
	}
	errs := queueInOrder(f.s, func() {
		close(hold)
		if err := <-held; err != nil {
			t.Errorf("the holding write: %v", err)
		}
	}, writes)
	for i, err := range errs {
		if err != nil {
			t.Errorf("write %d: %v", i, err)
		}
	}
	if n := f.s.meter.commits.Load() - commits; n != 3 {
		t.Errorf("%d commits, want 3: the holding write, the first write alone with the record, the other two", n)
	}
	var recorded, holidays int
	if err := f.s.readers.QueryRowContext(calCtx, `SELECT (SELECT count(*) FROM audit_log WHERE action = ?),
		(SELECT count(*) FROM clinic_holidays WHERE name LIKE 'Holiday %')`, EventSchemaChanged).Scan(&recorded, &holidays); err != nil {
		t.Fatal(err)
	}
	if recorded != 1 || holidays != 3 {
		t.Fatalf("%d schema changes recorded, %d holidays; want 1 and 3", recorded, holidays)
	}
}

// TestALoneWriteNamesItsActorInItsFirstStatement: a write alone in the queue puts its
// actor in audit_context with the statement that reads where the logs end, not in a
// statement of its own; its audit rows name it.
func TestALoneWriteNamesItsActorInItsFirstStatement(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	f.book(t, f.asha, f.rao, f.at(10, 9, 0))
	var actor string
	if err := f.s.readers.QueryRowContext(calCtx, `SELECT actor_name FROM audit_log
		WHERE table_name = 'appointments' ORDER BY id DESC LIMIT 1`).Scan(&actor); err != nil {
		t.Fatal(err)
	}
	if actor != f.desk.FullName {
		t.Errorf("the booking's audit row names %q, want %q", actor, f.desk.FullName)
	}
	f.s.written.mu.Lock()
	defer f.s.written.mu.Unlock()
	for q := range f.s.written.stmts {
		if strings.HasPrefix(q, "INSERT OR REPLACE INTO audit_context") && !strings.Contains(q, "RETURNING") {
			t.Errorf("lone writes set audit_context in a statement of their own: %q", q)
		}
	}
}
