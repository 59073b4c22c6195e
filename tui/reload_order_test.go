package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// Changes committed close together start a screen's reloads side by side, and the first
// one's answer, older, can arrive last. Each test here makes two changes and holds back
// the answer to the first one's reload until the second one's is on the screen.

// answerOf matches a screen's answer by its type's name ("till.loadedMsg"), as the desk
// hands it back to the screen that asked.
func answerOf(name string) func(tea.Msg) bool {
	return func(msg tea.Msg) bool {
		if routed, ok := msg.(screenMsg); ok {
			msg = routed.msg
		}
		return fmt.Sprintf("%T", msg) == name
	}
}

// keepsTheNewestReload holds back the answer (of the type named loaded) to the reload
// that the first change starts, makes the second change, and waits until the screen
// shows newest; then it gives the held answer and fails the test unless the screen
// still shows newest.
func keepsTheNewestReload(t *testing.T, p *tuitest.Program, loaded string, first, second func(), newest string) {
	t.Helper()
	held := p.HoldBack(answerOf(loaded))
	first()
	held.Wait()
	second()
	p.WaitFor(newest)
	held.Release()
	if screen := p.Screen(); !strings.Contains(screen, newest) {
		t.Fatalf("an older reload's %s, arriving last, replaced the newest; the screen shows:\n%s", loaded, screen)
	}
}

// startAs runs the desk logged in as u.
func startAs(t *testing.T, s *store.Store, u store.User) *tuitest.Program {
	t.Helper()
	return tuitest.Start(t, New(Options{Store: s, Renderer: tuitest.Renderer(), User: &u}), 100, 30)
}

// reloadClinic is Dr. Asha Rao's Monday (2 March 2026, 09:00 UTC), the receptionist
// Maya Desk, and Ann Lee, a patient with an account of her own.
type reloadClinic struct {
	*tuitest.Clinic
	doctor, desk, ann store.User
	doctorID, annID   int64
}

func newReloadClinic(t *testing.T) reloadClinic {
	t.Helper()
	c := reloadClinic{Clinic: tuitest.NewClinic(t, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))}
	c.doctor = c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Asha Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "MCI-1", FeeCents: 50000}})
	c.desk = c.User(store.NewUser{Email: "desk@clinic.test", FullName: "Maya Desk", Role: store.RoleReceptionist})
	c.doctorID = c.DoctorID(c.doctor)
	c.Block(tuitest.System, store.ScheduleBlock{DoctorID: c.doctorID, Weekday: time.Monday, Start: "08:00",
		End: "17:00", SlotMinutes: 15})
	c.annID = c.patient("Ann", "Lee")
	var err error
	if c.ann, err = c.S.GivePatientAccount(context.Background(), c.desk.Actor(), c.annID, "ann@example.test",
		tuitest.Password); err != nil {
		t.Fatal(err)
	}
	return c
}

// patient registers a patient and returns their id.
func (c reloadClinic) patient(first, last string) int64 {
	return c.Patient(c.desk.Actor(), store.PatientInput{FirstName: first, LastName: last,
		DateOfBirth: time.Date(1990, 1, 2, 0, 0, 0, 0, time.UTC), Sex: "female"}).ID
}

// book books the patient with Dr. Rao at hh:mm today, as the front desk, and returns
// the appointment's id.
func (c reloadClinic) book(patientID int64, hhmm string) int64 {
	c.T.Helper()
	start, err := time.Parse("2006-01-02 15:04", "2026-03-02 "+hhmm)
	if err != nil {
		c.T.Fatal(err)
	}
	return c.Book(c.desk.Actor(), store.BookingInput{PatientID: patientID, DoctorID: c.doctorID, Start: start})
}

// prescribe sees the patient of the visit and sends the pharmacy a prescription.
func (c reloadClinic) prescribe(visit int64) {
	c.T.Helper()
	ctx, doctor := context.Background(), c.doctor.Actor()
	if err := c.S.CheckIn(ctx, c.desk.Actor(), visit); err != nil {
		c.T.Fatal(err)
	}
	if err := c.S.StartConsultation(ctx, doctor, visit); err != nil {
		c.T.Fatal(err)
	}
	rx, err := c.S.CreatePrescription(ctx, doctor, visit)
	if err != nil {
		c.T.Fatal(err)
	}
	if _, err := c.S.AddMedication(ctx, doctor, rx, store.MedicationInput{Name: "Paracetamol", Strength: "500 mg",
		Dosage: "1 tablet", Frequency: "TDS", Quantity: 15}); err != nil {
		c.T.Fatal(err)
	}
	if err := c.S.SubmitPrescription(ctx, doctor, rx); err != nil {
		c.T.Fatal(err)
	}
}

// Two payments committed close together: the till must not go back to one.
func TestTillKeepsItsNewestReload(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 10, 16, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, now)
	desk := paidVisits(c)
	doctor, err := c.S.UserByEmail(context.Background(), tuitest.System, "rao@clinic.test")
	if err != nil {
		t.Fatal(err)
	}
	p := startAs(t, c.S, desk)
	p.WaitFor("Dee Desk · receptionist", "4 Till")
	p.Type("4")
	p.WaitFor("Till · front desk", "0 payments")
	pay := func(n int) func() {
		return func() {
			paidVisit{now.Add(-time.Duration(n) * time.Hour), store.PaymentCash, 5000}.pay(c, desk, c.DoctorID(doctor), n)
		}
	}
	keepsTheNewestReload(t, p, "till.loadedMsg", pay(1), pay(2), "2 payments")
}

// Two notifications committed close together: the list must not go back to one row
// under a count of two (CI once showed "2 unread" over a list of one).
func TestNotificationsKeepTheirNewestReload(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	ph := c.User(store.NewUser{Email: "sam@clinic.test", FullName: "Sam Pharm", Role: store.RolePharmacist,
		Pharmacist: &store.PharmacistProfile{LicenceNumber: "PH-1"}})
	p := startAs(t, c.S, ph)
	p.WaitFor("Sam Pharm · pharmacist")
	p.Key("ctrl+n")
	p.WaitFor("Notifications")
	notify := func(title string) func() {
		return func() {
			ctx := context.Background()
			if err := c.S.Batch(ctx, tuitest.System, func(tx *store.Tx) error {
				return tx.Notify(ctx, store.NotificationInput{Role: store.RolePharmacist, Kind: "test", Title: title})
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
	keepsTheNewestReload(t, p, "notify.loadedMsg", notify("RX000001 to dispense"), notify("RX000002 to dispense"),
		"RX000002 to dispense")
}

// Two bookings committed close together: the doctor's day must not go back to one.
func TestTheDoctorsQueueKeepsItsNewestReload(t *testing.T) {
	t.Parallel()
	c := newReloadClinic(t)
	ben := c.patient("Ben", "Okafor")
	p := startAs(t, c.S, c.doctor)
	p.WaitFor("Asha Rao · doctor", "1 Today")
	keepsTheNewestReload(t, p, "queue.loadedMsg", func() { c.book(c.annID, "09:30") }, func() { c.book(ben, "10:00") },
		"Ben Okafor")
}

// Two allergies recorded close together: the open chart must not go back to one.
func TestAnOpenChartKeepsItsNewestReload(t *testing.T) {
	t.Parallel()
	c := newReloadClinic(t)
	c.book(c.annID, "09:30")
	p := startAs(t, c.S, c.doctor)
	p.WaitFor("Ann Lee")
	p.Key("enter")
	p.WaitFor("Allergies: none known")
	allergy := func(name string) func() {
		return func() {
			if _, err := c.S.AddAllergy(context.Background(), c.doctor.Actor(), c.annID,
				store.AllergyInput{Allergen: name, Severity: "mild"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	keepsTheNewestReload(t, p, "chart.loadedMsg", allergy("Latex"), allergy("Penicillin"), "Penicillin")
}

// The patient's tabs: two changes on their record committed close together must not
// leave a tab showing the first one alone.
func TestThePatientsTabsKeepTheirNewestReload(t *testing.T) {
	t.Parallel()
	t.Run("visits", func(t *testing.T) {
		t.Parallel()
		c := newReloadClinic(t)
		p := startAs(t, c.S, c.ann)
		p.WaitFor("Ann Lee · patient", "No upcoming appointments.")
		keepsTheNewestReload(t, p, "patient.visitsMsg", func() { c.book(c.annID, "09:30") },
			func() { c.book(c.annID, "10:00") }, "APT000002")
	})
	t.Run("prescriptions", func(t *testing.T) {
		t.Parallel()
		c := newReloadClinic(t)
		first, second := c.book(c.annID, "09:30"), c.book(c.annID, "10:00")
		p := startAs(t, c.S, c.ann)
		p.WaitFor("Ann Lee · patient", "2 My prescriptions")
		p.Type("2")
		p.WaitFor("No prescriptions")
		keepsTheNewestReload(t, p, "patient.prescriptionsMsg", func() { c.prescribe(first) },
			func() { c.prescribe(second) }, "RX000002")
	})
	t.Run("who looked", func(t *testing.T) {
		t.Parallel()
		c := newReloadClinic(t)
		p := startAs(t, c.S, c.ann)
		p.WaitFor("Ann Lee · patient", "3 Who looked")
		p.Type("3")
		p.WaitFor("No one at the clinic has opened your record.")
		ctx := context.Background()
		keepsTheNewestReload(t, p, "patient.accessesMsg", func() {
			if _, err := c.S.Chart(ctx, c.doctor.Actor(), c.annID); err != nil {
				t.Fatal(err)
			}
		}, func() {
			if _, err := c.S.BreakGlass(ctx, c.desk.Actor(), c.annID, "Fainted at the desk"); err != nil {
				t.Fatal(err)
			}
		}, "Maya Desk")
	})
}

// An answer is kept only when no reload started after it: the later one carries newer rows.
func TestReloadsKeepsOnlyTheNewestAnswer(t *testing.T) {
	t.Parallel()
	var r common.Reloads
	first := r.Start()
	second := r.Start()
	if r.Newest(first) {
		t.Fatal("the first reload's answer was kept after a second reload started")
	}
	if !r.Newest(second) {
		t.Fatal("the newest reload's answer was dropped")
	}
	third := r.Start()
	if r.Newest(second) || !r.Newest(third) {
		t.Fatal("a third reload did not supersede the second")
	}
}
