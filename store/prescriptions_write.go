package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxSketchBytes is the largest sketch a prescription holds (the schema's limit).
const MaxSketchBytes = 8192

// MedicationInput is a medication line as the doctor writes it. With an InventoryItemID
// the empty Name, GenericName, Strength and Form are taken from the item; 0 writes a
// medicine the pharmacy does not stock, as free text.
type MedicationInput struct {
	InventoryItemID int64
	Name            string
	GenericName     string
	Strength        string
	Form            string
	Dosage          string
	Frequency       string
	DurationDays    int    // 0 when not given
	Route           string // "oral" when empty
	Instructions    string
	Quantity        int
	// AllergyOverrideReason is required when the medicine matches one of the patient's
	// recorded allergies, and says why it is prescribed anyway.
	AllergyOverrideReason string
	// Chronic marks long-term treatment: a prescription with a chronic line may be
	// valid for up to a year (SubmitOptions.ValidDays).
	Chronic bool
}

// SubmitOptions are what the doctor decides on sending a prescription: how long it is
// valid and how many refills it allows.
type SubmitOptions struct {
	// ValidDays is how many days from submission it may be dispensed: 0 takes the
	// clinic's prescription_valid_days; more than that needs a line marked chronic,
	// and never more than MaxPrescriptionValidDays.
	ValidDays int
	// Refills is how many times more the pharmacy may dispense it: 0 to MaxRefills.
	Refills int
}

// MaxRefills is the most refills a prescription may allow.
const MaxRefills = 12

// ConsultationStarted reports whether an appointment in this status is a consultation
// that has begun, where a prescription needs no reason: checked in, in consultation or
// completed.
func ConsultationStarted(status AppointmentStatus) bool {
	return status == AppointmentCheckedIn || status == AppointmentInConsultation || status == AppointmentCompleted
}

// TestOrderInput is a test the doctor orders.
type TestOrderInput struct {
	Name         string
	Priority     TestPriority // routine when empty
	Instructions string
}

// notYoursError refuses a write to another doctor's prescription. It matches
// ErrForbidden.
type notYoursError struct{ code string }

func (e *notYoursError) Error() string {
	return "Only the prescribing doctor can change " + e.code + "."
}

// Is makes a notYoursError match ErrForbidden.
func (e *notYoursError) Is(target error) bool { return target == ErrForbidden }

// rxFacts is what a write needs to know about the prescription it changes.
type rxFacts struct {
	patientID int64
	code      string
	status    PrescriptionStatus
}

// ownPrescription loads a prescription for a write and refuses anyone but its own
// doctor (the system actor, which writes demo data, may write any).
func (t *Tx) ownPrescription(ctx context.Context, id int64) (rxFacts, error) {
	var r rxFacts
	var status string
	var doctorUser int64
	err := t.queryRow(ctx, `SELECT r.patient_id, coalesce(r.prescription_code, ''), r.status, d.user_id
		FROM prescriptions r JOIN doctors d ON d.id = r.doctor_id WHERE r.id = ?`, id).
		Scan(&r.patientID, &r.code, &status, &doctorUser)
	if err != nil {
		return rxFacts{}, notFoundOr(err, "prescription")
	}
	r.status = PrescriptionStatus(status)
	if !t.actor.system && doctorUser != t.actor.ID {
		return rxFacts{}, &notYoursError{code: r.code}
	}
	return r, nil
}

// ownDraft is ownPrescription for a change of content, which only a draft accepts.
func (t *Tx) ownDraft(ctx context.Context, id int64) (rxFacts, error) {
	r, err := t.ownPrescription(ctx, id)
	if err == nil && r.status != PrescriptionDraft {
		err = &ConflictError{Rule: "immutable", Message: fmt.Sprintf(
			"%s has been submitted, so its content cannot change; add an amendment instead.", r.code)}
	}
	return r, err
}

// CreatePrescription starts a draft prescription for an appointment, for the
// appointment's own doctor, and returns its id. An appointment has at most one, and
// its consultation must have started (ConsultationStarted); otherwise see
// CreatePrescriptionWithoutConsultation.
func (t *Tx) CreatePrescription(ctx context.Context, appointmentID int64) (int64, error) {
	return t.createPrescription(ctx, appointmentID, "")
}

// CreatePrescriptionWithoutConsultation starts a draft prescription for an appointment
// whose consultation has not started (a repeat prescription written before the visit,
// a telephone request), with the doctor's reason, which is stored with it and audited.
func (t *Tx) CreatePrescriptionWithoutConsultation(ctx context.Context, appointmentID int64, reason string) (int64, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return 0, invalid("no_consultation_reason", "Say why you prescribe without a started consultation.")
	}
	if err := checkText("no_consultation_reason", "The reason", reason, false); err != nil {
		return 0, err
	}
	return t.createPrescription(ctx, appointmentID, reason)
}

func (t *Tx) createPrescription(ctx context.Context, appointmentID int64, reason string) (int64, error) {
	if err := t.allow(ActPrescribe); err != nil {
		return 0, err
	}
	var patientID, doctorID, doctorUser int64
	var status string
	err := t.queryRow(ctx, `SELECT a.patient_id, a.doctor_id, d.user_id, a.status
		FROM appointments a JOIN doctors d ON d.id = a.doctor_id WHERE a.id = ?`, appointmentID).
		Scan(&patientID, &doctorID, &doctorUser, &status)
	if err != nil {
		return 0, notFoundOr(err, "appointment")
	}
	switch {
	case !t.actor.system && doctorUser != t.actor.ID:
		return 0, &notYoursError{code: "another doctor's appointment"}
	case status == "cancelled" || status == "no_show":
		return 0, &ConflictError{Rule: "appointment_closed",
			Message: "That appointment was " + humanField(status) + "; it cannot have a prescription."}
	case reason == "" && !ConsultationStarted(AppointmentStatus(status)):
		return 0, &ConflictError{Rule: "no_consultation", Message: "The consultation has not started (the appointment is " +
			humanField(status) + "): check the patient in, or give a reason to prescribe without it."}
	}
	now := formatTime(t.now())
	id, err := t.insert(ctx, prescriptionInsert, appointmentID, patientID, doctorID, now, now, nullIfEmpty(reason))
	var c *ConflictError
	if errors.As(err, &c) && c.Rule == "unique_appointment_id" {
		var code string
		_ = t.queryRow(ctx, `SELECT prescription_code FROM prescriptions WHERE appointment_id = ?`, appointmentID).Scan(&code)
		return 0, &ConflictError{Rule: "prescription_exists",
			Message: "This appointment already has a prescription (" + code + "); open it instead."}
	}
	return id, err
}

// SetPrescriptionText sets a draft's diagnosis, notes and sketch (at most
// MaxSketchBytes bytes).
func (t *Tx) SetPrescriptionText(ctx context.Context, id int64, diagnosis, notes, sketch string) error {
	if err := t.allow(ActPrescribe); err != nil {
		return err
	}
	if len(sketch) > MaxSketchBytes {
		return invalid("sketch", fmt.Sprintf("The sketch is too large: it has %d bytes and may have at most %d (8 KB).",
			len(sketch), MaxSketchBytes))
	}
	if _, err := t.ownDraft(ctx, id); err != nil {
		return err
	}
	_, err := t.exec(ctx, `UPDATE prescriptions SET diagnosis = ?, notes = ?, sketch = ? WHERE id = ?`,
		strings.TrimSpace(diagnosis), strings.TrimSpace(notes), sketch, id)
	return err
}

// medicationLine is a validated medication input, ready to store.
type medicationLine struct {
	MedicationInput
	item any // the inventory item id, or nil for free text
	// overrides are the warnings the override reason is given against.
	overrides []MedicationOverride
}

// checkMedication validates a medication for a draft prescription, filling it in from
// its inventory item, and requires an override reason when it matches a recorded
// allergy or interacts severely with the draft's other lines (all but medicationID, the
// line being rewritten, 0 for a new one), the patient's current medications or their
// other active prescriptions. The one reason, stored as the line's override reason,
// covers every warning the line had when it was given, each recorded in
// prescription_overrides as the doctor was shown it.
func (t *Tx) checkMedication(ctx context.Context, patientID, prescriptionID, medicationID int64,
	in MedicationInput) (medicationLine, error) {
	for _, f := range []*string{&in.Name, &in.GenericName, &in.Strength, &in.Form, &in.Dosage, &in.Frequency,
		&in.Route, &in.Instructions, &in.AllergyOverrideReason} {
		*f = strings.TrimSpace(*f)
	}
	line := medicationLine{MedicationInput: in}
	var class string
	if in.InventoryItemID != 0 {
		var name, generic, strength, form string
		err := t.queryRow(ctx, `SELECT name, generic_name, drug_class, strength, form FROM inventory_items WHERE id = ?`,
			in.InventoryItemID).Scan(&name, &generic, &class, &strength, &form)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return line, invalid("inventory_item_id", "That medicine is not in the pharmacy's catalogue.")
		case err != nil:
			return line, translate(err)
		}
		line.item = in.InventoryItemID
		fill := func(dst *string, src string) {
			if *dst == "" {
				*dst = src
			}
		}
		fill(&line.Name, name)
		fill(&line.GenericName, generic)
		fill(&line.Strength, strength)
		fill(&line.Form, form)
	}
	if line.Route == "" {
		line.Route = "oral"
	}
	switch {
	case line.Name == "":
		return line, invalid("name", "The medicine's name is required.")
	case len([]rune(line.Name)) > 200:
		return line, invalid("name", "The medicine's name must be at most 200 characters.")
	}
	if err := CheckDurationDays(line.DurationDays); err != nil {
		return line, err
	}
	if err := CheckMedicationQuantity(line.Quantity); err != nil {
		return line, err
	}
	allergies, err := t.patientAllergies(ctx, patientID)
	if err != nil {
		return line, err
	}
	checked := MedicationLine{Name: line.Name, GenericName: line.GenericName, DrugClass: class}
	for _, m := range MedicationWarnings(allergies, checked)[0] {
		line.overrides = append(line.overrides, MedicationOverride{Key: AllergyKey(m.Allergen, checked.Name),
			Kind: WarnAllergy, Severity: m.Severity, Text: sentence(m.String())})
	}
	others, err := t.draftContext(ctx, patientID, prescriptionID, medicationID)
	if err != nil {
		return line, err
	}
	// Only a severe interaction needs a reason: dose warnings never do, so no dose is checked here.
	for _, w := range LineWarnings(DosePatient{}, others, checked)[0] {
		if w.NeedsOverride() {
			line.overrides = append(line.overrides, MedicationOverride{Kind: WarnInteraction, Severity: w.Severity,
				Key: InteractionKey(w.Interaction, checked.Name, w.With), Text: w.String()})
		}
	}
	if len(line.overrides) > 0 && line.AllergyOverrideReason == "" {
		return line, invalid("allergy_override_reason", line.overrides[0].Text+" To prescribe it anyway, give a reason.")
	}
	if line.AllergyOverrideReason == "" {
		line.overrides = nil
	}
	return line, nil
}

// recordOverrides writes what a line's override reason was given against, in place of
// what it was given against before.
func (t *Tx) recordOverrides(ctx context.Context, medicationID int64, line medicationLine) error {
	if _, err := t.exec(ctx, `DELETE FROM prescription_overrides WHERE prescription_medication_id = ?`, medicationID); err != nil {
		return err
	}
	now := formatTime(t.now())
	seen := map[string]bool{}
	for _, o := range line.overrides {
		if seen[o.Key] {
			continue
		}
		seen[o.Key] = true
		if _, err := t.exec(ctx, `INSERT INTO prescription_overrides(prescription_medication_id, kind, severity,
			warning_key, warning, created_at) VALUES (?, ?, ?, ?, ?, ?)`, medicationID, string(o.Kind), o.Severity,
			o.Key, o.Text, now); err != nil {
			return err
		}
	}
	return nil
}

// draftContext is what a draft's line is checked against for interactions: the draft's
// other lines, then the patient's other medications (OtherMedications).
func (t *Tx) draftContext(ctx context.Context, patientID, prescriptionID, medicationID int64) ([]OtherMedication, error) {
	rows, err := t.query(ctx, `SELECT pm.name, pm.generic_name, coalesce(i.drug_class, '')
		FROM prescription_medications pm LEFT JOIN inventory_items i ON i.id = pm.inventory_item_id
		WHERE pm.prescription_id = ? AND pm.id <> ? ORDER BY pm.position, pm.id`, prescriptionID, medicationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OtherMedication
	for rows.Next() {
		o := OtherMedication{From: FromThisPrescription}
		if err := rows.Scan(&o.Name, &o.GenericName, &o.DrugClass); err != nil {
			return nil, translate(err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	more, err := otherMedications(ctx, t.q(), t.now(), patientID, prescriptionID)
	return append(out, more...), err
}

// patientAllergies reads the allergen and severity of each of a patient's allergies.
func (t *Tx) patientAllergies(ctx context.Context, patientID int64) ([]Allergy, error) {
	rows, err := t.query(ctx, `SELECT allergen, severity FROM allergies WHERE patient_id = ?`, patientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var allergies []Allergy
	for rows.Next() {
		var a Allergy
		if err := rows.Scan(&a.Allergen, &a.Severity); err != nil {
			return nil, translate(err)
		}
		allergies = append(allergies, a)
	}
	return allergies, translate(rows.Err())
}

func (l medicationLine) args() []any {
	var duration, override any
	if l.DurationDays > 0 {
		duration = l.DurationDays
	}
	if l.AllergyOverrideReason != "" {
		override = l.AllergyOverrideReason
	}
	return []any{l.item, l.Name, l.GenericName, l.Strength, l.Form, l.Dosage, l.Frequency, duration, l.Route,
		l.Instructions, l.Quantity, override, l.Chronic}
}

// AddMedication adds a medication line to a draft and returns its id.
func (t *Tx) AddMedication(ctx context.Context, prescriptionID int64, in MedicationInput) (int64, error) {
	if err := t.allow(ActPrescribe); err != nil {
		return 0, err
	}
	r, err := t.ownDraft(ctx, prescriptionID)
	if err != nil {
		return 0, err
	}
	line, err := t.checkMedication(ctx, r.patientID, prescriptionID, 0, in)
	if err != nil {
		return 0, err
	}
	now := formatTime(t.now())
	id, err := t.insert(ctx, `INSERT INTO prescription_medications(prescription_id, position, inventory_item_id, name,
		generic_name, strength, form, dosage, frequency, duration_days, route, instructions, quantity,
		allergy_override_reason, chronic, created_at, updated_at)
		VALUES (?, (SELECT coalesce(max(position), 0) + 1 FROM prescription_medications WHERE prescription_id = ?),
		        ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		append(append([]any{prescriptionID, prescriptionID}, line.args()...), now, now)...)
	if err != nil {
		return 0, err
	}
	return id, t.recordOverrides(ctx, id, line)
}

// prescriptionOf finds the prescription a medication line or test belongs to.
func (t *Tx) prescriptionOf(ctx context.Context, table string, id int64, what string) (int64, error) {
	var rx int64
	err := t.queryRow(ctx, `SELECT prescription_id FROM `+table+` WHERE id = ?`, id).Scan(&rx)
	return rx, notFoundOr(err, what)
}

// UpdateMedication rewrites a medication line of a draft.
func (t *Tx) UpdateMedication(ctx context.Context, medicationID int64, in MedicationInput) error {
	if err := t.allow(ActPrescribe); err != nil {
		return err
	}
	rx, err := t.prescriptionOf(ctx, "prescription_medications", medicationID, "medication")
	if err != nil {
		return err
	}
	r, err := t.ownDraft(ctx, rx)
	if err != nil {
		return err
	}
	line, err := t.checkMedication(ctx, r.patientID, rx, medicationID, in)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `UPDATE prescription_medications SET inventory_item_id = ?, name = ?, generic_name = ?,
		strength = ?, form = ?, dosage = ?, frequency = ?, duration_days = ?, route = ?, instructions = ?,
		quantity = ?, allergy_override_reason = ?, chronic = ? WHERE id = ?`, append(line.args(), medicationID)...)
	if err != nil {
		return err
	}
	return t.recordOverrides(ctx, medicationID, line)
}

// RemoveMedication removes a medication line from a draft.
func (t *Tx) RemoveMedication(ctx context.Context, medicationID int64) error {
	return t.removePart(ctx, "prescription_medications", medicationID, "medication")
}

// RemoveTestOrder removes a test from a draft.
func (t *Tx) RemoveTestOrder(ctx context.Context, testID int64) error {
	return t.removePart(ctx, "prescription_tests", testID, "test order")
}

func (t *Tx) removePart(ctx context.Context, table string, id int64, what string) error {
	if err := t.allow(ActPrescribe); err != nil {
		return err
	}
	rx, err := t.prescriptionOf(ctx, table, id, what)
	if err != nil {
		return err
	}
	if _, err := t.ownDraft(ctx, rx); err != nil {
		return err
	}
	_, err = t.exec(ctx, `DELETE FROM `+table+` WHERE id = ?`, id)
	return err
}

// AddTestOrder orders a test on a draft and returns its id.
func (t *Tx) AddTestOrder(ctx context.Context, prescriptionID int64, in TestOrderInput) (int64, error) {
	if err := t.allow(ActPrescribe); err != nil {
		return 0, err
	}
	in.Name, in.Instructions = strings.TrimSpace(in.Name), strings.TrimSpace(in.Instructions)
	if in.Priority == "" {
		in.Priority = TestRoutine
	}
	switch {
	case in.Name == "":
		return 0, invalid("test_name", "The test's name is required.")
	case in.Priority != TestRoutine && in.Priority != TestUrgent && in.Priority != TestStat:
		return 0, invalid("priority", "Priority must be routine, urgent or stat.")
	}
	if _, err := t.ownDraft(ctx, prescriptionID); err != nil {
		return 0, err
	}
	now := formatTime(t.now())
	return t.insert(ctx, `INSERT INTO prescription_tests(prescription_id, test_name, priority, instructions,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`, prescriptionID, in.Name, string(in.Priority),
		in.Instructions, now, now)
}

// SubmitPrescription sends a draft to the pharmacy, valid for the clinic's default
// days with no refills (SubmitPrescriptionWith).
func (t *Tx) SubmitPrescription(ctx context.Context, id int64) error {
	return t.SubmitPrescriptionWith(ctx, id, SubmitOptions{})
}

// SubmitPrescriptionWith sends a draft to the pharmacy, valid for opts.ValidDays from
// now and dispensable 1 + opts.Refills times. It needs at least one medication or
// test; from then on the schema keeps its content, validity and refills as they are.
func (t *Tx) SubmitPrescriptionWith(ctx context.Context, id int64, opts SubmitOptions) error {
	if err := t.allow(ActPrescribe); err != nil {
		return err
	}
	r, err := t.ownDraft(ctx, id)
	if err != nil {
		return err
	}
	days, err := t.validDays(ctx, id, opts.ValidDays)
	if err != nil {
		return err
	}
	if opts.Refills < 0 || opts.Refills > MaxRefills {
		return invalid("refills_allowed", fmt.Sprintf("Refills must be from 0 to %d.", MaxRefills))
	}
	var lines int
	if err := t.queryRow(ctx, `SELECT (SELECT count(*) FROM prescription_medications WHERE prescription_id = ?1)
		+ (SELECT count(*) FROM prescription_tests WHERE prescription_id = ?1)`, id).Scan(&lines); err != nil {
		return translate(err)
	}
	if lines == 0 {
		return invalid("medications", "Add at least one medication or test before submitting.")
	}
	if err := t.recheckInteractions(ctx, r.patientID, id); err != nil {
		return err
	}
	now := t.now()
	if _, err := t.exec(ctx, `UPDATE prescriptions SET status = 'submitted', submitted_at = ?, valid_until = ?,
		refills_allowed = ? WHERE id = ?`, formatTime(now), formatTime(now.AddDate(0, 0, days)), opts.Refills, id); err != nil {
		return err
	}
	// The pharmacy queue is the pharmacists' notice of it (Store.WaitingCount): no row
	// per prescription.
	return nil
}

// validDays is the validity a draft may be submitted with: asked, or the clinic's
// default when 0. More than the default needs a line marked chronic.
func (t *Tx) validDays(ctx context.Context, id int64, asked int) (int, error) {
	value, err := storedSetting(ctx, t.q(), SettingPrescriptionValidDays, "")
	if err != nil {
		return 0, err
	}
	def := DefaultPrescriptionValidDays
	if n, err := strconv.Atoi(value); err == nil && n >= 1 && n <= MaxPrescriptionValidDays {
		def = n
	}
	switch {
	case asked == 0:
		return def, nil
	case asked < 0 || asked > MaxPrescriptionValidDays:
		return 0, invalid("valid_until", "Validity must be from 1 to 365 days.")
	case asked <= def:
		return asked, nil
	}
	var chronic bool
	if err := t.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM prescription_medications
		WHERE prescription_id = ? AND chronic)`, id).Scan(&chronic); err != nil {
		return 0, translate(err)
	}
	if !chronic {
		return 0, invalid("valid_until", fmt.Sprintf(
			"Validity beyond %d days needs a line marked chronic; mark the long-term medicine chronic, or shorten it.", def))
	}
	return asked, nil
}

// recheckInteractions refuses to submit a draft whose line, added without an override
// reason, now interacts severely with the patient's current medications or another
// active prescription: one recorded or submitted after the line was added. The draft's
// lines were checked against each other as they were added.
func (t *Tx) recheckInteractions(ctx context.Context, patientID, prescriptionID int64) error {
	rows, err := t.query(ctx, `SELECT pm.name, pm.generic_name, coalesce(i.drug_class, '')
		FROM prescription_medications pm LEFT JOIN inventory_items i ON i.id = pm.inventory_item_id
		WHERE pm.prescription_id = ? AND pm.allergy_override_reason IS NULL ORDER BY pm.position, pm.id`, prescriptionID)
	if err != nil {
		return err
	}
	var lines []MedicationLine
	for rows.Next() {
		var l MedicationLine
		if err := rows.Scan(&l.Name, &l.GenericName, &l.DrugClass); err != nil {
			rows.Close()
			return translate(err)
		}
		lines = append(lines, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	if len(lines) == 0 {
		return nil
	}
	others, err := otherMedications(ctx, t.q(), t.now(), patientID, prescriptionID)
	if err != nil {
		return err
	}
	for i, ws := range LineWarnings(DosePatient{}, others, lines...) { // only overrides matter, as in AddMedication
		for _, w := range ws {
			if w.NeedsOverride() && w.From != FromThisPrescription {
				return invalid("medications", lines[i].Name+": "+w.String()+
					" Remove the line and add it again with a reason, or change the treatment.")
			}
		}
	}
	return nil
}

// CancelPrescription withdraws a draft, or a submitted prescription the pharmacy has
// not started dispensing, for the reason given; the pharmacists are told. Once
// dispensing has started it cannot be withdrawn (the schema refuses it too): the
// pharmacy may cancel its fulfilment, which puts the stock back.
func (t *Tx) CancelPrescription(ctx context.Context, id int64, reason string) error {
	if err := t.allow(ActPrescribe); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return invalid("cancel_reason", "Say why the prescription is cancelled.")
	}
	r, err := t.ownPrescription(ctx, id)
	if err != nil {
		return err
	}
	if err := checkText("cancel_reason", "The reason", reason, false); err != nil {
		return err
	}
	switch r.status {
	case PrescriptionFulfilled, PrescriptionCancelled:
		return &ConflictError{Rule: "status_flow", Message: fmt.Sprintf("%s is already %s; it cannot be withdrawn.",
			r.code, r.status)}
	case PrescriptionDispensing:
		return &ConflictError{Rule: "dispensing_started", Message: r.code +
			" is being dispensed; it can no longer be withdrawn. Ask the pharmacy to stop, or add an amendment."}
	}
	if _, err = t.exec(ctx, `UPDATE prescriptions SET status = 'cancelled', cancel_reason = ? WHERE id = ?`,
		reason, id); err != nil {
		return err
	}
	if r.status == PrescriptionDraft {
		return nil
	}
	return t.Notify(ctx, NotificationInput{Role: RolePharmacist, Kind: KindPrescriptionWithdrawn,
		Title: r.code + " withdrawn", Body: "The doctor withdrew " + r.code + ": " + reason,
		Entity: "prescriptions", EntityID: id})
}

// AmendPrescription adds a signed amendment to a submitted prescription and returns its
// id. Amendments are kept as written: they cannot be changed or removed.
func (t *Tx) AmendPrescription(ctx context.Context, id int64, reason, text string) (int64, error) {
	if err := t.allow(ActPrescribe); err != nil {
		return 0, err
	}
	reason, text = strings.TrimSpace(reason), strings.TrimSpace(text)
	switch {
	case reason == "":
		return 0, invalid("reason", "Say why the prescription is amended.")
	case text == "":
		return 0, invalid("amendment", "Write the amendment.")
	}
	r, err := t.ownPrescription(ctx, id)
	if err != nil {
		return 0, err
	}
	if r.status == PrescriptionDraft {
		return 0, &ConflictError{Rule: "draft", Message: r.code + " is still a draft; edit it directly."}
	}
	now := formatTime(t.now())
	return t.insert(ctx, `INSERT INTO prescription_amendments(prescription_id, reason, amendment, author_id,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`, id, reason, text, nullID(t.actor.ID), now, now)
}

var prescriptionInsert = codedInsert("prescriptions", "prescription_code", "RX",
	`appointment_id, patient_id, doctor_id, created_at, updated_at, no_consultation_reason`)

// CheckDurationDays is a medication line's rule on its course: 1 to 3650 days, or 0
// when not given. AddMedication checks it; a form checks it as the days are typed.
func CheckDurationDays(days int) error {
	if days < 0 || days > 3650 {
		return invalid("duration_days", "Duration must be from 1 to 3650 days, or left empty.")
	}
	return nil
}

// CheckMedicationQuantity is a medication line's rule on the quantity to dispense.
func CheckMedicationQuantity(quantity int) error {
	if quantity < 1 {
		return invalid("quantity", "Quantity must be at least 1; for a medicine taken as needed, type the quantity to supply.")
	}
	return nil
}

// nullIfEmpty is s, or NULL for "".
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
