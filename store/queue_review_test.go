package store

import "testing"

// The queue counts a prescription's free-text lines that the drug table does not
// recognise and no pharmacist has reviewed, so the pharmacist sees before opening it
// that it needs a review: a brand the table knows (Brufen) is not counted, and a line
// stops counting once it is mapped to an item or confirmed as written.
func TestQueueCountsUnreviewedFreeText(t *testing.T) {
	t.Parallel()
	w := newRxWorld(t)
	ph, ctx := w.pharmacist.Actor(), w.ctx
	para := w.item(t, "Paracetamol 500 mg", true, 0, 20)
	w.receive(t, para, "P1", w.day(100), 50)
	rx, meds := w.prescribe(t, w.patientID,
		MedicationInput{InventoryItemID: para, Dosage: "1 tablet", Frequency: "QID", Quantity: 10},
		MedicationInput{Name: "Zyloprofen 200", Dosage: "1 tablet", Frequency: "TDS", Quantity: 9},
		MedicationInput{Name: "Quixotamol", Dosage: "1 tablet", Frequency: "OD", Quantity: 5},
		MedicationInput{Name: "Brufen 400", Dosage: "1 tablet", Frequency: "TDS", Quantity: 9})

	unreviewed := func() int {
		t.Helper()
		q, err := w.s.Queue(ctx, ph, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range q {
			if e.PrescriptionID == rx {
				return e.Unreviewed
			}
		}
		t.Fatalf("prescription %d is not on the queue: %+v", rx, q)
		return 0
	}
	if n := unreviewed(); n != 2 {
		t.Fatalf("%d unreviewed lines on the queue, want 2 (Zyloprofen and Quixotamol, not Brufen)", n)
	}
	if err := w.s.ReviewFreeText(ctx, ph, FreeTextReviewInput{MedicationID: meds[1], ItemID: para}); err != nil {
		t.Fatal(err)
	}
	if err := w.s.ReviewFreeText(ctx, ph, FreeTextReviewInput{MedicationID: meds[2], Reason: "Checked by hand"}); err != nil {
		t.Fatal(err)
	}
	if n := unreviewed(); n != 0 {
		t.Fatalf("%d unreviewed lines once both are reviewed, want 0", n)
	}
}
