// Package clinicdesk holds the database schema that every part of ClinicDesk shares.
package clinicdesk

// The updated_at and audit triggers in schema.sql are written from one list of audited
// tables (internal/schemagen/tables.go).
//go:generate go run ./cmd/schemagen

import _ "embed"

// Schema is the whole relational schema: tables, constraints, indexes, triggers and
// full-text indexes. It loads as it is in the stock sqlite3 shell.
//
//go:embed schema.sql
var Schema string
