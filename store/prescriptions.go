package store

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// PrescriptionStatus is where a prescription is in its life: draft → submitted →
// dispensing → fulfilled, or cancelled.
type PrescriptionStatus string

// The schema's prescription statuses.
const (
	PrescriptionDraft      PrescriptionStatus = "draft"
	PrescriptionSubmitted  PrescriptionStatus = "submitted"
	PrescriptionDispensing PrescriptionStatus = "dispensing" // partly dispensed
	PrescriptionFulfilled  PrescriptionStatus = "fulfilled"
	PrescriptionCancelled  PrescriptionStatus = "cancelled"
)

// TestPriority is how soon an ordered test is needed.
type TestPriority string

// The schema's test priorities.
const (
	TestRoutine TestPriority = "routine"
	TestUrgent  TestPriority = "urgent"
	TestStat    TestPriority = "stat"
)

// Prescription is a doctor's prescription for one appointment, with its patient's and
// doctor's names, its medications, tests and amendments.
type Prescription struct {
	ID            int64
	Code          string // RX000001
	AppointmentID int64
	PatientID     int64
	DoctorID      int64
	Diagnosis     string
	Notes         string
	Sketch        string
	Status        PrescriptionStatus
	SubmittedAt   time.Time
	CancelReason  string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// ValidUntil is when a submitted prescription stops being dispensable; zero for a
	// draft.
	ValidUntil time.Time
	// RefillsAllowed is how many times more than once the pharmacy may dispense it.
	RefillsAllowed int
	// NoConsultationReason is the doctor's reason for prescribing outside a started
	// consultation; "" for one written in consultation.
	NoConsultationReason string

	PatientName  string
	PatientCode  string
	DoctorName   string
	DoctorUserID int64 // the prescribing doctor's account: only they may write it
	Medications  []PrescribedMedication
	Tests        []TestOrder
	Amendments   []Amendment
}

// PrescribedMedication is one medication line of a prescription.
type PrescribedMedication struct {
	ID                    int64
	PrescriptionID        int64
	Position              int
	InventoryItemID       int64 // 0 for a medicine written as free text
	Name                  string
	GenericName           string
	Strength              string
	Form                  string
	Dosage                string
	Frequency             string
	DurationDays          int // 0 when not given
	Route                 string
	Instructions          string
	Quantity              int
	AllergyOverrideReason string
	CreatedAt             time.Time
	UpdatedAt             time.Time
	// Chronic marks a line of long-term treatment, which lets its prescription be
	// valid for up to a year.
	Chronic bool
	// Dispensed is how much the pharmacy has handed over so far, over every fill.
	Dispensed int
	// Fills is how many times Quantity may be dispensed: 1 + the prescription's refills.
	Fills int
	// Overrides are the warnings AllergyOverrideReason was given against, as the doctor
	// was shown them; none for a line written before they were named.
	Overrides []MedicationOverride
	// Review is the pharmacist's review of a free-text line, nil until there is one.
	Review *FreeTextReview
}

// MedicationOverride is one warning a doctor prescribed a line despite: a recorded
// allergy or a severe interaction.
type MedicationOverride struct {
	Key      string // as CounterWarning.Key
	Kind     WarningKind
	Severity string
	Text     string
}

// FreeTextReview is the pharmacist's review of a medicine prescribed as free text:
// mapped to a catalogue item (ItemID), or confirmed as written with a Reason.
type FreeTextReview struct {
	ItemID         int64 // 0 when confirmed as written
	ItemName       string
	ItemGeneric    string
	ItemClass      string
	ItemStrength   string
	Reason         string
	PharmacistName string
	At             time.Time
}

// Item is the catalogue item a review mapped the line to, as far as the checks need it;
// ID 0 when it was confirmed as written.
func (r *FreeTextReview) Item() InventoryItem {
	if r == nil || r.ItemID == 0 {
		return InventoryItem{}
	}
	return InventoryItem{ID: r.ItemID, Name: r.ItemName, GenericName: r.ItemGeneric, DrugClass: r.ItemClass,
		Strength: r.ItemStrength}
}

// TestOrder is one test ordered on a prescription.
type TestOrder struct {
	ID             int64
	PrescriptionID int64
	Name           string
	Priority       TestPriority
	Instructions   string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Amendment is a signed note added to a submitted prescription: the only way to change
// what it says.
type Amendment struct {
	ID             int64
	PrescriptionID int64
	Reason         string
	Text           string
	AuthorID       int64
	AuthorName     string
	CreatedAt      time.Time
}

const rxSelect = `SELECT r.id, coalesce(r.prescription_code, ''), r.appointment_id, r.patient_id, r.doctor_id,
	r.diagnosis, r.notes, r.sketch, r.status, r.submitted_at, coalesce(r.cancel_reason, ''), r.created_at,
	r.updated_at, r.valid_until, r.refills_allowed, coalesce(r.no_consultation_reason, ''),
	p.first_name || ' ' || p.last_name, coalesce(p.patient_code, ''), u.full_name, u.id
	FROM prescriptions r
	JOIN patients p ON p.id = r.patient_id
	JOIN doctors d ON d.id = r.doctor_id
	JOIN users u ON u.id = d.user_id`

func scanPrescription(row interface{ Scan(...any) error }) (Prescription, error) {
	var r Prescription
	var status, created, updated string
	var submitted, validUntil sql.NullString
	err := row.Scan(&r.ID, &r.Code, &r.AppointmentID, &r.PatientID, &r.DoctorID, &r.Diagnosis, &r.Notes, &r.Sketch,
		&status, &submitted, &r.CancelReason, &created, &updated, &validUntil, &r.RefillsAllowed,
		&r.NoConsultationReason, &r.PatientName, &r.PatientCode, &r.DoctorName, &r.DoctorUserID)
	if err != nil {
		return Prescription{}, err
	}
	r.Status, r.SubmittedAt = PrescriptionStatus(status), parseNullTime(submitted)
	r.ValidUntil = parseNullTime(validUntil)
	r.CreatedAt, r.UpdatedAt = parseTime(created), parseTime(updated)
	return r, nil
}

// visibleTo narrows prescription reads by role: a pharmacist sees only prescriptions
// sent to the pharmacy (and those withdrawn after they got there, so a screen open on
// one says so), never a doctor's draft or one cancelled before it got there; a patient
// sees those sent to the pharmacy.
func visibleTo(actor Actor) string {
	switch actor.Role {
	case RolePharmacist:
		return ` AND (r.status IN ('submitted', 'dispensing', 'fulfilled') OR r.submitted_at IS NOT NULL)`
	case RolePatient:
		return ` AND r.status IN ('submitted', 'dispensing', 'fulfilled')`
	}
	return ""
}

// Prescription returns one prescription with its medications, tests and amendments. A
// doctor reads any; a pharmacist only submitted, dispensing and fulfilled ones. The read
// is recorded in the access log.
func (s *Store) Prescription(ctx context.Context, actor Actor, id int64) (Prescription, error) {
	defer s.timed("Prescription")()
	return s.onePrescription(ctx, actor, `r.id = ?`, id)
}

// PrescriptionForAppointment returns the prescription written at an appointment, as
// Prescription does.
func (s *Store) PrescriptionForAppointment(ctx context.Context, actor Actor, appointmentID int64) (Prescription, error) {
	defer s.timed("PrescriptionForAppointment")()
	return s.onePrescription(ctx, actor, `r.appointment_id = ?`, appointmentID)
}

func (s *Store) onePrescription(ctx context.Context, actor Actor, where string, arg int64) (Prescription, error) {
	if err := s.allow(ctx, actor, ActReadPrescriptions); err != nil {
		return Prescription{}, err
	}
	r, err := scanPrescription(s.readers.QueryRowContext(ctx, rxSelect+` WHERE `+where+visibleTo(actor), arg))
	if err != nil {
		return Prescription{}, notFoundOr(err, "prescription")
	}
	list := []Prescription{r}
	if err := loadPrescriptionParts(ctx, s.readers, list); err != nil {
		return Prescription{}, err
	}
	s.logRead(ctx, actor, accessEntry{action: "read_prescription", entity: "prescriptions", entityID: r.ID,
		patientID: r.PatientID, allowed: true})
	return list[0], nil
}

// PatientPrescriptions returns a patient's prescriptions, newest first, as Prescription
// does (a pharmacist sees only those sent to the pharmacy; a patient reads their own,
// once sent). The read is recorded in the
// access log.
func (s *Store) PatientPrescriptions(ctx context.Context, actor Actor, patientID int64, limit int) ([]Prescription, error) {
	defer s.timed("PatientPrescriptions")()
	if err := s.allowPatientRecords(ctx, actor, patientID, ActReadPrescriptions); err != nil {
		return nil, err
	}
	rows, err := s.readers.QueryContext(ctx, rxSelect+` WHERE r.patient_id = ?`+visibleTo(actor)+`
		ORDER BY r.created_at DESC, r.id DESC LIMIT ?`, patientID, pageSize(limit))
	if err != nil {
		return nil, translate(err)
	}
	var list []Prescription
	for rows.Next() {
		r, err := scanPrescription(rows)
		if err != nil {
			rows.Close()
			return nil, translate(err)
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	if err := loadPrescriptionParts(ctx, s.readers, list); err != nil {
		return nil, err
	}
	s.logRead(ctx, actor, accessEntry{action: "list_prescriptions", entity: "prescriptions",
		patientID: patientID, allowed: true})
	return list, nil
}

// loadPrescriptionParts fills in the medications (with what has been dispensed of
// each), tests and amendments of a page of prescriptions: three queries for the page.
func loadPrescriptionParts(ctx context.Context, q querier, list []Prescription) error {
	if len(list) == 0 {
		return nil
	}
	index := make(map[int64]*Prescription, len(list))
	ids := make([]any, len(list))
	for i := range list {
		index[list[i].ID], ids[i] = &list[i], list[i].ID
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"

	meds, err := prescribedMedications(ctx, q, `m.prescription_id IN `+in, ids...)
	if err != nil {
		return err
	}
	for _, m := range meds {
		r := index[m.PrescriptionID]
		r.Medications = append(r.Medications, m)
	}

	rows, err := q.QueryContext(ctx, `SELECT id, prescription_id, test_name, priority, instructions, created_at, updated_at
		FROM prescription_tests WHERE prescription_id IN `+in+` ORDER BY prescription_id, id`, ids...)
	if err != nil {
		return translate(err)
	}
	for rows.Next() {
		var t TestOrder
		var priority, created, updated string
		if err := rows.Scan(&t.ID, &t.PrescriptionID, &t.Name, &priority, &t.Instructions, &created, &updated); err != nil {
			rows.Close()
			return translate(err)
		}
		t.Priority, t.CreatedAt, t.UpdatedAt = TestPriority(priority), parseTime(created), parseTime(updated)
		r := index[t.PrescriptionID]
		r.Tests = append(r.Tests, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translate(err)
	}

	rows, err = q.QueryContext(ctx, `SELECT a.id, a.prescription_id, a.reason, a.amendment, a.author_id,
		coalesce(u.full_name, ''), a.created_at
		FROM prescription_amendments a LEFT JOIN users u ON u.id = a.author_id
		WHERE a.prescription_id IN `+in+` ORDER BY a.prescription_id, a.id`, ids...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a Amendment
		var author sql.NullInt64
		var created string
		if err := rows.Scan(&a.ID, &a.PrescriptionID, &a.Reason, &a.Text, &author, &a.AuthorName, &created); err != nil {
			return translate(err)
		}
		a.AuthorID, a.CreatedAt = idOrZero(author), parseTime(created)
		r := index[a.PrescriptionID]
		r.Amendments = append(r.Amendments, a)
	}
	return translate(rows.Err())
}

// dispensedSQL is how much of medication line m the pharmacy has handed over, by
// fulfilments that were not cancelled. It reaches the items through the prescription's
// one fulfilment, so it uses the indexes on both.
const dispensedSQL = `(SELECT coalesce(sum(fi.quantity), 0) FROM pharmacy_fulfillments f
	JOIN fulfillment_items fi ON fi.fulfillment_id = f.id
	WHERE f.prescription_id = m.prescription_id AND f.status <> 'cancelled' AND fi.prescription_medication_id = m.id)`

// prescribedMedications reads medication lines matching where, in prescription order,
// each with the quantity dispensed so far by fulfilments that were not cancelled, the
// warnings its override was given against and the pharmacist's review of a free-text line.
func prescribedMedications(ctx context.Context, q querier, where string, args ...any) ([]PrescribedMedication, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.id, m.prescription_id, m.position, m.inventory_item_id, m.name,
		m.generic_name, m.strength, m.form, m.dosage, m.frequency, m.duration_days, m.route, m.instructions,
		m.quantity, coalesce(m.allergy_override_reason, ''), m.created_at, m.updated_at, m.chronic,
		`+dispensedSQL+`, (SELECT 1 + refills_allowed FROM prescriptions WHERE id = m.prescription_id),
		v.id IS NOT NULL, coalesce(v.inventory_item_id, 0), coalesce(i.name, ''),
		coalesce(i.generic_name, ''), coalesce(i.drug_class, ''), coalesce(i.strength, ''), coalesce(v.reason, ''),
		coalesce(u.full_name, ''), coalesce(v.updated_at, '')
		FROM prescription_medications m
		LEFT JOIN free_text_reviews v ON v.prescription_medication_id = m.id
		LEFT JOIN inventory_items i ON i.id = v.inventory_item_id
		LEFT JOIN pharmacists ph ON ph.id = v.pharmacist_id
		LEFT JOIN users u ON u.id = ph.user_id
		WHERE `+where+` ORDER BY m.prescription_id, m.position, m.id`, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []PrescribedMedication
	index := map[int64]int{}
	for rows.Next() {
		var m PrescribedMedication
		var item, duration sql.NullInt64
		var created, updated, reviewed string
		var hasReview bool
		var r FreeTextReview
		if err := rows.Scan(&m.ID, &m.PrescriptionID, &m.Position, &item, &m.Name, &m.GenericName, &m.Strength,
			&m.Form, &m.Dosage, &m.Frequency, &duration, &m.Route, &m.Instructions, &m.Quantity,
			&m.AllergyOverrideReason, &created, &updated, &m.Chronic, &m.Dispensed, &m.Fills, &hasReview, &r.ItemID, &r.ItemName,
			&r.ItemGeneric, &r.ItemClass, &r.ItemStrength, &r.Reason, &r.PharmacistName, &reviewed); err != nil {
			return nil, translate(err)
		}
		m.InventoryItemID, m.DurationDays = idOrZero(item), int(duration.Int64)
		m.CreatedAt, m.UpdatedAt = parseTime(created), parseTime(updated)
		if hasReview {
			r.At = parseTime(reviewed)
			m.Review = &r
		}
		index[m.ID] = len(out)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	rows.Close()
	if len(out) == 0 {
		return out, nil
	}
	orows, err := q.QueryContext(ctx, `SELECT o.prescription_medication_id, o.warning_key, o.kind, o.severity, o.warning
		FROM prescription_medications m JOIN prescription_overrides o ON o.prescription_medication_id = m.id
		WHERE `+where+` ORDER BY o.id`, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer orows.Close()
	for orows.Next() {
		var id int64
		var o MedicationOverride
		var kind string
		if err := orows.Scan(&id, &o.Key, &kind, &o.Severity, &o.Text); err != nil {
			return nil, translate(err)
		}
		o.Kind = WarningKind(kind)
		if i, ok := index[id]; ok {
			out[i].Overrides = append(out[i].Overrides, o)
		}
	}
	return out, translate(orows.Err())
}
