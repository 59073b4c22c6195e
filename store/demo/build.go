// Package demo builds a demonstration clinic in a store: staff with their weekly hours,
// an inventory of real generic medicines, patients with their charts, two years of
// appointments, and prescriptions the pharmacy has dispensed. It writes everything
// through the store's exported API, in large transactions, so that every trigger, rule
// and audit row a real clinic's data would get, the demo's gets too.
//
// The content comes from internal/demo and is deterministic: the same seed and the same
// store clock give the same clinic.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/auth"
	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
)

// Password is the one password of every demo account. The password policy allows it
// in a demo clinic only, and a demo database shows it on its login screen.
const Password = auth.DemoPassword

// The clinic's own settings.
const (
	ClinicName = "Lotus Family Clinic"
	TimeZone   = "Asia/Kolkata"
	Currency   = "INR"
)

// rowsPerBatch is how many rows of one kind go into one transaction: large enough that
// commits are few, small enough that progress moves and memory stays flat.
// writerCacheMiB is the page cache of the builder's writer: a batch's dirty pages stay
// in it until the commit writes each of them once.
const (
	rowsPerBatch   = 64000
	writerCacheMiB = 512
)

// PagePoolMiB is the page pool (store.UsePagePool) for a process that builds a demo of
// size: none for a clinic whose writes never fill the builder's cache, and for a large
// or huge one the builder's cache and 128 MiB beside it for the other caches. The pool
// is memory touched once at start-up, in huge pages, where the cache otherwise takes a
// new allocation for each page it adds, two first touches of 4 KiB each. Three large
// builds with it, alternated with three without (7 Dec 2026, load 1.0-1.6): 1.05-1.07
// GB of memory at most against 1.46-1.48, 17-20 s of system time against 27-28, and
// 141.9, 146.2 and 161.2 s against 154.7, 157.3 and 155.0. The clinic-sized demo, whose
// cache stays small, built in 14.5 s with it against 13.6 s: writing the pool costs most
// of a second.
func PagePoolMiB(size gen.Size) int {
	if size.Counts().Appointments < gen.Large.Counts().Appointments {
		return 0
	}
	return writerCacheMiB + 128
}

// Account is one demo login.
type Account struct {
	Email    string
	Role     store.Role
	FullName string
}

// PatientAccount is a demo patient's login and own password.
type PatientAccount struct {
	Email, FullName, Password string
}

// Summary is what Build made: the accounts (one password for all staff) and the counts.
type Summary struct {
	Password string
	Accounts []Account // every staff account, by role: admin, receptionist, doctor, pharmacist
	// PatientAccounts are a few patients who log in to see their own records, each
	// with a password of their own (changed at first login).
	PatientAccounts []PatientAccount
	Patients        int
	Appointments    int
	Prescriptions   int
	Items           int
	Elapsed         time.Duration
}

// ErrNotEmpty is returned when the database already has accounts: a demo is built only
// into a new clinic.
var ErrNotEmpty = errors.New("this database already has accounts; build the demo into a new file")

// Progress reports how far the build is: done of total steps, in the named stage.
type Progress func(done, total int, stage string)

// builder carries what the stages share.
type builder struct {
	ctx      context.Context
	s        *store.Store // the store the caller gave, for the password hash and reads
	h        *store.Store // the same file, with a clock that history can set (see clock)
	clock    *clock
	system   store.Actor
	size     gen.Size
	counts   gen.Counts
	seed     int64
	now      time.Time // the clinic's "now", in the clinic's time zone
	progress Progress
	done     int
	total    int
	stage    string
	sum      Summary

	team       gen.Team
	users      map[string]store.User // by email
	doctorIDs  []int64               // by index into team.Doctors
	patients   []gen.Person
	patientIDs []int64
	accountOf  []int64                // the patients given an account, in the summary's order
	items      map[string]int64       // inventory item id by catalogue name
	meds       map[int64]gen.Medicine // the catalogue's entry by item id
	stock      *stockModel
	leaveDays  map[int]map[string]bool // doctor index → local dates on leave
	holiday    string                  // a local date the clinic is closed
	visits     []visit                 // appointments that get prescriptions
}

// Build fills an empty clinic database with a demo clinic of the given size, for seed,
// and returns the accounts. progress (may be nil) is called as the work advances. It
// refuses a database that already has accounts.
func Build(ctx context.Context, s *store.Store, size gen.Size, seed int64, progress Progress) (Summary, error) {
	started := time.Now()
	if empty, err := s.NeedsSetup(ctx); err != nil {
		return Summary{}, err
	} else if !empty {
		return Summary{}, ErrNotEmpty
	}
	if progress == nil {
		progress = func(int, int, string) {}
	}
	loc, err := time.LoadLocation(TimeZone)
	if err != nil {
		return Summary{}, fmt.Errorf("demo: time zone %s: %w", TimeZone, err)
	}
	b := &builder{ctx: ctx, s: s, size: size, counts: size.Counts(), seed: seed, progress: progress,
		system: store.System("demo generator"), now: clinicNow(s.Now().In(loc)), clock: &clock{}}
	if b.counts.Patients == 0 {
		return Summary{}, fmt.Errorf("demo: unknown size %v", size)
	}
	c := b.counts
	b.total = c.Staff() + c.InventoryItems + c.Patients + c.Appointments + rxTarget(size) + 3
	b.h, err = store.Open(ctx, s.Path(), store.WithClock(b.clock.now), store.WithWriterCache(writerCacheMiB),
		store.WithBcryptCost(s.PasswordHashCost()))
	if err != nil {
		return Summary{}, err
	}
	defer b.h.Close()
	b.clock.set(b.now)
	for _, stage := range []func() error{b.buildSettings, b.buildStaff, b.buildInventory, b.buildPatients,
		b.buildAppointments, b.buildPrescriptions, b.buildTills, b.buildOutbox, b.buildPatientAccounts, b.buildAccess,
		b.finish} {
		if err := stage(); err != nil {
			return Summary{}, err
		}
	}
	b.sum.Password = Password
	b.sum.Elapsed = time.Since(started)
	return b.sum, nil
}

// step advances the progress by n in the current stage.
func (b *builder) step(n int) {
	b.done += n
	b.progress(min(b.done, b.total), b.total, b.stage)
}

// begin names the stage that follows.
func (b *builder) begin(stage string) {
	b.stage = stage
	b.progress(min(b.done, b.total), b.total, stage)
}

// rand returns the generator of one part of the clinic: each part has its own stream,
// so that changing how one part is made leaves the others as they were.
func (b *builder) rand(part int64) *gen.Rand { return gen.NewAt(b.seed*1_000+part, b.now) }

// buildSettings names the clinic and sets its time zone and currency.
func (b *builder) buildSettings() error {
	b.begin("Setting up the clinic")
	for _, kv := range [][2]string{{store.SettingClinicName, ClinicName}, {store.SettingTimeZone, TimeZone},
		{store.SettingCurrency, Currency}} {
		if err := b.h.PutSetting(b.ctx, b.system, kv[0], kv[1]); err != nil {
			return fmt.Errorf("demo settings: %w", err)
		}
	}
	return nil
}

// finish merges the search indexes the registry and the catalogue were imported into,
// and marks the file as a demo, so its login screen lists the accounts: last, so a build
// that failed half-way never looks like a finished demo.
func (b *builder) finish() error {
	b.begin("Finishing")
	if err := b.h.MergeSearchIndexes(b.ctx); err != nil {
		return fmt.Errorf("demo search indexes: %w", err)
	}
	if err := b.h.PutSetting(b.ctx, b.system, store.SettingDemoPassword, Password); err != nil {
		return fmt.Errorf("demo settings: %w", err)
	}
	b.step(1)
	return nil
}

// clock is the history store's clock: history is written at the time it happened.
type clock struct{ t time.Time }

func (c *clock) now() time.Time  { return c.t }
func (c *clock) set(t time.Time) { c.t = t }

// clinicNow is the moment the demo is made for: now, or, late in the day, half an hour
// before closing, so that a demo opened in the evening still has a waiting room and a
// doctor in consultation.
func clinicNow(now time.Time) time.Time {
	const lastCall = 17*60 + 30
	if now.Hour()*60+now.Minute() <= lastCall {
		return now
	}
	y, m, d := now.Date()
	return time.Date(y, m, d, lastCall/60, lastCall%60, 0, 0, now.Location())
}
