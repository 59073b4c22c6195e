package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
)

// notifyDay adds lines to the role's notice of this kind for the clinic's day: the
// first line of the day raises a notice titled one(line), later ones join it, retitle
// it many(count) and mark it unread again. Staff thus get one expiry notice and one
// low-stock notice a day, each listing everything it is about, instead of a row per
// batch or item.
func (t *Tx) notifyDay(ctx context.Context, role Role, kind string, lines []string, one string,
	many func(n int) string) error {
	if len(lines) == 0 {
		return nil
	}
	today, _, err := clinicToday(ctx, t.q(), t.now())
	if err != nil {
		return err
	}
	day, _ := strconv.ParseInt(strings.ReplaceAll(today, "-", ""), 10, 64)
	var body string
	err = t.queryRow(ctx, `SELECT body FROM notifications WHERE kind = ? AND entity = 'day' AND entity_id = ?
		ORDER BY id LIMIT 1`, kind, day).Scan(&body)
	if err != nil && !isNoRows(err) {
		return translate(err)
	}
	if isNoRows(err) {
		title := one
		if len(lines) > 1 {
			title = many(len(lines))
		}
		return t.Notify(ctx, NotificationInput{Role: role, Kind: kind, Title: title,
			Body: strings.Join(lines, "\n"), Entity: "day", EntityID: day})
	}
	all := append(strings.Split(body, "\n"), lines...)
	t.unaudited = append(t.unaudited, newEvent("notifications", 0, "UPDATE"))
	_, err = t.exec(ctx, `UPDATE notifications SET title = ?, body = ?, read_at = NULL, created_at = ?
		WHERE kind = ? AND entity = 'day' AND entity_id = ?`,
		many(len(all)), strings.Join(all, "\n"), formatTime(t.now()), kind, day)
	return err
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
