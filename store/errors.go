package store

import (
	"database/sql"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/auth"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Sentinel errors. Screens test them with errors.Is and show the error's own message,
// which is always a plain sentence.
var (
	ErrNotFound  = errors.New("not found")
	ErrConflict  = errors.New("conflict")
	ErrForbidden = errors.New("forbidden")
	ErrInvalid   = errors.New("invalid")
	// ErrUnsafeText is a FieldError refusing text with characters that would act on
	// a terminal (control characters, escape sequences, bidirectional overrides)
	// instead of being shown. It also matches ErrInvalid.
	ErrUnsafeText = errors.New("text holds terminal control characters")
	// ErrLoginFailed is returned for an unknown email, a wrong password, an inactive
	// and a locked account alike, so the message reveals nothing about which it was.
	ErrLoginFailed = auth.ErrLoginFailed
)

// ThrottledError refuses a password typed at the lock screen of the account's own
// desk, over the network, while the account's network password logins are paused.
// Whoever is at that desk holds the account's session, so they are told until when;
// anyone else gets ErrLoginFailed's one sentence. It matches ErrLoginFailed.
type ThrottledError struct{ Until time.Time }

func (e *ThrottledError) Error() string {
	return "Password logins to this account over the network are paused until " + e.Until.UTC().Format("15:04") +
		" UTC after repeated wrong passwords."
}

// Is makes a ThrottledError match ErrLoginFailed.
func (e *ThrottledError) Is(target error) bool { return target == ErrLoginFailed }

// FieldError says which field of a form was refused and why. It matches ErrInvalid,
// and ErrUnsafeText when the field's text held terminal control characters.
type FieldError struct {
	Field   string
	Message string

	unsafeText bool
}

func (e *FieldError) Error() string { return e.Message }

// Is makes a FieldError match ErrInvalid, and ErrUnsafeText when that was the refusal.
func (e *FieldError) Is(target error) bool {
	return target == ErrInvalid || target == ErrUnsafeText && e.unsafeText
}

// invalid builds a FieldError.
func invalid(field, message string) error { return &FieldError{Field: field, Message: message} }

// ConflictError is a refusal because of other data: a taken slot, a duplicate email,
// not enough stock. It matches ErrConflict.
type ConflictError struct {
	Rule    string // the schema rule that fired, e.g. "doctor_overlap"
	Message string
}

func (e *ConflictError) Error() string { return e.Message }

// Is makes a ConflictError match ErrConflict.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// ForbiddenError names the action a role may not take. It matches ErrForbidden.
type ForbiddenError struct {
	Role   Role
	Action Action
}

func (e *ForbiddenError) Error() string {
	return "A " + string(e.Role) + " may not " + e.Action.describe() + "."
}

// Is makes a ForbiddenError match ErrForbidden.
func (e *ForbiddenError) Is(target error) bool { return target == ErrForbidden }

// notFound says which kind of record is missing.
type notFoundError struct{ what string }

func (e *notFoundError) Error() string        { return "No such " + e.what + "." }
func (e *notFoundError) Is(target error) bool { return target == ErrNotFound }

func notFound(what string) error { return &notFoundError{what: what} }

// Rules raised by schema.sql triggers as 'code: words' and how they are classified.
// A rule not listed here is a conflict.
var invalidRules = map[string]bool{
	"role_mismatch":         true,
	"prescription_mismatch": true,
	"batch_mismatch":        true,
	"status_flow":           true,
}

var (
	// The driver writes "constraint failed: " (SQLite's errstr) before the trigger's message.
	raiseRE     = regexp.MustCompile(`^(?:constraint failed: )?([a-z_]+): (.*?)(?: \(\d+\))?$`)
	checkRE     = regexp.MustCompile(`CHECK constraint failed: ([a-z_]+)`)
	uniqueRE    = regexp.MustCompile(`UNIQUE constraint failed: ([a-z_]+)\.([a-z_]+)`)
	notNullRE   = regexp.MustCompile(`NOT NULL constraint failed: ([a-z_]+)\.([a-z_]+)`)
	errorCodeRE = regexp.MustCompile(` \(\d+\)$`)
)

// translate turns a driver error into one of the package's typed errors. It is applied
// once, where statements run, so callers never see SQLite's own wording.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	msg := errorCodeRE.ReplaceAllString(se.Error(), "")
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_TRIGGER, sqlite3.SQLITE_CONSTRAINT:
		if m := raiseRE.FindStringSubmatch(msg); m != nil {
			words := sentence(m[2])
			if invalidRules[m[1]] {
				return &FieldError{Field: m[1], Message: words}
			}
			return &ConflictError{Rule: m[1], Message: words}
		}
	case sqlite3.SQLITE_CONSTRAINT_CHECK:
		field := "value"
		if m := checkRE.FindStringSubmatch(msg); m != nil {
			field = m[1]
		}
		return invalid(field, "The "+humanField(field)+" is not valid.")
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		if m := uniqueRE.FindStringSubmatch(msg); m != nil {
			return &ConflictError{Rule: "unique_" + m[2],
				Message: "Another record already has this " + humanField(m[2]) + "."}
		}
		return &ConflictError{Rule: "unique", Message: "That record already exists."}
	case sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		if m := notNullRE.FindStringSubmatch(msg); m != nil {
			return invalid(m[2], "The "+humanField(m[2])+" is required.")
		}
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return invalid("reference", "That refers to a record that does not exist.")
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_BUSY_SNAPSHOT, sqlite3.SQLITE_LOCKED:
		return &ConflictError{Rule: "busy", Message: "The clinic database is busy; try again."}
	}
	return err
}

// humanField turns a column name into words: "date_of_birth" → "date of birth".
func humanField(column string) string { return strings.ReplaceAll(column, "_", " ") }

// sentence capitalises words and ends them with a full stop.
func sentence(words string) string {
	if words == "" {
		return words
	}
	words = strings.ToUpper(words[:1]) + words[1:]
	if !strings.HasSuffix(words, ".") {
		words += "."
	}
	return words
}
