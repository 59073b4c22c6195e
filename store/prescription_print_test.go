package store

import (
	"strings"
	"testing"
	"time"
)

// The printed prescription is the stored one, dated by the store's clock in clinic
// time, with the prescribing doctor's licence and the patient's age and allergies; only those who may read it may print it.
func TestPrescriptionPage(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	doc, ctx := w.doctor.Actor(), w.ctx
	if err := w.s.PutSetting(ctx, System("test"), SettingTimeZone, "Pacific/Auckland"); err != nil {
		t.Fatal(err)
	}
	item := w.item(t, "Amoxicillin", false, 0, 250)
	if _, err := w.s.AddAllergy(ctx, doc, w.patientID, AllergyInput{Allergen: "Sulfonamides", Reaction: "rash",
		Severity: "moderate"}); err != nil {
		t.Fatal(err)
	}
	rx, err := w.s.CreatePrescription(ctx, doc, w.appointment(t, w.doctor, w.patientID))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.s.SetPrescriptionText(ctx, doc, rx, "Acute sinusitis", "Review in a week", "+--+\n|  |\n+--+"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.AddMedication(ctx, doc, rx, amoxicillin(item)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.AddTestOrder(ctx, doc, rx, TestOrderInput{Name: "CBC", Priority: TestUrgent}); err != nil {
		t.Fatal(err)
	}
	w.clock.advance(4 * time.Hour) // 13:00 UTC on 10 March: 02:00 on 11 March in Auckland
	page, err := w.s.PrescriptionPage(ctx, doc, rx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Doctor:    Dr. Anil Rao, MBBS", "Licence:   LIC-rao@clinic.test",
		"Patient:   Jane Doe (PAT", "Age:       45 years\nAllergies: Sulfonamides (moderate)\n",
		"Date:      11 March 2026", "· draft", "Diagnosis: Acute sinusitis",
		"Notes:     Review in a week", " 1. Amoxicillin 500 mg tablet\n    1 tablet · TDS (three times a day) · for 5 days · oral\n    after food\n    Quantity: 15",
		" -  CBC (urgent)", "Sketch\n  +--+\n  |  |\n  +--+", "Signature"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%s", want, page)
		}
	}
	rxWantErr(t, func() error { _, err := w.s.PrescriptionPage(ctx, w.frontDesk.Actor(), rx); return err }(), ErrForbidden)
	rxWantErr(t, func() error { _, err := w.s.PrescriptionPage(ctx, w.pharmacist.Actor(), rx); return err }(), ErrNotFound)
	if err := w.s.SubmitPrescription(ctx, doc, rx); err != nil {
		t.Fatal(err)
	}
	if page, err := w.s.PrescriptionPage(ctx, w.pharmacist.Actor(), rx); err != nil || !strings.Contains(page, "· submitted") {
		t.Fatalf("the pharmacist's printout of the submitted prescription: %v\n%s", err, page)
	}
}
