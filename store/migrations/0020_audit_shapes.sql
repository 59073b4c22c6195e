-- Schema version 20: audit rows record their values without the values' names
------------------------------------------------------------------------------------------

-- Each audited table's audited columns are numbered in audit_shapes, and from now on an
-- audit row records its values as a JSON array in its shape's order, naming the shape,
-- instead of a JSON object repeating every column's name (the names were 40% of the
-- trail). The rows written before keep their objects, and their seals: shape stays NULL
-- on them. audit_trail shows every row's values by name.
--
-- The audit triggers are dropped first, so that each table's audit_values can be
-- dropped and added anew (a virtual column: nothing is rewritten), then made again
-- naming their shape. The write is one transaction, so nothing is written while a table
-- has no audit trigger.

CREATE TABLE audit_shapes (
    id         INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    columns    TEXT NOT NULL CHECK (json_valid(columns) AND json_type(columns) = 'array')
);
CREATE TRIGGER audit_shapes_no_update BEFORE UPDATE ON audit_shapes
BEGIN SELECT RAISE(ABORT, 'append_only: an audit shape cannot be changed'); END;
CREATE TRIGGER audit_shapes_no_delete BEFORE DELETE ON audit_shapes
BEGIN SELECT RAISE(ABORT, 'append_only: an audit shape cannot be changed'); END;

INSERT INTO audit_shapes(id, table_name, columns) VALUES
    (1, 'settings', '["key","value","updated_at"]'),
    (2, 'setting_secrets', '["key","updated_at","secret_changed"]'),
    (3, 'users', '["id","email","full_name","role","active","must_change_password","failed_logins","locked_until","last_login_at","created_at","updated_at","password_changed"]'),
    (4, 'user_ssh_keys', '["id","user_id","public_key","fingerprint","comment","created_at"]'),
    (5, 'doctors', '["id","user_id","qualification","licence_number","consultation_fee_cents","created_at","updated_at"]'),
    (6, 'doctor_specialisations', '["doctor_id","speciality"]'),
    (7, 'pharmacists', '["id","user_id","licence_number","created_at","updated_at"]'),
    (8, 'patients', '["id","patient_code","user_id","first_name","last_name","date_of_birth","sex","phone","email","address","emergency_contact_name","emergency_contact_phone","blood_group","created_at","updated_at"]'),
    (9, 'medical_history', '["id","patient_id","condition","diagnosed_on","status","notes","recorded_by","created_at","updated_at"]'),
    (10, 'allergies', '["id","patient_id","allergen","reaction","severity","recorded_by","created_at","updated_at"]'),
    (11, 'current_medications', '["id","patient_id","name","dosage","frequency","started_on","ended_on","prescribed_by","recorded_by","created_at","updated_at"]'),
    (12, 'patient_pregnancy', '["patient_id","status","noted_on","recorded_by","created_at","updated_at"]'),
    (13, 'vital_signs', '["id","patient_id","appointment_id","recorded_at","height_cm","weight_kg","systolic_mmhg","diastolic_mmhg","pulse_bpm","temperature_c","spo2_percent","respiratory_rate","recorded_by","created_at","updated_at"]'),
    (14, 'patient_consents', '["id","patient_id","channel","granted","recorded_at","recorded_by","created_at","updated_at"]'),
    (15, 'patient_erasures', '["id","patient_id","pseudonym","basis","reason","erased_by","erased_at"]'),
    (16, 'doctor_schedules', '["id","doctor_id","weekday","start_time","end_time","slot_minutes","created_at","updated_at"]'),
    (17, 'doctor_leaves', '["id","doctor_id","starts_on","ends_on","reason","created_at","updated_at"]'),
    (18, 'clinic_holidays', '["id","day","name","created_at","updated_at"]'),
    (19, 'appointments', '["id","appointment_code","patient_id","doctor_id","starts_at","ends_at","status","reason","notes","cancel_reason","fee_cents","payment_status","payment_method","amount_paid_cents","paid_at","checked_in_at","consultation_started_at","completed_at","series_id","booked_by","created_at","updated_at","overbook_reason"]'),
    (20, 'prescriptions', '["id","prescription_code","appointment_id","patient_id","doctor_id","diagnosis","notes","sketch","status","submitted_at","cancel_reason","created_at","updated_at","valid_until","refills_allowed","no_consultation_reason"]'),
    (21, 'prescription_medications', '["id","prescription_id","position","inventory_item_id","name","generic_name","strength","form","dosage","frequency","duration_days","route","instructions","quantity","allergy_override_reason","created_at","updated_at","chronic"]'),
    (22, 'prescription_tests', '["id","prescription_id","test_name","priority","instructions","created_at","updated_at"]'),
    (23, 'prescription_amendments', '["id","prescription_id","reason","amendment","author_id","created_at","updated_at"]'),
    (24, 'prescription_overrides', '["id","prescription_medication_id","kind","severity","warning_key","warning","created_at"]'),
    (25, 'prescription_favourites', '["id","doctor_id","name","items","created_at","updated_at"]'),
    (26, 'inventory_items', '["id","name","generic_name","drug_class","strength","form","unit","over_the_counter","current_stock","minimum_stock","unit_price_cents","active","last_movement_id","created_at","updated_at"]'),
    (27, 'inventory_batches', '["id","item_id","batch_number","expires_on","quantity_left","unit_cost_cents","supplier","received_at","last_movement_id","created_at","updated_at"]'),
    (28, 'stock_movements', '["id","item_id","batch_id","kind","quantity","reason","fulfillment_id","actor_id","created_at"]'),
    (29, 'pharmacy_fulfillments', '["id","prescription_id","patient_id","pharmacist_id","kind","status","total_cents","payment_status","payment_method","amount_paid_cents","cancel_reason","completed_at","created_at","updated_at"]'),
    (30, 'fulfillment_items', '["id","fulfillment_id","prescription_medication_id","inventory_item_id","batch_id","quantity","unit_price_cents","line_total_cents","created_at","updated_at"]'),
    (31, 'free_text_reviews', '["id","prescription_medication_id","inventory_item_id","reason","pharmacist_id","created_at","updated_at"]'),
    (32, 'dispense_acknowledgements', '["id","fulfillment_id","prescription_medication_id","inventory_item_id","kind","severity","warning_key","warning","doctor_override","note","pharmacist_id","created_at"]'),
    (33, 'payments', '["id","desk","appointment_id","fulfillment_id","kind","method","amount_cents","reason","till_date","taken_by","taken_at"]'),
    (34, 'till_closes', '["id","desk","till_date","payment_count","expected_cash_cents","counted_cash_cents","expected_card_cents","counted_card_cents","expected_upi_cents","counted_upi_cents","expected_insurance_cents","counted_insurance_cents","expected_other_cents","counted_other_cents","difference_reason","closed_by","closed_at"]');

ALTER TABLE audit_log ADD COLUMN shape INTEGER REFERENCES audit_shapes(id);

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id
  OR NEW.patient_id IS NOT OLD.patient_id OR NEW.action IS NOT OLD.action OR NEW.shape IS NOT OLD.shape
  OR CASE WHEN OLD.hash IS NULL
     THEN NEW.hash IS NULL OR NEW.actor_name IS NOT OLD.actor_name
       OR NEW.old_values IS NOT OLD.old_values OR NEW.new_values IS NOT OLD.new_values
     ELSE NEW.hash IS NOT OLD.hash OR NEW.prev_hash IS NOT OLD.prev_hash
       OR NEW.actor_name IS NOT OLD.actor_name AND NOT (length(NEW.actor_name) = 161
          AND substr(NEW.actor_name, 1, 18) = '{"erased_sha256":"' AND substr(NEW.actor_name, 19, 64) NOT GLOB '*[^0-9a-f]*'
          AND substr(NEW.actor_name, 83, 13) = '","seal":"m1:' AND substr(NEW.actor_name, 96, 64) NOT GLOB '*[^0-9a-f]*'
          AND substr(NEW.actor_name, 160) = '"}')
       OR NEW.old_values IS NOT OLD.old_values AND NOT (length(NEW.old_values) = 84
          AND substr(NEW.old_values, 1, 18) = '{"erased_sha256":"' AND substr(NEW.old_values, 19, 64) NOT GLOB '*[^0-9a-f]*'
          AND substr(NEW.old_values, 83) = '"}')
       OR NEW.new_values IS NOT OLD.new_values AND NOT (length(NEW.new_values) = 84
          AND substr(NEW.new_values, 1, 18) = '{"erased_sha256":"' AND substr(NEW.new_values, 19, 64) NOT GLOB '*[^0-9a-f]*'
          AND substr(NEW.new_values, 83) = '"}')
     END
BEGIN SELECT RAISE(ABORT, 'append_only: the audit log cannot be changed'); END;


DROP TRIGGER settings_audit_insert;
DROP TRIGGER settings_audit_update;
DROP TRIGGER settings_audit_delete;
DROP TRIGGER setting_secrets_audit_insert;
DROP TRIGGER setting_secrets_audit_update;
DROP TRIGGER setting_secrets_audit_delete;
DROP TRIGGER users_audit_insert;
DROP TRIGGER users_audit_update;
DROP TRIGGER users_audit_delete;
DROP TRIGGER user_ssh_keys_audit_insert;
DROP TRIGGER user_ssh_keys_audit_update;
DROP TRIGGER user_ssh_keys_audit_delete;
DROP TRIGGER doctors_audit_insert;
DROP TRIGGER doctors_audit_update;
DROP TRIGGER doctors_audit_delete;
DROP TRIGGER doctor_specialisations_audit_insert;
DROP TRIGGER doctor_specialisations_audit_update;
DROP TRIGGER doctor_specialisations_audit_delete;
DROP TRIGGER pharmacists_audit_insert;
DROP TRIGGER pharmacists_audit_update;
DROP TRIGGER pharmacists_audit_delete;
DROP TRIGGER patients_after_insert;
DROP TRIGGER patients_audit_update;
DROP TRIGGER patients_audit_delete;
DROP TRIGGER medical_history_audit_insert;
DROP TRIGGER medical_history_audit_update;
DROP TRIGGER medical_history_audit_delete;
DROP TRIGGER allergies_audit_insert;
DROP TRIGGER allergies_audit_update;
DROP TRIGGER allergies_audit_delete;
DROP TRIGGER current_medications_audit_insert;
DROP TRIGGER current_medications_audit_update;
DROP TRIGGER current_medications_audit_delete;
DROP TRIGGER patient_pregnancy_audit_insert;
DROP TRIGGER patient_pregnancy_audit_update;
DROP TRIGGER patient_pregnancy_audit_delete;
DROP TRIGGER vital_signs_audit_insert;
DROP TRIGGER vital_signs_audit_update;
DROP TRIGGER vital_signs_audit_delete;
DROP TRIGGER patient_consents_audit_insert;
DROP TRIGGER patient_consents_audit_update;
DROP TRIGGER patient_consents_audit_delete;
DROP TRIGGER patient_erasures_audit_insert;
DROP TRIGGER doctor_schedules_audit_insert;
DROP TRIGGER doctor_schedules_audit_update;
DROP TRIGGER doctor_schedules_audit_delete;
DROP TRIGGER doctor_leaves_audit_insert;
DROP TRIGGER doctor_leaves_audit_update;
DROP TRIGGER doctor_leaves_audit_delete;
DROP TRIGGER clinic_holidays_audit_insert;
DROP TRIGGER clinic_holidays_audit_update;
DROP TRIGGER clinic_holidays_audit_delete;
DROP TRIGGER appointments_after_insert;
DROP TRIGGER appointments_audit_update;
DROP TRIGGER appointments_audit_delete;
DROP TRIGGER prescriptions_after_insert;
DROP TRIGGER prescriptions_audit_update;
DROP TRIGGER prescriptions_audit_delete;
DROP TRIGGER prescription_medications_audit_insert;
DROP TRIGGER prescription_medications_audit_update;
DROP TRIGGER prescription_medications_audit_delete;
DROP TRIGGER prescription_tests_audit_insert;
DROP TRIGGER prescription_tests_audit_update;
DROP TRIGGER prescription_tests_audit_delete;
DROP TRIGGER prescription_amendments_audit_insert;
DROP TRIGGER prescription_amendments_audit_update;
DROP TRIGGER prescription_amendments_audit_delete;
DROP TRIGGER prescription_overrides_audit_insert;
DROP TRIGGER prescription_overrides_audit_update;
DROP TRIGGER prescription_overrides_audit_delete;
DROP TRIGGER prescription_favourites_audit_insert;
DROP TRIGGER prescription_favourites_audit_update;
DROP TRIGGER prescription_favourites_audit_delete;
DROP TRIGGER inventory_items_audit_insert;
DROP TRIGGER inventory_items_audit_update;
DROP TRIGGER inventory_items_audit_delete;
DROP TRIGGER inventory_batches_audit_insert;
DROP TRIGGER inventory_batches_audit_update;
DROP TRIGGER inventory_batches_audit_delete;
DROP TRIGGER stock_movements_audit_insert;
DROP TRIGGER pharmacy_fulfillments_audit_insert;
DROP TRIGGER pharmacy_fulfillments_audit_update;
DROP TRIGGER pharmacy_fulfillments_audit_delete;
DROP TRIGGER fulfillment_items_audit_insert;
DROP TRIGGER fulfillment_items_audit_update;
DROP TRIGGER fulfillment_items_audit_delete;
DROP TRIGGER free_text_reviews_audit_insert;
DROP TRIGGER free_text_reviews_audit_update;
DROP TRIGGER free_text_reviews_audit_delete;
DROP TRIGGER dispense_acknowledgements_audit_insert;
DROP TRIGGER payments_audit_insert;
DROP TRIGGER till_closes_audit_insert;

-- Each table's audited values, as a JSON array.
ALTER TABLE settings DROP COLUMN audit_values;
ALTER TABLE settings ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        key, value, updated_at)) VIRTUAL;
ALTER TABLE setting_secrets DROP COLUMN audit_values;
ALTER TABLE setting_secrets ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        key, updated_at)) VIRTUAL;
ALTER TABLE users DROP COLUMN audit_values;
ALTER TABLE users ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, email, full_name, role, active, must_change_password,
        failed_logins, locked_until, last_login_at, created_at, updated_at)) VIRTUAL;
ALTER TABLE user_ssh_keys DROP COLUMN audit_values;
ALTER TABLE user_ssh_keys ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, user_id, public_key, fingerprint, comment, created_at)) VIRTUAL;
ALTER TABLE doctors DROP COLUMN audit_values;
ALTER TABLE doctors ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, user_id, qualification, licence_number,
        consultation_fee_cents, created_at, updated_at)) VIRTUAL;
ALTER TABLE doctor_specialisations DROP COLUMN audit_values;
ALTER TABLE doctor_specialisations ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        doctor_id, speciality)) VIRTUAL;
ALTER TABLE pharmacists DROP COLUMN audit_values;
ALTER TABLE pharmacists ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, user_id, licence_number, created_at, updated_at)) VIRTUAL;
ALTER TABLE patients DROP COLUMN audit_values;
ALTER TABLE patients ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_code, user_id, first_name, last_name,
        date_of_birth, sex, phone, email, address, emergency_contact_name, emergency_contact_phone,
        blood_group, created_at, updated_at)) VIRTUAL;
ALTER TABLE medical_history DROP COLUMN audit_values;
ALTER TABLE medical_history ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, condition, diagnosed_on, status, notes,
        recorded_by, created_at, updated_at)) VIRTUAL;
ALTER TABLE allergies DROP COLUMN audit_values;
ALTER TABLE allergies ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, allergen, reaction, severity, recorded_by,
        created_at, updated_at)) VIRTUAL;
ALTER TABLE current_medications DROP COLUMN audit_values;
ALTER TABLE current_medications ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, name, dosage, frequency, started_on,
        ended_on, prescribed_by, recorded_by, created_at, updated_at)) VIRTUAL;
ALTER TABLE patient_pregnancy DROP COLUMN audit_values;
ALTER TABLE patient_pregnancy ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        patient_id, status, noted_on, recorded_by, created_at,
        updated_at)) VIRTUAL;
ALTER TABLE vital_signs DROP COLUMN audit_values;
ALTER TABLE vital_signs ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, appointment_id, recorded_at, height_cm,
        weight_kg, systolic_mmhg, diastolic_mmhg, pulse_bpm, temperature_c, spo2_percent,
        respiratory_rate, recorded_by, created_at, updated_at)) VIRTUAL;
ALTER TABLE patient_consents DROP COLUMN audit_values;
ALTER TABLE patient_consents ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, channel, granted, recorded_at, recorded_by,
        created_at, updated_at)) VIRTUAL;
ALTER TABLE patient_erasures DROP COLUMN audit_values;
ALTER TABLE patient_erasures ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, patient_id, pseudonym, basis, reason, erased_by,
        erased_at)) VIRTUAL;
ALTER TABLE doctor_schedules DROP COLUMN audit_values;
ALTER TABLE doctor_schedules ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, doctor_id, weekday, start_time, end_time, slot_minutes,
        created_at, updated_at)) VIRTUAL;
ALTER TABLE doctor_leaves DROP COLUMN audit_values;
ALTER TABLE doctor_leaves ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, doctor_id, starts_on, ends_on, reason, created_at,
        updated_at)) VIRTUAL;
ALTER TABLE clinic_holidays DROP COLUMN audit_values;
ALTER TABLE clinic_holidays ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, day, name, created_at, updated_at)) VIRTUAL;
ALTER TABLE appointments DROP COLUMN audit_values;
ALTER TABLE appointments ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, appointment_code, patient_id, doctor_id, starts_at,
        ends_at, status, reason, notes, cancel_reason, fee_cents, payment_status, payment_method,
        amount_paid_cents, paid_at, checked_in_at, consultation_started_at, completed_at, series_id,
        booked_by, created_at, updated_at, overbook_reason)) VIRTUAL;
ALTER TABLE prescriptions DROP COLUMN audit_values;
ALTER TABLE prescriptions ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_code, appointment_id, patient_id,
        doctor_id, diagnosis, notes, sketch, status, submitted_at, cancel_reason, created_at,
        updated_at, valid_until, refills_allowed, no_consultation_reason)) VIRTUAL;
ALTER TABLE prescription_medications DROP COLUMN audit_values;
ALTER TABLE prescription_medications ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_id, position, inventory_item_id, name,
        generic_name, strength, form, dosage, frequency, duration_days, route, instructions,
        quantity, allergy_override_reason, created_at, updated_at, chronic)) VIRTUAL;
ALTER TABLE prescription_tests DROP COLUMN audit_values;
ALTER TABLE prescription_tests ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_id, test_name, priority, instructions,
        created_at, updated_at)) VIRTUAL;
ALTER TABLE prescription_amendments DROP COLUMN audit_values;
ALTER TABLE prescription_amendments ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_id, reason, amendment, author_id,
        created_at, updated_at)) VIRTUAL;
ALTER TABLE prescription_overrides DROP COLUMN audit_values;
ALTER TABLE prescription_overrides ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_medication_id, kind, severity, warning_key,
        warning, created_at)) VIRTUAL;
ALTER TABLE prescription_favourites DROP COLUMN audit_values;
ALTER TABLE prescription_favourites ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, doctor_id, name, items, created_at, updated_at)) VIRTUAL;
ALTER TABLE inventory_items DROP COLUMN audit_values;
ALTER TABLE inventory_items ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, name, generic_name, drug_class, strength, form, unit,
        over_the_counter, current_stock, minimum_stock, unit_price_cents, active, last_movement_id,
        created_at, updated_at)) VIRTUAL;
ALTER TABLE inventory_batches DROP COLUMN audit_values;
ALTER TABLE inventory_batches ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, item_id, batch_number, expires_on, quantity_left,
        unit_cost_cents, supplier, received_at, last_movement_id, created_at, updated_at)) VIRTUAL;
ALTER TABLE stock_movements DROP COLUMN audit_values;
ALTER TABLE stock_movements ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, item_id, batch_id, kind, quantity, reason,
        fulfillment_id, actor_id, created_at)) VIRTUAL;
ALTER TABLE pharmacy_fulfillments DROP COLUMN audit_values;
ALTER TABLE pharmacy_fulfillments ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_id, patient_id, pharmacist_id, kind,
        status, total_cents, payment_status, payment_method, amount_paid_cents, cancel_reason,
        completed_at, created_at, updated_at)) VIRTUAL;
ALTER TABLE fulfillment_items DROP COLUMN audit_values;
ALTER TABLE fulfillment_items ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, fulfillment_id, prescription_medication_id,
        inventory_item_id, batch_id, quantity, unit_price_cents, line_total_cents, created_at,
        updated_at)) VIRTUAL;
ALTER TABLE free_text_reviews DROP COLUMN audit_values;
ALTER TABLE free_text_reviews ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, prescription_medication_id, inventory_item_id, reason,
        pharmacist_id, created_at, updated_at)) VIRTUAL;
ALTER TABLE dispense_acknowledgements DROP COLUMN audit_values;
ALTER TABLE dispense_acknowledgements ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, fulfillment_id, prescription_medication_id,
        inventory_item_id, kind, severity, warning_key, warning, doctor_override, note,
        pharmacist_id, created_at)) VIRTUAL;
ALTER TABLE payments DROP COLUMN audit_values;
ALTER TABLE payments ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, desk, appointment_id, fulfillment_id, kind, method,
        amount_cents, reason, till_date, taken_by, taken_at)) VIRTUAL;
ALTER TABLE till_closes DROP COLUMN audit_values;
ALTER TABLE till_closes ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_array(
        id, desk, till_date, payment_count, expected_cash_cents,
        counted_cash_cents, expected_card_cents, counted_card_cents, expected_upi_cents,
        counted_upi_cents, expected_insurance_cents, counted_insurance_cents, expected_other_cents,
        counted_other_cents, difference_reason, closed_by, closed_at)) VIRTUAL;

-- The audit triggers, naming their shape.

-- settings
CREATE TRIGGER settings_audit_insert AFTER INSERT ON settings BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'INSERT', 1,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings
WHEN json_remove(OLD.audit_values, '$[2]') IS NOT json_remove(NEW.audit_values, '$[2]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'UPDATE', 1,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER settings_audit_delete AFTER DELETE ON settings BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'DELETE', 1,
            OLD.audit_values, NULL);
END;

-- setting_secrets
CREATE TRIGGER setting_secrets_audit_insert AFTER INSERT ON setting_secrets BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'INSERT', 2,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER setting_secrets_audit_update AFTER UPDATE ON setting_secrets
WHEN (json_remove(OLD.audit_values, '$[1]') IS NOT json_remove(NEW.audit_values, '$[1]')
      OR NEW.secret IS NOT OLD.secret)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'UPDATE', 2,
            OLD.audit_values,
            json_insert(NEW.audit_values, '$[#]', NEW.secret IS NOT OLD.secret));
END;
CREATE TRIGGER setting_secrets_audit_delete AFTER DELETE ON setting_secrets BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'DELETE', 2,
            OLD.audit_values, NULL);
END;

-- users
CREATE TRIGGER users_audit_insert AFTER INSERT ON users BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'users', NEW.id, NULL, 'INSERT', 3,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER users_audit_update AFTER UPDATE ON users
WHEN (json_remove(OLD.audit_values, '$[10]') IS NOT json_remove(NEW.audit_values, '$[10]')
      OR NEW.password_hash IS NOT OLD.password_hash)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'users', NEW.id, NULL, 'UPDATE', 3,
            OLD.audit_values,
            json_insert(NEW.audit_values, '$[#]', NEW.password_hash IS NOT OLD.password_hash));
END;
CREATE TRIGGER users_audit_delete AFTER DELETE ON users BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'users', OLD.id, NULL, 'DELETE', 3,
            OLD.audit_values, NULL);
END;

-- user_ssh_keys
CREATE TRIGGER user_ssh_keys_audit_insert AFTER INSERT ON user_ssh_keys BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'user_ssh_keys', NEW.id, NULL, 'INSERT', 4,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER user_ssh_keys_audit_update AFTER UPDATE ON user_ssh_keys
WHEN OLD.audit_values IS NOT NEW.audit_values
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'user_ssh_keys', NEW.id, NULL, 'UPDATE', 4,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER user_ssh_keys_audit_delete AFTER DELETE ON user_ssh_keys BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'user_ssh_keys', OLD.id, NULL, 'DELETE', 4,
            OLD.audit_values, NULL);
END;

-- doctors
CREATE TRIGGER doctors_audit_insert AFTER INSERT ON doctors BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctors', NEW.id, NULL, 'INSERT', 5,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctors_audit_update AFTER UPDATE ON doctors
WHEN json_remove(OLD.audit_values, '$[6]') IS NOT json_remove(NEW.audit_values, '$[6]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctors', NEW.id, NULL, 'UPDATE', 5,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctors_audit_delete AFTER DELETE ON doctors BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctors', OLD.id, NULL, 'DELETE', 5,
            OLD.audit_values, NULL);
END;

-- doctor_specialisations
CREATE TRIGGER doctor_specialisations_audit_insert AFTER INSERT ON doctor_specialisations BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_specialisations', NEW.doctor_id, NULL, 'INSERT', 6,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctor_specialisations_audit_update AFTER UPDATE ON doctor_specialisations
WHEN OLD.audit_values IS NOT NEW.audit_values
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_specialisations', NEW.doctor_id, NULL, 'UPDATE', 6,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctor_specialisations_audit_delete AFTER DELETE ON doctor_specialisations BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_specialisations', OLD.doctor_id, NULL, 'DELETE', 6,
            OLD.audit_values, NULL);
END;

-- pharmacists
CREATE TRIGGER pharmacists_audit_insert AFTER INSERT ON pharmacists BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacists', NEW.id, NULL, 'INSERT', 7,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER pharmacists_audit_update AFTER UPDATE ON pharmacists
WHEN json_remove(OLD.audit_values, '$[4]') IS NOT json_remove(NEW.audit_values, '$[4]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacists', NEW.id, NULL, 'UPDATE', 7,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER pharmacists_audit_delete AFTER DELETE ON pharmacists BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacists', OLD.id, NULL, 'DELETE', 7,
            OLD.audit_values, NULL);
END;

-- patients
CREATE TRIGGER patients_after_insert AFTER INSERT ON patients BEGIN
    UPDATE patients SET patient_code = 'PAT' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND patient_code IS NULL;
    INSERT INTO patients_fts(rowid, first_name, last_name, phone, email, code_number, joined_name)
    SELECT id, first_name, last_name, phone, email, code_number, joined_name FROM patients_search WHERE id = NEW.id;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, new_values)
    SELECT (SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
           'patients', p.id, p.id, 'INSERT', 8,
           p.audit_values
      FROM patients p WHERE p.id = NEW.id;
END;
CREATE TRIGGER patients_audit_update AFTER UPDATE ON patients
WHEN OLD.patient_code IS NOT NULL AND json_remove(OLD.audit_values, '$[14]') IS NOT json_remove(NEW.audit_values, '$[14]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patients', NEW.id, NEW.id, 'UPDATE', 8,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER patients_audit_delete AFTER DELETE ON patients BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patients', OLD.id, OLD.id, 'DELETE', 8,
            OLD.audit_values, NULL);
END;

-- medical_history
CREATE TRIGGER medical_history_audit_insert AFTER INSERT ON medical_history BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'medical_history', NEW.id, NEW.patient_id, 'INSERT', 9,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER medical_history_audit_update AFTER UPDATE ON medical_history
WHEN json_remove(OLD.audit_values, '$[8]') IS NOT json_remove(NEW.audit_values, '$[8]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'medical_history', NEW.id, NEW.patient_id, 'UPDATE', 9,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER medical_history_audit_delete AFTER DELETE ON medical_history BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'medical_history', OLD.id, OLD.patient_id, 'DELETE', 9,
            OLD.audit_values, NULL);
END;

-- allergies
CREATE TRIGGER allergies_audit_insert AFTER INSERT ON allergies BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'allergies', NEW.id, NEW.patient_id, 'INSERT', 10,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER allergies_audit_update AFTER UPDATE ON allergies
WHEN json_remove(OLD.audit_values, '$[7]') IS NOT json_remove(NEW.audit_values, '$[7]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'allergies', NEW.id, NEW.patient_id, 'UPDATE', 10,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER allergies_audit_delete AFTER DELETE ON allergies BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'allergies', OLD.id, OLD.patient_id, 'DELETE', 10,
            OLD.audit_values, NULL);
END;

-- current_medications
CREATE TRIGGER current_medications_audit_insert AFTER INSERT ON current_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'current_medications', NEW.id, NEW.patient_id, 'INSERT', 11,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER current_medications_audit_update AFTER UPDATE ON current_medications
WHEN json_remove(OLD.audit_values, '$[10]') IS NOT json_remove(NEW.audit_values, '$[10]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'current_medications', NEW.id, NEW.patient_id, 'UPDATE', 11,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER current_medications_audit_delete AFTER DELETE ON current_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'current_medications', OLD.id, OLD.patient_id, 'DELETE', 11,
            OLD.audit_values, NULL);
END;

-- patient_pregnancy
CREATE TRIGGER patient_pregnancy_audit_insert AFTER INSERT ON patient_pregnancy BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', NEW.patient_id, NEW.patient_id, 'INSERT', 12,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER patient_pregnancy_audit_update AFTER UPDATE ON patient_pregnancy
WHEN json_remove(OLD.audit_values, '$[5]') IS NOT json_remove(NEW.audit_values, '$[5]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', NEW.patient_id, NEW.patient_id, 'UPDATE', 12,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER patient_pregnancy_audit_delete AFTER DELETE ON patient_pregnancy BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', OLD.patient_id, OLD.patient_id, 'DELETE', 12,
            OLD.audit_values, NULL);
END;

-- vital_signs
CREATE TRIGGER vital_signs_audit_insert AFTER INSERT ON vital_signs BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'vital_signs', NEW.id, NEW.patient_id, 'INSERT', 13,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER vital_signs_audit_update AFTER UPDATE ON vital_signs
WHEN json_remove(OLD.audit_values, '$[14]') IS NOT json_remove(NEW.audit_values, '$[14]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'vital_signs', NEW.id, NEW.patient_id, 'UPDATE', 13,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER vital_signs_audit_delete AFTER DELETE ON vital_signs BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'vital_signs', OLD.id, OLD.patient_id, 'DELETE', 13,
            OLD.audit_values, NULL);
END;

-- patient_consents
CREATE TRIGGER patient_consents_audit_insert AFTER INSERT ON patient_consents BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', NEW.id, NEW.patient_id, 'INSERT', 14,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER patient_consents_audit_update AFTER UPDATE ON patient_consents
WHEN json_remove(OLD.audit_values, '$[7]') IS NOT json_remove(NEW.audit_values, '$[7]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', NEW.id, NEW.patient_id, 'UPDATE', 14,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER patient_consents_audit_delete AFTER DELETE ON patient_consents BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', OLD.id, OLD.patient_id, 'DELETE', 14,
            OLD.audit_values, NULL);
END;

-- patient_erasures
CREATE TRIGGER patient_erasures_audit_insert AFTER INSERT ON patient_erasures BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_erasures', NEW.id, NEW.patient_id, 'INSERT', 15,
            NULL, NEW.audit_values);
END;

-- doctor_schedules
CREATE TRIGGER doctor_schedules_audit_insert AFTER INSERT ON doctor_schedules BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_schedules', NEW.id, NULL, 'INSERT', 16,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctor_schedules_audit_update AFTER UPDATE ON doctor_schedules
WHEN json_remove(OLD.audit_values, '$[7]') IS NOT json_remove(NEW.audit_values, '$[7]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_schedules', NEW.id, NULL, 'UPDATE', 16,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctor_schedules_audit_delete AFTER DELETE ON doctor_schedules BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_schedules', OLD.id, NULL, 'DELETE', 16,
            OLD.audit_values, NULL);
END;

-- doctor_leaves
CREATE TRIGGER doctor_leaves_audit_insert AFTER INSERT ON doctor_leaves BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_leaves', NEW.id, NULL, 'INSERT', 17,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctor_leaves_audit_update AFTER UPDATE ON doctor_leaves
WHEN json_remove(OLD.audit_values, '$[6]') IS NOT json_remove(NEW.audit_values, '$[6]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_leaves', NEW.id, NULL, 'UPDATE', 17,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctor_leaves_audit_delete AFTER DELETE ON doctor_leaves BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_leaves', OLD.id, NULL, 'DELETE', 17,
            OLD.audit_values, NULL);
END;

-- clinic_holidays
CREATE TRIGGER clinic_holidays_audit_insert AFTER INSERT ON clinic_holidays BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'clinic_holidays', NEW.id, NULL, 'INSERT', 18,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER clinic_holidays_audit_update AFTER UPDATE ON clinic_holidays
WHEN json_remove(OLD.audit_values, '$[4]') IS NOT json_remove(NEW.audit_values, '$[4]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'clinic_holidays', NEW.id, NULL, 'UPDATE', 18,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER clinic_holidays_audit_delete AFTER DELETE ON clinic_holidays BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'clinic_holidays', OLD.id, NULL, 'DELETE', 18,
            OLD.audit_values, NULL);
END;

-- appointments
CREATE TRIGGER appointments_after_insert AFTER INSERT ON appointments BEGIN
    UPDATE appointments SET appointment_code = 'APT' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND appointment_code IS NULL;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, new_values)
    SELECT (SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
           'appointments', a.id, a.patient_id, 'INSERT', 19,
           a.audit_values
      FROM appointments a WHERE a.id = NEW.id;
END;
CREATE TRIGGER appointments_audit_update AFTER UPDATE ON appointments
WHEN OLD.appointment_code IS NOT NULL AND json_remove(OLD.audit_values, '$[21]') IS NOT json_remove(NEW.audit_values, '$[21]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'appointments', NEW.id, NEW.patient_id, 'UPDATE', 19,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER appointments_audit_delete AFTER DELETE ON appointments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'appointments', OLD.id, OLD.patient_id, 'DELETE', 19,
            OLD.audit_values, NULL);
END;

-- prescriptions
CREATE TRIGGER prescriptions_after_insert AFTER INSERT ON prescriptions BEGIN
    UPDATE prescriptions SET prescription_code = 'RX' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND prescription_code IS NULL;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, new_values)
    SELECT (SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
           'prescriptions', r.id, r.patient_id, 'INSERT', 20,
           r.audit_values
      FROM prescriptions r WHERE r.id = NEW.id;
END;
CREATE TRIGGER prescriptions_audit_update AFTER UPDATE ON prescriptions
WHEN OLD.prescription_code IS NOT NULL AND json_remove(OLD.audit_values, '$[12]') IS NOT json_remove(NEW.audit_values, '$[12]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescriptions', NEW.id, NEW.patient_id, 'UPDATE', 20,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescriptions_audit_delete AFTER DELETE ON prescriptions BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescriptions', OLD.id, OLD.patient_id, 'DELETE', 20,
            OLD.audit_values, NULL);
END;

-- prescription_medications
CREATE TRIGGER prescription_medications_audit_insert AFTER INSERT ON prescription_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT', 21,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_medications_audit_update AFTER UPDATE ON prescription_medications
WHEN json_remove(OLD.audit_values, '$[16]') IS NOT json_remove(NEW.audit_values, '$[16]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'UPDATE', 21,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_medications_audit_delete AFTER DELETE ON prescription_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', OLD.id, (SELECT patient_id FROM prescriptions WHERE id = OLD.prescription_id), 'DELETE', 21,
            OLD.audit_values, NULL);
END;

-- prescription_tests
CREATE TRIGGER prescription_tests_audit_insert AFTER INSERT ON prescription_tests BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_tests', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT', 22,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_tests_audit_update AFTER UPDATE ON prescription_tests
WHEN json_remove(OLD.audit_values, '$[6]') IS NOT json_remove(NEW.audit_values, '$[6]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_tests', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'UPDATE', 22,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_tests_audit_delete AFTER DELETE ON prescription_tests BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_tests', OLD.id, (SELECT patient_id FROM prescriptions WHERE id = OLD.prescription_id), 'DELETE', 22,
            OLD.audit_values, NULL);
END;

-- prescription_amendments
CREATE TRIGGER prescription_amendments_audit_insert AFTER INSERT ON prescription_amendments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_amendments', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT', 23,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_amendments_audit_update AFTER UPDATE ON prescription_amendments
WHEN json_remove(OLD.audit_values, '$[6]') IS NOT json_remove(NEW.audit_values, '$[6]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_amendments', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'UPDATE', 23,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_amendments_audit_delete AFTER DELETE ON prescription_amendments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_amendments', OLD.id, (SELECT patient_id FROM prescriptions WHERE id = OLD.prescription_id), 'DELETE', 23,
            OLD.audit_values, NULL);
END;

-- prescription_overrides
CREATE TRIGGER prescription_overrides_audit_insert AFTER INSERT ON prescription_overrides BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'INSERT', 24,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_overrides_audit_update AFTER UPDATE ON prescription_overrides
WHEN OLD.audit_values IS NOT NEW.audit_values
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'UPDATE', 24,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_overrides_audit_delete AFTER DELETE ON prescription_overrides BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', OLD.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = OLD.prescription_medication_id), 'DELETE', 24,
            OLD.audit_values, NULL);
END;

-- prescription_favourites
CREATE TRIGGER prescription_favourites_audit_insert AFTER INSERT ON prescription_favourites BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', NEW.id, NULL, 'INSERT', 25,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_favourites_audit_update AFTER UPDATE ON prescription_favourites
WHEN json_remove(OLD.audit_values, '$[5]') IS NOT json_remove(NEW.audit_values, '$[5]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', NEW.id, NULL, 'UPDATE', 25,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_favourites_audit_delete AFTER DELETE ON prescription_favourites BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', OLD.id, NULL, 'DELETE', 25,
            OLD.audit_values, NULL);
END;

-- inventory_items
CREATE TRIGGER inventory_items_audit_insert AFTER INSERT ON inventory_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_items', NEW.id, NULL, 'INSERT', 26,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER inventory_items_audit_update AFTER UPDATE ON inventory_items
WHEN json_remove(OLD.audit_values, '$[14]') IS NOT json_remove(NEW.audit_values, '$[14]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_items', NEW.id, NULL, 'UPDATE', 26,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER inventory_items_audit_delete AFTER DELETE ON inventory_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_items', OLD.id, NULL, 'DELETE', 26,
            OLD.audit_values, NULL);
END;

-- inventory_batches
CREATE TRIGGER inventory_batches_audit_insert AFTER INSERT ON inventory_batches BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_batches', NEW.id, NULL, 'INSERT', 27,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER inventory_batches_audit_update AFTER UPDATE ON inventory_batches
WHEN json_remove(OLD.audit_values, '$[10]') IS NOT json_remove(NEW.audit_values, '$[10]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_batches', NEW.id, NULL, 'UPDATE', 27,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER inventory_batches_audit_delete AFTER DELETE ON inventory_batches BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_batches', OLD.id, NULL, 'DELETE', 27,
            OLD.audit_values, NULL);
END;

-- stock_movements
CREATE TRIGGER stock_movements_audit_insert AFTER INSERT ON stock_movements BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'stock_movements', NEW.id, NULL, 'INSERT', 28,
            NULL, NEW.audit_values);
END;

-- pharmacy_fulfillments
CREATE TRIGGER pharmacy_fulfillments_audit_insert AFTER INSERT ON pharmacy_fulfillments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacy_fulfillments', NEW.id, NEW.patient_id, 'INSERT', 29,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER pharmacy_fulfillments_audit_update AFTER UPDATE ON pharmacy_fulfillments
WHEN json_remove(OLD.audit_values, '$[13]') IS NOT json_remove(NEW.audit_values, '$[13]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacy_fulfillments', NEW.id, NEW.patient_id, 'UPDATE', 29,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER pharmacy_fulfillments_audit_delete AFTER DELETE ON pharmacy_fulfillments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacy_fulfillments', OLD.id, OLD.patient_id, 'DELETE', 29,
            OLD.audit_values, NULL);
END;

-- fulfillment_items
CREATE TRIGGER fulfillment_items_audit_insert AFTER INSERT ON fulfillment_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'fulfillment_items', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'INSERT', 30,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER fulfillment_items_audit_update AFTER UPDATE ON fulfillment_items
WHEN json_remove(OLD.audit_values, '$[9]') IS NOT json_remove(NEW.audit_values, '$[9]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'fulfillment_items', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'UPDATE', 30,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER fulfillment_items_audit_delete AFTER DELETE ON fulfillment_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'fulfillment_items', OLD.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = OLD.fulfillment_id), 'DELETE', 30,
            OLD.audit_values, NULL);
END;

-- free_text_reviews
CREATE TRIGGER free_text_reviews_audit_insert AFTER INSERT ON free_text_reviews BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'INSERT', 31,
            NULL, NEW.audit_values);
END;
CREATE TRIGGER free_text_reviews_audit_update AFTER UPDATE ON free_text_reviews
WHEN json_remove(OLD.audit_values, '$[6]') IS NOT json_remove(NEW.audit_values, '$[6]')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'UPDATE', 31,
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER free_text_reviews_audit_delete AFTER DELETE ON free_text_reviews BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', OLD.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = OLD.prescription_medication_id), 'DELETE', 31,
            OLD.audit_values, NULL);
END;

-- dispense_acknowledgements
CREATE TRIGGER dispense_acknowledgements_audit_insert AFTER INSERT ON dispense_acknowledgements BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'dispense_acknowledgements', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'INSERT', 32,
            NULL, NEW.audit_values);
END;

-- payments
CREATE TRIGGER payments_audit_insert AFTER INSERT ON payments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'payments', NEW.id, NULL, 'INSERT', 33,
            NULL, NEW.audit_values);
END;

-- till_closes
CREATE TRIGGER till_closes_audit_insert AFTER INSERT ON till_closes BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'till_closes', NEW.id, NULL, 'INSERT', 34,
            NULL, NEW.audit_values);
END;

-- The audit trail as people read it: each row's values as a JSON object naming each
-- value (by the row's shape), whichever way the row stored them. An erasure marker
-- stays as it is; a value past its shape's names (a row edited outside ClinicDesk,
-- which its seal reports) is named by its place, [n].
CREATE VIEW audit_trail AS
SELECT audit_log.id, at, actor_id, actor_name, audit_log.table_name, row_id, patient_id, action,
       CASE WHEN s.id IS NULL OR json_type(old_values) IS NOT 'array' THEN old_values
       ELSE (SELECT json_group_object(coalesce(s.columns ->> v.key, '[' || v.key || ']'), v.value)
               FROM json_each(old_values) v) END AS old_values,
       CASE WHEN s.id IS NULL OR json_type(new_values) IS NOT 'array' THEN new_values
       ELSE (SELECT json_group_object(coalesce(s.columns ->> v.key, '[' || v.key || ']'), v.value)
               FROM json_each(new_values) v) END AS new_values,
       prev_hash, hash, shape
  FROM audit_log LEFT JOIN audit_shapes s ON s.id = audit_log.shape;

