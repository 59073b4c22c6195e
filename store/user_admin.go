package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// UserDetail is an account with its professional record, for the admin's edit form.
type UserDetail struct {
	User
	Doctor     *DoctorProfile     // set for a doctor
	Pharmacist *PharmacistProfile // set for a pharmacist
}

// UserEdit is what an admin may change on an account. The role is fixed at creation:
// a doctor's or pharmacist's record and history belong to that role.
type UserEdit struct {
	Email      string
	FullName   string
	Doctor     *DoctorProfile     // required for a doctor
	Pharmacist *PharmacistProfile // required for a pharmacist
}

// UserDetail returns an account with its doctor's or pharmacist's record.
func (s *Store) UserDetail(ctx context.Context, actor Actor, id int64) (UserDetail, error) {
	defer s.timed("UserDetail")()
	if err := s.allow(ctx, actor, ActReadUsers); err != nil {
		return UserDetail{}, err
	}
	u, err := s.userByID(ctx, id)
	if err != nil {
		return UserDetail{}, err
	}
	d := UserDetail{User: u}
	switch u.Role {
	case RoleDoctor:
		doc, err := scanDoctor(s.readers.QueryRowContext(ctx, `SELECT `+doctorColumns+`
			FROM doctors d JOIN users u ON u.id = d.user_id WHERE d.user_id = ?`, id))
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return UserDetail{}, translate(err)
		}
		d.Doctor = &DoctorProfile{Qualification: doc.Qualification, LicenceNumber: doc.LicenceNumber,
			Specialisations: doc.Specialisations, FeeCents: doc.FeeCents}
	case RolePharmacist:
		var lic string
		err := s.readers.QueryRowContext(ctx, `SELECT licence_number FROM pharmacists WHERE user_id = ?`, id).Scan(&lic)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return UserDetail{}, translate(err)
		}
		d.Pharmacist = &PharmacistProfile{LicenceNumber: lic}
	}
	return d, nil
}

// UpdateUser changes an account's name, email and professional record.
func (s *Store) UpdateUser(ctx context.Context, actor Actor, id int64, e UserEdit) (User, error) {
	defer s.timed("UpdateUser")()
	if err := s.allow(ctx, actor, ActManageUsers); err != nil {
		return User{}, err
	}
	e.Email, e.FullName = strings.TrimSpace(e.Email), strings.TrimSpace(e.FullName)
	err := s.write(ctx, actor, func(tx *Tx) error { return tx.UpdateUser(ctx, id, e) })
	if err != nil {
		return User{}, err
	}
	return s.userByID(ctx, id)
}

// UpdateUser changes an account inside a transaction; see Store.UpdateUser.
func (t *Tx) UpdateUser(ctx context.Context, id int64, e UserEdit) error {
	if err := t.allow(ActManageUsers); err != nil {
		return err
	}
	if err := validateEmail("email", e.Email, true); err != nil {
		return err
	}
	if e.FullName == "" {
		return invalid("full_name", "Full name is required.")
	}
	if len([]rune(e.FullName)) > 120 {
		return invalid("full_name", "Full name must be at most 120 characters.")
	}
	if err := checkText("full_name", "Full name", e.FullName, false); err != nil {
		return err
	}
	var role string
	if err := t.queryRow(ctx, `SELECT role FROM users WHERE id = ?`, id).Scan(&role); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("user")
		}
		return translate(err)
	}
	_, err := t.exec(ctx, `UPDATE users SET email = ?, full_name = ? WHERE id = ?`, e.Email, e.FullName, id)
	var c *ConflictError
	if errors.As(err, &c) && c.Rule == "unique_email" {
		return invalid("email", "Another account already uses this email.")
	}
	if err != nil {
		return err
	}
	switch Role(role) {
	case RoleDoctor:
		return t.updateDoctorProfile(ctx, id, e.Doctor)
	case RolePharmacist:
		if e.Pharmacist == nil || strings.TrimSpace(e.Pharmacist.LicenceNumber) == "" {
			return invalid("licence_number", "A pharmacist needs a licence number.")
		}
		_, err := t.exec(ctx, `UPDATE pharmacists SET licence_number = ? WHERE user_id = ?`,
			strings.TrimSpace(e.Pharmacist.LicenceNumber), id)
		return licenceConflict(err)
	}
	return nil
}

func (t *Tx) updateDoctorProfile(ctx context.Context, userID int64, d *DoctorProfile) error {
	switch {
	case d == nil || strings.TrimSpace(d.LicenceNumber) == "":
		return invalid("licence_number", "A doctor needs a licence number.")
	case d.FeeCents < 0:
		return invalid("consultation_fee", "The consultation fee cannot be negative.")
	}
	var doctorID int64
	if err := t.queryRow(ctx, `SELECT id FROM doctors WHERE user_id = ?`, userID).Scan(&doctorID); err != nil {
		return translate(err)
	}
	if _, err := t.exec(ctx, `UPDATE doctors SET qualification = ?, licence_number = ?, consultation_fee_cents = ?
		WHERE id = ?`, strings.TrimSpace(d.Qualification), strings.TrimSpace(d.LicenceNumber), d.FeeCents, doctorID); err != nil {
		return licenceConflict(err)
	}
	want := map[string]bool{}
	for _, sp := range d.Specialisations {
		if sp = strings.TrimSpace(sp); sp != "" {
			want[sp] = true
		}
	}
	rows, err := t.query(ctx, `SELECT speciality FROM doctor_specialisations WHERE doctor_id = ?`, doctorID)
	if err != nil {
		return err
	}
	var drop []string
	for rows.Next() {
		var sp string
		if err := rows.Scan(&sp); err != nil {
			rows.Close()
			return translate(err)
		}
		if want[sp] {
			delete(want, sp)
		} else {
			drop = append(drop, sp)
		}
	}
	rows.Close()
	for _, sp := range drop {
		if _, err := t.exec(ctx, `DELETE FROM doctor_specialisations WHERE doctor_id = ? AND speciality = ?`, doctorID, sp); err != nil {
			return err
		}
	}
	for sp := range want {
		if _, err := t.exec(ctx, `INSERT INTO doctor_specialisations(doctor_id, speciality) VALUES (?, ?)`, doctorID, sp); err != nil {
			return err
		}
	}
	return nil
}

// SetUserActive deactivates or reactivates an account. A deactivated user cannot log
// in, by password or SSH key, and their open sessions end at their next key. Admins may
// not deactivate themselves, nor anyone the last active admin (the command line acts
// as no one), so a clinic always keeps someone who can undo it.
func (s *Store) SetUserActive(ctx context.Context, actor Actor, id int64, active bool) error {
	defer s.timed("SetUserActive")()
	return s.write(ctx, actor, func(tx *Tx) error {
		if err := tx.allow(ActManageUsers); err != nil {
			return err
		}
		if !active && id == actor.ID {
			return invalid("active", "You cannot deactivate your own account.")
		}
		if !active {
			var others int
			var role string
			err := tx.queryRow(ctx, `SELECT role, (SELECT count(*) FROM users o WHERE o.role = 'admin' AND o.active AND o.id <> u.id)
				FROM users u WHERE u.id = ?`, id).Scan(&role, &others)
			if err != nil {
				return notFoundOr(err, "user")
			}
			if Role(role) == RoleAdmin && others == 0 {
				return invalid("active", "This is the clinic's last active administrator: make another one first, "+
					"or no one could manage accounts.")
			}
		}
		res, err := tx.exec(ctx, `UPDATE users SET active = ? WHERE id = ?`, active, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("user")
		}
		return nil
	})
}

// ResetPassword gives an account a new password chosen by an admin; the user must
// change it at their next login. It also lifts the throttle on network logins.
func (s *Store) ResetPassword(ctx context.Context, actor Actor, id int64, password string) error {
	defer s.timed("ResetPassword")()
	if err := s.allow(ctx, actor, ActManageUsers); err != nil {
		return err
	}
	u, err := s.userByID(ctx, id)
	if err != nil {
		return err
	}
	facts, err := s.PasswordFacts(ctx, u.Email, u.FullName)
	if err != nil {
		return err
	}
	if err := auth.CheckPassword(password, facts); err != nil {
		return invalid("password", err.Error())
	}
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return err
	}
	return s.write(ctx, actor, func(tx *Tx) error {
		if err := tx.allow(ActManageUsers); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = 1, failed_logins = 0,
			locked_until = NULL WHERE id = ?`, hash, id)
		return err
	})
}

// SessionUser re-reads the logged-in user's own account, so a session can end when the
// account was deactivated (from another terminal, or the command line) since login.
func (s *Store) SessionUser(ctx context.Context, actor Actor) (User, error) {
	defer s.timed("SessionUser")()
	return s.userByID(ctx, actor.ID)
}

// UserByEmail finds an account by its login email, for the command line.
func (s *Store) UserByEmail(ctx context.Context, actor Actor, email string) (User, error) {
	defer s.timed("UserByEmail")()
	if err := s.allow(ctx, actor, ActReadUsers); err != nil {
		return User{}, err
	}
	u, err := scanUser(s.readers.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`,
		strings.TrimSpace(email)))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, notFound("account with this email")
	}
	return u, translate(err)
}
