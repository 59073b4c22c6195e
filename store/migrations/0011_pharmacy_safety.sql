-- Pharmacy safety: the doctor's overrides name the warnings they were
-- given against (prescription_overrides); the pharmacist reviews a free-text medicine the
-- drug table does not recognise (free_text_reviews) and acknowledges each warning of a
-- line handed over (dispense_acknowledgements). New tables only: nothing to fill.
------------------------------------------------------------------------------------------

CREATE TABLE prescription_overrides (
    id                         INTEGER PRIMARY KEY,
    prescription_medication_id INTEGER NOT NULL REFERENCES prescription_medications(id) ON DELETE CASCADE,
    kind                       TEXT NOT NULL CHECK (kind IN ('allergy', 'interaction')),
    severity                   TEXT NOT NULL DEFAULT '',
    warning_key                TEXT NOT NULL CHECK (length(warning_key) BETWEEN 1 AND 500),
    warning                    TEXT NOT NULL CHECK (length(trim(warning)) BETWEEN 1 AND 2000),
    created_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (prescription_medication_id, warning_key)
);

CREATE TRIGGER prescription_overrides_reasoned BEFORE INSERT ON prescription_overrides
WHEN (SELECT allergy_override_reason FROM prescription_medications WHERE id = NEW.prescription_medication_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'override_reason: an override needs the doctor''s reason on its line'); END;

CREATE TRIGGER prescription_overrides_frozen_insert BEFORE INSERT ON prescription_overrides
WHEN (SELECT r.status FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id
      WHERE m.id = NEW.prescription_medication_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TRIGGER prescription_overrides_no_update BEFORE UPDATE ON prescription_overrides
BEGIN SELECT RAISE(ABORT, 'immutable: an override is replaced with its line, never changed'); END;

CREATE TRIGGER prescription_overrides_frozen_delete BEFORE DELETE ON prescription_overrides
WHEN (SELECT r.status FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id
      WHERE m.id = OLD.prescription_medication_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'immutable: a submitted prescription cannot be changed; add an amendment'); END;

CREATE TABLE free_text_reviews (
    id                         INTEGER PRIMARY KEY,
    prescription_medication_id INTEGER NOT NULL UNIQUE REFERENCES prescription_medications(id),
    inventory_item_id          INTEGER REFERENCES inventory_items(id),
    reason                     TEXT CHECK (reason IS NULL OR length(trim(reason)) BETWEEN 1 AND 500),
    pharmacist_id              INTEGER NOT NULL REFERENCES pharmacists(id),
    created_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((inventory_item_id IS NULL) <> (reason IS NULL))
);

CREATE TRIGGER free_text_reviews_free_text BEFORE INSERT ON free_text_reviews
WHEN (SELECT inventory_item_id FROM prescription_medications WHERE id = NEW.prescription_medication_id) IS NOT NULL
  OR (SELECT r.status FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id
      WHERE m.id = NEW.prescription_medication_id) NOT IN ('submitted', 'dispensing')
BEGIN SELECT RAISE(ABORT, 'free_text_review: only a free-text line of a prescription at the pharmacy is reviewed'); END;

CREATE TRIGGER free_text_reviews_no_delete BEFORE DELETE ON free_text_reviews
BEGIN SELECT RAISE(ABORT, 'immutable: a review cannot be deleted'); END;

CREATE TABLE dispense_acknowledgements (
    id                         INTEGER PRIMARY KEY,
    fulfillment_id             INTEGER NOT NULL REFERENCES pharmacy_fulfillments(id),
    prescription_medication_id INTEGER REFERENCES prescription_medications(id),
    inventory_item_id          INTEGER NOT NULL REFERENCES inventory_items(id),
    kind                       TEXT NOT NULL
                               CHECK (kind IN ('allergy', 'interaction', 'unchecked', 'dose', 'paediatric')),
    severity                   TEXT NOT NULL DEFAULT '',
    warning_key                TEXT NOT NULL CHECK (length(warning_key) BETWEEN 1 AND 500),
    warning                    TEXT NOT NULL CHECK (length(trim(warning)) BETWEEN 1 AND 2000),
    doctor_override            TEXT,
    note                       TEXT CHECK (note IS NULL OR length(trim(note)) BETWEEN 1 AND 500),
    pharmacist_id              INTEGER NOT NULL REFERENCES pharmacists(id),
    created_at                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE INDEX dispense_acknowledgements_fulfillment ON dispense_acknowledgements(fulfillment_id);

CREATE TRIGGER dispense_acknowledgements_no_update BEFORE UPDATE ON dispense_acknowledgements
BEGIN SELECT RAISE(ABORT, 'immutable: an acknowledgement cannot be changed'); END;

CREATE TRIGGER dispense_acknowledgements_no_delete BEFORE DELETE ON dispense_acknowledgements
BEGIN SELECT RAISE(ABORT, 'immutable: an acknowledgement cannot be deleted'); END;

CREATE TRIGGER prescription_overrides_audit_insert AFTER INSERT ON prescription_overrides BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'INSERT', NULL,
            json_object('id', NEW.id,
                'prescription_medication_id', NEW.prescription_medication_id, 'kind', NEW.kind,
                'severity', NEW.severity, 'warning_key', NEW.warning_key, 'warning', NEW.warning,
                'created_at', NEW.created_at));
END;

CREATE TRIGGER prescription_overrides_audit_update AFTER UPDATE ON prescription_overrides
WHEN (NEW.id IS NOT OLD.id OR
      NEW.prescription_medication_id IS NOT OLD.prescription_medication_id OR
      NEW.kind IS NOT OLD.kind OR NEW.severity IS NOT OLD.severity OR
      NEW.warning_key IS NOT OLD.warning_key OR NEW.warning IS NOT OLD.warning OR
      NEW.created_at IS NOT OLD.created_at)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'UPDATE', 
            json_object('id', OLD.id,
                'prescription_medication_id', OLD.prescription_medication_id, 'kind', OLD.kind,
                'severity', OLD.severity, 'warning_key', OLD.warning_key, 'warning', OLD.warning,
                'created_at', OLD.created_at),
            json_object('id', NEW.id,
                'prescription_medication_id', NEW.prescription_medication_id, 'kind', NEW.kind,
                'severity', NEW.severity, 'warning_key', NEW.warning_key, 'warning', NEW.warning,
                'created_at', NEW.created_at));
END;

CREATE TRIGGER prescription_overrides_audit_delete AFTER DELETE ON prescription_overrides BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_overrides', OLD.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = OLD.prescription_medication_id), 'DELETE', 
            json_object('id', OLD.id,
                'prescription_medication_id', OLD.prescription_medication_id, 'kind', OLD.kind,
                'severity', OLD.severity, 'warning_key', OLD.warning_key, 'warning', OLD.warning,
                'created_at', OLD.created_at), NULL);
END;

CREATE TRIGGER free_text_reviews_updated_at AFTER UPDATE ON free_text_reviews
WHEN NEW.updated_at IS OLD.updated_at BEGIN
    UPDATE free_text_reviews SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER free_text_reviews_audit_insert AFTER INSERT ON free_text_reviews BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'INSERT', NULL,
            json_object('id', NEW.id,
                'prescription_medication_id', NEW.prescription_medication_id,
                'inventory_item_id', NEW.inventory_item_id, 'reason', NEW.reason,
                'pharmacist_id', NEW.pharmacist_id, 'created_at', NEW.created_at,
                'updated_at', NEW.updated_at));
END;

CREATE TRIGGER free_text_reviews_audit_update AFTER UPDATE ON free_text_reviews
WHEN (NEW.id IS NOT OLD.id OR
      NEW.prescription_medication_id IS NOT OLD.prescription_medication_id OR
      NEW.inventory_item_id IS NOT OLD.inventory_item_id OR NEW.reason IS NOT OLD.reason OR
      NEW.pharmacist_id IS NOT OLD.pharmacist_id OR NEW.created_at IS NOT OLD.created_at)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', NEW.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = NEW.prescription_medication_id), 'UPDATE', 
            json_object('id', OLD.id,
                'prescription_medication_id', OLD.prescription_medication_id,
                'inventory_item_id', OLD.inventory_item_id, 'reason', OLD.reason,
                'pharmacist_id', OLD.pharmacist_id, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            json_object('id', NEW.id,
                'prescription_medication_id', NEW.prescription_medication_id,
                'inventory_item_id', NEW.inventory_item_id, 'reason', NEW.reason,
                'pharmacist_id', NEW.pharmacist_id, 'created_at', NEW.created_at,
                'updated_at', NEW.updated_at));
END;

CREATE TRIGGER free_text_reviews_audit_delete AFTER DELETE ON free_text_reviews BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'free_text_reviews', OLD.id, (SELECT r.patient_id FROM prescription_medications m JOIN prescriptions r ON r.id = m.prescription_id WHERE m.id = OLD.prescription_medication_id), 'DELETE', 
            json_object('id', OLD.id,
                'prescription_medication_id', OLD.prescription_medication_id,
                'inventory_item_id', OLD.inventory_item_id, 'reason', OLD.reason,
                'pharmacist_id', OLD.pharmacist_id, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at), NULL);
END;

CREATE TRIGGER dispense_acknowledgements_audit_insert AFTER INSERT ON dispense_acknowledgements BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'dispense_acknowledgements', NEW.id, (SELECT patient_id FROM pharmacy_fulfillments WHERE id = NEW.fulfillment_id), 'INSERT', NULL,
            json_object('id', NEW.id, 'fulfillment_id', NEW.fulfillment_id,
                'prescription_medication_id', NEW.prescription_medication_id,
                'inventory_item_id', NEW.inventory_item_id, 'kind', NEW.kind,
                'severity', NEW.severity, 'warning_key', NEW.warning_key, 'warning', NEW.warning,
                'doctor_override', NEW.doctor_override, 'note', NEW.note,
                'pharmacist_id', NEW.pharmacist_id, 'created_at', NEW.created_at));
END;
