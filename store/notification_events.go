package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/auth"
)

// Notification kinds raised by the desk's everyday events.
const (
	KindPatientCheckedIn      = "patient_checked_in"
	KindPrescriptionSubmitted = "prescription_submitted"
	KindAccountLocked         = "account_locked"
	KindPrescriptionReady     = "prescription_ready"
	KindCancelRequested       = "cancel_requested"
)

// notifyCheckedIn tells the appointment's doctor that their patient has arrived.
func (t *Tx) notifyCheckedIn(ctx context.Context, a Appointment) error {
	var doctorUser int64
	if err := t.queryRow(ctx, `SELECT user_id FROM doctors WHERE id = ?`, a.DoctorID).Scan(&doctorUser); err != nil {
		return notFoundOr(err, "doctor")
	}
	return t.Notify(ctx, NotificationInput{UserID: doctorUser, Kind: KindPatientCheckedIn,
		Title:  a.PatientName + " has checked in",
		Body:   a.Code + " is waiting for you.",
		Entity: "appointments", EntityID: a.ID})
}

// notifySubmitted tells the pharmacists that a prescription waits to be dispensed.
func (t *Tx) notifySubmitted(ctx context.Context, id int64, code string) error {
	return t.Notify(ctx, NotificationInput{Role: RolePharmacist, Kind: KindPrescriptionSubmitted,
		Title:  code + " to dispense",
		Body:   "A doctor has sent " + code + " to the pharmacy.",
		Entity: "prescriptions", EntityID: id})
}

// notifyLocked tells the administrators that an account is being guessed at: how many
// failures in a row, until when remote password logins to it wait, and the address of
// the last attempt when it came over the network.
func (t *Tx) notifyLocked(ctx context.Context, userID int64, f auth.Failure, remote string) error {
	var email string
	if err := t.queryRow(ctx, `SELECT email FROM users WHERE id = ?`, userID).Scan(&email); err != nil {
		return notFoundOr(err, "user")
	}
	from := "at a desk on the server"
	if remote != "" {
		from = "from " + remote
	}
	return t.Notify(ctx, NotificationInput{Role: RoleAdmin, Kind: KindAccountLocked,
		Title: "Repeated failed logins for " + email,
		Body: fmt.Sprintf("%d failed logins in a row, the last %s. Password logins over SSH to this account "+
			"wait until %s; desks at the clinic and SSH keys still log in.",
			f.Failures, from, f.LockedUntil.Format("2006-01-02 15:04 MST")),
		Entity: "users", EntityID: userID})
}

// notifyPatient tells a patient something that must reach them: on the desk when
// they have an account, and through the e-mail and SMS outbox when their record has
// an address, so nothing is lost while the clinic is offline. Outbox rows name the
// patient's record (entity "patients") for the sender to address.
func (t *Tx) notifyPatient(ctx context.Context, patientID int64, kind, title, body string) error {
	var userID sql.NullInt64
	var email, phone string
	err := t.queryRow(ctx, `SELECT user_id, email, phone FROM patients WHERE id = ?`, patientID).
		Scan(&userID, &email, &phone)
	if err != nil {
		return notFoundOr(err, "patient")
	}
	to := NotificationInput{Role: RolePatient}
	if userID.Valid {
		to = NotificationInput{UserID: userID.Int64}
		in := to
		in.Kind, in.Title, in.Body, in.Entity, in.EntityID = kind, title, body, "patients", patientID
		if err := t.Notify(ctx, in); err != nil {
			return err
		}
	}
	for channel, address := range map[Channel]string{ChannelEmail: email, ChannelSMS: phone} {
		if strings.TrimSpace(address) == "" {
			continue
		}
		in := to
		in.Channel, in.Kind, in.Title, in.Body, in.Entity, in.EntityID = channel, kind, title, body, "patients", patientID
		if in.UserID == 0 {
			// A role-addressed outbox row must not be copied to every patient account:
			// it is for the sender only, addressed through the patient's record.
			if err := t.outbox(ctx, in); err != nil {
				return err
			}
			continue
		}
		if err := t.Notify(ctx, in); err != nil {
			return err
		}
	}
	return nil
}

// outbox writes one e-mail or SMS row addressed to the patient role, for a patient
// without an account; the sender finds the address through the row's entity.
func (t *Tx) outbox(ctx context.Context, in NotificationInput) error {
	_, err := t.exec(ctx, `INSERT INTO notifications(role, channel, kind, title, body, entity, entity_id, created_at)
		VALUES ('patient', ?, ?, ?, ?, ?, ?, ?)`, string(in.Channel), in.Kind, in.Title, in.Body, in.Entity,
		nullID(in.EntityID), formatTime(t.now()))
	return err
}
