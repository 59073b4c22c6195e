package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// KindBatchExpiring is the notification that a batch with stock left is about to expire
// (or has expired) and should be used first or written off.
const KindBatchExpiring = "batch_expiring"

// ExpiryWarningDays is how far ahead pharmacists hear of a batch's expiry.
const ExpiryWarningDays = 30

// lastDayNoticeQuery reads the latest day notice of a kind: its day and when it was last
// written. A day notice always names its day, and stating so (entity_id IS NOT NULL) lets
// SQLite read the few day notices through notifications_entity, whose condition it is,
// instead of every notification (a scan inside a write, at each start and every hour).
const lastDayNoticeQuery = `SELECT max(entity_id), max(created_at) FROM notifications
	WHERE kind = ? AND entity = 'day' AND entity_id IS NOT NULL`

// AnnounceExpiringBatches tells the pharmacists, once per batch, of every batch with
// stock left that expires within ExpiryWarningDays or has expired, in the day's one
// expiry notice (notifyDay). It is safe to run as often as wanted: a batch already
// announced is skipped. The desk runs it when it opens and the SSH server every hour,
// since expiry comes with the calendar, not with a write. It returns how many batches
// it announced.
//
// A batch was announced by an earlier notice when it already fell within the warning
// window on that notice's day and had been received by then; batches announced one
// notice each, before notices were grouped, are skipped too.
func (s *Store) AnnounceExpiringBatches(ctx context.Context) (int, error) {
	defer s.timed("AnnounceExpiringBatches")()
	announced := 0
	err := s.write(ctx, System("expiry check"), func(tx *Tx) error {
		announced = 0
		today, loc, err := clinicToday(ctx, tx.tx, tx.now())
		if err != nil {
			return err
		}
		until := formatDate(tx.now().In(loc).AddDate(0, 0, ExpiryWarningDays))
		var lastDay sql.NullInt64
		var lastAt sql.NullString
		if err := tx.queryRow(ctx, lastDayNoticeQuery, KindBatchExpiring).Scan(&lastDay, &lastAt); err != nil {
			return translate(err)
		}
		lastUntil, lastSeen := "", ""
		if lastDay.Valid {
			d := time.Date(int(lastDay.Int64/10000), time.Month(lastDay.Int64/100%100), int(lastDay.Int64%100), 0, 0, 0, 0, loc)
			lastUntil, lastSeen = formatDate(d.AddDate(0, 0, ExpiryWarningDays)), lastAt.String
		}
		rows, err := tx.query(ctx, `SELECT b.id, b.batch_number, b.expires_on, b.quantity_left, i.name
			  FROM inventory_batches b JOIN inventory_items i ON i.id = b.item_id
			 WHERE b.quantity_left > 0 AND b.expires_on <= ?
			   AND NOT (b.expires_on <= ? AND b.created_at <= ?)
			   AND b.id NOT IN (SELECT entity_id FROM notifications
			                     WHERE kind = ? AND entity = 'inventory_batches' AND entity_id IS NOT NULL)
			 ORDER BY b.expires_on, b.id LIMIT 500`, until, lastUntil, lastSeen, KindBatchExpiring)
		if err != nil {
			return err
		}
		type batch struct {
			number, expires string
			left            int
			item            string
		}
		var due []batch
		for rows.Next() {
			var b batch
			var id int64
			if err := rows.Scan(&id, &b.number, &b.expires, &b.left, &b.item); err != nil {
				rows.Close()
				return translate(err)
			}
			due = append(due, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return translate(err)
		}
		lines := make([]string, len(due))
		one := ""
		for i, b := range due {
			when, advice := "expires on "+b.expires, "Dispense it first or write it off."
			if b.expires < today {
				// An expired batch cannot be dispensed (the schema refuses it).
				when, advice = "expired on "+b.expires, "Write it off: it can no longer be dispensed."
			}
			lines[i] = fmt.Sprintf("%s batch %s %s: %d left. %s", b.item, b.number, when, b.left, advice)
			one = fmt.Sprintf("%s batch %s %s", b.item, b.number, when)
		}
		announced = len(due)
		return tx.notifyDay(ctx, RolePharmacist, KindBatchExpiring, lines, one,
			func(n int) string { return fmt.Sprintf("%d batches expiring or expired", n) })
	})
	return announced, err
}

// ExpiryCheckEvery is how often a long-running server repeats AnnounceExpiringBatches.
const ExpiryCheckEvery = time.Hour
