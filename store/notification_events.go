package store

import (
	"context"
	"database/sql"
	"fmt"

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
// they have an account, and by e-mail and SMS through the outbox (each skipped with
// the reason when the patient has no such address or no consent), so nothing is lost
// while the clinic is offline.
func (t *Tx) notifyPatient(ctx context.Context, patientID int64, kind, title, body, entity string, entityID int64) error {
	var userID sql.NullInt64
	err := t.queryRow(ctx, `SELECT user_id FROM patients WHERE id = ?`, patientID).Scan(&userID)
	if err != nil {
		return notFoundOr(err, "patient")
	}
	if userID.Valid {
		if err := t.Notify(ctx, NotificationInput{UserID: userID.Int64, Kind: kind, Title: title, Body: body,
			Entity: entity, EntityID: entityID}); err != nil {
			return err
		}
	}
	return t.queueToPatient(ctx, patientID, kind, title, body, entity, entityID)
}
