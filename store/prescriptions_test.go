package store

import (
	"errors"
	"strings"
	"testing"
)

func amoxicillin(itemID int64) MedicationInput {
	return MedicationInput{InventoryItemID: itemID, Dosage: "1 tablet", Frequency: "TDS", DurationDays: 5,
		Instructions: "after food", Quantity: 15}
}

func TestPrescriptionDraftSubmitThenImmutable(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	doc, ctx := w.doctor.Actor(), w.ctx
	item := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	rx, err := w.s.CreatePrescription(ctx, doc, w.appointment(t, w.doctor, w.patientID))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.SetPrescriptionText(ctx, doc, rx, " Acute sinusitis ", "Review in a week", "+--+\n|  |\n+--+"); err != nil {
		t.Fatal(err)
	}
	medID, err := w.s.AddMedication(ctx, doc, rx, amoxicillin(item))
	if err != nil {
		t.Fatal(err)
	}
	testID, err := w.s.AddTestOrder(ctx, doc, rx, TestOrderInput{Name: "CBC", Priority: TestUrgent})
	if err != nil {
		t.Fatal(err)
	}
	draft, err := w.s.Prescription(ctx, doc, rx)
	if err != nil {
		t.Fatal(err)
	}
	m := draft.Medications[0]
	if draft.Status != PrescriptionDraft || draft.Diagnosis != "Acute sinusitis" || !strings.HasPrefix(draft.Code, "RX") ||
		draft.PatientName != "Jane Doe" || draft.DoctorName != "Anil Rao" || draft.DoctorUserID != w.doctor.ID {
		t.Fatalf("draft read back wrong: %+v", draft)
	}
	if m.Name != "Amoxicillin 500 mg" || m.GenericName != "amoxicillin" || m.Strength != "500 mg" || m.Route != "oral" ||
		m.Quantity != 15 || m.DurationDays != 5 || m.Position != 1 {
		t.Fatalf("medication not filled in from the catalogue: %+v", m)
	}
	if len(draft.Tests) != 1 || draft.Tests[0].Priority != TestUrgent {
		t.Fatalf("tests: %+v", draft.Tests)
	}
	if err := w.s.SubmitPrescription(ctx, doc, rx); err != nil {
		t.Fatal(err)
	}
	got, _ := w.s.Prescription(ctx, doc, rx)
	if got.Status != PrescriptionSubmitted || !got.SubmittedAt.Equal(w.clock.t) {
		t.Fatalf("after submit: status %s at %v", got.Status, got.SubmittedAt)
	}

	// Through the store: refused, in plain words.
	for name, err := range map[string]error{
		"text":        w.s.SetPrescriptionText(ctx, doc, rx, "Changed", "", ""),
		"add med":     func() error { _, err := w.s.AddMedication(ctx, doc, rx, amoxicillin(item)); return err }(),
		"update med":  w.s.UpdateMedication(ctx, doc, medID, amoxicillin(item)),
		"remove med":  w.s.RemoveMedication(ctx, doc, medID),
		"add test":    func() error { _, err := w.s.AddTestOrder(ctx, doc, rx, TestOrderInput{Name: "ESR"}); return err }(),
		"remove test": w.s.RemoveTestOrder(ctx, doc, testID),
		"submit":      w.s.SubmitPrescription(ctx, doc, rx),
	} {
		var c *ConflictError
		if !errors.As(err, &c) || c.Rule != "immutable" || !strings.Contains(c.Message, "amendment") {
			t.Errorf("%s after submit: want an immutable conflict, got %v", name, err)
		}
	}

	// Around the store: the schema's triggers refuse the same.
	w.rawRefused(t, "immutable", `UPDATE prescriptions SET diagnosis = 'x' WHERE id = ?`, rx)
	w.rawRefused(t, "immutable", `UPDATE prescriptions SET sketch = '' WHERE id = ?`, rx)
	w.rawRefused(t, "immutable", `UPDATE prescriptions SET submitted_at = NULL WHERE id = ?`, rx)
	w.rawRefused(t, "immutable", `DELETE FROM prescriptions WHERE id = ?`, rx)
	w.rawRefused(t, "immutable", `INSERT INTO prescription_medications(prescription_id, name, quantity) VALUES (?, 'x', 1)`, rx)
	w.rawRefused(t, "immutable", `UPDATE prescription_medications SET quantity = 100 WHERE id = ?`, medID)
	w.rawRefused(t, "immutable", `DELETE FROM prescription_medications WHERE id = ?`, medID)
	w.rawRefused(t, "immutable", `INSERT INTO prescription_tests(prescription_id, test_name) VALUES (?, 'x')`, rx)
	w.rawRefused(t, "immutable", `UPDATE prescription_tests SET priority = 'stat' WHERE id = ?`, testID)
	w.rawRefused(t, "immutable", `DELETE FROM prescription_tests WHERE id = ?`, testID)

	after, _ := w.s.Prescription(ctx, doc, rx)
	if after.Diagnosis != "Acute sinusitis" || len(after.Medications) != 1 || after.Medications[0].Quantity != 15 ||
		len(after.Tests) != 1 {
		t.Fatalf("content changed after submit: %+v", after)
	}
}

func TestPrescriptionDraftEditing(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	doc, ctx := w.doctor.Actor(), w.ctx
	rx, _ := w.s.CreatePrescription(ctx, doc, w.appointment(t, w.doctor, w.patientID))

	err := w.s.SubmitPrescription(ctx, doc, rx)
	var f *FieldError
	if !errors.As(err, &f) || f.Field != "medications" {
		t.Fatalf("empty submit: want a medications field error, got %v", err)
	}

	free := MedicationInput{Name: "Saline nasal spray", Frequency: "PRN", Route: "nasal", Quantity: 1}
	id, err := w.s.AddMedication(ctx, doc, rx, free)
	if err != nil {
		t.Fatal(err)
	}
	free.Quantity, free.DurationDays = 2, 7
	if err := w.s.UpdateMedication(ctx, doc, id, free); err != nil {
		t.Fatal(err)
	}
	second, _ := w.s.AddMedication(ctx, doc, rx, MedicationInput{Name: "Cetirizine 10 mg", Frequency: "OD", Quantity: 5})
	if err := w.s.RemoveMedication(ctx, doc, second); err != nil {
		t.Fatal(err)
	}
	testID, _ := w.s.AddTestOrder(ctx, doc, rx, TestOrderInput{Name: "X-ray PNS"})
	if err := w.s.RemoveTestOrder(ctx, doc, testID); err != nil {
		t.Fatal(err)
	}
	r, _ := w.s.Prescription(ctx, doc, rx)
	if len(r.Medications) != 1 || r.Medications[0].Quantity != 2 || r.Medications[0].DurationDays != 7 ||
		r.Medications[0].InventoryItemID != 0 || r.Medications[0].Route != "nasal" || len(r.Tests) != 0 {
		t.Fatalf("draft edits: %+v", r)
	}

	for _, tc := range []struct {
		field string
		in    MedicationInput
	}{
		{"name", MedicationInput{Quantity: 1}},
		{"quantity", MedicationInput{Name: "Ibuprofen", Frequency: "PRN"}},
		{"duration_days", MedicationInput{Name: "Ibuprofen", Quantity: 1, DurationDays: 4000}},
		{"inventory_item_id", MedicationInput{InventoryItemID: 999, Quantity: 1}},
	} {
		_, err := w.s.AddMedication(ctx, doc, rx, tc.in)
		if !errors.As(err, &f) || f.Field != tc.field {
			t.Errorf("%+v: want field %s, got %v", tc.in, tc.field, err)
		}
	}
	_, err = w.s.AddTestOrder(ctx, doc, rx, TestOrderInput{Name: "CBC", Priority: "soon"})
	if !errors.As(err, &f) || f.Field != "priority" {
		t.Errorf("bad priority: %v", err)
	}

	if err := w.s.SetPrescriptionText(ctx, doc, rx, "", "", strings.Repeat("#", MaxSketchBytes)); err != nil {
		t.Fatalf("a sketch of exactly the limit: %v", err)
	}
	err = w.s.SetPrescriptionText(ctx, doc, rx, "", "", strings.Repeat("é", MaxSketchBytes/2+1))
	if !errors.As(err, &f) || f.Field != "sketch" || !strings.Contains(f.Message, "8194 bytes") {
		t.Fatalf("oversized sketch: %v", err)
	}
}

func TestPrescriptionOnePerAppointmentAndOwnDoctorOnly(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ctx := w.ctx
	appt := w.appointment(t, w.doctor, w.patientID)
	rx, err := w.s.CreatePrescription(ctx, w.doctor.Actor(), appt)
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.s.CreatePrescription(ctx, w.doctor.Actor(), appt)
	var c *ConflictError
	if !errors.As(err, &c) || !strings.Contains(c.Message, "already has a prescription (RX") {
		t.Fatalf("second prescription: %v", err)
	}

	other := w.doctor2.Actor()
	_, err = w.s.CreatePrescription(ctx, other, w.appointment(t, w.doctor, w.patientID))
	rxWantErr(t, err, ErrForbidden)
	rxWantErr(t, w.s.SetPrescriptionText(ctx, other, rx, "mine now", "", ""), ErrForbidden)
	_, err = w.s.AddMedication(ctx, other, rx, MedicationInput{Name: "x", Quantity: 1})
	rxWantErr(t, err, ErrForbidden)
	rxWantErr(t, w.s.SubmitPrescription(ctx, other, rx), ErrForbidden)
	rxWantErr(t, w.s.CancelPrescription(ctx, other, rx, "no"), ErrForbidden)
	_, err = w.s.AmendPrescription(ctx, other, rx, "why", "what")
	rxWantErr(t, err, ErrForbidden)
	if err := w.s.SetPrescriptionText(ctx, other, rx, "x", "", ""); !strings.Contains(err.Error(), "prescribing doctor") {
		t.Errorf("refusal not in plain words: %v", err)
	}

	// Other roles are refused by the permission matrix.
	_, err = w.s.AddMedication(ctx, w.pharmacist.Actor(), rx, MedicationInput{Name: "x", Quantity: 1})
	rxWantErr(t, err, ErrForbidden)
	_, err = w.s.Prescription(ctx, w.frontDesk.Actor(), rx)
	rxWantErr(t, err, ErrForbidden)

	// A cancelled appointment takes no prescription.
	cancelled := w.appointmentIn(t, "cancelled", w.doctor, w.patientID)
	_, err = w.s.CreatePrescription(ctx, w.doctor.Actor(), cancelled)
	rxWantErr(t, err, ErrConflict)
}

func TestPrescriptionAllergyNeedsOverrideReason(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	doc := w.doctor.Actor()
	w.sql(t, `INSERT INTO allergies(patient_id, allergen, severity) VALUES (?, 'Penicillin', 'severe')`, w.patientID)
	item := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	rx, _ := w.s.CreatePrescription(w.ctx, doc, w.appointment(t, w.doctor, w.patientID))
	_, err := w.s.AddMedication(w.ctx, doc, rx, amoxicillin(item))
	var f *FieldError
	if !errors.As(err, &f) || f.Field != "allergy_override_reason" || !strings.Contains(f.Message, "penicillin") ||
		!strings.Contains(f.Message, "severe") {
		t.Fatalf("want an allergy refusal naming the allergy, got %v", err)
	}
	in := amoxicillin(item)
	in.AllergyOverrideReason = "Tolerated amoxicillin in 2024 under observation"
	if _, err := w.s.AddMedication(w.ctx, doc, rx, in); err != nil {
		t.Fatal(err)
	}
	r, _ := w.s.Prescription(w.ctx, doc, rx)
	if r.Medications[0].AllergyOverrideReason != in.AllergyOverrideReason {
		t.Fatalf("override reason not kept: %+v", r.Medications[0])
	}
}

func TestPrescriptionReadsByRole(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ctx, doc, ph := w.ctx, w.doctor.Actor(), w.pharmacist.Actor()
	appt := w.appointment(t, w.doctor, w.patientID)
	draft, _ := w.s.CreatePrescription(ctx, doc, appt)
	submitted, _ := w.prescribe(t, w.patientID, MedicationInput{Name: "Paracetamol 500 mg", Frequency: "QID", Quantity: 12})

	_, err := w.s.Prescription(ctx, ph, draft)
	rxWantErr(t, err, ErrNotFound)
	_, err = w.s.PrescriptionForAppointment(ctx, ph, appt)
	rxWantErr(t, err, ErrNotFound)
	if _, err := w.s.PrescriptionForAppointment(ctx, doc, appt); err != nil {
		t.Fatalf("doctor reads by appointment: %v", err)
	}
	before := w.count(t, `SELECT count(*) FROM access_log WHERE action = 'read_prescription' AND user_id = ?`, w.pharmacist.ID)
	r, err := w.s.Prescription(ctx, ph, submitted)
	if err != nil || len(r.Medications) != 1 {
		t.Fatalf("pharmacist reads a submitted prescription: %v %+v", err, r)
	}
	logged := w.count(t, `SELECT count(*) FROM access_log WHERE action = 'read_prescription' AND user_id = ?
		AND entity_id = ? AND patient_id = ? AND allowed = 1`, w.pharmacist.ID, submitted, w.patientID)
	if logged != before+1 {
		t.Fatalf("read not in the access log: %d rows", logged)
	}

	all, err := w.s.PatientPrescriptions(ctx, doc, w.patientID, 10)
	if err != nil || len(all) != 2 || all[0].ID != submitted {
		t.Fatalf("doctor's list: %v %d", err, len(all))
	}
	sent, err := w.s.PatientPrescriptions(ctx, ph, w.patientID, 10)
	if err != nil || len(sent) != 1 || sent[0].ID != submitted || len(sent[0].Medications) != 1 {
		t.Fatalf("pharmacist's list: %v %+v", err, sent)
	}
}

func TestPrescriptionCancelAndAmend(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ctx, doc := w.ctx, w.doctor.Actor()
	draft, _ := w.s.CreatePrescription(ctx, doc, w.appointment(t, w.doctor, w.patientID))
	_, err := w.s.AmendPrescription(ctx, doc, draft, "typo", "Read 5 days")
	rxWantErr(t, err, ErrConflict)

	rx, _ := w.prescribe(t, w.patientID, MedicationInput{Name: "Paracetamol 500 mg", Frequency: "QID", Quantity: 12})
	_, err = w.s.AmendPrescription(ctx, doc, rx, " ", "text")
	rxWantErr(t, err, ErrInvalid)
	id, err := w.s.AmendPrescription(ctx, doc, rx, "Dose clarified", "Maximum 4 tablets in 24 hours.")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := w.s.Prescription(ctx, doc, rx)
	if len(r.Amendments) != 1 || r.Amendments[0].AuthorName != "Anil Rao" || r.Amendments[0].Reason != "Dose clarified" {
		t.Fatalf("amendments: %+v", r.Amendments)
	}
	w.rawRefused(t, "immutable", `UPDATE prescription_amendments SET amendment = 'rewritten' WHERE id = ?`, id)
	w.rawRefused(t, "immutable", `DELETE FROM prescription_amendments WHERE id = ?`, id)

	rxWantErr(t, w.s.CancelPrescription(ctx, doc, rx, "  "), ErrInvalid)
	if err := w.s.CancelPrescription(ctx, doc, rx, "Patient allergic, see amendment"); err != nil {
		t.Fatal(err)
	}
	err = w.s.CancelPrescription(ctx, doc, rx, "again")
	var c *ConflictError
	if !errors.As(err, &c) || !strings.Contains(c.Message, "already cancelled") {
		t.Fatalf("second cancel: %v", err)
	}
	// An amendment can still be added to a cancelled prescription, for the record.
	if _, err := w.s.AmendPrescription(ctx, doc, rx, "note", "Cancelled after phone call."); err != nil {
		t.Fatal(err)
	}
}

func TestPrescriptionStatusFlowTrigger(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	for _, tc := range []struct {
		path    []PrescriptionStatus // allowed steps taken first
		refused PrescriptionStatus
	}{
		{nil, PrescriptionDispensing},
		{nil, PrescriptionFulfilled},
		{[]PrescriptionStatus{PrescriptionSubmitted}, PrescriptionDraft},
		{[]PrescriptionStatus{PrescriptionSubmitted, PrescriptionDispensing}, PrescriptionSubmitted},
		{[]PrescriptionStatus{PrescriptionSubmitted, PrescriptionFulfilled}, PrescriptionCancelled},
		{[]PrescriptionStatus{PrescriptionSubmitted, PrescriptionFulfilled}, PrescriptionDispensing},
		{[]PrescriptionStatus{PrescriptionCancelled}, PrescriptionSubmitted},
		{[]PrescriptionStatus{PrescriptionCancelled}, PrescriptionDraft},
	} {
		rx, err := w.s.CreatePrescription(w.ctx, w.doctor.Actor(), w.appointment(t, w.doctor, w.patientID))
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range tc.path {
			w.sql(t, `UPDATE prescriptions SET status = ?, submitted_at = coalesce(submitted_at, ?),
				valid_until = coalesce(valid_until, ?),
				cancel_reason = CASE WHEN ? = 'cancelled' THEN 'test' END WHERE id = ?`,
				string(step), formatTime(w.clock.t), formatTime(w.clock.t.AddDate(0, 0, 30)), string(step), rx)
		}
		w.rawRefused(t, "status_flow", `UPDATE prescriptions SET status = ?, cancel_reason = 'test' WHERE id = ?`,
			string(tc.refused), rx)
	}
}
