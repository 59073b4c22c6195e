package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// The print command is the one setting that makes the server run a program, so it is
// trusted only as an admin saved it. Someone who can write the database file (with the
// stock sqlite3 shell, say) but cannot read the audit key beside it could otherwise put
// any command in settings.print_command and have the next print run it as the server's
// user. Before running the command, the store finds the newest audit row about the
// setting and checks that it is sealed under the clinic's key and holds exactly this
// command; a row forged or changed without the key fails its seal.

// errPrintCommandUnsealed is a print command in the file that no admin's saved change
// accounts for.
var errPrintCommandUnsealed = invalid(SettingPrintCommand,
	"The print command in the database was not saved by an admin through ClinicDesk (its audit record is missing or does not match), "+
		"so it was not run: an admin should save the print command again in Settings, and run `clinicdesk audit verify`.")

// checkPrintCommandSealed returns nil when command is what the newest sealed audit row
// of the print_command setting says it is.
func (s *Store) checkPrintCommandSealed(ctx context.Context, command string) error {
	if s.seal.key == nil {
		return s.seal.keyErr
	}
	var r auditRow
	var prevHash, hash, saved sql.NullString
	// audit_trail names the values, whichever way the row recorded them; the seal is
	// checked on the row as it is stored.
	err := s.readers.QueryRowContext(ctx, `SELECT `+auditRowColumns+`, `+sealColumns+`,
		(SELECT new_values ->> '$.value' FROM audit_trail t WHERE t.id = audit_log.id)
		FROM audit_log WHERE id = (SELECT id FROM audit_trail WHERE table_name = 'settings'
		  AND (new_values ->> '$.key' = ?1 OR old_values ->> '$.key' = ?1)
		  ORDER BY id DESC LIMIT 1)`, SettingPrintCommand).
		Scan(append(r.fields(), &prevHash, &hash, &saved)...)
	if errors.Is(err, sql.ErrNoRows) {
		return errPrintCommandUnsealed
	}
	if err != nil {
		return translate(err)
	}
	if !strings.HasPrefix(hash.String, macPrefix) || newSealer(s.seal.key, s.shapes).seal(prevHash.String, r) != hash.String {
		return errPrintCommandUnsealed
	}
	// A DELETE leaves no command.
	if saved.String != command {
		return errPrintCommandUnsealed
	}
	return nil
}
