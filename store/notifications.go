package store

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Channel is how a notification reaches its reader: on the desk itself, or through the
// e-mail and SMS outbox.
type Channel string

// The schema's notification channels.
const (
	ChannelInApp Channel = "in_app"
	ChannelEmail Channel = "email"
	ChannelSMS   Channel = "sms"
)

// Notification kinds the store itself raises.
const (
	KindLowStock              = "low_stock"
	KindPrescriptionDispensed = "prescription_dispensed"
)

// Notification is one message to one user (or, for rows addressed to a whole role, to
// everyone who holds it; see Notify).
type Notification struct {
	ID        int64
	UserID    int64 // 0 for a row addressed to a role
	Role      Role  // "" for a row addressed to a user
	Channel   Channel
	Kind      string
	Title     string
	Body      string
	Entity    string // the table the notification is about, e.g. "inventory_items"
	EntityID  int64
	CreatedAt time.Time
	ReadAt    time.Time // zero while unread
	SentAt    time.Time // when the outbox sent it (e-mail and SMS only)
}

// NotificationInput is a notification to raise: to one user (UserID) or to a role.
type NotificationInput struct {
	UserID   int64
	Role     Role
	Channel  Channel // in_app when empty
	Kind     string
	Title    string
	Body     string
	Entity   string
	EntityID int64
}

// Notify raises a notification in the current transaction, so it lands with the change
// it tells about or not at all.
//
// A notification to a role is copied at once into one row per active user of that role,
// so each user reads (and marks read) their own copy; a user who joins the role later
// does not see earlier ones. Only when the role has no active user is one row addressed
// to the role itself kept, so the message is not lost: every holder of the role sees
// it, and the first to mark it read marks it read for all of them (whoever handles it
// at the shared desk has handled it).
//
// Notify checks no permission of its own: it is part of whichever permitted write
// raises it.
func (t *Tx) Notify(ctx context.Context, in NotificationInput) error {
	in.Kind = strings.TrimSpace(in.Kind)
	in.Title = strings.TrimSpace(in.Title)
	if in.Channel == "" {
		in.Channel = ChannelInApp
	}
	switch {
	case (in.UserID == 0) == (in.Role == ""):
		return invalid("recipient", "A notification goes to exactly one user or one role.")
	case in.Role != "" && !in.Role.Valid():
		return invalid("role", "Role must be one of admin, receptionist, doctor, pharmacist or patient.")
	case in.Channel != ChannelInApp && in.Channel != ChannelEmail && in.Channel != ChannelSMS:
		return invalid("channel", "Channel must be in_app, email or sms.")
	case in.Kind == "":
		return invalid("kind", "A notification needs a kind.")
	case in.Title == "":
		return invalid("title", "A notification needs a title.")
	}
	if in.Channel == ChannelInApp {
		t.unaudited = append(t.unaudited, newEvent("notifications", 0, "INSERT"))
	}
	args := []any{string(in.Channel), in.Kind, in.Title, in.Body, in.Entity, nullID(in.EntityID), formatTime(t.now())}
	if in.UserID != 0 {
		_, err := t.exec(ctx, `INSERT INTO notifications(user_id, channel, kind, title, body, entity, entity_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, append([]any{in.UserID}, args...)...)
		return err
	}
	res, err := t.exec(ctx, `INSERT INTO notifications(user_id, channel, kind, title, body, entity, entity_id, created_at)
		SELECT id, ?, ?, ?, ?, ?, ?, ? FROM users WHERE role = ? AND active = 1`, append(args, string(in.Role))...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO notifications(role, channel, kind, title, body, entity, entity_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, append([]any{string(in.Role)}, args...)...)
	return err
}

const notificationColumns = `id, user_id, role, channel, kind, title, body, entity, entity_id, created_at, read_at, sent_at`

func scanNotification(row interface{ Scan(...any) error }) (Notification, error) {
	var n Notification
	var userID, entityID sql.NullInt64
	var role, readAt, sentAt sql.NullString
	var channel, created string
	if err := row.Scan(&n.ID, &userID, &role, &channel, &n.Kind, &n.Title, &n.Body, &n.Entity, &entityID,
		&created, &readAt, &sentAt); err != nil {
		return Notification{}, err
	}
	n.UserID, n.EntityID = idOrZero(userID), idOrZero(entityID)
	n.Role, n.Channel = Role(role.String), Channel(channel)
	n.CreatedAt, n.ReadAt, n.SentAt = parseTime(created), parseNullTime(readAt), parseNullTime(sentAt)
	return n, nil
}

// mine selects the in-app notifications an actor reads: their own and their role's.
const mine = `channel = 'in_app' AND (user_id = ?1 OR (user_id IS NULL AND role = ?2))`

// Notifications returns the actor's in-app notifications, newest first: their own and
// those addressed to their role. unreadOnly leaves out the ones already read.
func (s *Store) Notifications(ctx context.Context, actor Actor, unreadOnly bool, limit int) ([]Notification, error) {
	defer s.timed("Notifications")()
	q := `SELECT ` + notificationColumns + ` FROM notifications WHERE ` + mine
	if unreadOnly {
		q += ` AND read_at IS NULL`
	}
	rows, err := s.readers.QueryContext(ctx, q+` ORDER BY id DESC LIMIT ?3`, actor.ID, string(actor.Role), pageSize(limit))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, translate(err)
		}
		out = append(out, n)
	}
	return out, translate(rows.Err())
}

// UnreadCount is how many of the actor's in-app notifications are unread, for a badge.
func (s *Store) UnreadCount(ctx context.Context, actor Actor) (int, error) {
	defer s.timed("UnreadCount")()
	var n int
	err := s.readers.QueryRowContext(ctx, `SELECT count(*) FROM notifications WHERE `+mine+` AND read_at IS NULL`,
		actor.ID, string(actor.Role)).Scan(&n)
	return n, translate(err)
}

// MarkRead marks one of the actor's notifications read. Marking one already read
// changes nothing; someone else's notification is not found.
func (s *Store) MarkRead(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("MarkRead")()
	return s.write(ctx, actor, func(tx *Tx) error {
		var readAt sql.NullString
		err := tx.queryRow(ctx, `SELECT read_at FROM notifications WHERE id = ?3 AND `+mine,
			actor.ID, string(actor.Role), id).Scan(&readAt)
		if err != nil {
			return notFoundOr(err, "notification")
		}
		if readAt.Valid {
			return nil
		}
		tx.unaudited = append(tx.unaudited, newEvent("notifications", id, "UPDATE"))
		_, err = tx.exec(ctx, `UPDATE notifications SET read_at = ? WHERE id = ?`, formatTime(tx.now()), id)
		return err
	})
}

// pageSize keeps a requested page size between 1 and 500, with 50 for "don't care".
func pageSize(limit int) int {
	switch {
	case limit <= 0:
		return 50
	case limit > 500:
		return 500
	}
	return limit
}

// notFoundOr names the missing record when err is "no rows", and translates any other.
func notFoundOr(err error, what string) error {
	if err == sql.ErrNoRows {
		return notFound(what)
	}
	return translate(err)
}
