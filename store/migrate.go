package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"

	clinicdesk "github.com/clinicdesk/clinicdesk"
)

// A new database runs schema.sql whole and is stamped with SchemaVersion. An existing
// one runs, in order, the upgrade steps it lacks: store/migrations/NNNN_what.sql takes
// a file at version NNNN-1 to version NNNN. A step that has been released is frozen
// (TestReleasedMigrationsAreFrozen pins each one's checksum): a clinic's file ran it as
// it was, so a later fix is a new step. TestEachReleasedVersionUpgradesToTheFreshSchema
// proves, on a real file of every released version, that schema.sql and the steps give
// one schema.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// oldestUpgradable is the first released schema version. Versions below it were made
// only by development builds before the first release; no clinic has such a file.
const oldestUpgradable = 5

// migration is one upgrade step.
type migration struct {
	version int    // the version the step brings a file to
	name    string // its file name in store/migrations
	sql     string
}

var migrations = loadMigrations()

var migrationName = regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)

// loadMigrations reads the embedded steps in order. Their numbers must run on from
// oldestUpgradable with no gap; a gap or a stray name is a mistake in the build that no
// database could be opened with, so it stops the program as it starts.
func loadMigrations() []migration {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		panic(err)
	}
	var steps []migration
	for _, e := range entries { // ReadDir sorts by name, so by number
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			panic(fmt.Sprintf("store/migrations/%s: a step is named NNNN_what_it_does.sql", e.Name()))
		}
		version, _ := strconv.Atoi(m[1])
		if want := oldestUpgradable + len(steps) + 1; version != want {
			panic(fmt.Sprintf("store/migrations/%s: the next step is number %04d", e.Name(), want))
		}
		text, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			panic(err)
		}
		steps = append(steps, migration{version: version, name: e.Name(), sql: string(text)})
	}
	return steps
}

// SchemaVersion is the schema version this build writes (PRAGMA user_version).
func SchemaVersion() int { return oldestUpgradable + len(migrations) }

// migrate brings the file up to SchemaVersion in one transaction, and reports whether
// it changed the schema (made it, or upgraded it).
func migrate(ctx context.Context, db *sql.DB) (bool, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("open database: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return false, fmt.Errorf("open database: %w", err)
	}
	changed, err := migrateLocked(ctx, conn)
	if err != nil {
		_, _ = conn.ExecContext(ctx, "ROLLBACK")
		return false, err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return false, fmt.Errorf("open database: %w", err)
	}
	return changed, nil
}

func migrateLocked(ctx context.Context, conn *sql.Conn) (bool, error) {
	var version int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	latest := SchemaVersion()
	switch {
	case version > latest:
		return false, fmt.Errorf("this database was written by a newer ClinicDesk (schema version %d; this one knows up to %d): upgrade ClinicDesk to open it", version, latest)
	case version == latest:
		return false, nil
	case version == 0:
		var tables int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return false, fmt.Errorf("read schema: %w", err)
		}
		if tables > 0 {
			return false, fmt.Errorf("this file is an SQLite database but not a ClinicDesk one")
		}
		if _, err := conn.ExecContext(ctx, clinicdesk.Schema); err != nil {
			return false, fmt.Errorf("create schema: %w", err)
		}
	case version < oldestUpgradable:
		return false, fmt.Errorf("this database was written by a development build of ClinicDesk (schema version %d) from before the first release, which cannot be upgraded: make a new database", version)
	default:
		for _, step := range migrations[version-oldestUpgradable:] {
			if _, err := conn.ExecContext(ctx, step.sql); err != nil {
				return false, fmt.Errorf("upgrade schema to version %d (%s): %w", step.version, step.name, err)
			}
		}
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", latest)); err != nil {
		return false, fmt.Errorf("stamp schema version: %w", err)
	}
	return true, nil
}

// FileSchemaVersion reads the schema version of the database file at path without
// opening it as a store (nothing is changed, no lock is taken): 0 for a new or empty
// file. A command compares it with SchemaVersion to back a file up before Open
// upgrades it.
func FileSchemaVersion(ctx context.Context, path string) (int, error) {
	db, err := sql.Open("sqlite", dsnReadOnlyRaw(path))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, fmt.Errorf("read the schema version of %s: %w", path, err)
	}
	return version, nil
}

// NeedsUpgrade says whether Open would upgrade the existing file at path, and from
// which version.
func NeedsUpgrade(ctx context.Context, path string) (bool, int, error) {
	version, err := FileSchemaVersion(ctx, path)
	if err != nil {
		return false, 0, err
	}
	return version >= oldestUpgradable && version < SchemaVersion(), version, nil
}

func dsnReadOnlyRaw(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=busy_timeout(5000)&_pragma=query_only(1)"
}
