package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Delivery is an outbox message's state.
type Delivery string

// The outbox's states: pending until the mail server or SMS gateway accepts the
// message, then sent; failed once its retries are spent or it was refused for good;
// cancelled by an admin; skipped when the patient has no address or no consent.
const (
	DeliveryPending   Delivery = "pending"
	DeliverySent      Delivery = "sent"
	DeliveryFailed    Delivery = "failed"
	DeliveryCancelled Delivery = "cancelled"
	DeliverySkipped   Delivery = "skipped"
)

// Deliveries lists the states in the order the Outbox screen offers them.
var Deliveries = []Delivery{DeliveryPending, DeliveryFailed, DeliverySkipped, DeliverySent, DeliveryCancelled}

// KindAppointmentReminder is the message sent ahead of an appointment.
const KindAppointmentReminder = "appointment_reminder"

// retryAfter is the wait after each failed attempt; after the last the message fails.
var retryAfter = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 3 * time.Hour}

// MaxDeliveryAttempts is how many times a message is tried before it fails.
var MaxDeliveryAttempts = len(retryAfter) + 1

// OutboxMessage is one e-mail or SMS to a patient.
type OutboxMessage struct {
	ID          int64
	Channel     Channel
	Kind        string
	Title       string
	Body        string
	PatientID   int64
	PatientName string
	PatientCode string
	// Address is where it goes (or went): the patient's e-mail or phone as it was when
	// the message was last tried, or read now for a message about to be sent.
	Address       string
	Delivery      Delivery
	Attempts      int
	NextAttemptAt time.Time
	// Note is why it was skipped, the last failure, or who cancelled it.
	Note      string
	CreatedAt time.Time
	SentAt    time.Time
}

// queueToPatient puts one e-mail and one SMS to the patient in the outbox, each
// pending when the patient has that address and consented to that channel, otherwise
// skipped with the reason, so the Outbox screen shows why nothing left.
func (t *Tx) queueToPatient(ctx context.Context, patientID int64, kind, title, body, entity string, entityID int64) error {
	return t.queueToPatientAt(ctx, t.now(), patientID, kind, title, body, entity, entityID)
}

// queueToPatientAt is queueToPatient for messages that go no sooner than due.
func (t *Tx) queueToPatientAt(ctx context.Context, due time.Time, patientID int64, kind, title, body, entity string, entityID int64) error {
	var email, phone string
	if err := t.queryRow(ctx, `SELECT email, phone FROM patients WHERE id = ?`, patientID).Scan(&email, &phone); err != nil {
		return notFoundOr(err, "patient")
	}
	for _, ch := range []struct {
		channel Channel
		address string
	}{{ChannelEmail, email}, {ChannelSMS, phone}} {
		reason, err := skipReason(ctx, t.q(), patientID, ch.channel, ch.address)
		if err != nil {
			return err
		}
		state := DeliveryPending
		if reason != "" {
			state = DeliverySkipped
		}
		t.unaudited = append(t.unaudited, newEvent("notifications", 0, "INSERT"))
		if _, err := t.exec(ctx, `INSERT INTO notifications(role, channel, kind, title, body, entity, entity_id,
			created_at, patient_id, delivery, next_attempt_at, delivery_note, address)
			VALUES ('patient', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(ch.channel), kind, title, body, entity, nullID(entityID), formatTime(t.now()), patientID,
			string(state), formatTime(due), reason, ch.address); err != nil {
			return err
		}
	}
	return nil
}

// skipReason says why a message on the channel cannot go to the patient (no address,
// no consent), or "" when it can.
func skipReason(ctx context.Context, q querier, patientID int64, channel Channel, address string) (string, error) {
	what := map[Channel]string{ChannelEmail: "e-mail", ChannelSMS: "SMS"}[channel]
	if strings.TrimSpace(address) == "" {
		if channel == ChannelEmail {
			return "No e-mail address on the patient's record.", nil
		}
		return "No phone number on the patient's record.", nil
	}
	c, err := consentOf(ctx, q, patientID, channel)
	switch {
	case err != nil:
		return "", err
	case c.RecordedAt.IsZero():
		return "The patient's consent to " + what + " was never recorded.", nil
	case !c.Granted:
		return fmt.Sprintf("The patient declined %s (recorded %s).", what, c.RecordedAt.Format("2 Jan 2006")), nil
	}
	return "", nil
}

// QueueReminders puts a reminder in the outbox for every booked appointment that
// starts within the reminder hours (setting reminder_hours, default 24) and has none
// yet. The server runs it with the sender. It returns how many appointments it
// reminded.
func (s *Store) QueueReminders(ctx context.Context) (int, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return 0, err
	}
	loc := set.Location()
	n := 0
	err = s.write(ctx, System("reminders"), func(tx *Tx) error {
		n = 0
		now := tx.now()
		rows, err := tx.query(ctx, `SELECT a.id, a.patient_id, a.starts_at, u.full_name FROM appointments a
			JOIN doctors d ON d.id = a.doctor_id JOIN users u ON u.id = d.user_id
			WHERE a.starts_at > ? AND a.starts_at <= ? AND a.status IN ('scheduled', 'confirmed')
			  AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.entity = 'appointments'
			                   AND n.entity_id = a.id AND n.kind = ?)
			ORDER BY a.starts_at LIMIT 500`, formatTime(now),
			formatTime(now.Add(time.Duration(set.Outbox.ReminderHours)*time.Hour)), KindAppointmentReminder)
		if err != nil {
			return err
		}
		type due struct {
			id, patient int64
			start       string
			doctor      string
		}
		var list []due
		for rows.Next() {
			var d due
			if err := rows.Scan(&d.id, &d.patient, &d.start, &d.doctor); err != nil {
				rows.Close()
				return translate(err)
			}
			list = append(list, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return translate(err)
		}
		for _, d := range list {
			title, body := reminderText(set.ClinicName, d.doctor, parseTime(d.start), loc)
			if err := tx.queueToPatient(ctx, d.patient, KindAppointmentReminder, title, body, "appointments", d.id); err != nil {
				return err
			}
		}
		n = len(list)
		return nil
	})
	return n, err
}

// permanent is an error a sender marks as not worth retrying: the server or gateway
// refused the message itself (an unknown recipient, a rejected request).
type permanent interface{ Permanent() bool }

// DeliveryReport counts what one DeliverOutbox round did.
type DeliveryReport struct {
	Sent, Retrying, Failed, Skipped int
}

// DeliverOutbox tries the pending messages that are due, at most limit (1 to 500),
// oldest first, with send; it is the server's outbox sender. Before each it reads the
// patient's address and consent again: a message whose patient has since lost either,
// or whose appointment is no longer ahead, is skipped with the reason. A message is
// sent only when send returned nil (the server or gateway accepted it). A failure is
// retried after a growing wait (1 min, 5 min, 15 min, 1 h, 3 h), then fails with the
// reason; an error with Permanent() true fails it at once.
func (s *Store) DeliverOutbox(ctx context.Context, limit int, send func(context.Context, OutboxMessage) error) (DeliveryReport, error) {
	var report DeliveryReport
	due, err := s.dueMessages(ctx, pageSize(limit))
	if err != nil {
		return report, err
	}
	for _, d := range due {
		if ctx.Err() != nil {
			return report, ctx.Err()
		}
		if d.skip != "" {
			report.Skipped++
			if err := s.recordDelivery(ctx, d.msg, DeliverySkipped, d.skip); err != nil {
				return report, err
			}
			continue
		}
		sendErr := send(ctx, d.msg)
		state, note := DeliverySent, ""
		if sendErr != nil {
			var p permanent
			note = sendErr.Error()
			switch {
			case errors.As(sendErr, &p) && p.Permanent():
				state = DeliveryFailed
			case d.msg.Attempts+1 >= MaxDeliveryAttempts:
				state = DeliveryFailed
				note = fmt.Sprintf("Gave up after %d attempts: %s", d.msg.Attempts+1, note)
			default:
				state = DeliveryPending
			}
		}
		switch state {
		case DeliverySent:
			report.Sent++
		case DeliveryFailed:
			report.Failed++
		default:
			report.Retrying++
		}
		if err := s.recordDelivery(ctx, d.msg, state, note); err != nil {
			return report, err
		}
	}
	return report, nil
}

type dueMessage struct {
	msg  OutboxMessage
	skip string
}

// dueMessages reads the pending messages due now, each with its patient's current
// address, and the reason to skip it, if any.
func (s *Store) dueMessages(ctx context.Context, limit int) ([]dueMessage, error) {
	now := s.now()
	rows, err := s.readers.QueryContext(ctx, `SELECT `+outboxColumns+`, p.email, p.phone,
		    coalesce(a.status, ''), coalesce(a.starts_at, '')
		  FROM notifications n JOIN patients p ON p.id = n.patient_id
		  LEFT JOIN appointments a ON n.entity = 'appointments' AND a.id = n.entity_id
		 WHERE n.delivery = 'pending' AND coalesce(n.next_attempt_at, n.created_at) <= ?
		 ORDER BY n.id LIMIT ?`, formatTime(now), limit)
	if err != nil {
		return nil, translate(err)
	}
	var out []dueMessage
	for rows.Next() {
		var d dueMessage
		var email, phone, apptStatus, apptStart string
		if err := scanOutbox(rows, &d.msg, &email, &phone, &apptStatus, &apptStart); err != nil {
			rows.Close()
			return nil, translate(err)
		}
		d.msg.Address = email
		if d.msg.Channel == ChannelSMS {
			d.msg.Address = phone
		}
		switch {
		case apptStatus == "cancelled" || apptStatus == "no_show":
			d.skip = "The appointment was cancelled."
		case apptStart != "" && !parseTime(apptStart).After(now):
			d.skip = "The appointment had already begun when the message could go."
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	for i := range out {
		if out[i].skip != "" {
			continue
		}
		reason, err := skipReason(ctx, s.readers, out[i].msg.PatientID, out[i].msg.Channel, out[i].msg.Address)
		if err != nil {
			return nil, err
		}
		out[i].skip = reason
	}
	return out, nil
}

// recordDelivery writes an attempt's outcome: its state, the reason, the address it
// went to, the attempt counted, and when the next is due for a retry.
func (s *Store) recordDelivery(ctx context.Context, m OutboxMessage, state Delivery, note string) error {
	return s.write(ctx, System("outbox sender"), func(tx *Tx) error {
		now := tx.now()
		attempts, next, sent := m.Attempts, sql.NullString{}, sql.NullString{}
		switch state {
		case DeliverySent:
			attempts++
			sent = sql.NullString{String: formatTime(now), Valid: true}
		case DeliveryFailed:
			attempts++
		case DeliveryPending:
			wait := retryAfter[min(attempts, len(retryAfter)-1)]
			attempts++
			at := now.Add(wait)
			next = sql.NullString{String: formatTime(at), Valid: true}
			note = fmt.Sprintf("Attempt %d failed: %s", attempts, note)
		}
		tx.unaudited = append(tx.unaudited, newEvent("notifications", m.ID, "UPDATE"))
		// Only a message still pending is changed: an admin may have cancelled it
		// while it was being sent.
		_, err := tx.exec(ctx, `UPDATE notifications SET delivery = ?, attempts = ?, next_attempt_at = ?,
			delivery_note = ?, address = ?, sent_at = coalesce(?, sent_at)
			WHERE id = ? AND delivery = 'pending'`,
			string(state), attempts, next, truncateNote(note), m.Address, sent, m.ID)
		return err
	})
}

// truncateNote keeps a failure's reason to a length a screen can show.
func truncateNote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 400 {
		return string(r[:399]) + "…"
	}
	return s
}

const outboxColumns = `n.id, n.channel, n.kind, n.title, n.body, coalesce(n.patient_id, 0),
	coalesce((SELECT first_name || ' ' || last_name FROM patients WHERE id = n.patient_id), ''),
	coalesce((SELECT patient_code FROM patients WHERE id = n.patient_id), ''),
	n.address, n.delivery, n.attempts, n.next_attempt_at, n.delivery_note, n.created_at, n.sent_at`

func scanOutbox(row interface{ Scan(...any) error }, m *OutboxMessage, extra ...any) error {
	var channel, delivery, created string
	var next, sent sql.NullString
	dest := []any{&m.ID, &channel, &m.Kind, &m.Title, &m.Body, &m.PatientID, &m.PatientName, &m.PatientCode,
		&m.Address, &delivery, &m.Attempts, &next, &m.Note, &created, &sent}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return err
	}
	m.Channel, m.Delivery = Channel(channel), Delivery(delivery)
	m.NextAttemptAt, m.CreatedAt, m.SentAt = parseNullTime(next), parseTime(created), parseNullTime(sent)
	return nil
}

// Outbox lists the outbox's messages in one state, newest first, at most limit (1 to
// 500), for the admin's Outbox screen.
func (s *Store) Outbox(ctx context.Context, actor Actor, state Delivery, limit int) ([]OutboxMessage, error) {
	if err := s.allow(ctx, actor, ActManageOutbox); err != nil {
		return nil, err
	}
	rows, err := s.readers.QueryContext(ctx, `SELECT `+outboxColumns+` FROM notifications n
		WHERE n.delivery = ? ORDER BY n.id DESC LIMIT ?`, string(state), pageSize(limit))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []OutboxMessage
	for rows.Next() {
		var m OutboxMessage
		if err := scanOutbox(rows, &m); err != nil {
			return nil, translate(err)
		}
		out = append(out, m)
	}
	return out, translate(rows.Err())
}

// OutboxCounts counts the outbox's messages in each state.
func (s *Store) OutboxCounts(ctx context.Context, actor Actor) (map[Delivery]int, error) {
	if err := s.allow(ctx, actor, ActManageOutbox); err != nil {
		return nil, err
	}
	counts := map[Delivery]int{}
	for _, d := range Deliveries {
		var n int
		if err := s.readers.QueryRowContext(ctx, `SELECT count(*) FROM notifications WHERE delivery = ?`,
			string(d)).Scan(&n); err != nil {
			return nil, translate(err)
		}
		counts[d] = n
	}
	return counts, nil
}

// RetryMessage puts a failed, skipped or cancelled message back in the queue, due now
// and with its attempts counted afresh. A skipped one is skipped again if its reason
// still holds when it is tried.
func (s *Store) RetryMessage(ctx context.Context, actor Actor, id int64) error {
	return s.changeDelivery(ctx, actor, id, func(tx *Tx, d Delivery) error {
		if d == DeliveryPending || d == DeliverySent {
			return &ConflictError{Rule: "outbox_state", Message: "Only a failed, skipped or cancelled message can be tried again; this one is " + string(d) + "."}
		}
		_, err := tx.exec(ctx, `UPDATE notifications SET delivery = 'pending', attempts = 0, next_attempt_at = ?,
			delivery_note = ? WHERE id = ?`, formatTime(tx.now()), "Queued again by "+actor.Name+".", id)
		return err
	})
}

// CancelMessage stops a pending message from being sent.
func (s *Store) CancelMessage(ctx context.Context, actor Actor, id int64) error {
	return s.changeDelivery(ctx, actor, id, func(tx *Tx, d Delivery) error {
		if d != DeliveryPending {
			return &ConflictError{Rule: "outbox_state", Message: "Only a pending message can be cancelled; this one is " + string(d) + "."}
		}
		_, err := tx.exec(ctx, `UPDATE notifications SET delivery = 'cancelled', next_attempt_at = NULL,
			delivery_note = ? WHERE id = ?`, "Cancelled by "+actor.Name+".", id)
		return err
	})
}

func (s *Store) changeDelivery(ctx context.Context, actor Actor, id int64, fn func(*Tx, Delivery) error) error {
	if err := s.allow(ctx, actor, ActManageOutbox); err != nil {
		return err
	}
	return s.write(ctx, actor, func(tx *Tx) error {
		var d sql.NullString
		if err := tx.queryRow(ctx, `SELECT delivery FROM notifications WHERE id = ?`, id).Scan(&d); err != nil || !d.Valid {
			if err == nil {
				err = sql.ErrNoRows
			}
			return notFoundOr(err, "message")
		}
		tx.unaudited = append(tx.unaudited, newEvent("notifications", id, "UPDATE"))
		return fn(tx, Delivery(d.String))
	})
}
