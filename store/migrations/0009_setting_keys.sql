-- Schema version 9: the settings a clinic may hold are rows of setting_keys
------------------------------------------------------------------------------------------

-- Until now settings.key carried a CHECK listing every key, so each new setting meant
-- remaking the settings table. From here a new setting is one row that its own step
-- inserts into setting_keys, and settings.key must name one of them.
CREATE TABLE setting_keys (
    key TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO setting_keys(key) VALUES ('clinic_name'), ('time_zone'), ('currency'),
    ('idle_lock_minutes'), ('demo_password'), ('print_command');

-- SQLite cannot drop a CHECK in place: the settings table is made again, its rows copied
-- as they were (no audit rows: nothing changed), and its updated_at and audit triggers,
-- which went with the old table, made again as schema.sql has them.
ALTER TABLE settings RENAME TO settings_before_9;

CREATE TABLE settings (
    key        TEXT PRIMARY KEY REFERENCES setting_keys(key),
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO settings(key, value, updated_at) SELECT key, value, updated_at FROM settings_before_9;
DROP TABLE settings_before_9;

CREATE TRIGGER settings_updated_at AFTER UPDATE ON settings
WHEN NEW.updated_at IS OLD.updated_at BEGIN
    UPDATE settings SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE key = NEW.key;
END;
CREATE TRIGGER settings_audit_insert AFTER INSERT ON settings BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'INSERT', NULL,
            json_object('key', NEW.key, 'value', NEW.value,
                'updated_at', NEW.updated_at));
END;
CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings
WHEN (NEW.key IS NOT OLD.key OR NEW.value IS NOT OLD.value)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'UPDATE',
            json_object('key', OLD.key, 'value', OLD.value,
                'updated_at', OLD.updated_at),
            json_object('key', NEW.key, 'value', NEW.value,
                'updated_at', NEW.updated_at));
END;
CREATE TRIGGER settings_audit_delete AFTER DELETE ON settings BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'settings', NULL, NULL, 'DELETE',
            json_object('key', OLD.key, 'value', OLD.value,
                'updated_at', OLD.updated_at), NULL);
END;
