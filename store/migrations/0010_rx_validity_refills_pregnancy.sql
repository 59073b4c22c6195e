-- Schema version 10: prescription validity and refills, prescribing outside a
-- consultation, withdrawal before dispensing, and the pregnancy flag
------------------------------------------------------------------------------------------

INSERT INTO setting_keys(key) VALUES ('prescription_valid_days');

CREATE TABLE patient_pregnancy (
    patient_id  INTEGER PRIMARY KEY REFERENCES patients(id),
    status      TEXT NOT NULL CHECK (status IN ('pregnant', 'breastfeeding')),
    noted_on    TEXT NOT NULL CHECK (date(noted_on) IS noted_on),
    recorded_by INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TRIGGER patient_pregnancy_updated_at AFTER UPDATE ON patient_pregnancy
WHEN NEW.updated_at IS OLD.updated_at BEGIN
    UPDATE patient_pregnancy SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE patient_id = NEW.patient_id;
END;
CREATE TRIGGER patient_pregnancy_audit_insert AFTER INSERT ON patient_pregnancy BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', NEW.patient_id, NEW.patient_id, 'INSERT', NULL,
            json_object('patient_id', NEW.patient_id, 'status', NEW.status,
                'noted_on', NEW.noted_on, 'recorded_by', NEW.recorded_by,
                'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER patient_pregnancy_audit_update AFTER UPDATE ON patient_pregnancy
WHEN (NEW.patient_id IS NOT OLD.patient_id OR
      NEW.status IS NOT OLD.status OR NEW.noted_on IS NOT OLD.noted_on OR
      NEW.recorded_by IS NOT OLD.recorded_by OR NEW.created_at IS NOT OLD.created_at)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', NEW.patient_id, NEW.patient_id, 'UPDATE', 
            json_object('patient_id', OLD.patient_id, 'status', OLD.status,
                'noted_on', OLD.noted_on, 'recorded_by', OLD.recorded_by,
                'created_at', OLD.created_at, 'updated_at', OLD.updated_at),
            json_object('patient_id', NEW.patient_id, 'status', NEW.status,
                'noted_on', NEW.noted_on, 'recorded_by', NEW.recorded_by,
                'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER patient_pregnancy_audit_delete AFTER DELETE ON patient_pregnancy BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_pregnancy', OLD.patient_id, OLD.patient_id, 'DELETE', 
            json_object('patient_id', OLD.patient_id, 'status', OLD.status,
                'noted_on', OLD.noted_on, 'recorded_by', OLD.recorded_by,
                'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL);
END;

-- New columns go last, where schema.sql has them.
ALTER TABLE prescriptions ADD COLUMN valid_until       TEXT CHECK (valid_until IS NULL OR (submitted_at IS NOT NULL
                                  AND julianday(valid_until) - julianday(submitted_at) BETWEEN 1 AND 366));
ALTER TABLE prescriptions ADD COLUMN refills_allowed   INTEGER NOT NULL DEFAULT 0 CHECK (refills_allowed BETWEEN 0 AND 12);
ALTER TABLE prescriptions ADD COLUMN no_consultation_reason TEXT CHECK (no_consultation_reason IS NULL
                                       OR length(trim(no_consultation_reason)) > 0);
ALTER TABLE prescription_medications ADD COLUMN chronic                 INTEGER NOT NULL DEFAULT 0 CHECK (chronic IN (0, 1));

-- The triggers that name every column (or that would stop the backfill) are made
-- again as schema.sql has them. A prescription submitted before this version was
-- valid for 30 days, the default, with no refills: the backfill says so, without an
-- audit row or a new updated_at (its triggers are made again after it).
DROP TRIGGER prescriptions_immutable;
DROP TRIGGER prescriptions_after_insert;
DROP TRIGGER prescriptions_updated_at;
DROP TRIGGER prescriptions_audit_update;
DROP TRIGGER prescriptions_audit_delete;
DROP TRIGGER prescription_medications_audit_insert;
DROP TRIGGER prescription_medications_audit_update;
DROP TRIGGER prescription_medications_audit_delete;

UPDATE prescriptions SET valid_until = strftime('%Y-%m-%dT%H:%M:%SZ', submitted_at, '+30 days')
 WHERE submitted_at IS NOT NULL;

CREATE TRIGGER prescriptions_immutable BEFORE UPDATE ON prescriptions
WHEN OLD.status <> 'draft' AND (
       NEW.appointment_id IS NOT OLD.appointment_id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.doctor_id IS NOT OLD.doctor_id OR NEW.diagnosis IS NOT OLD.diagnosis
    OR NEW.notes IS NOT OLD.notes OR NEW.sketch IS NOT OLD.sketch
    OR NEW.submitted_at IS NOT OLD.submitted_at OR NEW.valid_until IS NOT OLD.valid_until
    OR NEW.refills_allowed IS NOT OLD.refills_allowed
    OR NEW.no_consultation_reason IS NOT OLD.no_consultation_reason)
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TRIGGER prescriptions_need_consultation BEFORE INSERT ON prescriptions
WHEN NEW.no_consultation_reason IS NULL
 AND (SELECT status FROM appointments WHERE id = NEW.appointment_id) NOT IN ('checked_in', 'in_consultation', 'completed')
BEGIN SELECT RAISE(ABORT, 'no_consultation: the consultation has not started; give a reason to prescribe without one'); END;

CREATE TRIGGER prescriptions_submit_validity BEFORE UPDATE OF status ON prescriptions
WHEN NEW.status IN ('submitted', 'dispensing', 'fulfilled') AND NEW.valid_until IS NULL
BEGIN SELECT RAISE(ABORT, 'validity: a submitted prescription needs its valid_until'); END;

CREATE TRIGGER prescriptions_withdraw_undispensed BEFORE UPDATE OF status ON prescriptions
WHEN NEW.status = 'cancelled' AND OLD.status <> 'cancelled' AND EXISTS (
       SELECT 1 FROM pharmacy_fulfillments f JOIN fulfillment_items fi ON fi.fulfillment_id = f.id
        WHERE f.prescription_id = NEW.id AND f.status <> 'cancelled')
BEGIN SELECT RAISE(ABORT, 'dispensing_started: the pharmacy has started dispensing this prescription; it cannot be withdrawn'); END;

CREATE TRIGGER prescriptions_after_insert AFTER INSERT ON prescriptions BEGIN
    UPDATE prescriptions SET prescription_code = 'RX' || printf('%06d', NEW.id)
     WHERE id = NEW.id AND prescription_code IS NULL;
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, new_values)
    SELECT (SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
           'prescriptions', r.id, r.patient_id, 'INSERT',
           json_object('id', r.id, 'prescription_code', r.prescription_code,
                       'appointment_id', r.appointment_id, 'patient_id', r.patient_id,
                       'doctor_id', r.doctor_id, 'diagnosis', r.diagnosis, 'notes', r.notes,
                       'sketch', r.sketch, 'status', r.status, 'submitted_at', r.submitted_at,
                       'cancel_reason', r.cancel_reason, 'created_at', r.created_at,
                       'updated_at', r.updated_at, 'valid_until', r.valid_until,
                       'refills_allowed', r.refills_allowed,
                       'no_consultation_reason', r.no_consultation_reason)
      FROM prescriptions r WHERE r.id = NEW.id;
END;
CREATE TRIGGER prescriptions_updated_at AFTER UPDATE ON prescriptions
WHEN NEW.updated_at IS OLD.updated_at AND OLD.prescription_code IS NOT NULL BEGIN
    UPDATE prescriptions SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER prescriptions_audit_update AFTER UPDATE ON prescriptions
WHEN OLD.prescription_code IS NOT NULL AND (NEW.id IS NOT OLD.id OR
      NEW.prescription_code IS NOT OLD.prescription_code OR
      NEW.appointment_id IS NOT OLD.appointment_id OR NEW.patient_id IS NOT OLD.patient_id OR
      NEW.doctor_id IS NOT OLD.doctor_id OR NEW.diagnosis IS NOT OLD.diagnosis OR
      NEW.notes IS NOT OLD.notes OR NEW.sketch IS NOT OLD.sketch OR NEW.status IS NOT OLD.status OR
      NEW.submitted_at IS NOT OLD.submitted_at OR NEW.cancel_reason IS NOT OLD.cancel_reason OR
      NEW.created_at IS NOT OLD.created_at OR NEW.valid_until IS NOT OLD.valid_until OR
      NEW.refills_allowed IS NOT OLD.refills_allowed OR
      NEW.no_consultation_reason IS NOT OLD.no_consultation_reason)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescriptions', NEW.id, NEW.patient_id, 'UPDATE', 
            json_object('id', OLD.id, 'prescription_code', OLD.prescription_code,
                'appointment_id', OLD.appointment_id, 'patient_id', OLD.patient_id,
                'doctor_id', OLD.doctor_id, 'diagnosis', OLD.diagnosis, 'notes', OLD.notes,
                'sketch', OLD.sketch, 'status', OLD.status, 'submitted_at', OLD.submitted_at,
                'cancel_reason', OLD.cancel_reason, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at, 'valid_until', OLD.valid_until,
                'refills_allowed', OLD.refills_allowed,
                'no_consultation_reason', OLD.no_consultation_reason),
            json_object('id', NEW.id, 'prescription_code', NEW.prescription_code,
                'appointment_id', NEW.appointment_id, 'patient_id', NEW.patient_id,
                'doctor_id', NEW.doctor_id, 'diagnosis', NEW.diagnosis, 'notes', NEW.notes,
                'sketch', NEW.sketch, 'status', NEW.status, 'submitted_at', NEW.submitted_at,
                'cancel_reason', NEW.cancel_reason, 'created_at', NEW.created_at,
                'updated_at', NEW.updated_at, 'valid_until', NEW.valid_until,
                'refills_allowed', NEW.refills_allowed,
                'no_consultation_reason', NEW.no_consultation_reason));
END;
CREATE TRIGGER prescriptions_audit_delete AFTER DELETE ON prescriptions BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescriptions', OLD.id, OLD.patient_id, 'DELETE', 
            json_object('id', OLD.id, 'prescription_code', OLD.prescription_code,
                'appointment_id', OLD.appointment_id, 'patient_id', OLD.patient_id,
                'doctor_id', OLD.doctor_id, 'diagnosis', OLD.diagnosis, 'notes', OLD.notes,
                'sketch', OLD.sketch, 'status', OLD.status, 'submitted_at', OLD.submitted_at,
                'cancel_reason', OLD.cancel_reason, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at, 'valid_until', OLD.valid_until,
                'refills_allowed', OLD.refills_allowed,
                'no_consultation_reason', OLD.no_consultation_reason), NULL);
END;
CREATE TRIGGER prescription_medications_audit_insert AFTER INSERT ON prescription_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'INSERT', NULL,
            json_object('id', NEW.id, 'prescription_id', NEW.prescription_id,
                'position', NEW.position, 'inventory_item_id', NEW.inventory_item_id,
                'name', NEW.name, 'generic_name', NEW.generic_name, 'strength', NEW.strength,
                'form', NEW.form, 'dosage', NEW.dosage, 'frequency', NEW.frequency,
                'duration_days', NEW.duration_days, 'route', NEW.route,
                'instructions', NEW.instructions, 'quantity', NEW.quantity,
                'allergy_override_reason', NEW.allergy_override_reason,
                'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'chronic', NEW.chronic));
END;
CREATE TRIGGER prescription_medications_audit_update AFTER UPDATE ON prescription_medications
WHEN (NEW.id IS NOT OLD.id OR
      NEW.prescription_id IS NOT OLD.prescription_id OR NEW.position IS NOT OLD.position OR
      NEW.inventory_item_id IS NOT OLD.inventory_item_id OR NEW.name IS NOT OLD.name OR
      NEW.generic_name IS NOT OLD.generic_name OR NEW.strength IS NOT OLD.strength OR
      NEW.form IS NOT OLD.form OR NEW.dosage IS NOT OLD.dosage OR
      NEW.frequency IS NOT OLD.frequency OR NEW.duration_days IS NOT OLD.duration_days OR
      NEW.route IS NOT OLD.route OR NEW.instructions IS NOT OLD.instructions OR
      NEW.quantity IS NOT OLD.quantity OR
      NEW.allergy_override_reason IS NOT OLD.allergy_override_reason OR
      NEW.created_at IS NOT OLD.created_at OR NEW.chronic IS NOT OLD.chronic)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', NEW.id, (SELECT patient_id FROM prescriptions WHERE id = NEW.prescription_id), 'UPDATE', 
            json_object('id', OLD.id, 'prescription_id', OLD.prescription_id,
                'position', OLD.position, 'inventory_item_id', OLD.inventory_item_id,
                'name', OLD.name, 'generic_name', OLD.generic_name, 'strength', OLD.strength,
                'form', OLD.form, 'dosage', OLD.dosage, 'frequency', OLD.frequency,
                'duration_days', OLD.duration_days, 'route', OLD.route,
                'instructions', OLD.instructions, 'quantity', OLD.quantity,
                'allergy_override_reason', OLD.allergy_override_reason,
                'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'chronic', OLD.chronic),
            json_object('id', NEW.id, 'prescription_id', NEW.prescription_id,
                'position', NEW.position, 'inventory_item_id', NEW.inventory_item_id,
                'name', NEW.name, 'generic_name', NEW.generic_name, 'strength', NEW.strength,
                'form', NEW.form, 'dosage', NEW.dosage, 'frequency', NEW.frequency,
                'duration_days', NEW.duration_days, 'route', NEW.route,
                'instructions', NEW.instructions, 'quantity', NEW.quantity,
                'allergy_override_reason', NEW.allergy_override_reason,
                'created_at', NEW.created_at, 'updated_at', NEW.updated_at, 'chronic', NEW.chronic));
END;
CREATE TRIGGER prescription_medications_audit_delete AFTER DELETE ON prescription_medications BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_medications', OLD.id, (SELECT patient_id FROM prescriptions WHERE id = OLD.prescription_id), 'DELETE', 
            json_object('id', OLD.id, 'prescription_id', OLD.prescription_id,
                'position', OLD.position, 'inventory_item_id', OLD.inventory_item_id,
                'name', OLD.name, 'generic_name', OLD.generic_name, 'strength', OLD.strength,
                'form', OLD.form, 'dosage', OLD.dosage, 'frequency', OLD.frequency,
                'duration_days', OLD.duration_days, 'route', OLD.route,
                'instructions', OLD.instructions, 'quantity', OLD.quantity,
                'allergy_override_reason', OLD.allergy_override_reason,
                'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'chronic', OLD.chronic), NULL);
END;

CREATE INDEX fulfillment_items_medication ON fulfillment_items(prescription_medication_id)
    WHERE prescription_medication_id IS NOT NULL;

CREATE TRIGGER fulfillment_items_prescription_open BEFORE INSERT ON fulfillment_items
WHEN NEW.prescription_medication_id IS NOT NULL AND (SELECT r.status FROM prescription_medications m
       JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id)
     NOT IN ('submitted', 'dispensing')
BEGIN SELECT RAISE(ABORT, 'status_flow: only a submitted prescription can be dispensed'); END;

CREATE TRIGGER fulfillment_items_within_validity BEFORE INSERT ON fulfillment_items
WHEN NEW.prescription_medication_id IS NOT NULL AND NEW.created_at > (SELECT r.valid_until
       FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id
      WHERE m.id = NEW.prescription_medication_id)
BEGIN SELECT RAISE(ABORT, 'prescription_expired: the prescription is past its validity; it cannot be dispensed'); END;

CREATE TRIGGER fulfillment_items_within_refills BEFORE INSERT ON fulfillment_items
WHEN NEW.prescription_medication_id IS NOT NULL AND NEW.quantity + (SELECT coalesce(sum(fi.quantity), 0)
       FROM fulfillment_items fi JOIN pharmacy_fulfillments f ON f.id = fi.fulfillment_id
      WHERE fi.prescription_medication_id = NEW.prescription_medication_id AND f.status <> 'cancelled')
     > (SELECT m.quantity * (1 + r.refills_allowed) FROM prescription_medications m
          JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id)
BEGIN SELECT RAISE(ABORT, 'refills_exhausted: that is more than the prescription allows with its refills'); END;
