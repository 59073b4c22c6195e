package store

import (
	"context"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// ChangePassword sets a user's own new password after checking the current one. The
// new one must pass the password policy; the must-change flag is cleared.
func (s *Store) ChangePassword(ctx context.Context, actor Actor, current, next string) error {
	defer s.timed("ChangePassword")()
	u, err := s.userByID(ctx, actor.ID)
	if err != nil {
		return err
	}
	var hash string
	if err := s.readers.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = ?`, u.ID).Scan(&hash); err != nil {
		return translate(err)
	}
	if ok, _ := s.hasher.Verify(hash, current); !ok {
		return invalid("current_password", "The current password is not correct.")
	}
	facts, err := s.PasswordFacts(ctx, u.Email, u.FullName)
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(next, facts); err != nil {
		return invalid("new_password", err.Error())
	}
	if next == current {
		return invalid("new_password", "The new password must differ from the current one.")
	}
	newHash, err := s.hasher.Hash(next)
	if err != nil {
		return err
	}
	return s.write(ctx, actor, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?`, newHash, u.ID)
		return err
	})
}
