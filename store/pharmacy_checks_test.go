package store

import (
	"errors"
	"strings"
	"testing"
)

// wantAckRefusal asserts a dispense was refused for a warning not acknowledged (or
// without its note), naming it.
func wantAckRefusal(t *testing.T, err error, words ...string) {
	t.Helper()
	var f *FieldError
	if !errors.As(err, &f) || f.Field != "acknowledgements" {
		t.Fatalf("want a refusal for an unacknowledged warning, got %v", err)
	}
	for _, w := range words {
		if !strings.Contains(f.Message, w) {
			t.Fatalf("refusal %q does not say %q", f.Message, w)
		}
	}
}

// A walk-in sale to a named patient is checked as a prescription is: ibuprofen sold to
// a patient allergic to it is refused until the pharmacist acknowledges the allergy
// with a note (no doctor weighed it), and the acknowledgement is recorded and audited.
// An anonymous sale has no one to check against.
func TestWalkInSaleChecksTheNamedPatient(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	ibu := w.item(t, "Ibuprofen 400 mg", true, 0, 25)
	para := w.item(t, "Paracetamol 500 mg", true, 0, 20)
	w.receive(t, ibu, "I1", w.day(100), 50)
	w.receive(t, para, "P1", w.day(100), 50)
	w.sql(t, `INSERT INTO allergies(patient_id, allergen, severity) VALUES (?, 'ibuprofen', 'severe')`, w.patientID)

	in := DispenseInput{PatientID: w.patientID, Lines: []DispenseLine{{ItemID: para, Quantity: 1}, {ItemID: ibu, Quantity: 1}}}
	warnings, err := w.s.DispenseWarnings(ctx, ph, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 2 || len(warnings[0]) != 0 || len(warnings[1]) != 1 {
		t.Fatalf("want one warning, on the ibuprofen: %+v", warnings)
	}
	allergy := warnings[1][0]
	if allergy.Kind != WarnAllergy || allergy.Severity != "severe" || !allergy.Blocking || !allergy.NeedsNote() ||
		!strings.Contains(allergy.Text, "patient is allergic to ibuprofen") {
		t.Fatalf("the allergy warning: %+v", allergy)
	}

	_, err = w.s.Dispense(ctx, ph, in)
	wantAckRefusal(t, err, "Ibuprofen 400 mg", "allergic to ibuprofen", "acknowledge")
	in.Lines[1].Acknowledgements = []Acknowledgement{{Key: allergy.Key}}
	_, err = w.s.Dispense(ctx, ph, in)
	wantAckRefusal(t, err, "No doctor's override covers it")
	if got := w.count(t, `SELECT count(*) FROM pharmacy_fulfillments`); got != 0 {
		t.Fatalf("a refused sale left %d fulfilments", got)
	}

	in.Lines[1].Acknowledgements = AcknowledgeAll(warnings[1], "Bought for her husband, who takes it; patient told")
	fid, err := w.s.Dispense(ctx, ph, in)
	if err != nil {
		t.Fatal(err)
	}
	var kind, severity, note, item string
	if err := w.s.readers.QueryRow(`SELECT a.kind, a.severity, a.note, i.name FROM dispense_acknowledgements a
		JOIN inventory_items i ON i.id = a.inventory_item_id WHERE a.fulfillment_id = ?`, fid).
		Scan(&kind, &severity, &note, &item); err != nil {
		t.Fatal(err)
	}
	if kind != "allergy" || severity != "severe" || item != "Ibuprofen 400 mg" || !strings.HasPrefix(note, "Bought for") {
		t.Fatalf("recorded acknowledgement: %s %s %s %q", kind, severity, item, note)
	}
	if got := w.count(t, `SELECT count(*) FROM audit_log WHERE table_name = 'dispense_acknowledgements'
		AND patient_id = ? AND actor_id = ?`, w.patientID, w.pharmacist.ID); got != 1 {
		t.Fatalf("%d audit rows for the acknowledgement, want 1", got)
	}
	receipt, err := w.s.SaleReceipt(ctx, ph, fid)
	if err != nil || !strings.Contains(flat(receipt), "! Pharmacist's note (allergy to ibuprofen (severe)): Bought for her husband") {
		t.Fatalf("the receipt does not carry the pharmacist's note: %v\n%s", err, receipt)
	}
	labels, err := w.s.Labels(ctx, ph, fid)
	if err != nil || len(labels) != 2 || strings.Contains(labels[0], "Pharmacist's note") ||
		!strings.Contains(flat(labels[1]), "Pharmacist's note (allergy to ibuprofen (severe))") {
		t.Fatalf("the labels: %v %q", err, labels)
	}
	w.rawRefused(t, "immutable", `UPDATE dispense_acknowledgements SET note = 'changed'`)
	w.rawRefused(t, "immutable", `DELETE FROM dispense_acknowledgements`)

	if _, err := w.s.Dispense(ctx, ph, DispenseInput{Lines: []DispenseLine{{ItemID: ibu, Quantity: 1}}}); err != nil {
		t.Fatalf("an anonymous sale: %v", err)
	}
	_, err = w.s.Dispense(ctx, ph, DispenseInput{PatientID: w.patientID + 100, Lines: []DispenseLine{{ItemID: ibu, Quantity: 1}}})
	var f *FieldError
	if !errors.As(err, &f) || f.Field != "patient_id" {
		t.Fatalf("a sale to no patient: %v", err)
	}
}

// Two items of one sale are checked against each other and against the patient's
// current medications: a severe interaction blocks, a line that has none does not.
func TestWalkInSaleInteractions(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	ibu := w.item(t, "Ibuprofen 400 mg", true, 0, 25)
	w.receive(t, ibu, "I1", w.day(100), 50)
	w.sql(t, `INSERT INTO current_medications(patient_id, name) VALUES (?, 'Warfarin 5 mg')`, w.patientID)
	in := DispenseInput{PatientID: w.patientID, Lines: []DispenseLine{{ItemID: ibu, Quantity: 2}}}
	warnings, err := w.s.DispenseWarnings(ctx, ph, in)
	if err != nil || len(warnings[0]) != 1 || warnings[0][0].Kind != WarnInteraction || !warnings[0][0].NeedsNote() ||
		!strings.Contains(warnings[0][0].Text, "Warfarin 5 mg (current medication)") {
		t.Fatalf("ibuprofen beside warfarin: %v %+v", err, warnings)
	}
	_, err = w.s.Dispense(ctx, ph, in)
	wantAckRefusal(t, err, "Warfarin 5 mg")
	in.Lines[0].Acknowledgements = AcknowledgeAll(warnings[0], "Spoke to the patient's doctor by phone")
	if _, err := w.s.Dispense(ctx, ph, in); err != nil {
		t.Fatal(err)
	}
}

// A doctor's override names what it overrides (an allergy, a severe interaction), and at
// the counter it covers exactly those warnings: the pharmacist acknowledges them without
// a note of their own, and the override's reason is recorded with the acknowledgement.
func TestDispenseShowsTheDoctorsOverrides(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	amox := w.item(t, "Amoxicillin 500 mg", false, 0, 250)
	ibu := w.item(t, "Ibuprofen 400 mg", false, 0, 25)
	w.receive(t, amox, "A1", w.day(100), 50)
	w.receive(t, ibu, "I1", w.day(100), 50)
	w.sql(t, `INSERT INTO allergies(patient_id, allergen, severity) VALUES (?, 'penicillin', 'moderate')`, w.patientID)
	w.sql(t, `INSERT INTO current_medications(patient_id, name) VALUES (?, 'Warfarin 5 mg')`, w.patientID)
	const allergyReason = "Tolerated amoxicillin in 2024 under observation"
	const interactionReason = "Short course agreed with haematology; INR on day 3"
	withReason := func(in MedicationInput, reason string) MedicationInput {
		in.AllergyOverrideReason = reason
		return in
	}
	rx, meds := w.prescribe(t, w.patientID, withReason(amoxicillin(amox), allergyReason),
		withReason(MedicationInput{InventoryItemID: ibu, Dosage: "1 tablet", Frequency: "TDS", Quantity: 9}, interactionReason))

	r, err := w.s.Prescription(ctx, ph, rx)
	if err != nil {
		t.Fatal(err)
	}
	if o := r.Medications[0].Overrides; len(o) != 1 || o[0].Kind != WarnAllergy || o[0].Severity != "moderate" ||
		!strings.Contains(o[0].Text, "penicillin") {
		t.Fatalf("the amoxicillin's override: %+v", o)
	}
	if o := r.Medications[1].Overrides; len(o) != 1 || o[0].Kind != WarnInteraction || o[0].Severity != "severe" ||
		!strings.Contains(o[0].Text, "Warfarin 5 mg (current medication)") {
		t.Fatalf("the ibuprofen's override: %+v", o)
	}
	if got := w.count(t, `SELECT count(*) FROM audit_log WHERE table_name = 'prescription_overrides' AND patient_id = ?`,
		w.patientID); got != 2 {
		t.Fatalf("%d audit rows for the overrides, want 2", got)
	}
	w.rawRefused(t, "immutable", `DELETE FROM prescription_overrides`)
	w.rawRefused(t, "immutable", `UPDATE prescription_overrides SET warning = 'nothing'`)

	in := DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{{PrescriptionMedicationID: meds[0], Quantity: 15},
		{PrescriptionMedicationID: meds[1], Quantity: 9}}}
	warnings, err := w.s.DispenseWarnings(ctx, ph, in)
	if err != nil {
		t.Fatal(err)
	}
	for i, reason := range []string{allergyReason, interactionReason} {
		if len(warnings[i]) != 1 || warnings[i][0].Override != reason || warnings[i][0].NeedsNote() {
			t.Fatalf("line %d: want one warning covered by %q: %+v", i, reason, warnings[i])
		}
	}
	_, err = w.s.Dispense(ctx, ph, in)
	wantAckRefusal(t, err, "Amoxicillin 500 mg", "penicillin")
	for i := range in.Lines {
		in.Lines[i].Acknowledgements = AcknowledgeAll(warnings[i], "")
	}
	fid, err := w.s.Dispense(ctx, ph, in)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.count(t, `SELECT count(*) FROM dispense_acknowledgements WHERE fulfillment_id = ? AND note IS NULL
		AND doctor_override IN (?, ?)`, fid, allergyReason, interactionReason); got != 2 {
		t.Fatalf("%d acknowledgements recorded with the doctor's override, want 2", got)
	}
	// The pharmacist and the patient see each override on paper: the labels, the
	// receipt and the printed prescription.
	labels, err := w.s.Labels(ctx, ph, fid)
	if err != nil || len(labels) != 2 {
		t.Fatalf("labels: %v %d", err, len(labels))
	}
	receipt, err := w.s.SaleReceipt(ctx, ph, fid)
	if err != nil {
		t.Fatal(err)
	}
	page, err := w.s.PrescriptionPage(ctx, w.doctor.Actor(), rx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ in, text string }{
		{labels[0], "! Prescriber's override (despite allergy to penicillin (moderate)): " + allergyReason},
		{labels[1], "! Prescriber's override (despite severe interaction with Warfarin 5 mg (current medication)): " +
			interactionReason},
		{receipt, "! Prescriber's override (despite allergy to penicillin (moderate)): " + allergyReason},
		{receipt, interactionReason},
		{page, "Prescriber's override: " + interactionReason + " despite severe interaction with Warfarin 5 mg (current medication)"},
	} {
		if !strings.Contains(flat(want.in), want.text) {
			t.Errorf("want %q in:\n%s", want.text, want.in)
		}
	}
}

// flat is a printout with its rows joined up, so a check does not depend on where it wraps.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// A free-text line the drug table does not recognise holds back its whole prescription
// until the pharmacist maps it to a catalogue item (then it is dispensed and checked as
// that item) or confirms it as written with a reason; both are audited, and the schema
// takes a review only for a free-text line.
func TestFreeTextLineIsReviewedBeforeDispensing(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	para := w.item(t, "Paracetamol 500 mg", true, 0, 20)
	ibu := w.item(t, "Ibuprofen 400 mg", false, 0, 25)
	w.receive(t, para, "P1", w.day(100), 50)
	w.receive(t, ibu, "I1", w.day(100), 50)
	w.sql(t, `INSERT INTO allergies(patient_id, allergen, severity) VALUES (?, 'NSAIDs', 'severe')`, w.patientID)
	rx, meds := w.prescribe(t, w.patientID,
		MedicationInput{InventoryItemID: para, Dosage: "1 tablet", Frequency: "QID", Quantity: 10},
		MedicationInput{Name: "Zyloprofen 200", Dosage: "1 tablet", Frequency: "TDS", Quantity: 9})

	r, _ := w.s.Prescription(ctx, ph, rx)
	if !Unreviewed(r.Medications[1]) || Unreviewed(r.Medications[0]) {
		t.Fatalf("only the free text is unreviewed: %+v", r.Medications)
	}
	paraLine := DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{{PrescriptionMedicationID: meds[0], Quantity: 10}}}
	_, err := w.s.Dispense(ctx, ph, paraLine)
	var f *FieldError
	if !errors.As(err, &f) || f.Field != "free_text" || !strings.Contains(f.Message, "Zyloprofen 200") {
		t.Fatalf("dispensing beside an unreviewed free-text line: %v", err)
	}
	warnings, err := w.s.DispenseWarnings(ctx, ph, DispenseInput{PrescriptionID: rx,
		Lines: []DispenseLine{{PrescriptionMedicationID: meds[1]}}})
	if err != nil || len(warnings[0]) != 1 || warnings[0][0].Kind != WarnUnchecked ||
		!strings.Contains(warnings[0][0].Text, "not checked for allergies or interactions") {
		t.Fatalf("the free-text line's warning: %v %+v", err, warnings)
	}

	rxWantErr(t, w.s.ReviewFreeText(ctx, ph, FreeTextReviewInput{MedicationID: meds[1]}), ErrInvalid)
	rxWantErr(t, w.s.ReviewFreeText(ctx, ph, FreeTextReviewInput{MedicationID: meds[0], Reason: "x"}), ErrInvalid)
	rxWantErr(t, w.s.ReviewFreeText(ctx, w.doctor.Actor(), FreeTextReviewInput{MedicationID: meds[1], Reason: "x"}), ErrForbidden)

	// Mapped to ibuprofen, it is checked as ibuprofen: the NSAID allergy now blocks it.
	if err := w.s.ReviewFreeText(ctx, ph, FreeTextReviewInput{MedicationID: meds[1], ItemID: ibu}); err != nil {
		t.Fatal(err)
	}
	r, _ = w.s.Prescription(ctx, ph, rx)
	if rev := r.Medications[1].Review; rev == nil || rev.ItemID != ibu || rev.PharmacistName != "Sam Patel" ||
		Unreviewed(r.Medications[1]) {
		t.Fatalf("the mapping: %+v", rev)
	}
	in := DispenseInput{PrescriptionID: rx, Lines: []DispenseLine{{PrescriptionMedicationID: meds[1], Quantity: 9}}}
	warnings, err = w.s.DispenseWarnings(ctx, ph, in)
	if err != nil || len(warnings[0]) != 1 || warnings[0][0].Kind != WarnAllergy || !warnings[0][0].NeedsNote() {
		t.Fatalf("the mapped line's warnings: %v %+v", err, warnings)
	}
	_, err = w.s.Dispense(ctx, ph, in)
	wantAckRefusal(t, err, "NSAIDs")

	// Confirmed as written instead, the rest of the prescription can be handed over.
	if err := w.s.ReviewFreeText(ctx, ph, FreeTextReviewInput{MedicationID: meds[1],
		Reason: "Patient buys it abroad; checked by hand, not to be supplied here"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Dispense(ctx, ph, paraLine); err != nil {
		t.Fatalf("after confirming the free text: %v", err)
	}
	if got := w.count(t, `SELECT count(*) FROM audit_log WHERE table_name = 'free_text_reviews' AND patient_id = ?`,
		w.patientID); got != 2 {
		t.Fatalf("%d audit rows for the review (mapped, then confirmed), want 2", got)
	}
	w.rawRefused(t, "free_text_review", `INSERT INTO free_text_reviews(prescription_medication_id, reason, pharmacist_id)
		VALUES (?, 'x', (SELECT id FROM pharmacists))`, meds[0])
	w.rawRefused(t, "immutable", `DELETE FROM free_text_reviews`)
}
