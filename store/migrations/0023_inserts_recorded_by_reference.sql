-- Schema version 23: an insert's audit row records its values by reference
------------------------------------------------------------------------------------------

-- An insert into a table of the patient's record, the appointment book, prescribing,
-- dispensing or money (internal/schemagen's ByReference) no longer copies the inserted
-- values into its audit row: the row itself holds them until its first change, whose
-- audit row records them as its old values. The audit row holds their digest instead
-- (values_digest), which its seal covers as it covered the values, and `audit verify`
-- checks that the values are still there (audit_inserted_values). In the demo clinics
-- the copies were about a fifth of the file. Rows already in the file keep their values.
--
-- So that a row changes only with an audit row saying so, updated_at is stamped only
-- when an audited value changed: an update that changes nothing writes no audit row.

ALTER TABLE audit_log ADD COLUMN values_digest BLOB;
CREATE INDEX audit_log_changes ON audit_log(table_name, row_id, id) WHERE old_values IS NOT NULL;

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id
  OR NEW.patient_id IS NOT OLD.patient_id OR NEW.action IS NOT OLD.action OR NEW.shape IS NOT OLD.shape
  OR CASE WHEN nullif(OLD.hash, zeroblob(32)) IS NULL
     THEN nullif(NEW.hash, zeroblob(32)) IS NULL OR NEW.actor_name IS NOT OLD.actor_name
       OR NEW.old_values IS NOT OLD.old_values OR NEW.new_values IS NOT OLD.new_values
       OR CASE WHEN OLD.values_digest = zeroblob(32)
          THEN typeof(NEW.values_digest) IS NOT 'blob' OR length(NEW.values_digest) <> 32
            OR NEW.values_digest = zeroblob(32)
          ELSE NEW.values_digest IS NOT OLD.values_digest END
     ELSE NEW.hash IS NOT OLD.hash OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.values_digest IS NOT OLD.values_digest
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

DROP VIEW audit_trail;
CREATE VIEW audit_inserted_values AS
SELECT a.id, a.table_name, a.row_id, a.values_digest, coalesce(
       (SELECT c.old_values FROM audit_log c WHERE c.table_name = a.table_name AND c.row_id = a.row_id
           AND c.id > a.id AND c.old_values IS NOT NULL ORDER BY c.id LIMIT 1),
       CASE a.table_name
         WHEN 'medical_history' THEN (SELECT audit_values FROM medical_history WHERE id = a.row_id)
         WHEN 'allergies' THEN (SELECT audit_values FROM allergies WHERE id = a.row_id)
         WHEN 'current_medications' THEN (SELECT audit_values FROM current_medications WHERE id = a.row_id)
         WHEN 'vital_signs' THEN (SELECT audit_values FROM vital_signs WHERE id = a.row_id)
         WHEN 'patient_consents' THEN (SELECT audit_values FROM patient_consents WHERE id = a.row_id)
         WHEN 'appointments' THEN (SELECT audit_values FROM appointments WHERE id = a.row_id)
         WHEN 'prescriptions' THEN (SELECT audit_values FROM prescriptions WHERE id = a.row_id)
         WHEN 'prescription_medications' THEN (SELECT audit_values FROM prescription_medications WHERE id = a.row_id)
         WHEN 'prescription_tests' THEN (SELECT audit_values FROM prescription_tests WHERE id = a.row_id)
         WHEN 'prescription_amendments' THEN (SELECT audit_values FROM prescription_amendments WHERE id = a.row_id)
         WHEN 'prescription_overrides' THEN (SELECT audit_values FROM prescription_overrides WHERE id = a.row_id)
         WHEN 'stock_movements' THEN (SELECT audit_values FROM stock_movements WHERE id = a.row_id)
         WHEN 'pharmacy_fulfillments' THEN (SELECT audit_values FROM pharmacy_fulfillments WHERE id = a.row_id)
         WHEN 'fulfillment_items' THEN (SELECT audit_values FROM fulfillment_items WHERE id = a.row_id)
         WHEN 'dispense_acknowledgements' THEN (SELECT audit_values FROM dispense_acknowledgements WHERE id = a.row_id)
         WHEN 'payments' THEN (SELECT audit_values FROM payments WHERE id = a.row_id)
         WHEN 'till_closes' THEN (SELECT audit_values FROM till_closes WHERE id = a.row_id) END) AS new_values
  FROM audit_log a WHERE a.values_digest IS NOT NULL;
CREATE VIEW audit_trail AS
SELECT l.id, at, actor_id, actor_name, l.table_name, row_id, patient_id, action,
       CASE WHEN s.id IS NULL OR json_type(old_values) IS NOT 'array' THEN old_values
       ELSE (SELECT json_group_object(coalesce(s.columns ->> v.key, '[' || v.key || ']'), v.value)
               FROM json_each(old_values) v) END AS old_values,
       CASE WHEN s.id IS NULL OR json_type(new_values) IS NOT 'array' THEN new_values
       ELSE (SELECT json_group_object(coalesce(s.columns ->> v.key, '[' || v.key || ']'), v.value)
               FROM json_each(new_values) v) END AS new_values,
       CASE WHEN typeof(prev_hash) IS NOT 'blob' THEN prev_hash
            WHEN prev_hash <> zeroblob(32) THEN 'm1:' || lower(hex(prev_hash)) END AS prev_hash,
       CASE WHEN typeof(hash) IS NOT 'blob' THEN hash
            WHEN hash <> zeroblob(32) THEN 'm1:' || lower(hex(hash)) END AS hash, shape
  FROM (SELECT id, at, actor_id, actor_name, table_name, row_id, patient_id, action, old_values,
               CASE WHEN values_digest IS NULL THEN new_values
               ELSE (SELECT i.new_values FROM audit_inserted_values i WHERE i.id = audit_log.id) END AS new_values,
               prev_hash, hash, shape
          FROM audit_log) l
  LEFT JOIN audit_shapes s ON s.id = l.shape;

-- The inserts recorded by reference.
DROP TRIGGER appointments_after_insert;
CREATE TRIGGER appointments_after_insert AFTER INSERT ON appointments BEGIN
    UPDATE appointments SET appointment_code = 'APT' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND appointment_code IS NULL;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'appointments', NEW.id, NEW.patient_id, 'INSERT', 19, zeroblob(32));
END;
DROP TRIGGER prescriptions_after_insert;
CREATE TRIGGER prescriptions_after_insert AFTER INSERT ON prescriptions BEGIN
    UPDATE prescriptions SET prescription_code = 'RX' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND prescription_code IS NULL;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescriptions', NEW.id, NEW.patient_id, 'INSERT', 20, zeroblob(32));
END;
DROP TRIGGER medical_history_audit_insert;
CREATE TRIGGER medical_history_audit_insert AFTER INSERT ON medical_history BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'medical_history', NEW.id, NEW.patient_id, 'INSERT', 9,
            zeroblob(32));
END;
DROP TRIGGER allergies_audit_insert;
CREATE TRIGGER allergies_audit_insert AFTER INSERT ON allergies BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'allergies', NEW.id, NEW.patient_id, 'INSERT', 10,
            zeroblob(32));
END;
DROP TRIGGER current_medications_audit_insert;
CREATE TRIGGER current_medications_audit_insert AFTER INSERT ON current_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'current_medications', NEW.id, NEW.patient_id, 'INSERT', 11,
            zeroblob(32));
END;
DROP TRIGGER vital_signs_audit_insert;
CREATE TRIGGER vital_signs_audit_insert AFTER INSERT ON vital_signs BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'vital_signs', NEW.id, NEW.patient_id, 'INSERT', 13,
            zeroblob(32));
END;
DROP TRIGGER patient_consents_audit_insert;
CREATE TRIGGER patient_consents_audit_insert AFTER INSERT ON patient_consents BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', NEW.id, NEW.patient_id, 'INSERT', 14,
            zeroblob(32));
END;
DROP TRIGGER prescription_medications_audit_insert;
CREATE TRIGGER prescription_medications_audit_insert AFTER INSERT ON prescription_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT', 21,
            zeroblob(32));
END;
DROP TRIGGER prescription_tests_audit_insert;
CREATE TRIGGER prescription_tests_audit_insert AFTER INSERT ON prescription_tests BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_tests', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT', 22,
            zeroblob(32));
END;
DROP TRIGGER prescription_amendments_audit_insert;
CREATE TRIGGER prescription_amendments_audit_insert AFTER INSERT ON prescription_amendments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_amendments', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT', 23,
            zeroblob(32));
END;
DROP TRIGGER prescription_overrides_audit_insert;
CREATE TRIGGER prescription_overrides_audit_insert AFTER INSERT ON prescription_overrides BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'INSERT', 24,
            zeroblob(32));
END;
DROP TRIGGER stock_movements_audit_insert;
CREATE TRIGGER stock_movements_audit_insert AFTER INSERT ON stock_movements BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'stock_movements', NEW.id, NULL, 'INSERT', 28,
            zeroblob(32));
END;
DROP TRIGGER pharmacy_fulfillments_audit_insert;
CREATE TRIGGER pharmacy_fulfillments_audit_insert AFTER INSERT ON pharmacy_fulfillments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'pharmacy_fulfillments', NEW.id, NEW.patient_id, 'INSERT', 29,
            zeroblob(32));
END;
DROP TRIGGER fulfillment_items_audit_insert;
CREATE TRIGGER fulfillment_items_audit_insert AFTER INSERT ON fulfillment_items BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'fulfillment_items', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'INSERT', 30,
            zeroblob(32));
END;
DROP TRIGGER dispense_acknowledgements_audit_insert;
CREATE TRIGGER dispense_acknowledgements_audit_insert AFTER INSERT ON dispense_acknowledgements BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'dispense_acknowledgements', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'INSERT', 32,
            zeroblob(32));
END;
DROP TRIGGER payments_audit_insert;
CREATE TRIGGER payments_audit_insert AFTER INSERT ON payments BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'payments', NEW.id, NULL, 'INSERT', 33,
            zeroblob(32));
END;
DROP TRIGGER till_closes_audit_insert;
CREATE TRIGGER till_closes_audit_insert AFTER INSERT ON till_closes BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, shape, values_digest)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'till_closes', NEW.id, NULL, 'INSERT', 34,
            zeroblob(32));
END;

-- updated_at stamped only with a change.
DROP TRIGGER settings_updated_at;
CREATE TRIGGER settings_updated_at AFTER UPDATE ON settings
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE settings SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE key = NEW.key;
END;
DROP TRIGGER setting_secrets_updated_at;
CREATE TRIGGER setting_secrets_updated_at AFTER UPDATE ON setting_secrets
WHEN NEW.updated_at IS OLD.updated_at AND (OLD.audit_values IS NOT NEW.audit_values OR NEW.secret IS NOT OLD.secret) BEGIN
    UPDATE setting_secrets SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE key = NEW.key;
END;
DROP TRIGGER users_updated_at;
CREATE TRIGGER users_updated_at AFTER UPDATE ON users
WHEN NEW.updated_at IS OLD.updated_at AND (OLD.audit_values IS NOT NEW.audit_values OR NEW.password_hash IS NOT OLD.password_hash) BEGIN
    UPDATE users SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER doctors_updated_at;
CREATE TRIGGER doctors_updated_at AFTER UPDATE ON doctors
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE doctors SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER pharmacists_updated_at;
CREATE TRIGGER pharmacists_updated_at AFTER UPDATE ON pharmacists
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE pharmacists SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER patients_updated_at;
CREATE TRIGGER patients_updated_at AFTER UPDATE ON patients
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values AND OLD.patient_code IS NOT NULL BEGIN
    UPDATE patients SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER medical_history_updated_at;
CREATE TRIGGER medical_history_updated_at AFTER UPDATE ON medical_history
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE medical_history SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER allergies_updated_at;
CREATE TRIGGER allergies_updated_at AFTER UPDATE ON allergies
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE allergies SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER current_medications_updated_at;
CREATE TRIGGER current_medications_updated_at AFTER UPDATE ON current_medications
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE current_medications SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER patient_pregnancy_updated_at;
CREATE TRIGGER patient_pregnancy_updated_at AFTER UPDATE ON patient_pregnancy
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE patient_pregnancy SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE patient_id = NEW.patient_id;
END;
DROP TRIGGER vital_signs_updated_at;
CREATE TRIGGER vital_signs_updated_at AFTER UPDATE ON vital_signs
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE vital_signs SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER patient_consents_updated_at;
CREATE TRIGGER patient_consents_updated_at AFTER UPDATE ON patient_consents
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE patient_consents SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER doctor_schedules_updated_at;
CREATE TRIGGER doctor_schedules_updated_at AFTER UPDATE ON doctor_schedules
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE doctor_schedules SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER doctor_leaves_updated_at;
CREATE TRIGGER doctor_leaves_updated_at AFTER UPDATE ON doctor_leaves
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE doctor_leaves SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER clinic_holidays_updated_at;
CREATE TRIGGER clinic_holidays_updated_at AFTER UPDATE ON clinic_holidays
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE clinic_holidays SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER appointments_updated_at;
CREATE TRIGGER appointments_updated_at AFTER UPDATE ON appointments
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values AND OLD.appointment_code IS NOT NULL BEGIN
    UPDATE appointments SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER prescriptions_updated_at;
CREATE TRIGGER prescriptions_updated_at AFTER UPDATE ON prescriptions
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values AND OLD.prescription_code IS NOT NULL BEGIN
    UPDATE prescriptions SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER prescription_medications_updated_at;
CREATE TRIGGER prescription_medications_updated_at AFTER UPDATE ON prescription_medications
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE prescription_medications SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER prescription_tests_updated_at;
CREATE TRIGGER prescription_tests_updated_at AFTER UPDATE ON prescription_tests
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE prescription_tests SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER prescription_amendments_updated_at;
CREATE TRIGGER prescription_amendments_updated_at AFTER UPDATE ON prescription_amendments
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE prescription_amendments SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER prescription_favourites_updated_at;
CREATE TRIGGER prescription_favourites_updated_at AFTER UPDATE ON prescription_favourites
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE prescription_favourites SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER inventory_items_updated_at;
CREATE TRIGGER inventory_items_updated_at AFTER UPDATE ON inventory_items
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE inventory_items SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER inventory_batches_updated_at;
CREATE TRIGGER inventory_batches_updated_at AFTER UPDATE ON inventory_batches
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE inventory_batches SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER pharmacy_fulfillments_updated_at;
CREATE TRIGGER pharmacy_fulfillments_updated_at AFTER UPDATE ON pharmacy_fulfillments
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE pharmacy_fulfillments SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER fulfillment_items_updated_at;
CREATE TRIGGER fulfillment_items_updated_at AFTER UPDATE ON fulfillment_items
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE fulfillment_items SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER free_text_reviews_updated_at;
CREATE TRIGGER free_text_reviews_updated_at AFTER UPDATE ON free_text_reviews
WHEN NEW.updated_at IS OLD.updated_at AND OLD.audit_values IS NOT NEW.audit_values BEGIN
    UPDATE free_text_reviews SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
