package store

import (
	"context"
	"database/sql"
	"errors"
	"net/mail"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// User is an account at the clinic.
type User struct {
	ID                 int64
	Email              string
	FullName           string
	Role               Role
	Active             bool
	MustChangePassword bool
	// LockedUntil is when password logins over the network to the account may resume
	// after repeated failures (zero: not throttled); local desks and SSH keys are never
	// held back by it.
	LockedUntil time.Time
	LastLoginAt time.Time
	CreatedAt   time.Time
}

// NewUser is what it takes to create an account. Doctor and Pharmacist carry the role's
// professional details and are required for those roles.
type NewUser struct {
	Email      string
	FullName   string
	Role       Role
	Password   string
	Doctor     *DoctorProfile
	Pharmacist *PharmacistProfile
	// MustChangePassword makes the user choose a new password at first login.
	MustChangePassword bool
}

// DoctorProfile is a doctor's professional record.
type DoctorProfile struct {
	Qualification   string
	LicenceNumber   string
	Specialisations []string
	FeeCents        int64
}

// PharmacistProfile is a pharmacist's professional record.
type PharmacistProfile struct {
	LicenceNumber string
}

const userColumns = `id, email, full_name, role, active, must_change_password, locked_until, last_login_at, created_at`

func scanUser(row interface{ Scan(...any) error }) (User, error) {
	var u User
	var locked, lastLogin sql.NullString
	var created, role string
	err := row.Scan(&u.ID, &u.Email, &u.FullName, &role, &u.Active, &u.MustChangePassword, &locked, &lastLogin, &created)
	if err != nil {
		return User{}, err
	}
	u.Role = Role(role)
	u.LockedUntil = parseNullTime(locked)
	u.LastLoginAt = parseNullTime(lastLogin)
	u.CreatedAt = parseTime(created)
	return u, nil
}

// validate checks a new account's fields, naming the field that is wrong; the password
// is checked against the clinic's settings (its name, whether it is a demo).
func (n *NewUser) validate(clinic Settings) error {
	if err := n.validateFields(); err != nil {
		return err
	}
	if err := auth.CheckPassword(n.Password, clinic.PasswordFacts(n.Email, n.FullName)); err != nil {
		return invalid("password", err.Error())
	}
	return nil
}

// validateFields checks everything of a new account but its password.
func (n *NewUser) validateFields() error {
	n.Email = strings.TrimSpace(n.Email)
	n.FullName = strings.TrimSpace(n.FullName)
	if err := validateEmail("email", n.Email, true); err != nil {
		return err
	}
	if n.FullName == "" {
		return invalid("full_name", "Full name is required.")
	}
	if len([]rune(n.FullName)) > 120 {
		return invalid("full_name", "Full name must be at most 120 characters.")
	}
	if err := checkText("full_name", "Full name", n.FullName, false); err != nil {
		return err
	}
	if !n.Role.Valid() {
		return invalid("role", "Role must be one of admin, receptionist, doctor, pharmacist or patient.")
	}
	switch {
	case n.Role == RoleDoctor && n.Doctor == nil:
		return invalid("licence_number", "A doctor needs a licence number.")
	case n.Role == RoleDoctor && strings.TrimSpace(n.Doctor.LicenceNumber) == "":
		return invalid("licence_number", "A doctor needs a licence number.")
	case n.Role == RoleDoctor && n.Doctor.FeeCents < 0:
		return invalid("consultation_fee", "The consultation fee cannot be negative.")
	case n.Role == RolePharmacist && (n.Pharmacist == nil || strings.TrimSpace(n.Pharmacist.LicenceNumber) == ""):
		return invalid("licence_number", "A pharmacist needs a licence number.")
	}
	return nil
}

// validateEmail checks an address's form; an empty one passes unless required.
func validateEmail(field, email string, required bool) error {
	if email == "" {
		if required {
			return invalid(field, "Email is required.")
		}
		return nil
	}
	if err := checkText(field, "Email", email, false); err != nil {
		return err
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || !strings.Contains(email[strings.LastIndex(email, "@"):], ".") {
		return invalid(field, "Email must look like name@example.com.")
	}
	return nil
}

// errPatientLogin refuses a patient's login made apart from their record: it would see
// no records at all. The front desk gives one from the patient's page
// (GivePatientAccount).
var errPatientLogin = invalid("role", "A patient's login is given from their record: register the patient, "+
	"then give them an account from their page at the front desk (u).")

// CheckNewUser checks a new staff account's details but its password, naming the field
// that is wrong, so that a caller asks for the password only when the rest will do.
// CreateUser checks them again.
func (s *Store) CheckNewUser(ctx context.Context, actor Actor, n NewUser) error {
	if err := s.allow(ctx, actor, ActManageUsers); err != nil {
		return err
	}
	if n.Role == RolePatient {
		return errPatientLogin
	}
	return n.validateFields()
}

// CreateUser creates a staff account (and the doctor's or pharmacist's record with it).
// A patient's account is refused here: it is given from their record.
func (s *Store) CreateUser(ctx context.Context, actor Actor, n NewUser) (User, error) {
	defer s.timed("CreateUser")()
	if err := s.CheckNewUser(ctx, actor, n); err != nil {
		return User{}, err
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return User{}, err
	}
	if err := n.validate(set); err != nil {
		return User{}, err
	}
	hash, err := s.hasher.Hash(n.Password)
	if err != nil {
		return User{}, err
	}
	var id int64
	err = s.write(ctx, actor, func(tx *Tx) error {
		id, err = insertUser(ctx, tx, n, hash)
		return err
	})
	if err != nil {
		return User{}, err
	}
	return s.userByID(ctx, id)
}

func insertUser(ctx context.Context, tx *Tx, n NewUser, hash string) (int64, error) {
	id, err := tx.insert(ctx, `INSERT INTO users(email, full_name, role, password_hash, must_change_password)
		VALUES (?, ?, ?, ?, ?)`, n.Email, n.FullName, string(n.Role), hash, n.MustChangePassword)
	if err != nil {
		var c *ConflictError
		if errors.As(err, &c) && c.Rule == "unique_email" {
			return 0, invalid("email", "Another account already uses this email.")
		}
		return 0, err
	}
	switch n.Role {
	case RoleDoctor:
		d := n.Doctor
		doctorID, err := tx.insert(ctx, `INSERT INTO doctors(user_id, qualification, licence_number, consultation_fee_cents)
			VALUES (?, ?, ?, ?)`, id, strings.TrimSpace(d.Qualification), strings.TrimSpace(d.LicenceNumber), d.FeeCents)
		if err != nil {
			return 0, licenceConflict(err)
		}
		for _, sp := range d.Specialisations {
			if sp = strings.TrimSpace(sp); sp == "" {
				continue
			}
			if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO doctor_specialisations(doctor_id, speciality) VALUES (?, ?)`,
				doctorID, sp); err != nil {
				return 0, err
			}
		}
	case RolePharmacist:
		if _, err := tx.exec(ctx, `INSERT INTO pharmacists(user_id, licence_number) VALUES (?, ?)`,
			id, strings.TrimSpace(n.Pharmacist.LicenceNumber)); err != nil {
			return 0, licenceConflict(err)
		}
	}
	return id, nil
}

func licenceConflict(err error) error {
	var c *ConflictError
	if errors.As(err, &c) && c.Rule == "unique_licence_number" {
		return invalid("licence_number", "Another account already has this licence number.")
	}
	return err
}

func (s *Store) userByID(ctx context.Context, id int64) (User, error) {
	u, err := scanUser(s.readers.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, notFound("user")
	}
	return u, translate(err)
}

// User returns one account.
func (s *Store) User(ctx context.Context, actor Actor, id int64) (User, error) {
	defer s.timed("User")()
	if actor.ID != id {
		if err := s.allow(ctx, actor, ActReadUsers); err != nil {
			return User{}, err
		}
	}
	return s.userByID(ctx, id)
}

// ListUsers returns accounts whose name or email contains the search text (all when
// it is empty), by role and name.
func (s *Store) ListUsers(ctx context.Context, actor Actor, search string) ([]User, error) {
	defer s.timed("ListUsers")()
	if err := s.allow(ctx, actor, ActReadUsers); err != nil {
		return nil, err
	}
	like := "%" + escapeLike(strings.TrimSpace(search)) + "%"
	rows, err := s.readers.QueryContext(ctx, `SELECT `+userColumns+` FROM users
		WHERE full_name LIKE ?1 ESCAPE '\' OR email LIKE ?1 ESCAPE '\'
		ORDER BY role, full_name LIMIT 500`, like)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var users []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, translate(err)
		}
		users = append(users, u)
	}
	return users, translate(rows.Err())
}

// escapeLike makes user text literal inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
