package store

import (
	"context"
	"database/sql"
	"fmt"

	clinicdesk "github.com/clinicdesk/clinicdesk"
)

// upgrades take a database from one schema version to the next: upgrades[i] moves a
// file at version i+1 to version i+2. schema.sql is always the whole current schema, so
// a new file gets schema.sql in one step and is stamped with the latest version; an
// older file runs the upgrades it lacks. Add a step here whenever schema.sql changes,
// with a test that an upgraded file's schema equals a new file's.
var upgrades = []string{
	// 1 → 2: doctors' favourite prescriptions.
	upgradeFavourites,
	// 2 → 3: emergency access grants and the audit screen's filter indexes.
	upgradeEmergencyAccess,
	// 3 → 4: indexes of the pharmacy queue and the audit screen's table+action filter.
	upgradeReadIndexes,
	// 4 → 5: giving a new row its code no longer fires the updated_at triggers.
	upgradeCodeIsPartOfInsert,
}

// upgradeFavourites is the block appended to schema.sql for version 2, byte for byte
// (a test checks that schema.sql ends with it).
const upgradeFavourites = `
-- Schema version 2: a doctor's favourite prescriptions, saved sets of medication lines
-- to add to a prescription in one step. The lines are a JSON array of objects with the
-- fields of a medication line (name, generic_name, strength, form, dosage, frequency,
-- duration_days, route, instructions, quantity, inventory_item_id). This block is also
-- upgrades[0] in store/migrate.go, which brings a version-1 file to version 2.
CREATE TABLE prescription_favourites (
    id         INTEGER PRIMARY KEY,
    doctor_id  INTEGER NOT NULL REFERENCES doctors(id),
    name       TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    items      TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array'
                                    AND json_array_length(items) BETWEEN 1 AND 30),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (doctor_id, name)
);
CREATE TRIGGER prescription_favourites_updated_at AFTER UPDATE ON prescription_favourites WHEN NEW.updated_at IS OLD.updated_at BEGIN
    UPDATE prescription_favourites SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
CREATE TRIGGER prescription_favourites_audit_insert AFTER INSERT ON prescription_favourites BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', NEW.id, NULL, 'INSERT', NULL,
            json_object('id', NEW.id, 'doctor_id', NEW.doctor_id, 'name', NEW.name, 'items', NEW.items,
                'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER prescription_favourites_audit_update AFTER UPDATE ON prescription_favourites
WHEN (NEW.id IS NOT OLD.id OR NEW.doctor_id IS NOT OLD.doctor_id OR NEW.name IS NOT OLD.name OR
      NEW.items IS NOT OLD.items OR NEW.created_at IS NOT OLD.created_at)
BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', NEW.id, NULL, 'UPDATE',
            json_object('id', OLD.id, 'doctor_id', OLD.doctor_id, 'name', OLD.name, 'items', OLD.items,
                'created_at', OLD.created_at, 'updated_at', OLD.updated_at),
            json_object('id', NEW.id, 'doctor_id', NEW.doctor_id, 'name', NEW.name, 'items', NEW.items,
                'created_at', NEW.created_at, 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER prescription_favourites_audit_delete AFTER DELETE ON prescription_favourites BEGIN
    INSERT INTO audit_log(actor_id, actor_name, table_name, row_id, patient_id, action, old_values, new_values)
    VALUES ((SELECT actor_id FROM audit_context WHERE id = 1), (SELECT actor_name FROM audit_context WHERE id = 1),
            'prescription_favourites', OLD.id, NULL, 'DELETE',
            json_object('id', OLD.id, 'doctor_id', OLD.doctor_id, 'name', OLD.name, 'items', OLD.items,
                'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL);
END;
`

// upgradeEmergencyAccess (version 2 → 3) adds emergency access grants and the audit
// screen's filter indexes; it is the text appended to schema.sql for version 3.
const upgradeEmergencyAccess = `
------------------------------------------------------------------------------------------
-- Schema version 3: emergency access and audit filters
------------------------------------------------------------------------------------------

-- Emergency ("break-glass") access: a user whose role may not read charts opens one
-- patient's chart for a stated reason, until expires_at. Append-only: a grant is evidence.
CREATE TABLE emergency_access (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 10 AND 500),
    granted_at TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', granted_at) IS granted_at),
    expires_at TEXT NOT NULL CHECK (strftime('%Y-%m-%dT%H:%M:%SZ', expires_at) IS expires_at),
    CHECK (expires_at > granted_at)
);
CREATE INDEX emergency_access_grant ON emergency_access(user_id, patient_id, expires_at);

CREATE TRIGGER emergency_access_no_update BEFORE UPDATE ON emergency_access
BEGIN SELECT RAISE(ABORT, 'append_only: an emergency access grant cannot be changed'); END;

CREATE TRIGGER emergency_access_no_delete BEFORE DELETE ON emergency_access
BEGIN SELECT RAISE(ABORT, 'append_only: an emergency access grant cannot be changed'); END;

-- The admin's audit screen filters by table or action and pages by id.
CREATE INDEX audit_log_table_id ON audit_log(table_name, id);
CREATE INDEX audit_log_action_id ON audit_log(action, id);
`

// upgradeReadIndexes (version 3 → 4) adds the indexes the read paths' speed targets
// needed; it is the text appended to schema.sql for version 4.
const upgradeReadIndexes = `
------------------------------------------------------------------------------------------
-- Schema version 4: indexes of the read paths
------------------------------------------------------------------------------------------

-- The pharmacy queue pages the waiting prescriptions oldest first: this index holds
-- only them, in that order, so the page is read without sorting the whole queue.
CREATE INDEX prescriptions_queue ON prescriptions(submitted_at, id) WHERE status IN ('submitted', 'dispensing');

-- The audit screen's table and action filters together: without it, a rare action on a
-- large table (UPDATE of appointments) walked every row of the table's audit trail.
CREATE INDEX audit_log_table_action_id ON audit_log(table_name, action, id);
`

// upgradeCodeIsPartOfInsert (version 4 → 5) stops the code-giving UPDATE of a new
// patient, appointment or prescription from firing its updated_at trigger; it is the
// text appended to schema.sql for version 5.
const upgradeCodeIsPartOfInsert = `
------------------------------------------------------------------------------------------
-- Schema version 5: the code a new row is given is part of its insert
------------------------------------------------------------------------------------------

-- The triggers that give a new patient, appointment or prescription its code do so with
-- an UPDATE, which fired the updated_at trigger: a second UPDATE of every new row, and an
-- updated_at overwritten with the wall clock (an imported appointment lost its own).
-- Giving the code (OLD code still NULL) is part of the insert, so it no longer counts as
-- an update; every later update still stamps updated_at.
DROP TRIGGER patients_updated_at;
CREATE TRIGGER patients_updated_at AFTER UPDATE ON patients
WHEN NEW.updated_at IS OLD.updated_at AND OLD.patient_code IS NOT NULL BEGIN
    UPDATE patients SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER appointments_updated_at;
CREATE TRIGGER appointments_updated_at AFTER UPDATE ON appointments
WHEN NEW.updated_at IS OLD.updated_at AND OLD.appointment_code IS NOT NULL BEGIN
    UPDATE appointments SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
DROP TRIGGER prescriptions_updated_at;
CREATE TRIGGER prescriptions_updated_at AFTER UPDATE ON prescriptions
WHEN NEW.updated_at IS OLD.updated_at AND OLD.prescription_code IS NOT NULL BEGIN
    UPDATE prescriptions SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;
`

// SchemaVersion is the schema version this build writes (PRAGMA user_version).
func SchemaVersion() int { return len(upgrades) + 1 }

// migrate brings the file up to SchemaVersion in one transaction.
func migrate(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	if err := migrateLocked(ctx, conn); err != nil {
		_, _ = conn.ExecContext(ctx, "ROLLBACK")
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	return nil
}

func migrateLocked(ctx context.Context, conn *sql.Conn) error {
	var version int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	latest := SchemaVersion()
	switch {
	case version > latest:
		return fmt.Errorf("this database was written by a newer ClinicDesk (schema version %d; this one knows up to %d): upgrade ClinicDesk to open it", version, latest)
	case version == latest:
		return nil
	case version == 0:
		var tables int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return fmt.Errorf("read schema: %w", err)
		}
		if tables > 0 {
			return fmt.Errorf("this file is an SQLite database but not a ClinicDesk one")
		}
		if _, err := conn.ExecContext(ctx, clinicdesk.Schema); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
	default:
		for v := version; v < latest; v++ {
			if _, err := conn.ExecContext(ctx, upgrades[v-1]); err != nil {
				return fmt.Errorf("upgrade schema from version %d: %w", v, err)
			}
		}
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", latest)); err != nil {
		return fmt.Errorf("stamp schema version: %w", err)
	}
	return nil
}
