package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"

	clinicdesk "github.com/clinicdesk/clinicdesk"
)

// upgrades take a database from one schema version to the next: upgrades[i] moves a
// file at version i+1 to version i+2. schema.sql is always the whole current schema: a
// new file runs all of it and is stamped with the latest version. A change to the schema
// is appended to schema.sql as a section that starts with the line
// "-- Schema version N: what it does" and holds only statements an older file can run
// (CREATE, DROP and re-CREATE TRIGGER, ALTER TABLE ADD COLUMN); an older file runs the
// sections it lacks. TestUpgradedFileEqualsNewFile proves both paths give one schema.
var upgrades = schemaSections(clinicdesk.Schema)

// sectionStart finds the first line of each upgrade section in schema.sql.
var sectionStart = regexp.MustCompile(`(?m)^-- Schema version (\d+):`)

// schemaSections splits the upgrade sections off the schema, in order. Their numbers
// must run 2, 3, 4… with no gap; a gap is a mistake in the embedded schema.sql that no
// database could be opened with, so it stops the program as it starts.
func schemaSections(schema string) []string {
	var sections []string
	starts := sectionStart.FindAllStringSubmatchIndex(schema, -1)
	for i, loc := range starts {
		end := len(schema)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		if n, _ := strconv.Atoi(schema[loc[2]:loc[3]]); n != i+2 {
			panic(fmt.Sprintf("schema.sql: section %q should be version %d", schema[loc[0]:loc[1]], i+2))
		}
		sections = append(sections, schema[loc[0]:end])
	}
	return sections
}

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
