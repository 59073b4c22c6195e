package store

import (
	"errors"
	"testing"
	"time"
)

// TestAccessLogFiltersByPatientUserAndDate: the admin's reading of the access log
// narrows to one patient, one user and a range of dates, newest first, with the
// actions in words; a non-admin is refused.
func TestAccessLogFiltersByPatientUserAndDate(t *testing.T) {
	t.Parallel()
	w := newExportWorld(t)
	admin := mustUser(t, w.s, RoleAdmin, "admin@clinic.test", "Ada Admin").Actor()
	all, err := w.s.AccessLogPage(w.ctx, admin, AccessFilter{PatientID: w.patientID}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var opened, emergency bool
	for i, r := range all {
		if r.PatientID != w.patientID || r.PatientCode != "PAT000001" {
			t.Errorf("row %d is about patient %d (%s)", r.ID, r.PatientID, r.PatientCode)
		}
		if i > 0 && r.ID > all[i-1].ID {
			t.Error("not newest first")
		}
		opened = opened || (r.UserName == "Anil Rao" && r.UserRole == RoleDoctor && r.What == "opened the chart")
		emergency = emergency || (r.Action == "break_glass" && r.UserName == "Dee Desk" && r.Reason != "")
	}
	if !opened || !emergency {
		t.Fatalf("the patient's accesses lack the doctor's chart or the emergency: %+v", all)
	}
	mine, err := w.s.AccessLogPage(w.ctx, admin, AccessFilter{UserID: w.doctor.ID}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	patients := map[int64]bool{}
	for _, r := range mine {
		if r.UserName != "Anil Rao" {
			t.Errorf("the doctor's filter shows %s's row", r.UserName)
		}
		patients[r.PatientID] = true
	}
	if !patients[w.patientID] || !patients[w.otherID] {
		t.Errorf("the doctor opened both charts; the filter shows %v", patients)
	}
	// The rows were written on the store's clock's day; a range that ends before it holds none.
	day := w.clock.t.Truncate(24 * time.Hour)
	if rows, err := w.s.AccessLogPage(w.ctx, admin, AccessFilter{From: day, To: day.AddDate(0, 0, 1)}, 0, 0); err != nil ||
		len(rows) == 0 {
		t.Fatalf("that day: %d rows, %v", len(rows), err)
	}
	if rows, err := w.s.AccessLogPage(w.ctx, admin, AccessFilter{To: day}, 0, 0); err != nil || len(rows) != 0 {
		t.Fatalf("before that day: %d rows, %v", len(rows), err)
	}
	if page, err := w.s.AccessLogPage(w.ctx, admin, AccessFilter{}, all[0].ID, 1); err != nil || len(page) != 1 || page[0].ID >= all[0].ID {
		t.Fatalf("the page before row %d: %+v, %v", all[0].ID, page, err)
	}
	if _, err := w.s.AccessLogPage(w.ctx, w.frontDesk.Actor(), AccessFilter{}, 0, 0); !errors.Is(err, ErrForbidden) {
		t.Fatalf("the front desk reads the access log: %v", err)
	}
	if _, err := w.s.AccessPatientID(w.ctx, admin, "PAT424242"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("an unknown code: %v", err)
	}
}

// TestPatientSeesWhoOpenedTheirRecord: the patient's own list names the staff who opened
// their record (not their own tries, not another patient's), and no one else may read it.
func TestPatientSeesWhoOpenedTheirRecord(t *testing.T) {
	t.Parallel()
	w := newExportWorld(t)
	seen, err := w.s.MyRecordAccesses(w.ctx, w.account.Actor(), 50)
	if err != nil {
		t.Fatal(err)
	}
	who := map[string]bool{}
	for _, r := range seen {
		who[r.UserName+" "+string(r.UserRole)] = true
		if r.PatientID != w.patientID || !r.Allowed || r.UserName == "Jane Doe" {
			t.Errorf("the patient's list holds %+v", r)
		}
	}
	if !who["Anil Rao doctor"] || !who["Dee Desk receptionist"] {
		t.Fatalf("the patient's list: %v", who)
	}
	if _, err := w.s.MyRecordAccesses(w.ctx, w.doctor.Actor(), 50); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a doctor's own record accesses: %v", err)
	}
}

// TestLinkPatientAccountTakesOnlyAPatientsAccount: a staff account is never linked to a
// patient, and a patient is linked once.
func TestLinkPatientAccountTakesOnlyAPatientsAccount(t *testing.T) {
	t.Parallel()
	w := newExportWorld(t)
	err := w.s.Batch(w.ctx, System("test"), func(tx *Tx) error { return tx.LinkPatientAccount(w.ctx, w.otherID, w.doctor.ID) })
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("a doctor's account linked to a patient: %v", err)
	}
	err = w.s.Batch(w.ctx, System("test"), func(tx *Tx) error { return tx.LinkPatientAccount(w.ctx, w.patientID, w.account.ID) })
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("a second account for a patient: %v", err)
	}
}
