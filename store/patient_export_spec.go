package store

// What a patient's export holds: one spec per section of the document, each the query
// of one table's rows about the patient, nested where a row belongs to another (a
// prescription's lines, a fulfilment's items). Column aliases are the document's keys,
// named as the original design's documents name them (appointmentId, scheduledAt,
// medications with name, dosage, frequency and duration, whiteboardData) and camelCase
// elsewhere. Every row carries its database id as _id, which is what the completeness
// test (patient_export_test.go) finds it by.
//
// Key conventions the text document relies on: a key ending in At or Until is an
// instant (stored in UTC, printed in the clinic's zone), one ending in Cents is money in
// minor units, and the keys of exportFlags are 0/1 flags (true/false in JSON).
//
// A top-level query takes ?1, the patient's id, and ?2, the id of their account (0 when
// they have none); a nested one takes ?1, its parent row's _id.

// exportSpec is one section of the export: the rows of table that its query selects.
type exportSpec struct {
	key    string // the document's key
	title  string // the text document's heading
	table  string // the table its rows come from
	single bool   // at most one row: an object (or null) rather than a list
	query  string
	parts  []exportSpec
}

// nameOf is the full name of the user whose id is in col, for "recorded by" columns.
func nameOf(col string) string { return `(SELECT full_name FROM users WHERE id = ` + col + `)` }

// doctorNameOf is the name of the doctor whose doctors.id is in col.
const doctorNameOf = `(SELECT u.full_name FROM doctors d JOIN users u ON u.id = d.user_id WHERE d.id = `

// pharmacistNameOf is the name of the pharmacist whose pharmacists.id is in col.
const pharmacistNameOf = `(SELECT u.full_name FROM pharmacists ph JOIN users u ON u.id = ph.user_id WHERE ph.id = `

// exportFlags are the keys whose 0/1 values are flags.
var exportFlags = map[string]bool{"active": true, "mustChangePassword": true, "granted": true,
	"chronic": true, "allowed": true}

// patientFulfilments selects the ids of the patient's fulfilments: of their
// prescriptions, and walk-in sales to them by name.
const patientFulfilments = `SELECT id FROM pharmacy_fulfillments WHERE patient_id = ?1
	OR prescription_id IN (SELECT id FROM prescriptions WHERE patient_id = ?1)`

var exportSpecs = []exportSpec{
	{key: "patient", title: "Patient", table: "patients", single: true, query: `SELECT id AS _id,
		patient_code AS patientId, first_name AS firstName, last_name AS lastName,
		date_of_birth AS dateOfBirth, sex, phone, email, address,
		emergency_contact_name AS emergencyContactName, emergency_contact_phone AS emergencyContactPhone,
		blood_group AS bloodGroup, created_at AS createdAt, updated_at AS updatedAt
		FROM patients WHERE id = ?1`},
	{key: "account", title: "Account for the patient's own view", table: "users", single: true, query: `SELECT id AS _id,
		email, full_name AS fullName, role, active, must_change_password AS mustChangePassword,
		failed_logins AS failedLogins, locked_until AS lockedUntil, last_login_at AS lastLoginAt,
		created_at AS createdAt FROM users WHERE id = ?2`,
		parts: []exportSpec{{key: "sshKeys", title: "SSH keys", table: "user_ssh_keys", query: `SELECT id AS _id,
			fingerprint, comment, created_at AS createdAt FROM user_ssh_keys WHERE user_id = ?1 ORDER BY id`}}},
	{key: "consents", title: "Consent to be contacted", table: "patient_consents", query: `SELECT id AS _id,
		channel, granted, recorded_at AS recordedAt, ` + nameOf("recorded_by") + ` AS recordedBy
		FROM patient_consents WHERE patient_id = ?1 ORDER BY id`},
	{key: "medicalHistory", title: "Medical history", table: "medical_history", query: `SELECT id AS _id,
		condition, diagnosed_on AS diagnosedOn, status, notes, ` + nameOf("recorded_by") + ` AS recordedBy,
		created_at AS recordedAt FROM medical_history WHERE patient_id = ?1 ORDER BY id`},
	{key: "allergies", title: "Allergies", table: "allergies", query: `SELECT id AS _id, allergen, reaction,
		severity, ` + nameOf("recorded_by") + ` AS recordedBy, created_at AS recordedAt
		FROM allergies WHERE patient_id = ?1 ORDER BY id`},
	{key: "currentMedications", title: "Current medications", table: "current_medications", query: `SELECT
		id AS _id, name, dosage, frequency, started_on AS startedOn, ended_on AS endedOn,
		prescribed_by AS prescribedBy, ` + nameOf("recorded_by") + ` AS recordedBy, created_at AS recordedAt
		FROM current_medications WHERE patient_id = ?1 ORDER BY id`},
	{key: "pregnancy", title: "Pregnancy or breastfeeding", table: "patient_pregnancy", single: true,
		query: `SELECT patient_id AS _id, status, noted_on AS notedOn, ` + nameOf("recorded_by") + ` AS recordedBy,
		updated_at AS recordedAt FROM patient_pregnancy WHERE patient_id = ?1`},
	{key: "vitalSigns", title: "Vital signs", table: "vital_signs", query: `SELECT v.id AS _id,
		v.recorded_at AS recordedAt, a.appointment_code AS appointmentId, v.height_cm AS heightCm,
		v.weight_kg AS weightKg, v.systolic_mmhg AS systolicMmHg, v.diastolic_mmhg AS diastolicMmHg,
		v.pulse_bpm AS pulseBpm, v.temperature_c AS temperatureC, v.spo2_percent AS spo2Percent,
		v.respiratory_rate AS respiratoryRate, ` + nameOf("v.recorded_by") + ` AS recordedBy
		FROM vital_signs v LEFT JOIN appointments a ON a.id = v.appointment_id
		WHERE v.patient_id = ?1 ORDER BY v.recorded_at, v.id`},
	{key: "appointments", title: "Appointments", table: "appointments", query: `SELECT id AS _id,
		appointment_code AS appointmentId, ` + doctorNameOf + `doctor_id) AS doctor,
		starts_at AS scheduledAt, ends_at AS endsAt, status, reason, notes, cancel_reason AS cancelReason,
		overbook_reason AS overbookReason, fee_cents AS feeCents, payment_status AS paymentStatus,
		payment_method AS paymentMethod, amount_paid_cents AS amountPaidCents, paid_at AS paidAt,
		checked_in_at AS checkedInAt, consultation_started_at AS consultationStartedAt,
		completed_at AS completedAt, ` + nameOf("booked_by") + ` AS bookedBy, created_at AS createdAt
		FROM appointments WHERE patient_id = ?1 ORDER BY starts_at, id`},
	{key: "prescriptions", title: "Prescriptions", table: "prescriptions", query: `SELECT r.id AS _id,
		r.prescription_code AS prescriptionId, a.appointment_code AS appointmentId,
		` + doctorNameOf + `r.doctor_id) AS doctor, r.diagnosis, r.notes, r.sketch AS whiteboardData,
		r.status, r.submitted_at AS submittedAt, r.valid_until AS validUntil, r.refills_allowed AS refillsAllowed,
		r.no_consultation_reason AS noConsultationReason, r.cancel_reason AS cancelReason, r.created_at AS createdAt
		FROM prescriptions r JOIN appointments a ON a.id = r.appointment_id
		WHERE r.patient_id = ?1 ORDER BY r.created_at, r.id`,
		parts: []exportSpec{
			{key: "medications", title: "Medications", table: "prescription_medications", query: `SELECT id AS _id,
				name, dosage, frequency, CASE WHEN duration_days IS NULL THEN NULL WHEN duration_days = 1 THEN '1 day'
				ELSE duration_days || ' days' END AS duration, generic_name AS genericName, strength, form, route,
				instructions, quantity, chronic, allergy_override_reason AS overrideReason
				FROM prescription_medications WHERE prescription_id = ?1 ORDER BY position, id`,
				parts: []exportSpec{
					{key: "overrides", title: "Warnings the doctor overrode", table: "prescription_overrides",
						query: `SELECT id AS _id, kind, severity, warning, created_at AS createdAt
						FROM prescription_overrides WHERE prescription_medication_id = ?1 ORDER BY id`},
					{key: "freeTextReview", title: "Pharmacist's review of the free text", table: "free_text_reviews",
						single: true, query: `SELECT f.id AS _id, i.name AS mappedTo, f.reason,
						` + pharmacistNameOf + `f.pharmacist_id) AS pharmacist, f.updated_at AS reviewedAt
						FROM free_text_reviews f LEFT JOIN inventory_items i ON i.id = f.inventory_item_id
						WHERE f.prescription_medication_id = ?1`},
				}},
			{key: "tests", title: "Tests", table: "prescription_tests", query: `SELECT id AS _id,
				test_name AS testName, priority, instructions FROM prescription_tests WHERE prescription_id = ?1 ORDER BY id`},
			{key: "amendments", title: "Amendments", table: "prescription_amendments", query: `SELECT id AS _id,
				reason, amendment, ` + nameOf("author_id") + ` AS author, created_at AS createdAt
				FROM prescription_amendments WHERE prescription_id = ?1 ORDER BY id`},
		}},
	{key: "fulfillments", title: "Pharmacy fulfilments", table: "pharmacy_fulfillments", query: `SELECT f.id AS _id,
		r.prescription_code AS prescriptionId, f.kind, f.status, ` + pharmacistNameOf + `f.pharmacist_id) AS pharmacist,
		f.total_cents AS totalCents, f.payment_status AS paymentStatus, f.payment_method AS paymentMethod,
		f.amount_paid_cents AS amountPaidCents, f.cancel_reason AS cancelReason, f.completed_at AS completedAt,
		f.created_at AS createdAt
		FROM pharmacy_fulfillments f LEFT JOIN prescriptions r ON r.id = f.prescription_id
		WHERE f.id IN (` + patientFulfilments + `) ORDER BY f.created_at, f.id`,
		parts: []exportSpec{
			{key: "items", title: "Handed over", table: "fulfillment_items", query: `SELECT fi.id AS _id,
				i.name AS medicine, b.batch_number AS batch, b.expires_on AS expiresOn, fi.quantity,
				fi.unit_price_cents AS unitPriceCents, fi.line_total_cents AS lineTotalCents, fi.created_at AS dispensedAt
				FROM fulfillment_items fi JOIN inventory_items i ON i.id = fi.inventory_item_id
				JOIN inventory_batches b ON b.id = fi.batch_id WHERE fi.fulfillment_id = ?1 ORDER BY fi.id`},
			{key: "acknowledgements", title: "Warnings the pharmacist acknowledged", table: "dispense_acknowledgements",
				query: `SELECT k.id AS _id, i.name AS medicine, k.kind, k.severity, k.warning,
				k.doctor_override AS doctorOverride, k.note, ` + pharmacistNameOf + `k.pharmacist_id) AS pharmacist,
				k.created_at AS createdAt FROM dispense_acknowledgements k
				JOIN inventory_items i ON i.id = k.inventory_item_id WHERE k.fulfillment_id = ?1 ORDER BY k.id`},
			{key: "stockMovements", title: "Stock movements", table: "stock_movements", query: `SELECT m.id AS _id,
				m.kind, m.quantity, i.name AS medicine, b.batch_number AS batch, m.reason, m.created_at AS createdAt
				FROM stock_movements m JOIN inventory_items i ON i.id = m.item_id
				JOIN inventory_batches b ON b.id = m.batch_id WHERE m.fulfillment_id = ?1 ORDER BY m.id`},
		}},
	{key: "payments", title: "Payments", table: "payments", query: `SELECT p.id AS _id, p.desk,
		a.appointment_code AS appointmentId, p.fulfillment_id AS fulfillment, p.kind, p.method,
		p.amount_cents AS amountCents, p.reason, p.till_date AS tillDate, ` + nameOf("p.taken_by") + ` AS takenBy,
		p.taken_at AS takenAt FROM payments p LEFT JOIN appointments a ON a.id = p.appointment_id
		WHERE p.appointment_id IN (SELECT id FROM appointments WHERE patient_id = ?1)
		   OR p.fulfillment_id IN (` + patientFulfilments + `) ORDER BY p.taken_at, p.id`},
	{key: "messages", title: "Messages and notifications", table: "notifications", query: `SELECT id AS _id,
		channel, kind, title, body, address, delivery, attempts, delivery_note AS deliveryNote,
		created_at AS createdAt, sent_at AS sentAt, read_at AS readAt
		FROM notifications WHERE patient_id = ?1 OR user_id = ?2 ORDER BY id`},
	{key: "emergencyAccess", title: "Emergency access to the chart", table: "emergency_access", query: `SELECT
		e.id AS _id, u.full_name AS user, u.role, e.reason, e.granted_at AS grantedAt, e.expires_at AS expiresAt
		FROM emergency_access e JOIN users u ON u.id = e.user_id
		WHERE e.patient_id = ?1 OR e.user_id = ?2 ORDER BY e.id`},
	{key: "accessLog", title: "Who looked at the record", table: "access_log", query: `SELECT l.id AS _id,
		l.at AS at, coalesce(u.full_name, 'ClinicDesk (command line)') AS user, u.role, l.action, l.entity,
		l.entity_id AS entityId, l.allowed, l.reason
		FROM access_log l LEFT JOIN users u ON u.id = l.user_id
		WHERE l.patient_id = ?1 OR l.user_id = ?2 ORDER BY l.id`},
}
