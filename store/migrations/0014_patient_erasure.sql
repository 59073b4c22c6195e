-- Schema version 14: erasure of a patient's identifying details, and retention
------------------------------------------------------------------------------------------

-- How many years after a patient's last visit the clinic keeps their details (10 when
-- not set); past it, an admin reviews and pseudonymises them.
INSERT INTO setting_keys(key) VALUES ('retention_years');

-- Who was erased, when, by whom and why, under which pseudonym; an erased patient's
-- details cannot be changed again.
CREATE TABLE patient_erasures (
    id         INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL UNIQUE REFERENCES patients(id),
    pseudonym  TEXT NOT NULL CHECK (length(trim(pseudonym)) BETWEEN 1 AND 80),
    basis      TEXT NOT NULL CHECK (basis IN ('request', 'retention')),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 10 AND 500),
    erased_by  INTEGER REFERENCES users(id),
    erased_at  TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', erased_at) IS erased_at)
);

CREATE TRIGGER patient_erasures_no_update BEFORE UPDATE ON patient_erasures
BEGIN SELECT RAISE(ABORT, 'append_only: an erasure record cannot be changed'); END;

CREATE TRIGGER patient_erasures_no_delete BEFORE DELETE ON patient_erasures
BEGIN SELECT RAISE(ABORT, 'append_only: an erasure record cannot be changed'); END;

CREATE TRIGGER patients_erased_no_update BEFORE UPDATE ON patients
WHEN EXISTS (SELECT 1 FROM patient_erasures WHERE patient_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'erased: this patient''s details were erased and cannot be changed'); END;

-- Nothing new is booked for an erased patient.
CREATE TRIGGER appointments_not_for_erased BEFORE INSERT ON appointments
WHEN EXISTS (SELECT 1 FROM patient_erasures WHERE patient_id = NEW.patient_id)
BEGIN SELECT RAISE(ABORT, 'erased: this patient''s details were erased, so nothing new can be booked for them'); END;

-- Its audit trigger, as generated from internal/schemagen/tables.go.
CREATE TRIGGER patient_erasures_audit_insert AFTER INSERT ON patient_erasures BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_erasures', NEW.id, NEW.patient_id, 'INSERT', NULL,
            json_object('id', NEW.id, 'patient_id', NEW.patient_id,
                'pseudonym', NEW.pseudonym, 'basis', NEW.basis, 'reason', NEW.reason,
                'erased_by', NEW.erased_by, 'erased_at', NEW.erased_at));
END;

-- The audit trail lets an erasure replace a sealed row's values (and its actor's name)
-- with markers that keep what its seal covers; nothing else of a sealed row changes.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id
  OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id
  OR NEW.patient_id IS NOT OLD.patient_id OR NEW.action IS NOT OLD.action
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
