package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// SharedPassword is a password hashed once for many new accounts, so that a batch of
// accounts that share it (a demo clinic's staff) costs one bcrypt hash instead of one
// each. The accounts share the hash's salt, so anyone who reads the users table sees
// that their passwords are equal: use it only where that is known anyway.
type SharedPassword struct {
	password string
	hash     string
}

// HashSharedPassword hashes password once, for Tx.CreateUser.
func (s *Store) HashSharedPassword(password string) (SharedPassword, error) {
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return SharedPassword{}, err
	}
	return SharedPassword{password: password, hash: hash}, nil
}

// CreateUser creates an account (and the doctor's or pharmacist's record with it)
// inside a batch and returns its id. n.Password must be the shared password: it is
// checked against the password policy for this account as Store.CreateUser checks it.
func (t *Tx) CreateUser(ctx context.Context, n NewUser, pw SharedPassword) (int64, error) {
	if err := t.allow(ActManageUsers); err != nil {
		return 0, err
	}
	if n.Role == RolePatient {
		return 0, errPatientLogin
	}
	if pw.hash == "" || n.Password != pw.password {
		return 0, invalid("password", "The password must be the one hashed for this batch.")
	}
	// Shared passwords are a demo clinic's: the batch is checked as a demo's, under the
	// clinic name it has so far.
	clinic := Settings{DemoPassword: auth.DemoPassword}
	err := t.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, SettingClinicName).Scan(&clinic.ClinicName)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, translate(err)
	}
	if err := n.validate(clinic); err != nil {
		return 0, err
	}
	return insertUser(ctx, t, n, pw.hash)
}
