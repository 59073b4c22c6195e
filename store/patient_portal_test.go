package store

import (
	"errors"
	"testing"
)

// portalAccount gives a fixture patient an account and returns it.
func portalAccount(t *testing.T, s *Store, desk User, patientID int64, email string) User {
	t.Helper()
	u, err := s.GivePatientAccount(calCtx, desk.Actor(), patientID, email, testPassword)
	if err != nil {
		t.Fatalf("give %s an account: %v", email, err)
	}
	return u
}

func TestFrontDeskGivesAPatientAnAccountWithAOneTimePassword(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	u := portalAccount(t, f.s, f.desk, f.asha, "asha@example.com")
	if u.Role != RolePatient || !u.MustChangePassword || u.FullName != "Asha Patel" {
		t.Fatalf("account: %+v", u)
	}
	if _, err := f.s.Login(calCtx, "asha@example.com", testPassword); err != nil {
		t.Fatalf("the patient cannot log in: %v", err)
	}
	if p, err := f.s.MyPatient(calCtx, u.Actor()); err != nil || p.ID != f.asha {
		t.Fatalf("own record: %+v %v", p, err)
	}
	_, err := f.s.GivePatientAccount(calCtx, f.desk.Actor(), f.asha, "asha2@example.com", testPassword)
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("a second account: %v", err)
	}
	_, err = f.s.GivePatientAccount(calCtx, f.raoUser.Actor(), f.ravi, "ravi@example.com", testPassword)
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("a doctor gave an account: %v", err)
	}
	_, err = f.s.GivePatientAccount(calCtx, f.desk.Actor(), f.ravi, "ravi@example.com", "short")
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("a weak one-time password: %v", err)
	}
}

func TestAPatientReachesNothingOfAnotherPatient(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	asha := portalAccount(t, f.s, f.desk, f.asha, "asha@example.com")
	portalAccount(t, f.s, f.desk, f.ravi, "ravi@example.com")
	ashaNext := f.book(t, f.asha, f.rao, f.at(3, 11, 0))
	raviNext := f.book(t, f.ravi, f.rao, f.at(3, 11, 15))
	f.imported(t, ImportedAppointment{PatientID: f.ravi, DoctorID: f.rao, Start: f.at(3, 9, 0), End: f.at(3, 9, 15),
		Status: AppointmentCompleted})
	me := asha.Actor()

	up, err := f.s.MyAppointments(calCtx, me, true, 50)
	if err != nil || len(up) != 1 || up[0].ID != ashaNext {
		t.Fatalf("upcoming: %v %+v", err, up)
	}
	if past, err := f.s.MyAppointments(calCtx, me, false, 50); err != nil || len(past) != 0 {
		t.Fatalf("past: %v %+v", err, past)
	}
	wantErr := func(what string, err, kind error) {
		t.Helper()
		if !errors.Is(err, kind) {
			t.Errorf("%s: %v, want %v", what, err, kind)
		}
	}
	wantErr("cancel another's appointment", f.s.RequestCancellation(calCtx, me, raviNext, ""), ErrNotFound)
	_, err = f.s.Patient(calCtx, me, f.ravi)
	wantErr("read another patient", err, ErrForbidden)
	_, err = f.s.Appointment(calCtx, me, raviNext)
	wantErr("read another's appointment", err, ErrForbidden)
	_, err = f.s.PatientPrescriptions(calCtx, me, f.ravi, 10)
	wantErr("read another's prescriptions", err, ErrForbidden)
	_, err = f.s.DayView(calCtx, me, f.day(3))
	wantErr("read the day's book", err, ErrForbidden)
	_, err = f.s.MyAppointments(calCtx, f.desk.Actor(), true, 10)
	wantErr("staff reading 'own' records", err, ErrForbidden)
	if n, err := f.s.Notifications(calCtx, me, false, 50); err != nil || len(n) != 0 {
		t.Fatalf("notifications of a new patient: %v %+v", err, n)
	}
}

func TestPatientAsksToCancelAndTheDeskSeesIt(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	asha := portalAccount(t, f.s, f.desk, f.asha, "asha@example.com")
	next := f.book(t, f.asha, f.rao, f.at(3, 11, 0))
	past := f.imported(t, ImportedAppointment{PatientID: f.asha, DoctorID: f.rao, Start: f.at(3, 9, 0),
		End: f.at(3, 9, 15), Status: AppointmentCompleted})
	me := asha.Actor()
	if err := f.s.RequestCancellation(calCtx, me, next, "I am travelling"); err != nil {
		t.Fatal(err)
	}
	got := unreadOfKind(t, f.s, f.desk, KindCancelRequested)
	if len(got) != 1 {
		t.Fatalf("the desk's cancellation requests: %q", got)
	}
	if err := f.s.RequestCancellation(calCtx, me, next, ""); !errors.Is(err, ErrConflict) {
		t.Fatalf("asked twice: %v", err)
	}
	if err := f.s.RequestCancellation(calCtx, me, past, ""); !errors.Is(err, ErrInvalid) {
		t.Fatalf("cancel a past visit: %v", err)
	}
	if a := f.get(t, next); a.Status != AppointmentScheduled {
		t.Fatalf("the request changed the appointment: %s", a.Status)
	}
}

func TestAPatientSeesTheirSubmittedPrescriptionsWithWhatWasDispensed(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	u, err := w.s.GivePatientAccount(w.ctx, w.frontDesk.Actor(), w.patientID, "jane@example.com", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	other := w.patient(t, "John", "Roe")
	item := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	w.receive(t, item, "A1", w.day(100), 100)
	rx, meds := w.prescribe(t, w.patientID, amoxicillin(item))
	w.prescribe(t, other, amoxicillin(item))
	if _, err := w.s.CreatePrescription(w.ctx, w.doctor.Actor(), w.appointment(t, w.doctor, w.patientID)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Dispense(w.ctx, w.pharmacist.Actor(), DispenseInput{PrescriptionID: rx,
		Lines: []DispenseLine{{PrescriptionMedicationID: meds[0], Quantity: 15}}}); err != nil {
		t.Fatal(err)
	}
	list, err := w.s.MyPrescriptions(w.ctx, u.Actor(), 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("own prescriptions (no draft, nobody else's): %v %d", err, len(list))
	}
	if r := list[0]; r.ID != rx || r.Status != PrescriptionFulfilled || r.Medications[0].Dispensed != 15 {
		t.Fatalf("prescription: %+v", r)
	}
	ns, err := w.s.Notifications(w.ctx, u.Actor(), true, 10)
	if err != nil || len(ns) != 1 || ns[0].Kind != KindPrescriptionReady {
		t.Fatalf("the patient's notifications: %v %+v", err, ns)
	}
}
