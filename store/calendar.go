package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// clinicSetting reads one setting through q, or def when it was never set.
func clinicSetting(ctx context.Context, q querier, key, def string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	return v, translate(err)
}

// clinicLocation is the clinic's time zone read through q (so a write transaction sees
// its own snapshot), UTC when unset or unknown, as Settings.Location.
func clinicLocation(ctx context.Context, q querier) (*time.Location, error) {
	name, err := clinicSetting(ctx, q, SettingTimeZone, "UTC")
	if err != nil {
		return nil, err
	}
	return Settings{TimeZone: name}.Location(), nil
}

// localDate is midnight, in loc, of the calendar day that t falls on in loc. Every "day"
// the store takes is read this way: the clinic's date of that instant.
func localDate(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// addDays moves a local midnight by whole calendar days, keeping wall-clock midnight
// across daylight-saving changes.
func addDays(day time.Time, n int) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d+n, 0, 0, 0, 0, day.Location())
}

// parseDate reads a stored 'YYYY-MM-DD' as midnight in loc.
func parseDate(s string, loc *time.Location) time.Time {
	t, _ := time.ParseInLocation(dateLayout, s, loc)
	return t
}

// isoWeekday is the schema's weekday: 1 = Monday … 7 = Sunday.
func isoWeekday(w time.Weekday) int {
	if w == time.Sunday {
		return 7
	}
	return int(w)
}

// weekdayFromISO is the inverse of isoWeekday.
func weekdayFromISO(n int) time.Weekday { return time.Weekday(n % 7) }

// parseClock reads a wall-clock time "H:MM" or "HH:MM" as minutes after midnight.
func parseClock(s string) (int, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, false
	}
	return hh*60 + mm, true
}

// clockText writes minutes after midnight as "HH:MM", the schema's form.
func clockText(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// minuteOfDay is t's wall-clock time in minutes after midnight.
func minuteOfDay(t time.Time) int { return t.Hour()*60 + t.Minute() }

// dayText names a local date for messages: "3 March", with the year when it is not
// the current one.
func dayText(day, now time.Time) string {
	if day.Year() != now.In(day.Location()).Year() {
		return day.Format("2 January 2006")
	}
	return day.Format("2 January")
}

// dayRangeText names a span of dates: "3 March", "3–7 March", "28 February – 3 March".
func dayRangeText(from, to, now time.Time) string {
	switch {
	case from.Equal(to):
		return dayText(from, now)
	case from.Year() == to.Year() && from.Month() == to.Month():
		return fmt.Sprintf("%d–%s", from.Day(), dayText(to, now))
	case from.Year() == to.Year():
		return from.Format("2 January") + " – " + dayText(to, now)
	}
	return from.Format("2 January 2006") + " – " + to.Format("2 January 2006")
}

// spanText names a local time span on its day: "10:00–10:30 on 3 March".
func spanText(start, end time.Time, loc *time.Location, now time.Time) string {
	start, end = start.In(loc), end.In(loc)
	return start.Format("15:04") + "–" + end.Format("15:04") + " on " + dayText(localDate(start, loc), now)
}

// plural names a weekday in the plural: "Sundays".
func plural(w time.Weekday) string { return w.String() + "s" }
