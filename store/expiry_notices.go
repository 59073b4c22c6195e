package store

import (
	"context"
	"fmt"
	"time"
)

// KindBatchExpiring is the notification that a batch with stock left is about to expire
// (or has expired) and should be used first or written off.
const KindBatchExpiring = "batch_expiring"

// ExpiryWarningDays is how far ahead pharmacists hear of a batch's expiry.
const ExpiryWarningDays = 30

// AnnounceExpiringBatches tells the pharmacists, once per batch, of every batch with
// stock left that expires within ExpiryWarningDays or has expired. It is safe to run as
// often as wanted: a batch already announced is skipped. The desk runs it when it opens
// and the SSH server every hour, since expiry comes with the calendar, not with a write.
// It returns how many batches it announced.
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
		rows, err := tx.query(ctx, `SELECT b.id, b.batch_number, b.expires_on, b.quantity_left, i.name
			  FROM inventory_batches b JOIN inventory_items i ON i.id = b.item_id
			 WHERE b.quantity_left > 0 AND b.expires_on <= ?
			   AND b.id NOT IN (SELECT entity_id FROM notifications
			                     WHERE kind = ? AND entity = 'inventory_batches' AND entity_id IS NOT NULL)
			 ORDER BY b.expires_on, b.id LIMIT 500`, until, KindBatchExpiring)
		if err != nil {
			return err
		}
		type batch struct {
			id              int64
			number, expires string
			left            int
			item            string
		}
		var due []batch
		for rows.Next() {
			var b batch
			if err := rows.Scan(&b.id, &b.number, &b.expires, &b.left, &b.item); err != nil {
				rows.Close()
				return translate(err)
			}
			due = append(due, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return translate(err)
		}
		for _, b := range due {
			when := "expires on " + b.expires
			if b.expires < today {
				when = "expired on " + b.expires
			}
			if err := tx.Notify(ctx, NotificationInput{Role: RolePharmacist, Kind: KindBatchExpiring,
				Title: fmt.Sprintf("%s batch %s %s", b.item, b.number, when),
				Body: fmt.Sprintf("%d left in batch %s of %s, which %s. Dispense it first or write it off.",
					b.left, b.number, b.item, when),
				Entity: "inventory_batches", EntityID: b.id}); err != nil {
				return err
			}
		}
		announced = len(due)
		return nil
	})
	return announced, err
}

// ExpiryCheckEvery is how often a long-running server repeats AnnounceExpiringBatches.
const ExpiryCheckEvery = time.Hour
