package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// rxStocked is a clinic with one stocked item and a prescription of 10 of it, submitted
// with opts, returning the prescription and its line.
func rxStocked(t *testing.T, w *rxWorld, opts SubmitOptions, chronic bool) (rx, med, item int64) {
	t.Helper()
	item = w.item(t, "Amlodipine 5 mg", false, 0, 30)
	w.receive(t, item, "AM1", w.day(400), 100)
	rx, med = rxOf(t, w, item, opts, chronic)
	return rx, med, item
}

// rxOf submits a prescription of 10 of item with opts.
func rxOf(t *testing.T, w *rxWorld, item int64, opts SubmitOptions, chronic bool) (rx, med int64) {
	t.Helper()
	doc := w.doctor.Actor()
	rx, err := w.s.CreatePrescription(w.ctx, doc, w.appointment(t, w.doctor, w.patientID))
	if err != nil {
		t.Fatal(err)
	}
	med, err = w.s.AddMedication(w.ctx, doc, rx, MedicationInput{InventoryItemID: item, Dosage: "1 tablet",
		Frequency: "OD", Quantity: 10, Chronic: chronic})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.SubmitPrescriptionWith(w.ctx, doc, rx, opts); err != nil {
		t.Fatal(err)
	}
	return rx, med
}

func TestSubmitSetsValidityFromTheSettingAndChronicLines(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	doc := w.doctor.Actor()
	rx, _, _ := rxStocked(t, w, SubmitOptions{}, false)
	r, _ := w.s.Prescription(w.ctx, doc, rx)
	if !r.ValidUntil.Equal(w.clock.t.AddDate(0, 0, 30)) || r.RefillsAllowed != 0 || r.Medications[0].Chronic {
		t.Fatalf("default validity: until %v, refills %d, chronic %v", r.ValidUntil, r.RefillsAllowed, r.Medications[0].Chronic)
	}

	if err := w.s.PutSetting(w.ctx, System("test"), SettingPrescriptionValidDays, "400"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("400 days accepted as the default: %v", err)
	}
	if err := w.s.PutSetting(w.ctx, System("test"), SettingPrescriptionValidDays, "14"); err != nil {
		t.Fatal(err)
	}
	draft := func(chronic bool) int64 {
		id, err := w.s.CreatePrescription(w.ctx, doc, w.appointment(t, w.doctor, w.patientID))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.AddMedication(w.ctx, doc, id, MedicationInput{Name: "Metformin 500 mg", Quantity: 60,
			Chronic: chronic}); err != nil {
			t.Fatal(err)
		}
		return id
	}
	short := draft(false)
	wantRule(t, w.s.SubmitPrescriptionWith(w.ctx, doc, short, SubmitOptions{ValidDays: 90}), "valid_until")
	wantRule(t, w.s.SubmitPrescriptionWith(w.ctx, doc, short, SubmitOptions{Refills: 13}), "refills_allowed")
	if err := w.s.SubmitPrescription(w.ctx, doc, short); err != nil {
		t.Fatal(err)
	}
	if r, _ := w.s.Prescription(w.ctx, doc, short); !r.ValidUntil.Equal(w.clock.t.AddDate(0, 0, 14)) {
		t.Fatalf("the setting's 14 days: until %v", r.ValidUntil)
	}
	long := draft(true)
	wantRule(t, w.s.SubmitPrescriptionWith(w.ctx, doc, long, SubmitOptions{ValidDays: 366}), "valid_until")
	if err := w.s.SubmitPrescriptionWith(w.ctx, doc, long, SubmitOptions{ValidDays: 365, Refills: 11}); err != nil {
		t.Fatal(err)
	}
	r, _ = w.s.Prescription(w.ctx, doc, long)
	if !r.ValidUntil.Equal(w.clock.t.AddDate(0, 0, 365)) || r.RefillsAllowed != 11 || !r.Medications[0].Chronic {
		t.Fatalf("chronic: until %v, refills %d", r.ValidUntil, r.RefillsAllowed)
	}
	// Submitted, validity and refills are frozen with the rest.
	w.rawRefused(t, "immutable", `UPDATE prescriptions SET valid_until = ? WHERE id = ?`,
		formatTime(w.clock.t.AddDate(0, 0, 300)), short)
	w.rawRefused(t, "immutable", `UPDATE prescriptions SET refills_allowed = 5 WHERE id = ?`, short)
}

func TestRefillsDispenseAgainstTheSamePrescriptionAndCountDown(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph := w.pharmacist.Actor()
	rx, med, _ := rxStocked(t, w, SubmitOptions{Refills: 2}, false)
	queued := func() QueueEntry {
		t.Helper()
		q, err := w.s.Queue(w.ctx, ph, 10)
		if err != nil || len(q) != 1 {
			t.Fatalf("queue: %+v %v", q, err)
		}
		return q[0]
	}
	if e := queued(); e.Refills != 2 || e.RefillsLeft != 2 || e.RefillDue {
		t.Fatalf("before the first fill: %+v", e)
	}
	dispense := func(qty int) error {
		_, err := w.s.Dispense(w.ctx, ph, DispenseInput{PrescriptionID: rx,
			Lines: []DispenseLine{{PrescriptionMedicationID: med, Quantity: qty}}})
		return err
	}
	// One fill at a time: not 11 of a 10 a fill.
	wantRule(t, dispense(11), "quantity")
	for fill, left := range []int{2, 1, 0} {
		if err := dispense(10); err != nil {
			t.Fatalf("fill %d: %v", fill+1, err)
		}
		r, _ := w.s.Prescription(w.ctx, w.doctor.Actor(), rx)
		m := r.Medications[0]
		if m.Dispensed != 10*(fill+1) || m.RefillsLeft() != left {
			t.Fatalf("after fill %d: dispensed %d, refills left %d", fill+1, m.Dispensed, m.RefillsLeft())
		}
		if left > 0 {
			if r.Status != PrescriptionDispensing {
				t.Fatalf("after fill %d with refills left: %s", fill+1, r.Status)
			}
			if e := queued(); !e.RefillDue || e.RefillsLeft != left {
				t.Fatalf("queue after fill %d: %+v", fill+1, e)
			}
		} else if r.Status != PrescriptionFulfilled {
			t.Fatalf("after the last refill: %s", r.Status)
		}
	}
	// The schema itself refuses a fourth fill, whatever the store says.
	f := w.count(t, `SELECT id FROM pharmacy_fulfillments WHERE prescription_id = ?`, rx)
	w.rawRefused(t, "refills_exhausted", `INSERT INTO fulfillment_items(fulfillment_id, prescription_medication_id,
		inventory_item_id, batch_id, quantity, unit_price_cents, line_total_cents, created_at)
		SELECT ?, ?, inventory_item_id, batch_id, 1, 0, 0, ? FROM fulfillment_items WHERE fulfillment_id = ? LIMIT 1`,
		f, med, formatTime(w.clock.t), f)
	w.checkLedger(t)
}

func TestExpiredPrescriptionCannotBeDispensedEvenByRawSQL(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph := w.pharmacist.Actor()
	rx, med, _ := rxStocked(t, w, SubmitOptions{Refills: 1}, false)
	if _, err := w.s.Dispense(w.ctx, ph, DispenseInput{PrescriptionID: rx,
		Lines: []DispenseLine{{PrescriptionMedicationID: med, Quantity: 4}}}); err != nil {
		t.Fatal(err)
	}
	q, _ := w.s.Queue(w.ctx, ph, 10)
	if q[0].Expired || q[0].ExpiresSoon {
		t.Fatalf("fresh: %+v", q[0])
	}
	w.clock.advance(24 * 24 * time.Hour)
	if q, _ = w.s.Queue(w.ctx, ph, 10); !q[0].ExpiresSoon || q[0].Expired {
		t.Fatalf("six days before the end: %+v", q[0])
	}
	w.clock.advance(6*24*time.Hour + time.Minute)
	if q, _ = w.s.Queue(w.ctx, ph, 10); len(q) != 1 || !q[0].Expired || q[0].ExpiresSoon {
		t.Fatalf("expired, still on the queue and marked: %+v", q)
	}
	_, err := w.s.Dispense(w.ctx, ph, DispenseInput{PrescriptionID: rx,
		Lines: []DispenseLine{{PrescriptionMedicationID: med, Quantity: 1}}})
	wantRule(t, err, "prescription_expired")
	if !strings.Contains(err.Error(), "expired on 9 Apr 2026") {
		t.Fatalf("message: %v", err)
	}
	// Raw SQL as another program would write it: a fulfilment item dated now.
	f := w.count(t, `SELECT id FROM pharmacy_fulfillments WHERE prescription_id = ?`, rx)
	insert := `INSERT INTO fulfillment_items(fulfillment_id, prescription_medication_id, inventory_item_id, batch_id,
		quantity, unit_price_cents, line_total_cents, created_at)
		SELECT ?, ?, inventory_item_id, batch_id, 1, 0, 0, ? FROM fulfillment_items WHERE fulfillment_id = ? LIMIT 1`
	w.rawRefused(t, "prescription_expired", insert, f, med, formatTime(w.clock.t), f)
	// The same insert dated within the validity passes: it is the date that the trigger refuses.
	if _, err := w.s.writer.ExecContext(w.ctx, insert, f, med, formatTime(w.clock.t.AddDate(0, 0, -2)), f); err != nil {
		t.Fatalf("an item dated within the validity: %v", err)
	}
}

func TestWithdrawBeforeDispensingOnly(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	doc, ph := w.doctor.Actor(), w.pharmacist.Actor()
	rx, med, item := rxStocked(t, w, SubmitOptions{}, false)
	rxWantErr(t, w.s.CancelPrescription(w.ctx, doc, rx, " "), ErrInvalid)
	rxWantErr(t, w.s.CancelPrescription(w.ctx, w.doctor2.Actor(), rx, "not mine"), ErrForbidden)
	if err := w.s.CancelPrescription(w.ctx, doc, rx, "Wrong strength; rewritten"); err != nil {
		t.Fatal(err)
	}
	r, _ := w.s.Prescription(w.ctx, doc, rx)
	if r.Status != PrescriptionCancelled || r.CancelReason != "Wrong strength; rewritten" {
		t.Fatalf("withdrawn: %s %q", r.Status, r.CancelReason)
	}
	if q, _ := w.s.Queue(w.ctx, ph, 10); len(q) != 0 {
		t.Fatalf("a withdrawn prescription on the queue: %+v", q)
	}
	notes, _ := w.s.Notifications(w.ctx, ph, true, 10)
	found := false
	for _, n := range notes {
		found = found || (n.Kind == KindPrescriptionWithdrawn && strings.Contains(n.Body, "Wrong strength"))
	}
	if !found {
		t.Fatalf("the pharmacist was not told: %+v", notes)
	}
	if n := w.count(t, `SELECT count(*) FROM audit_trail WHERE table_name = 'prescriptions' AND row_id = ?
		AND json_extract(new_values, '$.cancel_reason') = 'Wrong strength; rewritten'`, rx); n != 1 {
		t.Fatalf("audit rows of the withdrawal: %d", n)
	}
	_, err := w.s.Dispense(w.ctx, ph, DispenseInput{PrescriptionID: rx,
		Lines: []DispenseLine{{PrescriptionMedicationID: med, Quantity: 1}}})
	rxWantErr(t, err, ErrConflict)

	// Once the pharmacy has started, the doctor cannot withdraw it, nor can raw SQL.
	rx2, med2 := rxOf(t, w, item, SubmitOptions{}, false)
	if _, err := w.s.Dispense(w.ctx, ph, DispenseInput{PrescriptionID: rx2,
		Lines: []DispenseLine{{PrescriptionMedicationID: med2, Quantity: 3}}}); err != nil {
		t.Fatal(err)
	}
	wantRule(t, w.s.CancelPrescription(w.ctx, doc, rx2, "changed my mind"), "dispensing_started")
	w.rawRefused(t, "dispensing_started", `UPDATE prescriptions SET status = 'cancelled', cancel_reason = 'x' WHERE id = ?`, rx2)
}

func TestPrescribingNeedsAStartedConsultationOrAReason(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	doc := w.doctor.Actor()
	booked := w.appointmentIn(t, "scheduled", w.doctor, w.patientID)
	_, err := w.s.CreatePrescription(w.ctx, doc, booked)
	wantRule(t, err, "no_consultation")
	_, err = w.s.CreatePrescriptionWithoutConsultation(w.ctx, doc, booked, "   ")
	wantRule(t, err, "no_consultation_reason")
	rx, err := w.s.CreatePrescriptionWithoutConsultation(w.ctx, doc, booked, "Repeat of a stable chronic medicine")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := w.s.Prescription(w.ctx, doc, rx)
	if r.NoConsultationReason != "Repeat of a stable chronic medicine" {
		t.Fatalf("reason %q", r.NoConsultationReason)
	}
	if n := w.count(t, `SELECT count(*) FROM audit_trail WHERE table_name = 'prescriptions' AND row_id = ? AND action = 'INSERT'
		AND json_extract(new_values, '$.no_consultation_reason') = 'Repeat of a stable chronic medicine'`, rx); n != 1 {
		t.Fatalf("audit rows naming the reason: %d", n)
	}
	for _, status := range []string{"checked_in", "in_consultation", "completed"} {
		if _, err := w.s.CreatePrescription(w.ctx, doc, w.appointmentIn(t, status, w.doctor, w.patientID)); err != nil {
			t.Fatalf("%s: %v", status, err)
		}
	}
	// The schema refuses a raw insert for an appointment not started, without a reason.
	confirmed := w.appointmentIn(t, "confirmed", w.doctor, w.patientID)
	w.rawRefused(t, "no_consultation", `INSERT INTO prescriptions(appointment_id, patient_id, doctor_id)
		SELECT id, patient_id, doctor_id FROM appointments WHERE id = ?`, confirmed)
}

func TestPregnancyFlagWarnsThroughLineWarnings(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	doc, ph := w.doctor.Actor(), w.pharmacist.Actor()
	ramipril := MedicationLine{Name: "Ramipril 5 mg", GenericName: "ramipril"}
	codeine := MedicationLine{Name: "Codeine 30 mg", GenericName: "codeine"}
	p, err := w.s.DosePatient(w.ctx, ph, w.patientID)
	if err != nil || p.Pregnancy.Status != "" {
		t.Fatalf("no flag: %+v %v", p, err)
	}
	if ws := LineWarnings(p, nil, ramipril)[0]; len(ws) != 0 {
		t.Fatalf("warnings with no flag: %+v", ws)
	}
	rxWantErr(t, w.s.SetPregnancy(w.ctx, ph, w.patientID, Pregnant, time.Time{}), ErrForbidden)
	rxWantErr(t, w.s.SetPregnancy(w.ctx, doc, w.patientID, "expecting", time.Time{}), ErrInvalid)
	rxWantErr(t, w.s.SetPregnancy(w.ctx, doc, w.patientID, Pregnant, w.day(1)), ErrInvalid)
	if err := w.s.SetPregnancy(w.ctx, doc, w.patientID, Pregnant, w.day(-3)); err != nil {
		t.Fatal(err)
	}
	p, _ = w.s.DosePatient(w.ctx, ph, w.patientID)
	if p.Pregnancy.String() != "pregnant (noted 2026-03-07)" {
		t.Fatalf("flag %q", p.Pregnancy)
	}
	ws := LineWarnings(p, nil, ramipril, codeine)
	if len(ws[0]) != 1 || ws[0][0].Kind != WarnPregnancy || ws[0][0].NeedsOverride() ||
		!strings.Contains(ws[0][0].String(), "Patient pregnant (noted 2026-03-07): ACE inhibitors.") ||
		!strings.Contains(ws[0][0].String(), "Source: BNF") || len(ws[1]) != 0 {
		t.Fatalf("pregnant: %+v", ws)
	}
	if err := w.s.SetPregnancy(w.ctx, doc, w.patientID, Breastfeeding, time.Time{}); err != nil {
		t.Fatal(err)
	}
	chart, _ := w.s.Chart(w.ctx, doc, w.patientID)
	if chart.Pregnancy.Status != Breastfeeding || !chart.Pregnancy.NotedOn.Equal(dateOnly(w.clock.t)) {
		t.Fatalf("chart: %+v", chart.Pregnancy)
	}
	ws = LineWarnings(DosePatient{Pregnancy: chart.Pregnancy}, nil, ramipril, codeine)
	if len(ws[0]) != 0 || len(ws[1]) != 1 || !strings.Contains(ws[1][0].String(), "codeine") {
		t.Fatalf("breastfeeding: %+v", ws)
	}
	if err := w.s.SetPregnancy(w.ctx, doc, w.patientID, "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if p, _ = w.s.DosePatient(w.ctx, ph, w.patientID); p.Pregnancy.Status != "" {
		t.Fatalf("cleared: %+v", p)
	}
	if n := w.count(t, `SELECT count(*) FROM audit_log WHERE table_name = 'patient_pregnancy' AND patient_id = ?`,
		w.patientID); n != 3 {
		t.Fatalf("audit rows of the flag: %d", n)
	}
}

func TestUpgradeGivesOldPrescriptionsThirtyDays(t *testing.T) {
	t.Parallel()
	s, err := Open(context.Background(), copyFixture(t, "v9.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var submitted, wrong int
	if err := s.readers.QueryRow(`SELECT count(*), count(*) FILTER (WHERE valid_until IS NOT
		strftime('%Y-%m-%dT%H:%M:%SZ', submitted_at, '+30 days') OR refills_allowed <> 0)
		FROM prescriptions WHERE submitted_at IS NOT NULL`).Scan(&submitted, &wrong); err != nil {
		t.Fatal(err)
	}
	if submitted == 0 || wrong != 0 {
		t.Fatalf("%d submitted prescriptions in the v9 file, %d without 30 days' validity", submitted, wrong)
	}
}
