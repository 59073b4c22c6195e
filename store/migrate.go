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
var upgrades []string

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
