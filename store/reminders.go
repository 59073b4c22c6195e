package store

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// reminderText is an appointment reminder's title and body, as the patient reads it.
func reminderText(clinic, doctor string, start time.Time, loc *time.Location) (title, body string) {
	when := start.In(loc).Format("Mon 2 Jan at 15:04")
	return "Reminder: your appointment on " + when,
		fmt.Sprintf("%s: you have an appointment with %s on %s. Please call us if you cannot come.",
			clinic, doctorTitle(doctor), when)
}

// replaceReminder follows an appointment that moved. A reminder still queued names the
// old time, so it is cancelled with the reason; and when the appointment had been
// reminded at all (it was within the reminder hours), a reminder for the new time is
// queued, due the reminder hours before it. An appointment never reminded gets its
// reminder from QueueReminders in time, as any other.
func (t *Tx) replaceReminder(ctx context.Context, a Appointment, loc *time.Location) error {
	var reminded int
	if err := t.queryRow(ctx, `SELECT count(*) FROM notifications
		WHERE entity = 'appointments' AND entity_id = ? AND kind = ?`, a.ID, KindAppointmentReminder).Scan(&reminded); err != nil {
		return translate(err)
	}
	if reminded == 0 {
		return nil
	}
	when := a.Start.In(loc).Format("Mon 2 Jan at 15:04")
	t.unaudited = append(t.unaudited, newEvent("notifications", 0, "UPDATE"))
	if _, err := t.exec(ctx, `UPDATE notifications SET delivery = 'cancelled', next_attempt_at = NULL,
		delivery_note = ? WHERE entity = 'appointments' AND entity_id = ? AND kind = ? AND delivery = 'pending'`,
		"The appointment moved to "+when+"; a reminder for the new time replaces this one.",
		a.ID, KindAppointmentReminder); err != nil {
		return err
	}
	clinic, err := clinicSetting(ctx, t.q(), SettingClinicName, "ClinicDesk")
	if err != nil {
		return err
	}
	hours := defaultOutboxSettings().ReminderHours
	if v, err := clinicSetting(ctx, t.q(), SettingReminderHours, ""); err != nil {
		return err
	} else if n, err := strconv.Atoi(v); err == nil {
		hours = n
	}
	due := a.Start.Add(-time.Duration(hours) * time.Hour)
	if now := t.now(); due.Before(now) {
		due = now
	}
	title, body := reminderText(clinic, a.DoctorName, a.Start, loc)
	return t.queueToPatientAt(ctx, due, a.PatientID, KindAppointmentReminder, title, body, "appointments", a.ID)
}
