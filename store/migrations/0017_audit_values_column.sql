-- Schema version 17: each audited table spells out its audited values once
------------------------------------------------------------------------------------------

-- Every audited table gains audit_values, a virtual column holding the row's audited
-- values as the JSON object its audit rows record (the same object, key for key, that
-- the triggers built before), and its audit triggers read that column instead of
-- spelling every column out again. The trail is unchanged, a virtual column takes no
-- space in the file, and the schema SQLite parses on every connection it opens is a
-- quarter cheaper to parse.
--
-- The old triggers are dropped first: each ALTER TABLE parses the whole schema again,
-- and without them it is a third of the work. The write is one transaction, so nothing
-- is written while a table has no audit trigger.

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
DROP TRIGGER appointments_audit_update;
DROP TRIGGER appointments_audit_delete;
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
DROP TRIGGER appointments_after_insert;
DROP TRIGGER prescriptions_after_insert;
DROP TRIGGER patients_after_insert;

-- Each table's audited values, last among its columns.
ALTER TABLE settings ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'key', key, 'value', value, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE setting_secrets ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'key', key, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE users ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'email', email, 'full_name', full_name,
        'role', role, 'active', active, 'must_change_password', must_change_password,
        'failed_logins', failed_logins, 'locked_until', locked_until,
        'last_login_at', last_login_at, 'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE user_ssh_keys ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'user_id', user_id, 'public_key', public_key,
        'fingerprint', fingerprint, 'comment', comment, 'created_at', created_at)) VIRTUAL;
ALTER TABLE doctors ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'user_id', user_id,
        'qualification', qualification, 'licence_number', licence_number,
        'consultation_fee_cents', consultation_fee_cents, 'created_at', created_at,
        'updated_at', updated_at)) VIRTUAL;
ALTER TABLE doctor_specialisations ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'doctor_id', doctor_id, 'speciality', speciality)) VIRTUAL;
ALTER TABLE pharmacists ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'user_id', user_id,
        'licence_number', licence_number, 'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE patients ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'patient_code', patient_code, 'user_id', user_id,
        'first_name', first_name, 'last_name', last_name, 'date_of_birth', date_of_birth,
        'sex', sex, 'phone', phone, 'email', email, 'address', address,
        'emergency_contact_name', emergency_contact_name,
        'emergency_contact_phone', emergency_contact_phone, 'blood_group', blood_group,
        'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE medical_history ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'patient_id', patient_id, 'condition', condition,
        'diagnosed_on', diagnosed_on, 'status', status, 'notes', notes, 'recorded_by', recorded_by,
        'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE allergies ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'patient_id', patient_id, 'allergen', allergen,
        'reaction', reaction, 'severity', severity, 'recorded_by', recorded_by,
        'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE current_medications ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'patient_id', patient_id, 'name', name,
        'dosage', dosage, 'frequency', frequency, 'started_on', started_on, 'ended_on', ended_on,
        'prescribed_by', prescribed_by, 'recorded_by', recorded_by, 'created_at', created_at,
        'updated_at', updated_at)) VIRTUAL;
ALTER TABLE patient_pregnancy ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'patient_id', patient_id, 'status', status,
        'noted_on', noted_on, 'recorded_by', recorded_by, 'created_at', created_at,
        'updated_at', updated_at)) VIRTUAL;
ALTER TABLE vital_signs ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'patient_id', patient_id,
        'appointment_id', appointment_id, 'recorded_at', recorded_at, 'height_cm', height_cm,
        'weight_kg', weight_kg, 'systolic_mmhg', systolic_mmhg, 'diastolic_mmhg', diastolic_mmhg,
        'pulse_bpm', pulse_bpm, 'temperature_c', temperature_c, 'spo2_percent', spo2_percent,
        'respiratory_rate', respiratory_rate, 'recorded_by', recorded_by, 'created_at', created_at,
        'updated_at', updated_at)) VIRTUAL;
ALTER TABLE patient_consents ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'patient_id', patient_id, 'channel', channel,
        'granted', granted, 'recorded_at', recorded_at, 'recorded_by', recorded_by,
        'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE patient_erasures ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'patient_id', patient_id, 'pseudonym', pseudonym,
        'basis', basis, 'reason', reason, 'erased_by', erased_by, 'erased_at', erased_at)) VIRTUAL;
ALTER TABLE doctor_schedules ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'doctor_id', doctor_id, 'weekday', weekday,
        'start_time', start_time, 'end_time', end_time, 'slot_minutes', slot_minutes,
        'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE doctor_leaves ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'doctor_id', doctor_id, 'starts_on', starts_on,
        'ends_on', ends_on, 'reason', reason, 'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE clinic_holidays ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'day', day, 'name', name,
        'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE appointments ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'appointment_code', appointment_code,
        'patient_id', patient_id, 'doctor_id', doctor_id, 'starts_at', starts_at,
        'ends_at', ends_at, 'status', status, 'reason', reason, 'notes', notes,
        'cancel_reason', cancel_reason, 'fee_cents', fee_cents, 'payment_status', payment_status,
        'payment_method', payment_method, 'amount_paid_cents', amount_paid_cents,
        'paid_at', paid_at, 'checked_in_at', checked_in_at,
        'consultation_started_at', consultation_started_at, 'completed_at', completed_at,
        'series_id', series_id, 'booked_by', booked_by, 'created_at', created_at,
        'updated_at', updated_at, 'overbook_reason', overbook_reason)) VIRTUAL;
ALTER TABLE prescriptions ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'prescription_code', prescription_code,
        'appointment_id', appointment_id, 'patient_id', patient_id, 'doctor_id', doctor_id,
        'diagnosis', diagnosis, 'notes', notes, 'sketch', sketch, 'status', status,
        'submitted_at', submitted_at, 'cancel_reason', cancel_reason, 'created_at', created_at,
        'updated_at', updated_at, 'valid_until', valid_until, 'refills_allowed', refills_allowed,
        'no_consultation_reason', no_consultation_reason)) VIRTUAL;
ALTER TABLE prescription_medications ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'prescription_id', prescription_id,
        'position', position, 'inventory_item_id', inventory_item_id, 'name', name,
        'generic_name', generic_name, 'strength', strength, 'form', form, 'dosage', dosage,
        'frequency', frequency, 'duration_days', duration_days, 'route', route,
        'instructions', instructions, 'quantity', quantity,
        'allergy_override_reason', allergy_override_reason, 'created_at', created_at,
        'updated_at', updated_at, 'chronic', chronic)) VIRTUAL;
ALTER TABLE prescription_tests ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'prescription_id', prescription_id,
        'test_name', test_name, 'priority', priority, 'instructions', instructions,
        'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE prescription_amendments ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'prescription_id', prescription_id,
        'reason', reason, 'amendment', amendment, 'author_id', author_id, 'created_at', created_at,
        'updated_at', updated_at)) VIRTUAL;
ALTER TABLE prescription_overrides ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id,
        'prescription_medication_id', prescription_medication_id, 'kind', kind,
        'severity', severity, 'warning_key', warning_key, 'warning', warning,
        'created_at', created_at)) VIRTUAL;
ALTER TABLE prescription_favourites ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'doctor_id', doctor_id, 'name', name,
        'items', items, 'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE inventory_items ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'name', name, 'generic_name', generic_name,
        'drug_class', drug_class, 'strength', strength, 'form', form, 'unit', unit,
        'over_the_counter', over_the_counter, 'current_stock', current_stock,
        'minimum_stock', minimum_stock, 'unit_price_cents', unit_price_cents, 'active', active,
        'last_movement_id', last_movement_id, 'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE inventory_batches ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'item_id', item_id, 'batch_number', batch_number,
        'expires_on', expires_on, 'quantity_left', quantity_left,
        'unit_cost_cents', unit_cost_cents, 'supplier', supplier, 'received_at', received_at,
        'last_movement_id', last_movement_id, 'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE stock_movements ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'item_id', item_id, 'batch_id', batch_id,
        'kind', kind, 'quantity', quantity, 'reason', reason, 'fulfillment_id', fulfillment_id,
        'actor_id', actor_id, 'created_at', created_at)) VIRTUAL;
ALTER TABLE pharmacy_fulfillments ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'prescription_id', prescription_id,
        'patient_id', patient_id, 'pharmacist_id', pharmacist_id, 'kind', kind, 'status', status,
        'total_cents', total_cents, 'payment_status', payment_status,
        'payment_method', payment_method, 'amount_paid_cents', amount_paid_cents,
        'cancel_reason', cancel_reason, 'completed_at', completed_at, 'created_at', created_at,
        'updated_at', updated_at)) VIRTUAL;
ALTER TABLE fulfillment_items ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'fulfillment_id', fulfillment_id,
        'prescription_medication_id', prescription_medication_id,
        'inventory_item_id', inventory_item_id, 'batch_id', batch_id, 'quantity', quantity,
        'unit_price_cents', unit_price_cents, 'line_total_cents', line_total_cents,
        'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE free_text_reviews ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id,
        'prescription_medication_id', prescription_medication_id,
        'inventory_item_id', inventory_item_id, 'reason', reason, 'pharmacist_id', pharmacist_id,
        'created_at', created_at, 'updated_at', updated_at)) VIRTUAL;
ALTER TABLE dispense_acknowledgements ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'fulfillment_id', fulfillment_id,
        'prescription_medication_id', prescription_medication_id,
        'inventory_item_id', inventory_item_id, 'kind', kind, 'severity', severity,
        'warning_key', warning_key, 'warning', warning, 'doctor_override', doctor_override,
        'note', note, 'pharmacist_id', pharmacist_id, 'created_at', created_at)) VIRTUAL;
ALTER TABLE payments ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'desk', desk, 'appointment_id', appointment_id,
        'fulfillment_id', fulfillment_id, 'kind', kind, 'method', method,
        'amount_cents', amount_cents, 'reason', reason, 'till_date', till_date,
        'taken_by', taken_by, 'taken_at', taken_at)) VIRTUAL;
ALTER TABLE till_closes ADD COLUMN audit_values TEXT GENERATED ALWAYS AS (json_object(
        'id', id, 'desk', desk, 'till_date', till_date,
        'payment_count', payment_count, 'expected_cash_cents', expected_cash_cents,
        'counted_cash_cents', counted_cash_cents, 'expected_card_cents', expected_card_cents,
        'counted_card_cents', counted_card_cents, 'expected_upi_cents', expected_upi_cents,
        'counted_upi_cents', counted_upi_cents,
        'expected_insurance_cents', expected_insurance_cents,
        'counted_insurance_cents', counted_insurance_cents,
        'expected_other_cents', expected_other_cents, 'counted_other_cents', counted_other_cents,
        'difference_reason', difference_reason, 'closed_by', closed_by, 'closed_at', closed_at)) VIRTUAL;

-- The triggers, as schema.sql has them.
CREATE TRIGGER settings_audit_insert AFTER INSERT ON settings BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER settings_audit_delete AFTER DELETE ON settings BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER setting_secrets_audit_insert AFTER INSERT ON setting_secrets BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER setting_secrets_audit_update AFTER UPDATE ON setting_secrets
WHEN (json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
      OR NEW.secret IS NOT OLD.secret)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'UPDATE',
            OLD.audit_values,
            json_set(NEW.audit_values, '$.secret_changed', NEW.secret IS NOT OLD.secret));
END;
CREATE TRIGGER setting_secrets_audit_delete AFTER DELETE ON setting_secrets BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER users_audit_insert AFTER INSERT ON users BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'users', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER users_audit_update AFTER UPDATE ON users
WHEN (json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
      OR NEW.password_hash IS NOT OLD.password_hash)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'users', NEW.id, NULL, 'UPDATE',
            OLD.audit_values,
            json_set(NEW.audit_values, '$.password_changed', NEW.password_hash IS NOT OLD.password_hash));
END;
CREATE TRIGGER users_audit_delete AFTER DELETE ON users BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'users', OLD.id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER user_ssh_keys_audit_insert AFTER INSERT ON user_ssh_keys BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'user_ssh_keys', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER user_ssh_keys_audit_update AFTER UPDATE ON user_ssh_keys
WHEN OLD.audit_values IS NOT NEW.audit_values
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'user_ssh_keys', NEW.id, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER user_ssh_keys_audit_delete AFTER DELETE ON user_ssh_keys BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'user_ssh_keys', OLD.id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER doctors_audit_insert AFTER INSERT ON doctors BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctors', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctors_audit_update AFTER UPDATE ON doctors
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctors', NEW.id, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctors_audit_delete AFTER DELETE ON doctors BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctors', OLD.id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER doctor_specialisations_audit_insert AFTER INSERT ON doctor_specialisations BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_specialisations', NEW.doctor_id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctor_specialisations_audit_update AFTER UPDATE ON doctor_specialisations
WHEN OLD.audit_values IS NOT NEW.audit_values
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_specialisations', NEW.doctor_id, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctor_specialisations_audit_delete AFTER DELETE ON doctor_specialisations BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_specialisations', OLD.doctor_id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER pharmacists_audit_insert AFTER INSERT ON pharmacists BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacists', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER pharmacists_audit_update AFTER UPDATE ON pharmacists
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacists', NEW.id, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER pharmacists_audit_delete AFTER DELETE ON pharmacists BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacists', OLD.id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER patients_audit_update AFTER UPDATE ON patients
WHEN OLD.patient_code IS NOT NULL AND json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patients', NEW.id, NEW.id, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER patients_audit_delete AFTER DELETE ON patients BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patients', OLD.id, OLD.id, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER medical_history_audit_insert AFTER INSERT ON medical_history BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'medical_history', NEW.id, NEW.patient_id, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER medical_history_audit_update AFTER UPDATE ON medical_history
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'medical_history', NEW.id, NEW.patient_id, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER medical_history_audit_delete AFTER DELETE ON medical_history BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'medical_history', OLD.id, OLD.patient_id, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER allergies_audit_insert AFTER INSERT ON allergies BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'allergies', NEW.id, NEW.patient_id, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER allergies_audit_update AFTER UPDATE ON allergies
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'allergies', NEW.id, NEW.patient_id, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER allergies_audit_delete AFTER DELETE ON allergies BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'allergies', OLD.id, OLD.patient_id, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER current_medications_audit_insert AFTER INSERT ON current_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'current_medications', NEW.id, NEW.patient_id, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER current_medications_audit_update AFTER UPDATE ON current_medications
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'current_medications', NEW.id, NEW.patient_id, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER current_medications_audit_delete AFTER DELETE ON current_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'current_medications', OLD.id, OLD.patient_id, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER patient_pregnancy_audit_insert AFTER INSERT ON patient_pregnancy BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', NEW.patient_id, NEW.patient_id, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER patient_pregnancy_audit_update AFTER UPDATE ON patient_pregnancy
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', NEW.patient_id, NEW.patient_id, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER patient_pregnancy_audit_delete AFTER DELETE ON patient_pregnancy BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', OLD.patient_id, OLD.patient_id, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER vital_signs_audit_insert AFTER INSERT ON vital_signs BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'vital_signs', NEW.id, NEW.patient_id, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER vital_signs_audit_update AFTER UPDATE ON vital_signs
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'vital_signs', NEW.id, NEW.patient_id, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER vital_signs_audit_delete AFTER DELETE ON vital_signs BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'vital_signs', OLD.id, OLD.patient_id, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER patient_consents_audit_insert AFTER INSERT ON patient_consents BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', NEW.id, NEW.patient_id, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER patient_consents_audit_update AFTER UPDATE ON patient_consents
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', NEW.id, NEW.patient_id, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER patient_consents_audit_delete AFTER DELETE ON patient_consents BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', OLD.id, OLD.patient_id, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER patient_erasures_audit_insert AFTER INSERT ON patient_erasures BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_erasures', NEW.id, NEW.patient_id, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctor_schedules_audit_insert AFTER INSERT ON doctor_schedules BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_schedules', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctor_schedules_audit_update AFTER UPDATE ON doctor_schedules
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_schedules', NEW.id, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctor_schedules_audit_delete AFTER DELETE ON doctor_schedules BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_schedules', OLD.id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER doctor_leaves_audit_insert AFTER INSERT ON doctor_leaves BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_leaves', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER doctor_leaves_audit_update AFTER UPDATE ON doctor_leaves
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_leaves', NEW.id, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER doctor_leaves_audit_delete AFTER DELETE ON doctor_leaves BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'doctor_leaves', OLD.id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER clinic_holidays_audit_insert AFTER INSERT ON clinic_holidays BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'clinic_holidays', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER clinic_holidays_audit_update AFTER UPDATE ON clinic_holidays
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'clinic_holidays', NEW.id, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER clinic_holidays_audit_delete AFTER DELETE ON clinic_holidays BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'clinic_holidays', OLD.id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER appointments_audit_update AFTER UPDATE ON appointments
WHEN OLD.appointment_code IS NOT NULL AND json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'appointments', NEW.id, NEW.patient_id, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER appointments_audit_delete AFTER DELETE ON appointments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'appointments', OLD.id, OLD.patient_id, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER prescriptions_audit_update AFTER UPDATE ON prescriptions
WHEN OLD.prescription_code IS NOT NULL AND json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescriptions', NEW.id, NEW.patient_id, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescriptions_audit_delete AFTER DELETE ON prescriptions BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescriptions', OLD.id, OLD.patient_id, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER prescription_medications_audit_insert AFTER INSERT ON prescription_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_medications_audit_update AFTER UPDATE ON prescription_medications
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_medications_audit_delete AFTER DELETE ON prescription_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', OLD.id, (SELECT patient_id FROM prescriptions WHERE id = OLD.prescription_id), 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER prescription_tests_audit_insert AFTER INSERT ON prescription_tests BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_tests', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_tests_audit_update AFTER UPDATE ON prescription_tests
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_tests', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_tests_audit_delete AFTER DELETE ON prescription_tests BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_tests', OLD.id, (SELECT patient_id FROM prescriptions WHERE id = OLD.prescription_id), 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER prescription_amendments_audit_insert AFTER INSERT ON prescription_amendments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_amendments', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_amendments_audit_update AFTER UPDATE ON prescription_amendments
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_amendments', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_amendments_audit_delete AFTER DELETE ON prescription_amendments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_amendments', OLD.id, (SELECT patient_id FROM prescriptions WHERE id = OLD.prescription_id), 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER prescription_overrides_audit_insert AFTER INSERT ON prescription_overrides BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_overrides_audit_update AFTER UPDATE ON prescription_overrides
WHEN OLD.audit_values IS NOT NEW.audit_values
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_overrides_audit_delete AFTER DELETE ON prescription_overrides BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', OLD.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = OLD.prescription_medication_id), 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER prescription_favourites_audit_insert AFTER INSERT ON prescription_favourites BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER prescription_favourites_audit_update AFTER UPDATE ON prescription_favourites
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', NEW.id, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER prescription_favourites_audit_delete AFTER DELETE ON prescription_favourites BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', OLD.id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER inventory_items_audit_insert AFTER INSERT ON inventory_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_items', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER inventory_items_audit_update AFTER UPDATE ON inventory_items
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_items', NEW.id, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER inventory_items_audit_delete AFTER DELETE ON inventory_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_items', OLD.id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER inventory_batches_audit_insert AFTER INSERT ON inventory_batches BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_batches', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER inventory_batches_audit_update AFTER UPDATE ON inventory_batches
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_batches', NEW.id, NULL, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER inventory_batches_audit_delete AFTER DELETE ON inventory_batches BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'inventory_batches', OLD.id, NULL, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER stock_movements_audit_insert AFTER INSERT ON stock_movements BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'stock_movements', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER pharmacy_fulfillments_audit_insert AFTER INSERT ON pharmacy_fulfillments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacy_fulfillments', NEW.id, NEW.patient_id, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER pharmacy_fulfillments_audit_update AFTER UPDATE ON pharmacy_fulfillments
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacy_fulfillments', NEW.id, NEW.patient_id, 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER pharmacy_fulfillments_audit_delete AFTER DELETE ON pharmacy_fulfillments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacy_fulfillments', OLD.id, OLD.patient_id, 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER fulfillment_items_audit_insert AFTER INSERT ON fulfillment_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'fulfillment_items', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER fulfillment_items_audit_update AFTER UPDATE ON fulfillment_items
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'fulfillment_items', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER fulfillment_items_audit_delete AFTER DELETE ON fulfillment_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'fulfillment_items', OLD.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = OLD.fulfillment_id), 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER free_text_reviews_audit_insert AFTER INSERT ON free_text_reviews BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER free_text_reviews_audit_update AFTER UPDATE ON free_text_reviews
WHEN json_remove(OLD.audit_values, '$.updated_at') IS NOT json_remove(NEW.audit_values, '$.updated_at')
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'UPDATE',
            OLD.audit_values, NEW.audit_values);
END;
CREATE TRIGGER free_text_reviews_audit_delete AFTER DELETE ON free_text_reviews BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', OLD.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = OLD.prescription_medication_id), 'DELETE',
            OLD.audit_values, NULL);
END;
CREATE TRIGGER dispense_acknowledgements_audit_insert AFTER INSERT ON dispense_acknowledgements BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'dispense_acknowledgements', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER payments_audit_insert AFTER INSERT ON payments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'payments', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER till_closes_audit_insert AFTER INSERT ON till_closes BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'till_closes', NEW.id, NULL, 'INSERT',
            NULL, NEW.audit_values);
END;
CREATE TRIGGER appointments_after_insert AFTER INSERT ON appointments BEGIN
    UPDATE appointments SET appointment_code = 'APT' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND appointment_code IS NULL;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, new_values)
    SELECT (SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
           'appointments', a.id, a.patient_id, 'INSERT',
           a.audit_values
      FROM appointments a WHERE a.id = NEW.id;
END;
CREATE TRIGGER prescriptions_after_insert AFTER INSERT ON prescriptions BEGIN
    UPDATE prescriptions SET prescription_code = 'RX' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND prescription_code IS NULL;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, new_values)
    SELECT (SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
           'prescriptions', r.id, r.patient_id, 'INSERT',
           r.audit_values
      FROM prescriptions r WHERE r.id = NEW.id;
END;
CREATE TRIGGER patients_after_insert AFTER INSERT ON patients BEGIN
    UPDATE patients SET patient_code = 'PAT' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND patient_code IS NULL;
    INSERT INTO patients_fts(rowid, first_name, last_name, phone, email, code_number, joined_name)
    SELECT id, first_name, last_name, phone, email, code_number, joined_name FROM patients_search WHERE id = NEW.id;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, new_values)
    SELECT (SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
           'patients', p.id, p.id, 'INSERT',
           p.audit_values
      FROM patients p WHERE p.id = NEW.id;
END;
