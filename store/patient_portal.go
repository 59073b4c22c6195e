package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// A patient's own view of the clinic: their appointments, their prescriptions with what
// has been dispensed, and a request to cancel an upcoming visit. "Own" is the patient
// record whose user_id is the actor: every query here is narrowed by it, so no other
// patient's row is reachable whatever id is passed in.

// ownPatient returns the id of the patient record linked to the actor's account.
func (s *Store) ownPatient(ctx context.Context, actor Actor) (int64, error) {
	if err := s.allow(ctx, actor, ActReadOwnRecords); err != nil {
		return 0, err
	}
	var id int64
	err := s.readers.QueryRowContext(ctx, `SELECT id FROM patients WHERE user_id = ?`, actor.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("patient record for this account")
	}
	return id, translate(err)
}

// MyPatient returns the patient record of the logged-in patient.
func (s *Store) MyPatient(ctx context.Context, actor Actor) (Patient, error) {
	defer s.timed("MyPatient")()
	id, err := s.ownPatient(ctx, actor)
	if err != nil {
		return Patient{}, err
	}
	return patientByID(ctx, s.readers, id)
}

// MyAppointments returns the logged-in patient's appointments: upcoming ones (from now
// on and not finished, cancelled or missed, soonest first) or past ones (every other,
// most recent first), a page of at most limit.
func (s *Store) MyAppointments(ctx context.Context, actor Actor, upcoming bool, limit int) ([]Appointment, error) {
	defer s.timed("MyAppointments")()
	id, err := s.ownPatient(ctx, actor)
	if err != nil {
		return nil, err
	}
	q := upcomingQuery
	if !upcoming {
		q = pastQuery
	}
	return queryAppointments(ctx, s.readers, q, id, formatTime(s.now()), pageSize(limit))
}

// MyPrescriptions returns the logged-in patient's prescriptions sent to the pharmacy,
// newest first, with their medications and what has been dispensed of each. Drafts
// stay the doctor's until submitted.
func (s *Store) MyPrescriptions(ctx context.Context, actor Actor, limit int) ([]Prescription, error) {
	defer s.timed("MyPrescriptions")()
	id, err := s.ownPatient(ctx, actor)
	if err != nil {
		return nil, err
	}
	rows, err := s.readers.QueryContext(ctx, rxSelect+` WHERE r.patient_id = ? AND r.status <> 'draft'
		ORDER BY r.created_at DESC, r.id DESC LIMIT ?`, id, pageSize(limit))
	if err != nil {
		return nil, translate(err)
	}
	var list []Prescription
	for rows.Next() {
		r, err := scanPrescription(rows)
		if err != nil {
			rows.Close()
			return nil, translate(err)
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	return list, loadPrescriptionParts(ctx, s.readers, list)
}

// RequestCancellation asks the front desk to cancel one of the patient's upcoming
// appointments. It changes no appointment: it raises a notification to the
// receptionists, who cancel it (and so free the slot) on the desk. A second request
// for the same appointment is refused while the first is unread.
func (s *Store) RequestCancellation(ctx context.Context, actor Actor, appointmentID int64, reason string) error {
	defer s.timed("RequestCancellation")()
	patientID, err := s.ownPatient(ctx, actor)
	if err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) > 500 {
		return invalid("reason", "The reason must be at most 500 characters.")
	}
	return s.write(ctx, actor, func(tx *Tx) error {
		if err := tx.allow(ActReadOwnRecords); err != nil {
			return err
		}
		a, err := loadAppointment(ctx, tx.tx, appointmentID)
		if err != nil || a.PatientID != patientID {
			return notFound("appointment")
		}
		if !a.Start.After(tx.now()) || (a.Status != AppointmentScheduled && a.Status != AppointmentConfirmed) {
			return invalid("appointment", a.Code+" is not an upcoming appointment; only those can be cancelled.")
		}
		var pending int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM notifications WHERE kind = ? AND entity = 'appointments'
			AND entity_id = ? AND read_at IS NULL`, KindCancelRequested, a.ID).Scan(&pending); err != nil {
			return translate(err)
		}
		if pending > 0 {
			return &ConflictError{Rule: "cancel_requested",
				Message: "You have already asked to cancel " + a.Code + "; the front desk will see to it."}
		}
		body := a.PatientName + " asks to cancel " + a.Code + " with " + a.DoctorName + "."
		if reason != "" {
			body += " Reason: " + reason
		}
		return tx.Notify(ctx, NotificationInput{Role: RoleReceptionist, Kind: KindCancelRequested,
			Title: "Cancellation asked: " + a.Code, Body: body, Entity: "appointments", EntityID: a.ID})
	})
}

// GivePatientAccount gives a registered patient an account to see their own records:
// role patient, the email given, and a one-time password they must change at first
// login. The front desk does it from the patient's page.
func (s *Store) GivePatientAccount(ctx context.Context, actor Actor, patientID int64, email, oneTimePassword string) (User, error) {
	defer s.timed("GivePatientAccount")()
	if err := s.allow(ctx, actor, ActWritePatients); err != nil {
		return User{}, err
	}
	p, err := patientByID(ctx, s.readers, patientID)
	if err != nil {
		return User{}, err
	}
	n := NewUser{Email: email, FullName: p.FirstName + " " + p.LastName, Role: RolePatient,
		Password: oneTimePassword, MustChangePassword: true}
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
		if err := tx.allow(ActWritePatients); err != nil {
			return err
		}
		if id, err = insertUser(ctx, tx, n, hash); err != nil {
			return err
		}
		return tx.LinkPatientAccount(ctx, patientID, id)
	})
	if err != nil {
		return User{}, err
	}
	return s.userByID(ctx, id)
}

// LinkPatientAccount links a patient-role account to a registered patient who has
// none: GivePatientAccount does it for the front desk, the demo for the accounts it
// makes with its shared password.
func (t *Tx) LinkPatientAccount(ctx context.Context, patientID, userID int64) error {
	if err := t.allow(ActWritePatients); err != nil {
		return err
	}
	var linked sql.NullInt64
	if err := t.queryRow(ctx, `SELECT user_id FROM patients WHERE id = ?`, patientID).Scan(&linked); err != nil {
		return notFoundOr(err, "patient")
	}
	if linked.Valid {
		return &ConflictError{Rule: "patient_account", Message: "This patient already has an account."}
	}
	var role string
	if err := t.queryRow(ctx, `SELECT role FROM users WHERE id = ?`, userID).Scan(&role); err != nil {
		return notFoundOr(err, "account")
	}
	if Role(role) != RolePatient {
		return invalid("account", "Only a patient's account can be linked to a patient.")
	}
	_, err := t.exec(ctx, `UPDATE patients SET user_id = ? WHERE id = ?`, userID, patientID)
	return err
}
