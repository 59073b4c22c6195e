package doctor_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// clock is the store's settable clock: a Monday morning, moved on by tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// clinic is a small clinic for the doctor's screens: Dr. Asha Rao, a receptionist and
// a pharmacist; Ann Lee (allergic to penicillin) and Ben Okafor booked this morning;
// amoxicillin and paracetamol in stock, ibuprofen out of stock.
type clinic struct {
	s                        *store.Store
	clock                    *clock
	doctor, desk, pharmacist store.User
	doctorID                 int64
	ann, ben                 store.Patient
	annVisit, benVisit       int64
	amoxicillin, paracetamol int64
}

// must takes a call's results and, given the test, fails it on an error.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func newClinic(t testing.TB) *clinic {
	t.Helper()
	ctx := context.Background()
	c := &clinic{clock: &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}}
	c.s = must(store.Open(ctx, filepath.Join(t.TempDir(), "clinic.db"),
		store.WithBcryptCost(bcrypt.MinCost), store.WithClock(c.clock.now)))(t)
	t.Cleanup(func() { c.s.Close() })
	sys := store.System("test")
	c.doctor = must(c.s.CreateUser(ctx, sys, store.NewUser{Email: "rao@clinic.test", FullName: "Asha Rao",
		Role: store.RoleDoctor, Password: tuitest.Password, Doctor: &store.DoctorProfile{Qualification: "MBBS, MD",
			LicenceNumber: "MCI-12345", Specialisations: []string{"General Practice"}, FeeCents: 50000}}))(t)
	c.desk = must(c.s.CreateUser(ctx, sys, store.NewUser{Email: "desk@clinic.test", FullName: "Maya Desk",
		Role: store.RoleReceptionist, Password: tuitest.Password}))(t)
	c.pharmacist = must(c.s.CreateUser(ctx, sys, store.NewUser{Email: "ph@clinic.test", FullName: "Omar Pharm",
		Role: store.RolePharmacist, Password: tuitest.Password, Pharmacist: &store.PharmacistProfile{LicenceNumber: "PH-1"}}))(t)
	c.doctorID = must(c.s.DoctorByUser(ctx, c.doctor.Actor(), c.doctor.ID))(t).ID
	must(c.s.AddScheduleBlock(ctx, sys, store.ScheduleBlock{DoctorID: c.doctorID, Weekday: time.Monday,
		Start: "08:00", End: "17:00", SlotMinutes: 15}))(t)
	desk := c.desk.Actor()
	c.ann = must(c.s.AddPatient(ctx, desk, store.PatientInput{FirstName: "Ann", LastName: "Lee",
		DateOfBirth: time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), Sex: "female", Phone: "+91 98765 43210"}))(t)
	c.ben = must(c.s.AddPatient(ctx, desk, store.PatientInput{FirstName: "Ben", LastName: "Okafor",
		DateOfBirth: time.Date(1985, 5, 6, 0, 0, 0, 0, time.UTC), Sex: "male", Phone: "+91 98765 43211"}))(t)
	must(c.s.AddAllergy(ctx, c.doctor.Actor(), c.ann.ID, store.AllergyInput{Allergen: "Penicillin",
		Reaction: "hives", Severity: "severe"}))(t)
	c.annVisit = must(c.s.Book(ctx, desk, store.BookingInput{PatientID: c.ann.ID, DoctorID: c.doctorID,
		Start: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), Reason: "sore throat"}))(t)
	c.benVisit = must(c.s.Book(ctx, desk, store.BookingInput{PatientID: c.ben.ID, DoctorID: c.doctorID,
		Start: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), Reason: "check-up"}))(t)
	c.amoxicillin = c.item(t, store.ItemInput{Name: "Amoxicillin 500 mg capsule", GenericName: "amoxicillin",
		DrugClass: "penicillin", Strength: "500 mg", Form: "capsule", Unit: "capsule", UnitPriceCents: 300}, 120)
	c.paracetamol = c.item(t, store.ItemInput{Name: "Paracetamol 500 mg tablet", GenericName: "paracetamol",
		Strength: "500 mg", Form: "tablet", Unit: "tablet", UnitPriceCents: 50}, 500)
	c.item(t, store.ItemInput{Name: "Ibuprofen 400 mg tablet", GenericName: "ibuprofen", Strength: "400 mg",
		Form: "tablet", Unit: "tablet"}, 0)
	return c
}

// item adds a catalogue item with stock (none when qty is 0) and returns its id.
func (c *clinic) item(t testing.TB, in store.ItemInput, qty int) int64 {
	t.Helper()
	ctx := context.Background()
	id := must(c.s.AddInventoryItem(ctx, store.System("test"), in))(t)
	if qty > 0 {
		must(c.s.ReceiveStock(ctx, store.System("test"), id, store.ReceiveInput{BatchNumber: "B-" + in.Name[:3],
			ExpiresOn: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), Quantity: qty, UnitCostCents: 10}))(t)
	}
	return id
}

// common is a logged-in doctor's session, for driving a screen on its own.
func (c *clinic) common(t testing.TB, w, h int) *common.Common {
	t.Helper()
	set := must(c.s.Settings(context.Background()))(t)
	return &common.Common{Store: c.s, User: c.doctor, Settings: set, Width: w, Height: h}
}

// count runs a count query straight on the clinic's file, as the sqlite3 shell would.
func (c *clinic) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	db, err := sql.Open("sqlite", c.s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
