-- Schema version 11: messages that leave, patients' consent to them, and the settings
-- of the sender
------------------------------------------------------------------------------------------

-- The sender's settings: the SMTP server, the SMS gateway, and how long before an
-- appointment its reminder goes. The SMTP password is not one of them: it lives in
-- setting_secrets, whose audit rows say that it changed and never what it is.
INSERT INTO setting_keys(key) VALUES ('smtp_host'), ('smtp_port'), ('smtp_tls'), ('smtp_user'),
    ('smtp_from'), ('sms_gateway_url'), ('sms_body_template'), ('reminder_hours');

CREATE TABLE setting_secrets (
    key        TEXT PRIMARY KEY CHECK (key IN ('smtp_password')),
    secret     TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A patient's consent to be contacted by e-mail or SMS: one row each time it is
-- recorded, the latest per channel holding.
CREATE TABLE patient_consents (
    id          INTEGER PRIMARY KEY,
    patient_id  INTEGER NOT NULL REFERENCES patients(id),
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    granted     INTEGER NOT NULL CHECK (granted IN (0, 1)),
    recorded_at TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', recorded_at) IS recorded_at),
    recorded_by INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX patient_consents_patient ON patient_consents(patient_id, channel, id);

-- The outbox's delivery: each e-mail and SMS row names its patient, and has a state
-- (pending, sent, failed, cancelled, skipped), the attempts made, when the next is due,
-- the reason of the last failure or skip, and the address it went to.
ALTER TABLE notifications ADD COLUMN patient_id INTEGER REFERENCES patients(id);
ALTER TABLE notifications ADD COLUMN delivery TEXT
    CHECK (delivery IS NULL OR delivery IN ('pending', 'sent', 'failed', 'cancelled', 'skipped'));
ALTER TABLE notifications ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE notifications ADD COLUMN next_attempt_at TEXT;
ALTER TABLE notifications ADD COLUMN delivery_note TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN address TEXT NOT NULL DEFAULT '';

-- Rows written before this step named their patient through the entity. Nothing ever
-- sent them: those of the last week still go, older ones would arrive stale and are
-- cancelled with the reason.
UPDATE notifications SET patient_id = entity_id WHERE channel <> 'in_app' AND entity = 'patients';
UPDATE notifications SET delivery = 'sent' WHERE channel <> 'in_app' AND sent_at IS NOT NULL;
UPDATE notifications SET delivery = 'pending', next_attempt_at = created_at
 WHERE channel <> 'in_app' AND sent_at IS NULL
   AND created_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-7 days');
UPDATE notifications SET delivery = 'cancelled',
       delivery_note = 'Queued before the clinic could send messages, more than a week before it could; not sent.'
 WHERE channel <> 'in_app' AND delivery IS NULL;

DROP INDEX notifications_outbox;
CREATE INDEX notifications_outbox ON notifications(delivery, id) WHERE delivery IS NOT NULL;
CREATE INDEX notifications_entity ON notifications(entity, entity_id, kind) WHERE entity_id IS NOT NULL;

-- The updated_at and audit triggers of the two new tables, as schema.sql has them.
CREATE TRIGGER setting_secrets_updated_at AFTER UPDATE ON setting_secrets
WHEN NEW.updated_at IS OLD.updated_at BEGIN
    UPDATE setting_secrets SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE key = NEW.key;
END;
CREATE TRIGGER setting_secrets_audit_insert AFTER INSERT ON setting_secrets BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'INSERT', NULL,
            json_object('key', NEW.key, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER setting_secrets_audit_update AFTER UPDATE ON setting_secrets
WHEN (NEW.key IS NOT OLD.key OR NEW.secret IS NOT OLD.secret)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'UPDATE', 
            json_object('key', OLD.key, 'updated_at', OLD.updated_at),
            json_object('secret_changed', NEW.secret IS NOT OLD.secret,
                'key', NEW.key, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER setting_secrets_audit_delete AFTER DELETE ON setting_secrets BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'setting_secrets', NULL, NULL, 'DELETE', 
            json_object('key', OLD.key, 'updated_at', OLD.updated_at), NULL);
END;
CREATE TRIGGER patient_consents_updated_at AFTER UPDATE ON patient_consents
WHEN NEW.updated_at IS OLD.updated_at BEGIN
    UPDATE patient_consents SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER patient_consents_audit_insert AFTER INSERT ON patient_consents BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', NEW.id, NEW.patient_id, 'INSERT', NULL,
            json_object('id', NEW.id, 'patient_id', NEW.patient_id,
                'channel', NEW.channel, 'granted', NEW.granted, 'recorded_at', NEW.recorded_at,
                'recorded_by', NEW.recorded_by, 'created_at', NEW.created_at,
                'updated_at', NEW.updated_at));
END;
CREATE TRIGGER patient_consents_audit_update AFTER UPDATE ON patient_consents
WHEN (NEW.id IS NOT OLD.id OR
      NEW.patient_id IS NOT OLD.patient_id OR NEW.channel IS NOT OLD.channel OR
      NEW.granted IS NOT OLD.granted OR NEW.recorded_at IS NOT OLD.recorded_at OR
      NEW.recorded_by IS NOT OLD.recorded_by OR NEW.created_at IS NOT OLD.created_at)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', NEW.id, NEW.patient_id, 'UPDATE', 
            json_object('id', OLD.id, 'patient_id', OLD.patient_id,
                'channel', OLD.channel, 'granted', OLD.granted, 'recorded_at', OLD.recorded_at,
                'recorded_by', OLD.recorded_by, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at),
            json_object('id', NEW.id, 'patient_id', NEW.patient_id,
                'channel', NEW.channel, 'granted', NEW.granted, 'recorded_at', NEW.recorded_at,
                'recorded_by', NEW.recorded_by, 'created_at', NEW.created_at,
                'updated_at', NEW.updated_at));
END;
CREATE TRIGGER patient_consents_audit_delete AFTER DELETE ON patient_consents BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'patient_consents', OLD.id, OLD.patient_id, 'DELETE', 
            json_object('id', OLD.id, 'patient_id', OLD.patient_id,
                'channel', OLD.channel, 'granted', OLD.granted, 'recorded_at', OLD.recorded_at,
                'recorded_by', OLD.recorded_by, 'created_at', OLD.created_at,
                'updated_at', OLD.updated_at), NULL);
END;
