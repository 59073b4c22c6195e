package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// The read targets of the desk's screens, on the large clinic, each reported as p50 and
// p99 in microseconds: patient by id < 100 µs; search as you type < 1 ms; a doctor's
// day < 1 ms; the day view of every doctor < 5 ms; a doctor's next 10 free slots < 2 ms;
// a long chart < 5 ms; catalogue search as you type < 2 ms; the pharmacy queue < 5 ms; a
// ledger page of a 10,000-movement item < 5 ms; a filtered audit page < 10 ms.

// pick runs a query on the large clinic's file outside the store, to choose what a
// benchmark reads (the patient with the longest chart, the busiest item).
func pick(b *testing.B, s *store.Store, query string, dest ...any) {
	b.Helper()
	db, err := sql.Open("sqlite", "file:"+s.Path()+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(query).Scan(dest...); err != nil {
		b.Fatalf("%s: %v", query, err)
	}
}

func BenchmarkDayView(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	today := s.Now()
	timed(b, asDesk(func(ctx context.Context, i int) error {
		_, err := s.DayView(ctx, desk, today.AddDate(0, 0, i%30-15))
		return err
	}))
}

// BenchmarkDayScreen is the every-doctor day view as the desk draws it (dayScreen):
// the day's appointments without names (DayBook) and every doctor's hours, then the
// names of the appointments an 80×24 screen shows, four doctors' columns over the first
// four hours (NameBook; the rest are named as the cursor brings them into view).
// DayView names the whole day's 1,500 patients at once, which no screen does.
func BenchmarkDayScreen(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	today := s.Now()
	timed(b, asDesk(func(ctx context.Context, i int) error {
		_, err := dayScreen(ctx, s, desk, today.AddDate(0, 0, i%30-15), func(list []store.BookEntry) []store.BookEntry {
			if len(list) == 0 {
				return nil // a day the clinic is closed
			}
			first := list[0].Start
			for _, e := range list {
				if e.Start.Before(first) {
					first = e.Start
				}
			}
			return screenEntries(list, first, first.Add(4*time.Hour))
		})
		return err
	}))
}

func BenchmarkNextFreeSlots(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	doctors, err := s.Doctors(context.Background(), desk)
	if err != nil {
		b.Fatal(err)
	}
	today := s.Now()
	timed(b, func(i int) error {
		_, err := s.NextFreeSlots(context.Background(), desk, doctors[i%len(doctors)].ID, today, 10)
		return err
	})
}

// BenchmarkChart loads the chart with the most history, allergy, medication and vitals
// rows in the clinic, and with it writes the access log's row.
func BenchmarkChart(b *testing.B) {
	s, sum := largeClinic(b)
	doctor := account(b, s, sum, store.RoleDoctor).Actor()
	var patient, rows int64
	pick(b, s, `SELECT patient_id, sum(n) FROM (
		SELECT patient_id, count(*) AS n FROM medical_history GROUP BY patient_id UNION ALL
		SELECT patient_id, count(*) FROM vital_signs GROUP BY patient_id UNION ALL
		SELECT patient_id, count(*) FROM allergies GROUP BY patient_id UNION ALL
		SELECT patient_id, count(*) FROM current_medications GROUP BY patient_id)
		GROUP BY patient_id ORDER BY 2 DESC LIMIT 1`, &patient, &rows)
	b.Logf("patient %d: %d chart rows", patient, rows)
	timed(b, asDesk(func(ctx context.Context, _ int) error {
		_, err := s.Chart(ctx, doctor, patient)
		return err
	}))
}

// BenchmarkSearchInventory types the catalogue's names letter by letter: the first one
// to four letters of each item's name, and a name's first word with a strength.
func BenchmarkSearchInventory(b *testing.B) {
	s, sum := largeClinic(b)
	ctx := context.Background()
	pharmacist := account(b, s, sum, store.RolePharmacist).Actor()
	items, err := s.SearchInventory(ctx, pharmacist, "", 200)
	if err != nil {
		b.Fatal(err)
	}
	var queries []string
	for _, it := range items {
		for n := 1; n <= 4 && n <= len(it.Name); n++ {
			queries = append(queries, strings.ToLower(it.Name[:n]))
		}
		queries = append(queries, strings.Fields(it.Name)[0]+" 5")
	}
	timed(b, func(i int) error {
		_, err := s.SearchInventory(ctx, pharmacist, queries[(i*31)%len(queries)], 50)
		return err
	})
}

// queueSetup tops the large clinic's pharmacy queue up to queueWaiting prescriptions
// once per run: today's appointments of each doctor from the evening on, checked in,
// seen, and each prescribed three stocked items and a test.
var queueSetup sync.Once

const queueWaiting = 300

// queueScreenPage is the page the pharmacy queue screen reads at a time (its queuePage).
const queueScreenPage = 50

// BenchmarkPharmacyQueue reads what the queue screen asks for: its first page, and a
// later page (after a row anywhere in the queue) as the cursor nears the end of what it
// has read.
func BenchmarkPharmacyQueue(b *testing.B) {
	s, sum := largeClinic(b)
	ctx := context.Background()
	pharmacist := account(b, s, sum, store.RolePharmacist).Actor()
	queueSetup.Do(func() { fillQueue(b, s, sum) })
	var waiting []store.QueueEntry
	for last := (store.QueueEntry{}); ; {
		page, err := s.QueueAfter(ctx, pharmacist, last, 500)
		if err != nil {
			b.Fatal(err)
		}
		waiting = append(waiting, page...)
		if len(page) < 500 {
			break
		}
		last = page[len(page)-1]
	}
	if len(waiting) < queueWaiting {
		b.Fatalf("queue of %d", len(waiting))
	}
	b.Run("first-page", func(b *testing.B) {
		timed(b, func(int) error {
			_, err := s.Queue(ctx, pharmacist, queueScreenPage)
			return err
		})
	})
	b.Run("later-page", func(b *testing.B) {
		timed(b, func(i int) error {
			after := waiting[(i*7919)%(len(waiting)-queueScreenPage)]
			_, err := s.QueueAfter(ctx, pharmacist, after, queueScreenPage)
			return err
		})
	})
}

func fillQueue(b *testing.B, s *store.Store, sum demo.Summary) {
	ctx := context.Background()
	pharmacist := account(b, s, sum, store.RolePharmacist).Actor()
	q, err := s.Queue(ctx, pharmacist, 500)
	if err != nil {
		b.Fatal(err)
	}
	missing := queueWaiting - len(q)
	b.Logf("the demo's queue holds %d prescriptions; adding %d", len(q), max(missing, 0))
	if missing <= 0 {
		return
	}
	items, err := s.SearchInventory(ctx, pharmacist, "", 200)
	if err != nil {
		b.Fatal(err)
	}
	var stocked []int64
	for _, it := range items {
		if it.CurrentStock > 100 {
			stocked = append(stocked, it.ID)
		}
	}
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	doctors, err := s.Doctors(ctx, desk)
	if err != nil {
		b.Fatal(err)
	}
	users := map[int64]store.Actor{}
	for _, a := range sum.Accounts {
		if a.Role == store.RoleDoctor {
			u, err := s.Login(ctx, a.Email, sum.Password)
			if err != nil {
				b.Fatal(err)
			}
			users[u.ID] = u.Actor()
		}
	}
	for d := 0; missing > 0; d++ {
		doc := doctors[d%len(doctors)]
		slots, err := s.NextFreeSlots(ctx, desk, doc.ID, s.Now(), 10)
		if err != nil {
			b.Fatal(err)
		}
		var appts []int64
		err = s.Batch(ctx, desk, func(tx *store.Tx) error {
			for k, sl := range slots {
				if k == missing {
					break
				}
				id, err := tx.Book(ctx, store.BookingInput{PatientID: int64(1 + (d*7919+k*104729)%sum.Patients),
					DoctorID: doc.ID, Start: sl.Start, Reason: "Benchmark visit"})
				if err != nil {
					return err
				}
				if err := tx.CheckIn(ctx, id); err != nil {
					return err
				}
				appts = append(appts, id)
			}
			return nil
		})
		if err != nil {
			b.Logf("doctor %d: %v", doc.ID, err) // a patient busy then: the next doctor's turn
			continue
		}
		err = s.Batch(ctx, users[doc.UserID], func(tx *store.Tx) error {
			for _, appt := range appts {
				if err := tx.StartConsultation(ctx, appt); err != nil {
					return err
				}
				rx, err := tx.CreatePrescription(ctx, appt)
				if err != nil {
					return err
				}
				for k := range 3 {
					if _, err := tx.AddMedication(ctx, rx, store.MedicationInput{InventoryItemID: stocked[(int(appt)+k)%len(stocked)],
						Name: "Bench", Dosage: "1 tablet", Frequency: "BD", DurationDays: 5, Quantity: 10}); err != nil {
						return err
					}
				}
				if _, err := tx.AddTestOrder(ctx, rx, store.TestOrderInput{Name: "CBC", Priority: store.TestUrgent}); err != nil {
					return err
				}
				if err := tx.SubmitPrescription(ctx, rx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		missing -= len(appts)
	}
}

// ledgerItem is the item with the most stock movements, topped up to ledgerMovements
// once per run with adjustments through the store.
var ledgerItem struct {
	once sync.Once
	id   int64
}

const ledgerMovements = 10_000

func BenchmarkLedgerPage(b *testing.B) {
	s, sum := largeClinic(b)
	ctx := context.Background()
	pharmacist := account(b, s, sum, store.RolePharmacist).Actor()
	ledgerItem.once.Do(func() { ledgerItem.id = fillLedger(b, s, pharmacist) })
	item := ledgerItem.id
	var starts []store.LedgerPlace // where each page of 50 starts, newest first
	for before := (store.LedgerPlace{}); ; {
		page, err := s.Ledger(ctx, pharmacist, item, before, 50)
		if err != nil {
			b.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		starts = append(starts, before)
		before = page[len(page)-1].Place()
	}
	timed(b, func(i int) error {
		_, err := s.Ledger(ctx, pharmacist, item, starts[(i*7)%len(starts)], 50)
		return err
	})
}

func fillLedger(b *testing.B, s *store.Store, pharmacist store.Actor) int64 {
	ctx := context.Background()
	var item, have int64
	pick(b, s, `SELECT item_id, count(*) FROM stock_movements GROUP BY item_id ORDER BY 2 DESC LIMIT 1`, &item, &have)
	b.Logf("item %d has %d movements; adding %d", item, have, max(ledgerMovements-have, 0))
	if have >= ledgerMovements {
		return item
	}
	err := s.Batch(ctx, pharmacist, func(tx *store.Tx) error {
		batch, err := tx.ReceiveStock(ctx, item, store.ReceiveInput{BatchNumber: "BENCH-1",
			ExpiresOn: s.Now().AddDate(2, 0, 0), Quantity: ledgerMovements, Supplier: "Bench"})
		if err != nil {
			return err
		}
		for i := have + 1; i < ledgerMovements; i++ {
			if err := tx.AdjustStock(ctx, batch, -1, fmt.Sprint("count ", i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return item
}

// BenchmarkAuditPage reads one page (25 rows, the screen's page at 30 lines) for each
// filter the screen offers, the first page and one deep in the trail.
func BenchmarkAuditPage(b *testing.B) {
	s, sum := largeClinic(b)
	ctx := context.Background()
	admin := account(b, s, sum, store.RoleAdmin).Actor()
	newest, err := s.AuditPage(ctx, admin, store.AuditFilter{}, 0, 1)
	if err != nil || len(newest) != 1 {
		b.Fatal(err)
	}
	maxID := newest[0].ID
	mid, err := s.AuditPage(ctx, admin, store.AuditFilter{}, maxID/2, 1)
	if err != nil || len(mid) != 1 {
		b.Fatal(err)
	}
	staff, err := s.ListUsers(ctx, admin, "")
	if err != nil {
		b.Fatal(err)
	}
	desk := account(b, s, sum, store.RoleReceptionist)
	at := mid[0].At.Truncate(time.Minute)
	filters := []struct {
		name string
		f    store.AuditFilter
	}{
		{"all", store.AuditFilter{}},
		{"user", store.AuditFilter{ActorID: desk.ID}},
		{"patient", store.AuditFilter{PatientID: int64(sum.Patients / 2)}},
		{"table", store.AuditFilter{Table: "patients"}},
		{"action", store.AuditFilter{Action: store.EventLogin}},
		{"table+action", store.AuditFilter{Table: "appointments", Action: "UPDATE"}},
		{"rare-action", store.AuditFilter{Action: store.EventLockout}},
		{"dates", store.AuditFilter{From: at, To: at.Add(time.Minute)}},
		{"user+dates", store.AuditFilter{ActorID: desk.ID, From: at, To: at.Add(time.Minute)}},
		{"user+table+action", store.AuditFilter{ActorID: staff[len(staff)/2].ID, Table: store.SessionTable, Action: store.EventLogout}},
	}
	for _, tc := range filters {
		for _, deep := range []bool{false, true} {
			before, name := int64(0), tc.name+"/first"
			if deep {
				before, name = maxID/2, tc.name+"/deep"
			}
			b.Run(name, func(b *testing.B) {
				timed(b, func(int) error {
					_, err := s.AuditPage(ctx, admin, tc.f, before, 25)
					return err
				})
			})
		}
	}
}

// BenchmarkVerifyAudit checks the whole chain and reports rows per second.
func BenchmarkVerifyAudit(b *testing.B) {
	s, _ := largeClinic(b)
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

// BenchmarkReadsConcurrent is what many desks served at once ask of the store's readers:
// eight at a time, in turn a search, a doctor's day and a patient by id, as the
// single-reader benchmarks above run them. Run it with CLINICDESK_BENCH_PAGE_POOL set
// to serve's pool (store.ServerPagePoolMiB) beside the desk's to see what the larger
// pool buys the server.
func BenchmarkReadsConcurrent(b *testing.B) {
	s, sum := largeClinic(b)
	desk := account(b, s, sum, store.RoleReceptionist).Actor()
	ctx := context.Background()
	doctors, err := s.Doctors(ctx, desk)
	if err != nil {
		b.Fatal(err)
	}
	prefixes := searchPrefixes()
	today := s.Now()
	concurrent(b, 8, asDesk(func(ctx context.Context, i int) error {
		var err error
		switch i % 3 {
		case 0:
			_, err = s.SearchPatients(ctx, desk, prefixes[i/3%len(prefixes)], 50)
		case 1:
			_, err = s.DoctorDay(ctx, desk, doctors[i/3%len(doctors)].ID, today.AddDate(0, 0, i/3%30-15))
		default:
			_, err = s.Patient(ctx, desk, int64(1+(i/3*7919)%sum.Patients))
		}
		return err
	}))
}
