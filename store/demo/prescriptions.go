package demo

import (
	"errors"
	"fmt"
	"sort"
	"time"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
)

// rxDays is how far back visits get prescriptions, and rxTarget how many at most: the
// recent weeks are what a pharmacy queue and a doctor's list show.
func rxDays(size gen.Size) int {
	switch size {
	case gen.Tiny:
		return 14
	case gen.Small:
		return 45
	case gen.Clinic:
		return 21
	}
	return 7
}

func rxTarget(size gen.Size) int {
	switch size {
	case gen.Tiny:
		return 60
	case gen.Small:
		return 500
	case gen.Clinic:
		return 2_500
	}
	return 5_000
}

// The fates of a prescription.
const (
	rxDraft      = "draft"
	rxSubmitted  = "submitted"
	rxDispensing = "dispensing"
	rxFulfilled  = "fulfilled"
	rxCancelled  = "cancelled"
)

// written is a prescription as the doctor left it, waiting for the pharmacy.
type written struct {
	id      int64
	fate    string
	at      time.Time // when the patient reaches the counter
	patient int64
	lines   []writtenLine
}

type writtenLine struct {
	medID, itemID int64
	qty           int
}

// buildPrescriptions has the doctors write prescriptions for the recent visits, in
// every status, and the pharmacists dispense the ones that reached the counter.
func (b *builder) buildPrescriptions() error {
	b.begin("Writing prescriptions")
	if len(b.visits) > rxTarget(b.size) {
		b.visits = b.visits[len(b.visits)-rxTarget(b.size):]
	}
	b.total += len(b.visits) - rxTarget(b.size)
	r := b.rand(7)
	byDoctor := map[int][]visit{}
	for _, v := range b.visits {
		byDoctor[v.doctor] = append(byDoctor[v.doctor], v)
	}
	var all []written
	for di := range b.team.Doctors {
		visits := byDoctor[di]
		if len(visits) == 0 {
			continue
		}
		doctor := b.team.Doctors[di]
		actor := b.users[doctor.Email].Actor()
		err := b.h.Batch(b.ctx, actor, func(tx *store.Tx) error {
			for _, v := range visits {
				w, err := b.prescribe(tx, r, doctor, v)
				if err != nil {
					return fmt.Errorf("demo prescription by %s: %w", doctor.FullName(), err)
				}
				if w.id != 0 {
					all = append(all, w)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		b.step(len(visits))
	}
	b.clock.set(b.now)
	b.sum.Prescriptions = len(all)
	return b.dispense(r, all)
}

// fate decides what becomes of a visit's prescription: recent ones are still at the
// pharmacy, older ones mostly collected.
func (b *builder) fate(r *gen.Rand, v visit) string {
	if v.status == gen.InConsultation {
		return rxDraft
	}
	n := r.IntN(1000)
	age := b.now.Sub(v.end)
	switch {
	case n < 80:
		return "" // no prescription: advice only
	case age < 6*time.Hour:
		return pick(n, []string{rxDraft, rxSubmitted, rxDispensing, rxFulfilled}, 180, 600, 750)
	case age < 72*time.Hour:
		return pick(n, []string{rxSubmitted, rxDispensing, rxFulfilled, rxCancelled}, 350, 480, 930)
	}
	// Older ones were collected long ago, but for the rare prescription never picked up
	// and the few still waiting for stock, so the queue holds what a real one would.
	return pick(n, []string{rxSubmitted, rxDispensing, rxFulfilled, rxCancelled}, 90, 110, 940)
}

// pick returns the first of outcomes whose threshold n is under; the last when none.
func pick(n int, outcomes []string, thresholds ...int) string {
	for i, t := range thresholds {
		if n < t {
			return outcomes[i]
		}
	}
	return outcomes[len(outcomes)-1]
}

// prescribe writes one visit's prescription as the doctor does in consultation.
func (b *builder) prescribe(tx *store.Tx, r *gen.Rand, doctor gen.Doctor, v visit) (written, error) {
	fate := b.fate(r, v)
	if fate == "" {
		return written{}, nil
	}
	p := b.patients[v.patient]
	d := gen.PickDiagnosis(r, doctor.Speciality, p.Age(v.start), p.Sex)
	if len(d.Rx) == 0 && len(d.Tests) == 0 {
		return written{}, nil // advice only
	}
	b.clock.set(v.start.Add(time.Duration(r.Between(3, 12)) * time.Minute))
	id, err := tx.CreatePrescription(b.ctx, v.id)
	if err != nil {
		return written{}, err
	}
	if err := tx.SetPrescriptionText(b.ctx, id, d.Name, d.Advice, gen.SketchFor(id)); err != nil {
		return written{}, err
	}
	w := written{id: id, fate: fate, patient: b.patientIDs[v.patient],
		at: v.end.Add(time.Duration(r.Between(5, 120)) * time.Minute)}
	if w.at.After(b.now) {
		w.at = b.now
	}
	for _, l := range d.Rx {
		line, err := b.addLine(tx, r, id, l)
		if err != nil {
			return written{}, err
		}
		if line.medID != 0 && line.itemID != 0 {
			w.lines = append(w.lines, line)
		}
	}
	for _, code := range d.Tests {
		t, _ := gen.LabTestByCode(code)
		priority := store.TestPriority(pick(r.IntN(1000), []string{"routine", "urgent", "stat"}, 750, 950))
		if _, err := tx.AddTestOrder(b.ctx, id, store.TestOrderInput{Name: t.Name, Priority: priority,
			Instructions: sampleNote(t)}); err != nil {
			return written{}, err
		}
	}
	if fate == rxDraft {
		return w, nil
	}
	if err := tx.SubmitPrescription(b.ctx, id); err != nil {
		return written{}, err
	}
	if fate == rxCancelled {
		return w, tx.CancelPrescription(b.ctx, id, gen.Pick(r, cancelReasons))
	}
	return w, nil
}

var cancelReasons = []string{"Patient prefers to continue current medicines", "Changed treatment after test results",
	"Written for the wrong patient; rewritten", "Patient referred to hospital"}

func sampleNote(t gen.LabTest) string {
	if t.Sample == "" {
		return ""
	}
	return "Sample: " + t.Sample
}

// addLine adds one medication: from the inventory, or now and then as free text (a
// brand the patient asked for). A medicine the patient's allergies flag is prescribed
// with the doctor's reason, as a doctor who has weighed it would.
func (b *builder) addLine(tx *store.Tx, r *gen.Rand, rx int64, l gen.RxLine) (writtenLine, error) {
	in := store.MedicationInput{Dosage: l.Dose, Frequency: l.Frequency, DurationDays: l.Days,
		Instructions: l.Instructions, Quantity: l.Quantity()}
	item := b.items[l.Medicine]
	if item == 0 || r.Chance(60) {
		m, _ := gen.MedicineNamed(l.Medicine)
		in.Name, in.GenericName, in.Strength, in.Form = l.Medicine, m.GenericName, m.Strength, m.Form
		item = 0
	} else {
		in.InventoryItemID = item
	}
	id, err := tx.AddMedication(b.ctx, rx, in)
	var f *store.FieldError
	if errors.As(err, &f) && f.Field == "allergy_override_reason" {
		in.AllergyOverrideReason = "Benefit outweighs the risk; tolerated before under observation"
		id, err = tx.AddMedication(b.ctx, rx, in)
	}
	return writtenLine{medID: id, itemID: item, qty: in.Quantity}, err
}

// dispense has the pharmacists serve the prescriptions that reached the counter, in the
// order patients came, each pharmacist in one transaction.
func (b *builder) dispense(r *gen.Rand, all []written) error {
	b.begin("Dispensing at the pharmacy")
	sort.SliceStable(all, func(i, j int) bool { return all[i].at.Before(all[j].at) })
	shifts := make([][]written, len(b.team.Pharmacists))
	for i, w := range all {
		if w.fate == rxDispensing || w.fate == rxFulfilled {
			shifts[i%len(shifts)] = append(shifts[i%len(shifts)], w)
		}
	}
	for pi, shift := range shifts {
		actor := b.users[b.team.Pharmacists[pi].Email].Actor()
		err := b.h.Batch(b.ctx, actor, func(tx *store.Tx) error {
			for _, w := range shift {
				if err := b.serve(tx, r, w); err != nil {
					return fmt.Errorf("demo dispensing: %w", err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	b.clock.set(b.now)
	return nil
}

// serve dispenses one prescription: every stocked line for a fulfilled one (restocking
// what ran short), part of it for one still dispensing, never more than the shelves
// hold.
func (b *builder) serve(tx *store.Tx, r *gen.Rand, w written) error {
	b.clock.set(w.at)
	day := date(w.at)
	var lines []store.DispenseLine
	var total int64
	for i, l := range w.lines {
		qty := l.qty
		if w.fate == rxDispensing && i == 0 {
			qty = l.qty / 2
		} else if w.fate == rxDispensing {
			qty = 0
		}
		if short := qty - b.stock.available(l.itemID, day); w.fate == rxFulfilled && l.itemID != 0 && short > 0 {
			if err := b.restock(tx, r, l.itemID, w.at, short); err != nil {
				return err
			}
		}
		qty = min(qty, b.stock.available(l.itemID, day))
		if qty <= 0 {
			continue
		}
		b.stock.take(l.itemID, day, qty)
		lines = append(lines, store.DispenseLine{PrescriptionMedicationID: l.medID, Quantity: qty})
		total += int64(qty) * b.meds[l.itemID].PriceCents
	}
	if len(lines) == 0 {
		return nil
	}
	in := store.DispenseInput{PrescriptionID: w.id, Lines: lines}
	warnings, err := tx.DispenseWarnings(b.ctx, in)
	if err != nil {
		return err
	}
	for i := range in.Lines { // the pharmacist reads each warning and acknowledges it
		in.Lines[i].Acknowledgements = store.AcknowledgeAll(warnings[i], "Checked with the patient at the counter")
	}
	if total > 0 && r.Chance(850) {
		in.Payment = &store.SalePayment{Method: pick(r.IntN(1000), []string{"upi", "cash", "card"}, 500, 850),
			AmountCents: total}
	}
	_, err = tx.Dispense(b.ctx, in)
	return err
}
