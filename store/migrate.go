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
var upgrades = []string{upgradeEmergencyAccess}

// upgradeEmergencyAccess (version 1 → 2) adds emergency access grants and the audit
// screen's filter indexes; it is the text appended to schema.sql for version 2.
const upgradeEmergencyAccess = `
------------------------------------------------------------------------------------------
-- Schema version 2: emergency access and audit filters
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
