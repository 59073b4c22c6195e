package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Patient is one registered patient: the demographics the front desk keeps. Clinical
// data lives in the chart (chart.go), which the front desk never sees.
type Patient struct {
	ID                    int64
	Code                  string // PAT000123, assigned by the schema
	UserID                int64  // the patient's login account; 0 for a walk-in without one
	FirstName             string
	LastName              string
	DateOfBirth           time.Time // a calendar date, at midnight UTC
	Sex                   string    // one of Sexes
	Phone                 string
	Email                 string
	Address               string
	EmergencyContactName  string
	EmergencyContactPhone string
	BloodGroup            string // one of BloodGroups
	CreatedAt             time.Time
	UpdatedAt             time.Time
	// EmailConsent and SMSConsent are the patient's latest recorded consent to be
	// contacted on each channel; read with one patient (Patient, PatientByCode), zero
	// in lists.
	EmailConsent Consent
	SMSConsent   Consent
}

// PatientInput is the registration form, for a new patient and for an edit alike.
// Text is trimmed before it is checked; an empty BloodGroup means "unknown".
type PatientInput struct {
	FirstName             string
	LastName              string
	DateOfBirth           time.Time
	Sex                   string
	Phone                 string
	Email                 string
	Address               string
	EmergencyContactName  string
	EmergencyContactPhone string
	BloodGroup            string
	// Consent, when set, is recorded for the channels where it changed (see
	// Patient.EmailConsent); nil leaves the recorded consent as it is.
	Consent *ContactConsent
}

// Sexes are the values of patients.sex, in the order a form offers them.
var Sexes = []string{"female", "male", "other", "unknown"}

// BloodGroups are the values of patients.blood_group, in the order a form offers them.
var BloodGroups = []string{"A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-", "unknown"}

// earliestDate is the first calendar date the registry and the chart accept: anything
// earlier is a typing error.
const earliestDate = "1900-01-01"

// validate normalises the form (trimmed text, single spaces inside names and phone
// numbers, lower-case sex, upper-case blood group) and checks it, naming the field
// that is wrong. now is the store's clock.
func (in *PatientInput) validate(now time.Time) error {
	in.FirstName = collapseSpaces(in.FirstName)
	in.LastName = collapseSpaces(in.LastName)
	in.Sex = strings.ToLower(strings.TrimSpace(in.Sex))
	in.Phone = collapseSpaces(in.Phone)
	in.Email = strings.TrimSpace(in.Email)
	in.Address = strings.TrimSpace(in.Address)
	in.EmergencyContactName = collapseSpaces(in.EmergencyContactName)
	in.EmergencyContactPhone = collapseSpaces(in.EmergencyContactPhone)
	in.BloodGroup = strings.ToUpper(strings.TrimSpace(in.BloodGroup))
	if in.BloodGroup == "" || in.BloodGroup == "UNKNOWN" {
		in.BloodGroup = "unknown"
	}

	if err := checkRequired("first_name", "First name", in.FirstName, 80); err != nil {
		return err
	}
	if err := checkRequired("last_name", "Last name", in.LastName, 80); err != nil {
		return err
	}
	if in.DateOfBirth.IsZero() {
		return invalid("date_of_birth", "Date of birth is required.")
	}
	if err := checkPastDate("date_of_birth", "Date of birth", in.DateOfBirth, now); err != nil {
		return err
	}
	if !oneOf(in.Sex, Sexes) {
		return invalid("sex", "Sex must be one of female, male, other or unknown.")
	}
	if err := checkPhone("phone", "Phone", in.Phone); err != nil {
		return err
	}
	if err := validateEmail("email", in.Email, false); err != nil {
		return err
	}
	if err := checkMaxLength("address", "Address", in.Address, 500); err != nil {
		return err
	}
	if err := checkMaxLength("emergency_contact_name", "Emergency contact name", in.EmergencyContactName, 120); err != nil {
		return err
	}
	if err := checkPhone("emergency_contact_phone", "Emergency contact phone", in.EmergencyContactPhone); err != nil {
		return err
	}
	if !oneOf(in.BloodGroup, BloodGroups) {
		return invalid("blood_group", "Blood group must be one of A+, A-, B+, B-, AB+, AB-, O+, O- or unknown.")
	}
	return nil
}

// checkRequired refuses empty (already trimmed) text and text longer than max characters.
func checkRequired(field, label, text string, max int) error {
	if text == "" {
		return invalid(field, label+" is required.")
	}
	return checkMaxLength(field, label, text, max)
}

// checkMaxLength refuses text longer than max characters, and characters that act on
// a terminal (checkText) other than newline and tab: text typed into a form holds
// none, and an escape sequence stored here could reach another user's terminal.
func checkMaxLength(field, label, text string, max int) error {
	if utf8.RuneCountInString(text) > max {
		return invalid(field, fmt.Sprintf("%s must be at most %d characters.", label, max))
	}
	return checkText(field, label, text, true)
}

// checkPastDate refuses a date before 1900 or after today. "Today" is the latest
// calendar date anywhere on Earth (UTC+14), so that a baby born this morning in the
// clinic's time zone is never "in the future" while UTC is still on yesterday.
func checkPastDate(field, label string, d, now time.Time) error {
	date := formatDate(d)
	if date < earliestDate {
		return invalid(field, label+" must be in 1900 or later.")
	}
	if date > formatDate(now.UTC().Add(14*time.Hour)) {
		return invalid(field, label+" cannot be in the future.")
	}
	return nil
}

// checkPhone accepts an empty number, or digits with spaces, +, -, ( and ) that hold
// 7 to 15 digits (E.164 allows at most 15).
func checkPhone(field, label, phone string) error {
	if phone == "" {
		return nil
	}
	digits := 0
	for _, r := range phone {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case !strings.ContainsRune(" +-()", r):
			return invalid(field, label+" may contain only digits, spaces, +, -, ( and ).")
		}
	}
	if digits < 7 || digits > 15 {
		return invalid(field, label+" must have 7 to 15 digits, e.g. +91 98765 43210.")
	}
	return nil
}

// phoneDigits keeps only the digits of a phone number: "+91 (98765) 43210" → "919876543210".
func phoneDigits(phone string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, phone)
}

func collapseSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

func oneOf(v string, values []string) bool {
	for _, known := range values {
		if v == known {
			return true
		}
	}
	return false
}

// scanPatients reads a list of patients, each row one text of patientColumns.
func scanPatients(rows *sql.Rows) ([]Patient, error) { return parseRows(rows, parsePatientRow) }

// AddPatient registers a patient and returns the new id, with the code the schema would
// assign (see codedInsert).
func (t *Tx) AddPatient(ctx context.Context, in PatientInput) (int64, error) {
	if err := t.allow(ActWritePatients); err != nil {
		return 0, err
	}
	if err := in.validate(t.now()); err != nil {
		return 0, err
	}
	id, err := t.insert(ctx, patientInsert,
		in.FirstName, in.LastName, formatDate(in.DateOfBirth), in.Sex, in.Phone, in.Email,
		in.Address, in.EmergencyContactName, in.EmergencyContactPhone, in.BloodGroup)
	if err != nil || in.Consent == nil {
		return id, err
	}
	return id, t.recordConsent(ctx, id, *in.Consent, true)
}

// AddPatient registers a patient and returns the stored record with its code.
func (s *Store) AddPatient(ctx context.Context, actor Actor, in PatientInput) (Patient, error) {
	defer s.timed("AddPatient")()
	var id int64
	err := s.write(ctx, actor, func(tx *Tx) error {
		var err error
		id, err = tx.AddPatient(ctx, in)
		return err
	})
	if err != nil {
		return Patient{}, err
	}
	return patientByID(ctx, s.readers, id)
}

// UpdatePatient replaces a patient's demographics with the form's. The code and the
// login account are not part of the form and stay as they are.
func (t *Tx) UpdatePatient(ctx context.Context, id int64, in PatientInput) error {
	if err := t.allow(ActWritePatients); err != nil {
		return err
	}
	if err := in.validate(t.now()); err != nil {
		return err
	}
	err := t.updateRow(ctx, "patient", `UPDATE patients SET first_name = ?, last_name = ?, date_of_birth = ?, sex = ?,
		phone = ?, email = ?, address = ?, emergency_contact_name = ?, emergency_contact_phone = ?,
		blood_group = ? WHERE id = ?`,
		in.FirstName, in.LastName, formatDate(in.DateOfBirth), in.Sex, in.Phone, in.Email,
		in.Address, in.EmergencyContactName, in.EmergencyContactPhone, in.BloodGroup, id)
	if err != nil || in.Consent == nil {
		return err
	}
	return t.recordConsent(ctx, id, *in.Consent, false)
}

// updateRow runs an UPDATE of one row by id; when it matches none the row is
// notFound(what).
func (t *Tx) updateRow(ctx context.Context, what, query string, args ...any) error {
	res, err := t.exec(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return notFound(what)
	}
	return nil
}

// UpdatePatient edits a patient's demographics and returns the stored record.
func (s *Store) UpdatePatient(ctx context.Context, actor Actor, id int64, in PatientInput) (Patient, error) {
	defer s.timed("UpdatePatient")()
	err := s.write(ctx, actor, func(tx *Tx) error { return tx.UpdatePatient(ctx, id, in) })
	if err != nil {
		return Patient{}, err
	}
	return patientByID(ctx, s.readers, id)
}

// Patient returns one patient's demographics.
func (s *Store) Patient(ctx context.Context, actor Actor, id int64) (Patient, error) {
	defer s.timed("Patient")()
	if err := s.allow(ctx, actor, ActReadPatients); err != nil {
		return Patient{}, err
	}
	return patientByID(ctx, s.fast(), id)
}

// PatientByCode finds a patient by code, in any case and with spaces around it
// ("pat000123" finds PAT000123).
func (s *Store) PatientByCode(ctx context.Context, actor Actor, code string) (Patient, error) {
	defer s.timed("PatientByCode")()
	if err := s.allow(ctx, actor, ActReadPatients); err != nil {
		return Patient{}, err
	}
	p, err := scanPatient(s.readers.QueryRowContext(ctx,
		`SELECT `+patientColumns+` FROM patients p WHERE p.patient_code = ?`,
		strings.ToUpper(strings.TrimSpace(code))))
	if errors.Is(err, sql.ErrNoRows) {
		return Patient{}, notFound("patient")
	}
	if err != nil {
		return Patient{}, translate(err)
	}
	return p, fillConsent(ctx, s.readers, &p)
}

// patientByIDQuery reads a patient with the latest consent on each channel (as
// consentOf reads it) and who recorded it, in one statement: the patient and two
// consents in three were twice the floor's time, each statement a trip through the pool
// and the driver.
const patientByIDQuery = `SELECT ` + patientColumns + `,
	ce.granted, ce.recorded_at, ue.full_name, cs.granted, cs.recorded_at, us.full_name
	FROM patients p
	LEFT JOIN patient_consents ce ON ce.id = (SELECT max(id) FROM patient_consents
		WHERE patient_id = p.id AND channel = '` + string(ChannelEmail) + `')
	LEFT JOIN users ue ON ue.id = ce.recorded_by
	LEFT JOIN patient_consents cs ON cs.id = (SELECT max(id) FROM patient_consents
		WHERE patient_id = p.id AND channel = '` + string(ChannelSMS) + `')
	LEFT JOIN users us ON us.id = cs.recorded_by
	WHERE p.id = ?`

// patientByID reads a patient through q: the reader pool, or a read transaction that
// needs one snapshot.
func patientByID(ctx context.Context, q querier, id int64) (Patient, error) {
	var email, sms consentColumns
	p, err := scanPatient(withColumns{q.QueryRowContext(ctx, patientByIDQuery, id), append(email.dest(), sms.dest()...)})
	if errors.Is(err, sql.ErrNoRows) {
		return Patient{}, notFound("patient")
	}
	if err != nil {
		return Patient{}, translate(err)
	}
	p.EmailConsent, p.SMSConsent = email.consent(), sms.consent()
	return p, nil
}

// withColumns scans the columns a scan function reads, then dest: the columns after them.
type withColumns struct {
	row  interface{ Scan(...any) error }
	dest []any
}

func (w withColumns) Scan(dest ...any) error { return w.row.Scan(append(dest, w.dest...)...) }

var patientInsert = codedInsert("patients", "patient_code", "PAT", `first_name, last_name, date_of_birth, sex,
	phone, email, address, emergency_contact_name, emergency_contact_phone, blood_group`)
