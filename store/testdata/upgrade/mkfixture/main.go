//go:build ignore

// Command mkfixture writes a small, real ClinicDesk database through the store API of the
// commit it is built with: the upgrade fixtures store/testdata/upgrade/vN.db. It is run
// inside a temporary worktree of the released commit, so that the file is made by that
// version's own schema and code (see ../README.md). From the old commit's worktree:
//
//	go run /path/to/checkout/store/testdata/upgrade/mkfixture/main.go -o /tmp/vN.db
//
// Everything happens on the store's clock, fixed at Monday 2 March 2026 in Asia/Kolkata,
// so two runs give the same rows except for bcrypt salts, the timestamps SQL column
// defaults take from the wall clock, and the audit hashes over both. Every table gets at least one row, except audit_context, which
// holds a row only while a transaction runs. The file is left checkpointed, in rollback
// journal mode and vacuumed, so the .db file alone is the whole database.
package main

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"time"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/crypto/ssh"
	_ "modernc.org/sqlite"

	"github.com/clinicdesk/clinicdesk/store"
)

const password = "fixture password one"

func main() {
	out := flag.String("o", "", "the database file to create (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: go run .../store/testdata/upgrade/mkfixture/main.go -o FILE")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "mkfixture: %s exists; give a new file\n", *out)
		os.Exit(1)
	}
	if err := build(context.Background(), *out); err != nil {
		fmt.Fprintln(os.Stderr, "mkfixture:", err)
		os.Exit(1)
	}
	if err := compact(*out); err != nil {
		fmt.Fprintln(os.Stderr, "mkfixture:", err)
		os.Exit(1)
	}
}

// clock is the store's clock, moved by the script as the clinic's morning goes on.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// fixture carries the first error, so the script reads as a list of steps.
type fixture struct {
	ctx context.Context
	s   *store.Store
	err error
}

func (f *fixture) must(step string, err error) {
	if err != nil && f.err == nil {
		f.err = fmt.Errorf("%s: %w", step, err)
	}
}

func ptr[T any](v T) *T { return &v }

func build(ctx context.Context, path string) error {
	loc, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		return err
	}
	at := func(day, hour, minute int) time.Time { return time.Date(2026, 3, day, hour, minute, 0, 0, loc) }
	clk := &clock{t: at(2, 8, 0)}
	s, err := store.Open(ctx, path, store.WithClock(clk.now), store.WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		return err
	}
	defer s.Close()
	f := &fixture{ctx: ctx, s: s}

	// Settings and staff.
	admin, err := s.Setup(ctx, store.ClinicSetup{Name: "Fixture Clinic"}, store.NewUser{Email: "admin@fixture.test", FullName: "Asha Admin",
		Password: password})
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	adm := admin.Actor()
	f.must("time zone", s.PutSetting(ctx, adm, store.SettingTimeZone, "Asia/Kolkata"))
	f.must("currency", s.PutSetting(ctx, adm, store.SettingCurrency, "INR"))
	f.must("idle lock", s.PutSetting(ctx, adm, "idle_lock_minutes", "10"))
	user := func(n store.NewUser) store.User {
		n.Password = password
		u, err := s.CreateUser(ctx, adm, n)
		f.must("user "+n.Email, err)
		return u
	}
	desk := user(store.NewUser{Email: "desk@fixture.test", FullName: "Dev Desk", Role: store.RoleReceptionist})
	rao := user(store.NewUser{Email: "rao@fixture.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS, MD", LicenceNumber: "MCI-1001",
			Specialisations: []string{"General Practice", "Diabetology"}, FeeCents: 50000}})
	mehta := user(store.NewUser{Email: "mehta@fixture.test", FullName: "Priya Mehta", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "MCI-1002",
			Specialisations: []string{"Paediatrics"}, FeeCents: 60000}})
	pharm := user(store.NewUser{Email: "pharm@fixture.test", FullName: "Sam Patel", Role: store.RolePharmacist,
		Pharmacist: &store.PharmacistProfile{LicenceNumber: "PH-2001"}})
	if f.err != nil {
		return f.err
	}
	deskA, raoA, mehtaA, pharmA := desk.Actor(), rao.Actor(), mehta.Actor(), pharm.Actor()

	// An SSH key for Dr Rao, from a fixed seed so the key is the same on every run.
	pub, err := ssh.NewPublicKey(ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public())
	if err != nil {
		return err
	}
	line := string(ssh.MarshalAuthorizedKey(pub))
	_, err = s.AddSSHKey(ctx, adm, rao.ID, line[:len(line)-1]+" rao@laptop")
	f.must("ssh key", err)

	// Calendars: weekday mornings for both doctors, a leave and a holiday.
	doctors, err := s.Doctors(ctx, adm)
	if err != nil {
		return err
	}
	doctorID := map[int64]int64{}
	for _, d := range doctors {
		doctorID[d.UserID] = d.ID
	}
	raoD, mehtaD := doctorID[rao.ID], doctorID[mehta.ID]
	for _, d := range []int64{raoD, mehtaD} {
		for wd := time.Monday; wd <= time.Friday; wd++ {
			_, err := s.AddScheduleBlock(ctx, adm, store.ScheduleBlock{DoctorID: d, Weekday: wd, Start: "09:00",
				End: "13:00", SlotMinutes: 15})
			f.must("schedule", err)
		}
	}
	_, err = s.AddLeave(ctx, adm, mehtaD, at(16, 0, 0), at(18, 0, 0), "Medical conference")
	f.must("leave", err)
	_, err = s.AddHoliday(ctx, adm, at(25, 0, 0), "Clinic closed: staff training day")
	f.must("holiday", err)

	// Inventory: two prescription medicines and one over the counter, with batches.
	item := func(in store.ItemInput) int64 {
		id, err := s.AddInventoryItem(ctx, pharmA, in)
		f.must("item "+in.Name, err)
		return id
	}
	amox := item(store.ItemInput{Name: "Amoxicillin 500 mg", GenericName: "amoxicillin", DrugClass: "Antibiotic",
		Strength: "500 mg", Form: "capsule", Unit: "capsule", MinimumStock: 20, UnitPriceCents: 800})
	metf := item(store.ItemInput{Name: "Metformin 500 mg", GenericName: "metformin", DrugClass: "Antidiabetic",
		Strength: "500 mg", Form: "tablet", Unit: "tablet", MinimumStock: 30, UnitPriceCents: 300})
	para := item(store.ItemInput{Name: "Paracetamol 500 mg", GenericName: "paracetamol", DrugClass: "Analgesic",
		Strength: "500 mg", Form: "tablet", Unit: "tablet", OverTheCounter: true, MinimumStock: 50,
		UnitPriceCents: 100})
	receive := func(itemID int64, batch string, expires time.Time, qty int) int64 {
		id, err := s.ReceiveStock(ctx, pharmA, itemID, store.ReceiveInput{BatchNumber: batch, ExpiresOn: expires,
			Quantity: qty, UnitCostCents: 50, Supplier: "Acme Pharma"})
		f.must("receive "+batch, err)
		return id
	}
	amoxSoon := receive(amox, "AMX-001", at(20, 0, 0), 30)
	receive(amox, "AMX-002", time.Date(2027, 6, 30, 0, 0, 0, 0, loc), 100)
	metfBatch := receive(metf, "MET-001", time.Date(2027, 1, 31, 0, 0, 0, 0, loc), 200)
	paraBatch := receive(para, "PAR-001", time.Date(2027, 9, 30, 0, 0, 0, 0, loc), 500)
	f.must("adjust", s.AdjustStock(ctx, pharmA, metfBatch, -2, "Two tablets found crushed at the count"))
	f.must("return", s.ReturnToSupplier(ctx, pharmA, paraBatch, 20, "Damaged outer cartons"))
	_, err = s.AnnounceExpiringBatches(ctx)
	f.must("expiry notices", err)

	// Patients and their charts.
	patient := func(in store.PatientInput) store.Patient {
		p, err := s.AddPatient(ctx, deskA, in)
		f.must("patient "+in.FirstName, err)
		return p
	}
	jane := patient(store.PatientInput{FirstName: "Jane", LastName: "Doe", DateOfBirth: time.Date(1980, 5, 1, 0, 0, 0, 0, time.UTC),
		Sex: "female", Phone: "+91 98450 00001", Email: "jane@example.com", Address: "12 MG Road, Bengaluru",
		EmergencyContactName: "John Doe", EmergencyContactPhone: "+91 98450 00002", BloodGroup: "O+"})
	ravi := patient(store.PatientInput{FirstName: "Ravi", LastName: "Kumar", DateOfBirth: time.Date(2015, 8, 20, 0, 0, 0, 0, time.UTC),
		Sex: "male", Phone: "+91 98450 00003"})
	meera := patient(store.PatientInput{FirstName: "Meera", LastName: "Iyer", DateOfBirth: time.Date(1955, 1, 9, 0, 0, 0, 0, time.UTC),
		Sex: "female", Phone: "+91 98450 00004"})
	if f.err != nil {
		return f.err
	}
	// A corrected surname: from schema v6 on, patient_name_changes logs it.
	_, err = s.UpdatePatient(ctx, deskA, meera.ID, store.PatientInput{FirstName: "Meera", LastName: "Iyengar",
		DateOfBirth: time.Date(1955, 1, 9, 0, 0, 0, 0, time.UTC), Sex: "female", Phone: "+91 98450 00004"})
	f.must("rename", err)
	_, err = s.AddHistory(ctx, raoA, jane.ID, store.HistoryInput{Condition: "Type 2 diabetes",
		DiagnosedOn: time.Date(2019, 4, 1, 0, 0, 0, 0, time.UTC), Status: "active", Notes: "Diet and metformin"})
	f.must("history", err)
	_, err = s.AddAllergy(ctx, raoA, jane.ID, store.AllergyInput{Allergen: "Penicillin", Reaction: "Hives",
		Severity: "moderate"})
	f.must("allergy", err)
	_, err = s.AddCurrentMedication(ctx, raoA, jane.ID, store.CurrentMedicationInput{Name: "Metformin 500 mg",
		Dosage: "1 tablet", Frequency: "BD", StartedOn: time.Date(2019, 4, 1, 0, 0, 0, 0, time.UTC),
		PrescribedBy: "Dr Anil Rao"})
	f.must("current medication", err)

	// The morning's book.
	book := func(p store.Patient, doctor int64, start time.Time, reason string) int64 {
		id, err := s.Book(ctx, deskA, store.BookingInput{PatientID: p.ID, DoctorID: doctor, Start: start, Reason: reason})
		f.must("book "+p.FirstName, err)
		return id
	}
	visit := book(jane, raoD, at(2, 9, 0), "Diabetes review")
	missed := book(ravi, raoD, at(2, 9, 30), "Cough")
	cancelled := book(meera, mehtaD, at(2, 10, 0), "Knee pain")
	later := book(jane, mehtaD, at(9, 10, 0), "Follow-up")
	_, _, err = s.BookSeries(ctx, deskA, store.BookingInput{PatientID: meera.ID, DoctorID: raoD, Start: at(3, 11, 0),
		Reason: "Dressing change"}, 7*24*time.Hour, 2)
	f.must("series", err)
	f.must("confirm", s.Confirm(ctx, deskA, visit))
	f.must("cancel", s.Cancel(ctx, deskA, cancelled, "Patient is travelling"))
	clk.t = at(2, 8, 50)
	f.must("check in", s.CheckIn(ctx, deskA, visit))
	clk.t = at(2, 9, 2)
	f.must("start", s.StartConsultation(ctx, raoA, visit))
	_, err = s.AddVitals(ctx, raoA, jane.ID, store.VitalsInput{AppointmentID: visit, RecordedAt: clk.t,
		Measurements: store.Measurements{HeightCm: ptr(162.0), WeightKg: ptr(71.5), Systolic: ptr(132),
			Diastolic: ptr(84), Pulse: ptr(78), TemperatureC: ptr(36.8), SpO2: ptr(98), RespiratoryRate: ptr(16)}})
	f.must("vitals", err)

	// Dr Rao's prescription: a saved favourite, two medicines, a test, then an amendment.
	_, err = s.SaveFavourite(ctx, raoA, "Diabetes follow-up", []store.FavouriteItem{{InventoryItemID: metf,
		Name: "Metformin 500 mg", Dosage: "1 tablet", Frequency: "BD", DurationDays: 30, Quantity: 60}})
	f.must("favourite", err)
	_, err = s.SaveFavourite(ctx, mehtaA, "Fever, child", []store.FavouriteItem{{InventoryItemID: para,
		Name: "Paracetamol 500 mg", Dosage: "half a tablet", Frequency: "QID", DurationDays: 3, Quantity: 6}})
	f.must("second favourite", err)
	rx, err := s.CreatePrescription(ctx, raoA, visit)
	f.must("prescription", err)
	f.must("rx text", s.SetPrescriptionText(ctx, raoA, rx, "Type 2 diabetes, controlled; sore throat",
		"Review in three months", ""))
	metfLine, err := s.AddMedication(ctx, raoA, rx, store.MedicationInput{InventoryItemID: metf, Dosage: "1 tablet",
		Frequency: "BD", DurationDays: 30, Instructions: "After food", Quantity: 60})
	f.must("metformin", err)
	amoxLine, err := s.AddMedication(ctx, raoA, rx, store.MedicationInput{InventoryItemID: amox, Dosage: "1 capsule",
		Frequency: "TDS", DurationDays: 5, Quantity: 15,
		AllergyOverrideReason: "Mild reaction years ago; tolerated amoxicillin in 2024"})
	f.must("amoxicillin", err)
	_, err = s.AddTestOrder(ctx, raoA, rx, store.TestOrderInput{Name: "HbA1c", Instructions: "Fasting not needed"})
	f.must("test order", err)
	f.must("submit", s.SubmitPrescription(ctx, raoA, rx))
	_, err = s.AmendPrescription(ctx, raoA, rx, "Clarify the dose", "Metformin: take with the evening meal.")
	f.must("amend", err)
	clk.t = at(2, 9, 20)
	f.must("complete", s.Complete(ctx, raoA, visit))
	f.must("payment", s.RecordPayment(ctx, deskA, visit, store.PaymentInput{Status: store.PaymentPaid,
		Method: store.PaymentCash, AmountCents: 50000}))
	clk.t = at(2, 10, 0)
	f.must("no-show", s.MarkNoShow(ctx, deskA, missed))

	// The pharmacy dispenses it, the older amoxicillin batch first, and sells paracetamol.
	clk.t = at(2, 10, 15)
	batches, err := s.Batches(ctx, pharmA, metf)
	if err != nil || len(batches) == 0 {
		return fmt.Errorf("metformin batches: %d, %v", len(batches), err)
	}
	dispense := store.DispenseInput{PrescriptionID: rx, PatientID: jane.ID, Lines: []store.DispenseLine{
		{PrescriptionMedicationID: metfLine, ItemID: metf, BatchID: batches[0].ID, Quantity: 60},
		{PrescriptionMedicationID: amoxLine, ItemID: amox, BatchID: amoxSoon, Quantity: 15},
	}, Payment: &store.SalePayment{Method: "upi", AmountCents: 60*300 + 15*800}}
	// From schema 11 the pharmacist acknowledges each warning (the amoxicillin line is
	// over the patient's penicillin allergy) before handing the medicines over.
	warnings, err := s.DispenseWarnings(ctx, pharmA, dispense)
	f.must("dispense warnings", err)
	for i := range dispense.Lines {
		dispense.Lines[i].Acknowledgements = store.AcknowledgeAll(warnings[i], "Checked with the patient at the counter")
	}
	_, err = s.Dispense(ctx, pharmA, dispense)
	f.must("dispense", err)
	sale, err := s.Dispense(ctx, pharmA, store.DispenseInput{Lines: []store.DispenseLine{
		{ItemID: para, BatchID: paraBatch, Quantity: 10}}, Payment: &store.SalePayment{Method: "cash", AmountCents: 1000}})
	f.must("walk-in sale", err)
	// From schema 13 money is a ledger: the sale is partly refunded, and the front desk
	// closes the day's till a little short, saying why.
	f.must("refund", s.RefundFulfilment(ctx, pharmA, sale, store.RefundInput{Method: store.PaymentCash,
		AmountCents: 200, Reason: "Two strips returned unopened"}))
	_, err = s.CloseTill(ctx, deskA, store.DeskFront, at(2, 0, 0), store.TillCount{
		Counted: map[store.PaymentMethod]int64{store.PaymentCash: 49900}, Reason: "A coin short in the float"})
	f.must("close the front desk's till", err)
	notes, err := s.Notifications(ctx, pharmA, true, 10)
	f.must("notifications", err)
	if len(notes) > 0 {
		f.must("mark read", s.MarkRead(ctx, pharmA, notes[0].ID))
	}

	// Jane gets a portal account and asks to cancel next week's visit.
	portal, err := s.GivePatientAccount(ctx, deskA, jane.ID, "jane@example.com", password)
	f.must("portal account", err)
	f.must("cancellation request", s.RequestCancellation(ctx, portal.Actor(), later, "I will be away that week"))

	// The front desk breaks the glass to read Ravi's chart; Dr Rao reads Jane's.
	_, err = s.BreakGlass(ctx, deskA, ravi.ID, "Ravi collapsed in the waiting room")
	f.must("break glass", err)
	_, err = s.Chart(ctx, deskA, ravi.ID)
	f.must("emergency chart", err)
	_, err = s.Chart(ctx, raoA, jane.ID)
	f.must("chart", err)
	// From schema 14 a patient can be erased: Arun registered by mistake and asked to
	// be forgotten; his row stays, pseudonymised, beside the erasure's record.
	arun := patient(store.PatientInput{FirstName: "Arun", LastName: "Mistake", DateOfBirth: time.Date(1990, 3, 3, 0, 0, 0, 0, time.UTC),
		Sex: "male", Phone: "+91 98450 00005", Email: "arun@example.com", Address: "7 Residency Road, Bengaluru"})
	_, err = s.ErasePatient(ctx, adm, arun.ID, "Registered twice by mistake; the patient asked to be forgotten")
	f.must("erasure", err)
	_, err = s.Login(ctx, "desk@fixture.test", password)
	f.must("login", err)
	if f.err != nil {
		return f.err
	}
	report, err := s.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if !report.Intact() {
		return fmt.Errorf("the audit chain does not verify: %+v", report)
	}
	return s.Close()
}

// compact folds the WAL into the file, leaves WAL mode and vacuums, so that the .db file
// is the whole database and as small as its rows.
func compact(path string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, q := range []string{"PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA journal_mode=DELETE", "VACUUM"} {
		if _, err := db.Exec(q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return db.Close()
}
