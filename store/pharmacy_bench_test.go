package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/store"
)

// The pharmacy's speed targets, on a dataset built here (a queue of 300 prescriptions,
// an item with 10,000 movements, a catalogue of 2,000 items), each reported as p50 and
// p99 in microseconds: queue load p99 < 5 ms, inventory search p99 < 2 ms, a dispense of
// 3 items p99 < 3 ms, a ledger page of the 10,000-movement item p99 < 5 ms.

const benchPassword = "correct horse battery staple"

type benchClinic struct {
	s          *store.Store
	ctx        context.Context
	now        time.Time
	desk       store.User
	pharmacist store.User
	doctors    []store.User
	doctorIDs  []int64
}

func newBenchClinic(b *testing.B) *benchClinic {
	b.Helper()
	now := time.Date(2026, 3, 10, 7, 0, 0, 0, time.UTC) // a Tuesday, before surgery hours
	s, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "clinic.db"),
		store.WithBcryptCost(bcrypt.MinCost), store.WithClock(func() time.Time { return now }))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	c := &benchClinic{s: s, ctx: context.Background(), now: now}
	user := func(n store.NewUser) store.User {
		n.Password = benchPassword
		u, err := s.CreateUser(c.ctx, store.System("bench"), n)
		if err != nil {
			b.Fatal(err)
		}
		return u
	}
	c.desk = user(store.NewUser{Email: "desk@bench.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	c.pharmacist = user(store.NewUser{Email: "sam@bench.test", FullName: "Sam Patel", Role: store.RolePharmacist,
		Pharmacist: &store.PharmacistProfile{LicenceNumber: "P-1"}})
	for i := range 5 {
		d := user(store.NewUser{Email: fmt.Sprintf("doc%d@bench.test", i), FullName: fmt.Sprintf("Doctor %d", i),
			Role: store.RoleDoctor, Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: fmt.Sprint("D-", i)}})
		rec, err := s.DoctorByUser(c.ctx, c.desk.Actor(), d.ID)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.AddScheduleBlock(c.ctx, c.desk.Actor(), store.ScheduleBlock{DoctorID: rec.ID,
			Weekday: time.Tuesday, Start: "08:00", End: "18:00", SlotMinutes: 10}); err != nil {
			b.Fatal(err)
		}
		c.doctors, c.doctorIDs = append(c.doctors, d), append(c.doctorIDs, rec.ID)
	}
	return c
}

// batch runs fn in one write as actor, failing the benchmark on error.
func (c *benchClinic) batch(b *testing.B, actor store.Actor, fn func(*store.Tx) error) {
	b.Helper()
	if err := c.s.Batch(c.ctx, actor, fn); err != nil {
		b.Fatal(err)
	}
}

// items adds n items, each with stock, in one write; item i is over the counter when otc.
func (c *benchClinic) items(b *testing.B, n, stock int, otc bool) []int64 {
	b.Helper()
	names := []string{"Amoxicillin", "Paracetamol", "Ibuprofen", "Metformin", "Atorvastatin", "Omeprazole",
		"Cetirizine", "Amlodipine", "Losartan", "Salbutamol"}
	ids := make([]int64, n)
	c.batch(b, c.pharmacist.Actor(), func(tx *store.Tx) error {
		for i := range ids {
			id, err := tx.AddInventoryItem(c.ctx, store.ItemInput{Name: fmt.Sprintf("%s %d", names[i%len(names)], i),
				GenericName: names[i%len(names)], Strength: "500 mg", Form: "tablet", Unit: "tablet",
				OverTheCounter: otc, MinimumStock: 10, UnitPriceCents: 25})
			if err != nil {
				return err
			}
			ids[i] = id
			if _, err := tx.ReceiveStock(c.ctx, id, store.ReceiveInput{BatchNumber: "B-1",
				ExpiresOn: c.now.AddDate(1, 0, 0), Quantity: stock, Supplier: "Acme"}); err != nil {
				return err
			}
		}
		return nil
	})
	return ids
}

// percentiles times each of b.N calls of fn and reports p50 and p99 in microseconds.
func percentiles(b *testing.B, fn func(i int)) {
	b.Helper()
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		fn(i)
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(times)
	at := func(q float64) float64 { return float64(times[int(q*float64(len(times)-1))].Microseconds()) }
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}

func BenchmarkPharmacyQueue(b *testing.B) {
	c := newBenchClinic(b)
	items := c.items(b, 20, 1000, false)
	const perDoctor = 60
	appts := make([]int64, 0, perDoctor*len(c.doctorIDs))
	c.batch(b, c.desk.Actor(), func(tx *store.Tx) error {
		for d, doctorID := range c.doctorIDs {
			for slot := range perDoctor {
				pid, err := tx.AddPatient(c.ctx, store.PatientInput{FirstName: "Pat", LastName: fmt.Sprintf("Bench %d-%d", d, slot),
					DateOfBirth: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
				if err != nil {
					return err
				}
				start := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC).Add(time.Duration(slot) * 10 * time.Minute)
				id, err := tx.Book(c.ctx, store.BookingInput{PatientID: pid, DoctorID: doctorID, Start: start, Minutes: 10})
				if err != nil {
					return err
				}
				if err := tx.CheckIn(c.ctx, id); err != nil {
					return err
				}
				appts = append(appts, id)
			}
		}
		return nil
	})
	for d, doc := range c.doctors {
		c.batch(b, doc.Actor(), func(tx *store.Tx) error {
			for _, appt := range appts[d*perDoctor : (d+1)*perDoctor] {
				if err := tx.StartConsultation(c.ctx, appt); err != nil {
					return err
				}
				rx, err := tx.CreatePrescription(c.ctx, appt)
				if err != nil {
					return err
				}
				for k := range 3 {
					item := items[(int(appt)+k)%len(items)]
					if _, err := tx.AddMedication(c.ctx, rx, store.MedicationInput{InventoryItemID: item, Name: "Bench",
						Dosage: "1 tablet", Frequency: "BD", DurationDays: 5, Quantity: 10}); err != nil {
						return err
					}
				}
				if _, err := tx.AddTestOrder(c.ctx, rx, store.TestOrderInput{Name: "CBC", Priority: store.TestUrgent}); err != nil {
					return err
				}
				if err := tx.SubmitPrescription(c.ctx, rx); err != nil {
					return err
				}
			}
			return nil
		})
	}
	actor := c.pharmacist.Actor()
	if q, err := c.s.Queue(c.ctx, actor, 500); err != nil || len(q) != perDoctor*len(c.doctors) {
		b.Fatalf("queue of %d: %v", len(q), err)
	}
	percentiles(b, func(int) {
		if _, err := c.s.Queue(c.ctx, actor, 200); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkInventorySearch(b *testing.B) {
	c := newBenchClinic(b)
	c.items(b, 2000, 100, false)
	queries := []string{"a", "am", "amox", "para 1", "ibu", "met", "ator 12", "o", "cet", "sal 9"}
	actor := c.pharmacist.Actor()
	percentiles(b, func(i int) {
		if _, err := c.s.SearchInventory(c.ctx, actor, queries[i%len(queries)], 50); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkDispenseThreeItems(b *testing.B) {
	c := newBenchClinic(b)
	items := c.items(b, 3, 1_000_000, true)
	actor := c.pharmacist.Actor()
	in := store.DispenseInput{Lines: []store.DispenseLine{{ItemID: items[0], Quantity: 2}, {ItemID: items[1], Quantity: 1},
		{ItemID: items[2], Quantity: 3}}}
	percentiles(b, func(int) {
		if _, err := c.s.Dispense(c.ctx, actor, in); err != nil {
			b.Fatal(err)
		}
	})
}

func BenchmarkLedgerPage(b *testing.B) {
	c := newBenchClinic(b)
	item := c.items(b, 1, 20_000, false)[0]
	actor := c.pharmacist.Actor()
	batches, err := c.s.Batches(c.ctx, actor, item)
	if err != nil {
		b.Fatal(err)
	}
	c.batch(b, actor, func(tx *store.Tx) error {
		for i := range 9_999 {
			if err := tx.AdjustStock(c.ctx, batches[0].ID, -1, fmt.Sprint("count ", i)); err != nil {
				return err
			}
		}
		return nil
	})
	newest, err := c.s.Ledger(c.ctx, actor, item, 0, 1)
	if err != nil || len(newest) != 1 {
		b.Fatal(err)
	}
	top := newest[0].ID
	percentiles(b, func(i int) {
		before := top + 1 - int64((i*997)%10_000) // pages from the newest to the oldest
		if _, err := c.s.Ledger(c.ctx, actor, item, before, 50); err != nil {
			b.Fatal(err)
		}
	})
}
