package tui

import (
	"context"
	"testing"
	"time"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// The admin erases a patient from the Settings tab's erasure view with keys: finds them, reads what
// the erasure keeps and takes out, types a reason, confirms; the store then holds the
// pseudonym and the erasure record. A patient with a visit to come is refused in words,
// and a typed reason is not dropped by esc without asking.
func TestAdminErasesAPatientFromSettings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := tuitest.NewClinic(t, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
	admin := addUser(t, c.S, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	desk := addUser(t, c.S, store.RoleReceptionist, "dee@clinic.test", "Dee Desk")
	zor := c.Patient(desk.Actor(), store.PatientInput{FirstName: "Zorblax", LastName: "Quuxington", Sex: "male",
		DateOfBirth: time.Date(1977, 8, 19, 0, 0, 0, 0, time.UTC), Phone: "+99 58273 64019"})
	busy := c.Patient(desk.Actor(), store.PatientInput{FirstName: "Busy", LastName: "Bee", Sex: "female",
		DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)})
	visit(t, c, desk, busy.ID, time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC), store.AppointmentScheduled)

	p := openErasure(t, c)
	p.WaitFor(zor.Code+"  Zorblax Quuxington", busy.Code+"  Busy Bee")
	p.Type("/")
	p.Type("Busy")
	p.WaitUntil("only Busy Bee listed", func(s string) bool {
		return tuitest.LineOf(s, "Busy Bee") >= 0 && tuitest.LineOf(s, "Zorblax") < 0
	})
	p.Key("enter")
	p.Key("enter")
	p.WaitFor("Not now:", "They have 1 appointment still to come or under way (APT000001): cancel or finish it first.")
	p.Type("e")
	if tuitest.LineOf(p.Screen(), "Reason:") >= 0 {
		t.Fatal("e opened the reason for a patient who may not be erased")
	}
	p.Key("esc")
	p.WaitFor("/ Busy", "› "+busy.Code) // back to the search as it was
	p.Type("/")
	p.Key("esc") // clears it
	p.WaitFor("retention period", zor.Code+"  Zorblax Quuxington")
	p.Key("down") // the newest registered come first
	p.WaitFor("› " + zor.Code)
	p.Key("enter")
	p.WaitFor("Taken out", "0 messages", "Then the file is compacted")
	p.Type("e")
	p.WaitFor("Reason:")
	p.Type("Asked in writing at the desk")
	p.Key("esc")
	p.WaitFor("Leave without saving?") // the frame asks before esc drops a typed reason
	p.Type("n")
	p.WaitFor("Asked in writing at the desk")
	p.Key("enter")
	p.WaitFor("Erase " + zor.Code + " now? It cannot be undone.")
	p.Type("y")
	p.WaitFor(zor.Code + " erased: now Erased ")

	if n := c.Count(`SELECT count(*) FROM patients WHERE id = ? AND first_name = 'Erased' AND phone = ''`, zor.ID); n != 1 {
		t.Errorf("the patient's row after the erasure: %d rows erased", n)
	}
	if n := c.Count(`SELECT count(*) FROM patient_erasures WHERE patient_id = ? AND erased_by = ? AND basis = 'request'
		AND reason = 'Asked in writing at the desk'`, zor.ID, admin.ID); n != 1 {
		t.Errorf("%d erasure records by the admin", n)
	}
	if n := c.Count(`SELECT count(*) FROM patient_erasures WHERE patient_id = ?`, busy.ID); n != 0 {
		t.Error("the patient with a visit to come was erased")
	}
	if report, err := c.S.VerifyAudit(ctx); err != nil || !report.Intact() {
		t.Errorf("audit verify: %v %+v", err, report)
	}
}

// The admin reviews the patients past the retention period and erases those with
// nothing open, for a reason, with keys.
func TestAdminAppliesRetentionFromSettings(t *testing.T) {
	t.Parallel()
	c := tuitest.NewClinic(t, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
	addUser(t, c.S, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	desk := addUser(t, c.S, store.RoleReceptionist, "dee@clinic.test", "Dee Desk")
	old := c.Patient(desk.Actor(), store.PatientInput{FirstName: "Olga", LastName: "Longago", Sex: "female",
		DateOfBirth: time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC)})
	visit(t, c, desk, old.ID, time.Date(2012, 5, 6, 9, 0, 0, 0, time.UTC), store.AppointmentCompleted)
	p := openErasure(t, c)
	p.Type("r")
	p.WaitFor("1 patient last seen before 2 Dec 2016 (retention 10 years); 1 with nothing open",
		old.Code+"  Olga Longago", "last visit 6 May 2012")
	p.Type("a")
	p.WaitFor("Reason:")
	p.Type("Yearly")
	p.Key("enter")
	p.WaitFor("The reason must be 10 to 500 characters")
	p.Type(" review of records 2026")
	p.Key("enter")
	p.WaitFor("Erase 1 patient now?")
	p.Type("y")
	p.WaitFor(old.Code+" erased: now Erased ", "0 patients last seen before")
	if n := c.Count(`SELECT count(*) FROM patient_erasures WHERE patient_id = ? AND basis = 'retention'`, old.ID); n != 1 {
		t.Errorf("%d retention erasures of the old patient", n)
	}
}

// visit brings in a 15-minute visit of the patient with the clinic's one doctor (made
// here), in the status given, its fee waived.
func visit(t *testing.T, c *tuitest.Clinic, desk store.User, patientID int64, start time.Time, status store.AppointmentStatus) {
	t.Helper()
	doc := c.User(store.NewUser{Email: "rao@clinic.test", FullName: "Asha Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{LicenceNumber: "MCI-1"}})
	err := c.S.Batch(context.Background(), desk.Actor(), func(tx *store.Tx) error {
		_, err := tx.ImportAppointment(context.Background(), store.ImportedAppointment{PatientID: patientID,
			DoctorID: c.DoctorID(doc), Start: start, End: start.Add(15 * time.Minute), Status: status,
			PaymentStatus: store.PaymentWaived})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// openErasure logs the admin grace@clinic.test in and opens the erasure view.
func openErasure(t *testing.T, c *tuitest.Clinic) *tuitest.Program {
	t.Helper()
	p := startDesk(t, c.S, 100, 30)
	logIn(p, "grace@clinic.test")
	p.WaitFor("2 Settings")
	p.Type("2")
	p.WaitFor("x erasure and retention")
	p.Type("x")
	p.WaitFor("retention period")
	return p
}
