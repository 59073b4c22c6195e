package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
)

func TestLineWarnings(t *testing.T) {
	others := []OtherMedication{
		{MedicationLine: MedicationLine{Name: "Clarithromycin 500 mg tablet"}, From: FromCurrentMedication},
		{MedicationLine: MedicationLine{Name: "Naproxen 500 mg", GenericName: "naproxen"}, From: "prescription RX-7"},
		{MedicationLine: MedicationLine{Name: "Simvastatin 40 mg"}, From: FromCurrentMedication},
	}
	got := LineWarnings(DosePatient{}, others,
		MedicationLine{Name: "Warfarin 5 mg tablet", GenericName: "warfarin", DrugClass: drugs.VitaminKAntagonists},
		MedicationLine{Name: "Brufen 400"},
		MedicationLine{Name: "Dr Rao's herbal tonic"},
		MedicationLine{Name: "Amoxicillin 500 mg capsule", GenericName: "amoxicillin"},
	)
	type want struct {
		kind           WarningKind
		severity, with string
		from           string
	}
	for i, ws := range [][]want{
		{
			{WarnInteraction, drugs.Severe, "Brufen 400", FromThisPrescription},
			{WarnInteraction, drugs.Severe, "Clarithromycin 500 mg tablet", FromCurrentMedication},
			{WarnInteraction, drugs.Severe, "Naproxen 500 mg", "prescription RX-7"},
		},
		{
			{WarnInteraction, drugs.Severe, "Warfarin 5 mg tablet", FromThisPrescription},
			{WarnInteraction, drugs.Moderate, "Naproxen 500 mg", "prescription RX-7"},
		},
		{{WarnUnchecked, "", "", ""}},
		nil,
	} {
		if len(got[i]) != len(ws) {
			t.Errorf("line %d: %d warnings %v, want %d", i, len(got[i]), got[i], len(ws))
			continue
		}
		for j, w := range ws {
			g := got[i][j]
			if g.Kind != w.kind || g.Severity != w.severity || g.With != w.with || g.From != w.from {
				t.Errorf("line %d warning %d: %+v, want %+v", i, j, g, w)
			}
		}
	}
	severe := got[0][0].String()
	for _, part := range []string{"Severe interaction with Brufen 400 (this prescription)", "Vitamin K antagonists + NSAIDs",
		"Source: BNF Appendix 1", "Needs a reasoned override."} {
		if !strings.Contains(severe, part) {
			t.Errorf("%q lacks %q", severe, part)
		}
	}
	if !got[0][0].NeedsOverride() || got[1][1].NeedsOverride() || got[2][0].NeedsOverride() {
		t.Error("only a severe interaction needs an override")
	}
	if s := got[1][1].String(); strings.Contains(s, "override") || !strings.HasPrefix(s, "Moderate interaction") {
		t.Errorf("moderate: %q", s)
	}
	if s := got[2][0].String(); !strings.Contains(s, "not checked for allergies or interactions") {
		t.Errorf("unchecked: %q", s)
	}
	// Clarithromycin and simvastatin are both the patient's already: not this prescription's warning.
	if got := LineWarnings(DosePatient{}, others, MedicationLine{Name: "Paracetamol 500 mg", GenericName: "paracetamol"}); len(got[0]) != 0 {
		t.Errorf("paracetamol: %v", got[0])
	}
}

// TestAddMedicationSevereInteraction checks each source of the second drug: the same
// prescription, a current medication and another active prescription; a severe
// interaction needs a reason, a moderate one does not, and what is no longer taken or
// active does not count.
func TestAddMedicationSevereInteraction(t *testing.T) {
	w := newRxWorld(t)
	doc, ctx := w.doctor.Actor(), w.ctx
	warfarin := w.item(t, "Warfarin 5 mg", false, 0, 30)
	ibuprofen := w.item(t, "Ibuprofen 400 mg", false, 0, 25)
	diclofenac := w.item(t, "Diclofenac 50 mg", false, 0, 20)
	line := func(item int64) MedicationInput {
		return MedicationInput{InventoryItemID: item, Dosage: "1 tablet", Frequency: "OD", DurationDays: 5, Quantity: 5}
	}
	refused := func(t *testing.T, err error, from string) {
		t.Helper()
		var f *FieldError
		if !errors.As(err, &f) || f.Field != "allergy_override_reason" || !strings.Contains(f.Message, from) ||
			!strings.Contains(f.Message, "Vitamin K antagonists + NSAIDs") || !strings.Contains(f.Message, "give a reason") {
			t.Fatalf("want a refusal naming the interaction with %q, got %v", from, err)
		}
	}
	newRx := func(t *testing.T, patient int64) int64 {
		t.Helper()
		rx, err := w.s.CreatePrescription(ctx, doc, w.appointment(t, w.doctor, patient))
		if err != nil {
			t.Fatal(err)
		}
		return rx
	}

	t.Run("same prescription", func(t *testing.T) {
		rx := newRx(t, w.patient(t, "Same", "Rx"))
		if _, err := w.s.AddMedication(ctx, doc, rx, line(warfarin)); err != nil {
			t.Fatal(err)
		}
		_, err := w.s.AddMedication(ctx, doc, rx, line(ibuprofen))
		refused(t, err, "Warfarin 5 mg (this prescription)")
		in := line(ibuprofen)
		in.AllergyOverrideReason = "Short course agreed with haematology; INR on day 3"
		id, err := w.s.AddMedication(ctx, doc, rx, in)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := w.s.Prescription(ctx, doc, rx)
		if r.Medications[1].AllergyOverrideReason != in.AllergyOverrideReason {
			t.Fatalf("override reason not kept: %+v", r.Medications[1])
		}
		// Rewriting the ibuprofen line checks it against the warfarin, not against itself.
		err = w.s.UpdateMedication(ctx, doc, id, line(ibuprofen))
		refused(t, err, "Warfarin 5 mg (this prescription)")
		// Rewriting the warfarin line meets the ibuprofen now on the draft.
		err = w.s.UpdateMedication(ctx, doc, r.Medications[0].ID, line(warfarin))
		var f *FieldError
		if !errors.As(err, &f) || !strings.Contains(f.Message, "Ibuprofen 400 mg (this prescription)") {
			t.Fatalf("warfarin rewritten beside ibuprofen: %v", err)
		}
	})

	t.Run("current medication", func(t *testing.T) {
		p := w.patient(t, "Current", "Med")
		w.sql(t, `INSERT INTO current_medications(patient_id, name) VALUES (?, 'Coumadin 5 mg')`, p)
		rx := newRx(t, p)
		_, err := w.s.AddMedication(ctx, doc, rx, line(ibuprofen))
		refused(t, err, "Coumadin 5 mg (current medication)")

		ended := w.patient(t, "Ended", "Med")
		w.sql(t, `INSERT INTO current_medications(patient_id, name, ended_on) VALUES (?, 'Warfarin 5 mg', '2026-03-09')`, ended)
		if _, err := w.s.AddMedication(ctx, doc, newRx(t, ended), line(ibuprofen)); err != nil {
			t.Fatalf("a medication ended yesterday still counted: %v", err)
		}
	})

	t.Run("other active prescription", func(t *testing.T) {
		p := w.patient(t, "Other", "Rx")
		first := newRx(t, p)
		if _, err := w.s.AddMedication(ctx, doc, first, line(warfarin)); err != nil {
			t.Fatal(err)
		}
		second := newRx(t, p)
		if _, err := w.s.AddMedication(ctx, doc, second, line(ibuprofen)); err != nil {
			t.Fatalf("a draft is not active yet: %v", err)
		}
		if err := w.s.RemoveMedication(ctx, doc, mustRx(t, w, second).Medications[0].ID); err != nil {
			t.Fatal(err)
		}
		if err := w.s.SubmitPrescription(ctx, doc, first); err != nil {
			t.Fatal(err)
		}
		code := mustRx(t, w, first).Code
		_, err := w.s.AddMedication(ctx, doc, second, line(ibuprofen))
		refused(t, err, "Warfarin 5 mg (prescription "+code+")")

		others, err := w.s.OtherMedications(ctx, w.pharmacist.Actor(), p, second)
		if err != nil || len(others) != 1 || others[0].From != "prescription "+code || others[0].GenericName != "warfarin" {
			t.Fatalf("OtherMedications = %+v, %v", others, err)
		}
		if others, _ := w.s.OtherMedications(ctx, doc, p, first); len(others) != 0 {
			t.Fatalf("the excepted prescription is listed: %+v", others)
		}
		if _, err := w.s.OtherMedications(ctx, w.frontDesk.Actor(), p, 0); !errors.Is(err, ErrForbidden) {
			t.Fatalf("front desk read medications: %v", err)
		}

		if err := w.s.CancelPrescription(ctx, doc, first, "Wrong patient"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.AddMedication(ctx, doc, second, line(ibuprofen)); err != nil {
			t.Fatalf("a cancelled prescription still counted: %v", err)
		}
	})

	t.Run("submit rechecks", func(t *testing.T) {
		p := w.patient(t, "Late", "Warfarin")
		draft := newRx(t, p)
		if _, err := w.s.AddMedication(ctx, doc, draft, line(ibuprofen)); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.AddMedication(ctx, doc, draft, line(diclofenac)); err != nil {
			t.Fatal(err)
		}
		// Warfarin is prescribed elsewhere after the ibuprofen was added to the draft.
		other := newRx(t, p)
		if _, err := w.s.AddMedication(ctx, doc, other, line(warfarin)); err != nil {
			t.Fatal(err)
		}
		if err := w.s.SubmitPrescription(ctx, doc, other); err != nil {
			t.Fatal(err)
		}
		err := w.s.SubmitPrescription(ctx, doc, draft)
		var f *FieldError
		if !errors.As(err, &f) || f.Field != "medications" || !strings.HasPrefix(f.Message, "Ibuprofen 400 mg: Severe interaction with Warfarin 5 mg (prescription") {
			t.Fatalf("submit after warfarin elsewhere: %v", err)
		}
		if mustRx(t, w, draft).Status != PrescriptionDraft {
			t.Fatal("the refused draft was submitted")
		}
		// With the lines given again with a reason, it goes.
		for _, med := range mustRx(t, w, draft).Medications {
			in := line(med.InventoryItemID)
			in.AllergyOverrideReason = "Haematology agreed; INR on day 3"
			if err := w.s.UpdateMedication(ctx, doc, med.ID, in); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.s.SubmitPrescription(ctx, doc, draft); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("moderate warns only", func(t *testing.T) {
		rx := newRx(t, w.patient(t, "Two", "Nsaids"))
		if _, err := w.s.AddMedication(ctx, doc, rx, line(ibuprofen)); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.AddMedication(ctx, doc, rx, line(diclofenac)); err != nil {
			t.Fatalf("a moderate interaction was refused: %v", err)
		}
	})
}

func mustRx(t *testing.T, w *rxWorld, id int64) Prescription {
	t.Helper()
	r, err := w.s.Prescription(w.ctx, w.doctor.Actor(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
