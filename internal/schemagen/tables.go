package schemagen

// Tables is the one declared list of audited tables: every column of each, in the
// table's order. A store test proves each list equals its table's columns, so a column
// added to schema.sql without being added here fails the tests instead of going
// unaudited.
var Tables = []Table{
	{Name: "settings", Shape: 1, Key: "key", Columns: cols("key value updated_at")},
	{Name: "setting_secrets", Shape: 2, Key: "key", Columns: cols("key secret updated_at"),
		Secret: "secret", SecretChanged: "secret_changed"},
	{Name: "users", Shape: 3, Key: "id", RowID: "id",
		Columns: cols("id email full_name role password_hash active must_change_password failed_logins locked_until last_login_at created_at updated_at"),
		Secret:  "password_hash", SecretChanged: "password_changed"},
	{Name: "user_ssh_keys", Shape: 4, RowID: "id", Columns: cols("id user_id public_key fingerprint comment created_at")},
	{Name: "doctors", Shape: 5, Key: "id", RowID: "id",
		Columns: cols("id user_id qualification licence_number consultation_fee_cents created_at updated_at")},
	{Name: "doctor_specialisations", Shape: 6, RowID: "doctor_id", Columns: cols("doctor_id speciality")},
	{Name: "pharmacists", Shape: 7, Key: "id", RowID: "id", Columns: cols("id user_id licence_number created_at updated_at")},

	{Name: "patients", Shape: 8, Key: "id", RowID: "id", Patient: ofRow("id"), Code: "patient_code",
		Columns: cols("id patient_code user_id first_name last_name date_of_birth sex phone email address emergency_contact_name emergency_contact_phone blood_group created_at updated_at")},
	{Name: "medical_history", Shape: 9, ByReference: true, Key: "id", RowID: "id", Patient: ofRow("patient_id"),
		Columns: cols("id patient_id condition diagnosed_on status notes recorded_by created_at updated_at")},
	{Name: "allergies", Shape: 10, ByReference: true, Key: "id", RowID: "id", Patient: ofRow("patient_id"),
		Columns: cols("id patient_id allergen reaction severity recorded_by created_at updated_at")},
	{Name: "current_medications", Shape: 11, ByReference: true, Key: "id", RowID: "id", Patient: ofRow("patient_id"),
		Columns: cols("id patient_id name dosage frequency started_on ended_on prescribed_by recorded_by created_at updated_at")},
	{Name: "patient_pregnancy", Shape: 12, Key: "patient_id", RowID: "patient_id", Patient: ofRow("patient_id"),
		Columns: cols("patient_id status noted_on recorded_by created_at updated_at")},
	{Name: "vital_signs", Shape: 13, ByReference: true, Key: "id", RowID: "id", Patient: ofRow("patient_id"),
		Columns: cols("id patient_id appointment_id recorded_at height_cm weight_kg systolic_mmhg diastolic_mmhg pulse_bpm temperature_c spo2_percent respiratory_rate recorded_by created_at updated_at")},
	{Name: "patient_consents", Shape: 14, ByReference: true, Key: "id", RowID: "id", Patient: ofRow("patient_id"),
		Columns: cols("id patient_id channel granted recorded_at recorded_by created_at updated_at")},
	{Name: "patient_erasures", Shape: 15, RowID: "id", InsertOnly: true, Patient: ofRow("patient_id"),
		Columns: cols("id patient_id pseudonym basis reason erased_by erased_at")},

	{Name: "doctor_schedules", Shape: 16, Key: "id", RowID: "id",
		Columns: cols("id doctor_id weekday start_time end_time slot_minutes created_at updated_at")},
	{Name: "doctor_leaves", Shape: 17, Key: "id", RowID: "id", Columns: cols("id doctor_id starts_on ends_on reason created_at updated_at")},
	{Name: "clinic_holidays", Shape: 18, Key: "id", RowID: "id", Columns: cols("id day name created_at updated_at")},
	{Name: "appointments", Shape: 19, ByReference: true, Key: "id", RowID: "id", Patient: ofRow("patient_id"), Code: "appointment_code",
		Columns: cols("id appointment_code patient_id doctor_id starts_at ends_at status reason notes cancel_reason fee_cents payment_status payment_method amount_paid_cents paid_at checked_in_at consultation_started_at completed_at series_id booked_by created_at updated_at overbook_reason")},

	{Name: "prescriptions", Shape: 20, ByReference: true, Key: "id", RowID: "id", Patient: ofRow("patient_id"), Code: "prescription_code",
		Columns: cols("id prescription_code appointment_id patient_id doctor_id diagnosis notes sketch status submitted_at cancel_reason created_at updated_at valid_until refills_allowed no_consultation_reason")},
	{Name: "prescription_medications", Shape: 21, ByReference: true, Key: "id", RowID: "id", Patient: throughParent("prescriptions", "prescription_id"),
		Columns: cols("id prescription_id position inventory_item_id name generic_name strength form dosage frequency duration_days route instructions quantity allergy_override_reason created_at updated_at chronic")},
	{Name: "prescription_tests", Shape: 22, ByReference: true, Key: "id", RowID: "id", Patient: throughParent("prescriptions", "prescription_id"),
		Columns: cols("id prescription_id test_name priority instructions created_at updated_at")},
	{Name: "prescription_amendments", Shape: 23, ByReference: true, Key: "id", RowID: "id", Patient: throughParent("prescriptions", "prescription_id"),
		Columns: cols("id prescription_id reason amendment author_id created_at updated_at")},
	{Name: "prescription_overrides", Shape: 24, ByReference: true, RowID: "id", Patient: throughMedication("prescription_medication_id"),
		Columns: cols("id prescription_medication_id kind severity warning_key warning created_at")},
	{Name: "prescription_favourites", Shape: 25, Key: "id", RowID: "id", Columns: cols("id doctor_id name items created_at updated_at")},

	{Name: "inventory_items", Shape: 26, Key: "id", RowID: "id",
		Columns: cols("id name generic_name drug_class strength form unit over_the_counter current_stock minimum_stock unit_price_cents active last_movement_id created_at updated_at")},
	{Name: "inventory_batches", Shape: 27, Key: "id", RowID: "id",
		Columns: cols("id item_id batch_number expires_on quantity_left unit_cost_cents supplier received_at last_movement_id created_at updated_at")},
	{Name: "stock_movements", Shape: 28, ByReference: true, RowID: "id", InsertOnly: true,
		Columns: cols("id item_id batch_id kind quantity reason fulfillment_id actor_id created_at")},
	{Name: "pharmacy_fulfillments", Shape: 29, ByReference: true, Key: "id", RowID: "id", Patient: ofRow("patient_id"),
		Columns: cols("id prescription_id patient_id pharmacist_id kind status total_cents payment_status payment_method amount_paid_cents cancel_reason completed_at created_at updated_at")},
	{Name: "fulfillment_items", Shape: 30, ByReference: true, Key: "id", RowID: "id", Patient: throughParent("pharmacy_fulfillments", "fulfillment_id"),
		Columns: cols("id fulfillment_id prescription_medication_id inventory_item_id batch_id quantity unit_price_cents line_total_cents created_at updated_at")},
	{Name: "free_text_reviews", Shape: 31, Key: "id", RowID: "id", Patient: throughMedication("prescription_medication_id"),
		Columns: cols("id prescription_medication_id inventory_item_id reason pharmacist_id created_at updated_at")},
	{Name: "dispense_acknowledgements", Shape: 32, ByReference: true, RowID: "id", InsertOnly: true,
		Patient: throughParent("pharmacy_fulfillments", "fulfillment_id"),
		Columns: cols("id fulfillment_id prescription_medication_id inventory_item_id kind severity warning_key warning doctor_override note pharmacist_id created_at")},

	{Name: "payments", Shape: 33, ByReference: true, RowID: "id", InsertOnly: true,
		Columns: cols("id desk appointment_id fulfillment_id kind method amount_cents reason till_date taken_by taken_at")},
	{Name: "till_closes", Shape: 34, ByReference: true, RowID: "id", InsertOnly: true,
		Columns: cols("id desk till_date payment_count expected_cash_cents counted_cash_cents expected_card_cents counted_card_cents expected_upi_cents counted_upi_cents expected_insurance_cents counted_insurance_cents expected_other_cents counted_other_cents difference_reason closed_by closed_at")},
}

// NotAudited names every table that has no audit triggers, and why. A store test proves
// each table of the schema is either in Tables or here.
var NotAudited = map[string]string{
	"setting_keys":         "the settings a clinic may hold: written only by schema.sql and upgrade steps",
	"audit_context":        "the acting user of the running transaction; deleted before it commits",
	"audit_log":            "the audit trail itself: append-only and sealed into a hash chain",
	"audit_shapes":         "the names of the audit rows' values: written only by schema.sql and upgrade steps, never changed, and covered by the seals of the rows that name them",
	"access_log":           "reads and refusals: append-only evidence of its own, sealed in a chain of its own",
	"emergency_access":     "append-only grants, each also written to the access log and notified",
	"notifications":        "messages to staff, not records: made from audited changes",
	"patient_name_changes": "a cache-invalidation log of the appointment book, not a record",
	"patients_fts":         "the registry's search index, rebuilt from patients",
	"inventory_fts":        "the inventory's search index, rebuilt from inventory_items",
}
