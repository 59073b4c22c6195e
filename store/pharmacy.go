package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"
)

// FulfilmentStatus is how far the pharmacy has got with a fulfilment.
type FulfilmentStatus string

// The schema's fulfilment statuses. A fulfilment is written whole in one transaction,
// so screens see partial, fulfilled or cancelled; dispensing is the schema's default
// while that transaction runs.
const (
	FulfilmentDispensing FulfilmentStatus = "dispensing"
	FulfilmentPartial    FulfilmentStatus = "partial"
	FulfilmentFulfilled  FulfilmentStatus = "fulfilled"
	FulfilmentCancelled  FulfilmentStatus = "cancelled"
)

// FulfilmentKind says whether a fulfilment dispenses a prescription or is a walk-in sale.
type FulfilmentKind string

// The schema's fulfilment kinds.
const (
	FulfilmentForPrescription FulfilmentKind = "prescription"
	FulfilmentWalkIn          FulfilmentKind = "walk_in"
)

// QueueEntry is one prescription waiting at the pharmacy.
type QueueEntry struct {
	PrescriptionID  int64
	Code            string
	Status          PrescriptionStatus // submitted, or dispensing when partly dispensed
	SubmittedAt     time.Time
	PatientID       int64
	PatientName     string
	PatientCode     string
	DoctorName      string
	Items           int  // medication lines
	Outstanding     int  // lines not yet wholly dispensed
	UrgentTest      bool // an urgent or stat test is ordered with it
	AllergyOverride bool // the doctor prescribed something despite a recorded allergy
	// StockCovers is true when, for each medication the pharmacy stocks, what is still
	// to dispense is on the shelf in unexpired batches.
	StockCovers  bool
	FulfilmentID int64 // 0 until dispensing starts
	// ValidUntil is when the prescription stops being dispensable.
	ValidUntil time.Time
	// Expired is set once ValidUntil has passed (by the store's clock): it stays on the
	// queue, marked, until the doctor or the pharmacy closes it, and cannot be dispensed.
	Expired bool
	// ExpiresSoon is set when ValidUntil is within ExpiringWithin.
	ExpiresSoon bool
	// Refills is how many refills the prescription allows, RefillsLeft how many are not
	// yet begun, and RefillDue is set when the last fill is wholly dispensed and the next
	// refill waits for the patient.
	Refills, RefillsLeft int
	RefillDue            bool
	// Unreviewed counts the free-text lines the drug table does not recognise that the
	// pharmacist has neither mapped to a catalogue item nor confirmed (see Unreviewed):
	// nothing of the prescription is handed over until each is reviewed.
	Unreviewed int
}

// Fulfilment is the pharmacy's record of what it handed over for a prescription, or of
// a walk-in sale, with what it costs and how it was paid.
type Fulfilment struct {
	ID               int64
	Kind             FulfilmentKind
	PrescriptionID   int64 // 0 for a walk-in sale
	PrescriptionCode string
	PatientID        int64 // 0 for an anonymous walk-in sale
	PatientName      string
	PatientCode      string
	PharmacistID     int64
	PharmacistName   string
	Status           FulfilmentStatus
	TotalCents       int64
	PaymentStatus    string // unpaid, paid or waived
	PaymentMethod    string // cash, card, upi, insurance or other; "" until paid
	AmountPaidCents  int64
	WaivedCents      int64 // written off the bill; a waived bill that grows owes its new lines
	RefundedCents    int64 // given back, as a positive amount
	CancelReason     string
	CompletedAt      time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Items            []FulfilmentItem
	// Medications are the prescription's lines, each with Quantity prescribed and
	// Dispensed so far ("3 of 10"); empty for a walk-in sale.
	Medications []PrescribedMedication
	// Acknowledgements are the warnings the pharmacist acknowledged as lines were handed
	// over, oldest first.
	Acknowledgements []DispenseAck
}

// DispenseAck is one warning a pharmacist acknowledged as a line was handed over.
type DispenseAck struct {
	PrescriptionMedicationID int64 // 0 for a sale's item
	ItemID                   int64
	Key                      string
	Kind                     WarningKind
	Severity                 string
	Text                     string
	DoctorOverride           string // the doctor's reason that covered it, "" for none
	Note                     string // the pharmacist's, "" for none
	PharmacistName           string
	At                       time.Time
}

// Safety is what a dispensed line's label and receipt say about the overrides it was
// handed over with: the doctor's override of med (nil for a sale's item) with what it
// overrides, then each of the pharmacist's notes on item's acknowledged warnings.
func (f Fulfilment) Safety(med *PrescribedMedication, itemID int64) []string {
	var out []string
	if med != nil && med.AllergyOverrideReason != "" {
		var what []string
		for _, o := range med.Overrides {
			what = append(what, WarningSummary(o.Kind, o.Text))
		}
		head := "Prescriber's override"
		if len(what) > 0 {
			head += " (despite " + strings.Join(what, "; ") + ")"
		}
		out = append(out, head+": "+med.AllergyOverrideReason)
	}
	// One line per note, naming every warning it was written on.
	var notes []string
	about := map[string][]string{}
	for _, a := range f.Acknowledgements {
		medID := int64(0)
		if med != nil {
			medID = med.ID
		}
		if a.Note == "" || a.ItemID != itemID || a.PrescriptionMedicationID != medID {
			continue
		}
		if _, seen := about[a.Note]; !seen {
			notes = append(notes, a.Note)
		}
		if summary := WarningSummary(a.Kind, a.Text); !slices.Contains(about[a.Note], summary) {
			about[a.Note] = append(about[a.Note], summary)
		}
	}
	for _, n := range notes {
		out = append(out, "Pharmacist's note ("+strings.Join(about[n], "; ")+"): "+n)
	}
	return out
}

// FulfilmentItem is a quantity of one item handed over from one batch.
type FulfilmentItem struct {
	ID                       int64
	PrescriptionMedicationID int64 // 0 for a walk-in sale
	ItemID                   int64
	ItemName                 string
	Strength                 string
	Form                     string
	Unit                     string
	BatchID                  int64
	BatchNumber              string
	ExpiresOn                time.Time
	Quantity                 int
	UnitPriceCents           int64
	LineTotalCents           int64
	CreatedAt                time.Time
}

// ExpiringWithin is how close to its validity's end a prescription on the queue is
// marked as expiring.
const ExpiringWithin = 7 * 24 * time.Hour

// Queue lists the prescriptions waiting at the pharmacy, oldest first: submitted ones and
// those partly dispensed, that have at least one medication. It takes the page first,
// walking the prescriptions_queue index in queue order, and then works out each entry's
// counts and flags from one pass over its medication lines, so its cost is bounded by
// limit (1 to 500; 0 means 50).
func (s *Store) Queue(ctx context.Context, actor Actor, limit int) ([]QueueEntry, error) {
	defer s.timed("Queue")()
	return s.QueueAfter(ctx, actor, QueueEntry{}, limit)
}

// QueueAfter lists the next page of the queue: the waiting prescriptions that come after
// the entry after (its SubmittedAt and PrescriptionID) in queue order, at most limit. A
// zero entry starts at the front. The page starts where the index says, so a later page
// costs what the first does.
func (s *Store) QueueAfter(ctx context.Context, actor Actor, after QueueEntry, limit int) ([]QueueEntry, error) {
	defer s.timed("QueueAfter")()
	if err := s.allow(ctx, actor, ActDispense); err != nil {
		return nil, err
	}
	now := s.now()
	today, _, err := clinicToday(ctx, s.fast(), now)
	if err != nil {
		return nil, err
	}
	afterTime := ""
	if !after.SubmittedAt.IsZero() {
		afterTime = formatTime(after.SubmittedAt)
	}
	rows, err := s.fast().QueryContext(ctx, `WITH page AS (
		SELECT r.id FROM prescriptions r INDEXED BY prescriptions_queue
		 WHERE r.status IN ('submitted', 'dispensing') AND (r.submitted_at, r.id) > (?3, ?4)
		   AND EXISTS (SELECT 1 FROM prescription_medications m WHERE m.prescription_id = r.id)
		 ORDER BY r.submitted_at, r.id LIMIT ?2),
		lines AS (
		SELECT m.prescription_id, m.quantity, m.inventory_item_id, m.allergy_override_reason,
		       m.name, m.generic_name,
		       EXISTS (SELECT 1 FROM free_text_reviews v WHERE v.prescription_medication_id = m.id) AS reviewed,
		       `+dispensedSQL+` AS dispensed,
		       (SELECT 1 + refills_allowed FROM prescriptions WHERE id = m.prescription_id) AS fills
		  FROM page JOIN prescription_medications m ON m.prescription_id = page.id),
		meds AS (
		SELECT prescription_id, count(*) AS items, sum(quantity * fills > dispensed) AS outstanding,
		       max(allergy_override_reason IS NOT NULL) AS override,
		       json_group_array(json_array(name, generic_name))
		         FILTER (WHERE inventory_item_id IS NULL AND NOT reviewed) AS free_text,
		       max((dispensed + quantity - 1) / quantity) AS begun,
		       sum(inventory_item_id IS NOT NULL AND dispensed % quantity <> 0) AS part_filled,
		       max(inventory_item_id IS NOT NULL
		           AND CASE WHEN dispensed >= quantity * fills THEN 0 ELSE quantity - dispensed % quantity END >
		           (SELECT coalesce(sum(b.quantity_left), 0) FROM inventory_batches b
		             WHERE b.item_id = inventory_item_id AND b.quantity_left > 0 AND b.expires_on >= ?1)) AS short
		  FROM lines GROUP BY prescription_id)
		SELECT r.id, coalesce(r.prescription_code, ''), r.status, r.submitted_at, p.id,
		       p.first_name || ' ' || p.last_name, coalesce(p.patient_code, ''), u.full_name,
		       meds.items, meds.outstanding,
		       EXISTS (SELECT 1 FROM prescription_tests t WHERE t.prescription_id = r.id
		                  AND t.priority IN ('urgent', 'stat')),
		       meds.override, NOT meds.short,
		       coalesce((SELECT f.id FROM pharmacy_fulfillments f WHERE f.prescription_id = r.id), 0),
		       r.valid_until, r.refills_allowed, meds.begun, meds.part_filled, meds.free_text
		  FROM page
		  JOIN meds ON meds.prescription_id = page.id
		  JOIN prescriptions r ON r.id = page.id
		  JOIN patients p ON p.id = r.patient_id
		  JOIN doctors d ON d.id = r.doctor_id
		  JOIN users u ON u.id = d.user_id
		 ORDER BY r.submitted_at, r.id`, today, pageSize(limit), afterTime, after.PrescriptionID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []QueueEntry
	for rows.Next() {
		var e QueueEntry
		var status string
		var submitted, validUntil sql.NullString
		var begun, partFilled int
		var freeText string
		if err := rows.Scan(&e.PrescriptionID, &e.Code, &status, &submitted, &e.PatientID, &e.PatientName,
			&e.PatientCode, &e.DoctorName, &e.Items, &e.Outstanding, &e.UrgentTest, &e.AllergyOverride,
			&e.StockCovers, &e.FulfilmentID, &validUntil, &e.Refills, &begun, &partFilled, &freeText); err != nil {
			return nil, translate(err)
		}
		if e.Unreviewed, err = unreviewedCount(freeText); err != nil {
			return nil, err
		}
		e.Status, e.SubmittedAt = PrescriptionStatus(status), parseNullTime(submitted)
		e.ValidUntil = parseNullTime(validUntil)
		e.RefillsLeft = max(0, e.Refills+1-max(1, begun))
		e.RefillDue = begun > 0 && partFilled == 0 && e.RefillsLeft > 0
		if !e.ValidUntil.IsZero() {
			e.Expired = now.After(e.ValidUntil)
			e.ExpiresSoon = !e.Expired && e.ValidUntil.Sub(now) <= ExpiringWithin
		}
		out = append(out, e)
	}
	return out, translate(rows.Err())
}

// Fulfilment returns one fulfilment with its items and, for a prescription, how much
// of each medication has been dispensed. The read is recorded in the access log.
func (s *Store) Fulfilment(ctx context.Context, actor Actor, id int64) (Fulfilment, error) {
	defer s.timed("Fulfilment")()
	if err := s.allow(ctx, actor, ActDispense); err != nil {
		return Fulfilment{}, err
	}
	f, err := loadFulfilment(ctx, s.readers, id)
	if err != nil {
		return Fulfilment{}, err
	}
	s.logRead(ctx, actor, accessEntry{action: "read_fulfilment", entity: "pharmacy_fulfillments", entityID: f.ID,
		patientID: f.PatientID, allowed: true})
	return f, nil
}

func loadFulfilment(ctx context.Context, q querier, id int64) (Fulfilment, error) {
	var f Fulfilment
	var rx, patient sql.NullInt64
	var kind, status, created, updated string
	var completed sql.NullString
	err := q.QueryRowContext(ctx, `SELECT f.id, f.kind, f.prescription_id, coalesce(r.prescription_code, ''),
		f.patient_id, coalesce(p.first_name || ' ' || p.last_name, ''), coalesce(p.patient_code, ''),
		f.pharmacist_id, u.full_name, f.status, f.total_cents, f.payment_status, coalesce(f.payment_method, ''),
		f.amount_paid_cents, coalesce(f.cancel_reason, ''), f.completed_at, f.created_at, f.updated_at,
		(SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE fulfillment_id = f.id AND kind = 'waiver'),
		(SELECT coalesce(-sum(amount_cents), 0) FROM payments WHERE fulfillment_id = f.id AND kind = 'refund')
		FROM pharmacy_fulfillments f
		LEFT JOIN prescriptions r ON r.id = f.prescription_id
		LEFT JOIN patients p ON p.id = f.patient_id
		JOIN pharmacists ph ON ph.id = f.pharmacist_id
		JOIN users u ON u.id = ph.user_id
		WHERE f.id = ?`, id).Scan(&f.ID, &kind, &rx, &f.PrescriptionCode, &patient, &f.PatientName, &f.PatientCode,
		&f.PharmacistID, &f.PharmacistName, &status, &f.TotalCents, &f.PaymentStatus, &f.PaymentMethod,
		&f.AmountPaidCents, &f.CancelReason, &completed, &created, &updated, &f.WaivedCents, &f.RefundedCents)
	if err != nil {
		return Fulfilment{}, notFoundOr(err, "fulfilment")
	}
	f.Kind, f.Status = FulfilmentKind(kind), FulfilmentStatus(status)
	f.PrescriptionID, f.PatientID = idOrZero(rx), idOrZero(patient)
	f.CompletedAt, f.CreatedAt, f.UpdatedAt = parseNullTime(completed), parseTime(created), parseTime(updated)

	rows, err := q.QueryContext(ctx, `SELECT fi.id, fi.prescription_medication_id, fi.inventory_item_id, i.name,
		i.strength, i.form, i.unit, fi.batch_id, b.batch_number, b.expires_on, fi.quantity, fi.unit_price_cents,
		fi.line_total_cents, fi.created_at
		FROM fulfillment_items fi
		JOIN inventory_items i ON i.id = fi.inventory_item_id
		JOIN inventory_batches b ON b.id = fi.batch_id
		WHERE fi.fulfillment_id = ? ORDER BY fi.id`, id)
	if err != nil {
		return Fulfilment{}, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var it FulfilmentItem
		var med sql.NullInt64
		var expires, created string
		if err := rows.Scan(&it.ID, &med, &it.ItemID, &it.ItemName, &it.Strength, &it.Form, &it.Unit, &it.BatchID,
			&it.BatchNumber, &expires, &it.Quantity, &it.UnitPriceCents, &it.LineTotalCents, &created); err != nil {
			return Fulfilment{}, translate(err)
		}
		it.PrescriptionMedicationID = idOrZero(med)
		it.ExpiresOn, it.CreatedAt = parseStoredDate(expires), parseTime(created)
		f.Items = append(f.Items, it)
	}
	if err := rows.Err(); err != nil {
		return Fulfilment{}, translate(err)
	}
	if f.PrescriptionID != 0 {
		if f.Medications, err = prescribedMedications(ctx, q, `m.prescription_id = ?`, f.PrescriptionID); err != nil {
			return Fulfilment{}, err
		}
	}
	f.Acknowledgements, err = dispenseAcks(ctx, q, id)
	return f, err
}

// dispenseAcks reads the acknowledgements recorded with a fulfilment, oldest first.
func dispenseAcks(ctx context.Context, q querier, fulfilmentID int64) ([]DispenseAck, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.prescription_medication_id, a.inventory_item_id, a.warning_key, a.kind,
		a.severity, a.warning, coalesce(a.doctor_override, ''), coalesce(a.note, ''), u.full_name, a.created_at
		FROM dispense_acknowledgements a
		JOIN pharmacists ph ON ph.id = a.pharmacist_id JOIN users u ON u.id = ph.user_id
		WHERE a.fulfillment_id = ? ORDER BY a.id`, fulfilmentID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []DispenseAck
	for rows.Next() {
		var a DispenseAck
		var med sql.NullInt64
		var kind, at string
		if err := rows.Scan(&med, &a.ItemID, &a.Key, &kind, &a.Severity, &a.Text, &a.DoctorOverride, &a.Note,
			&a.PharmacistName, &at); err != nil {
			return nil, translate(err)
		}
		a.PrescriptionMedicationID, a.Kind, a.At = idOrZero(med), WarningKind(kind), parseTime(at)
		out = append(out, a)
	}
	return out, translate(rows.Err())
}
