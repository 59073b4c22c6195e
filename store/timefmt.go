package store

import (
	"database/sql"
	"time"
)

// The schema's text formats: instants in UTC, and calendar dates.
const (
	timeLayout = "2006-01-02T15:04:05Z"
	dateLayout = "2006-01-02"
)

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func formatDate(t time.Time) string { return t.Format(dateLayout) }

// parseTime reads a stored instant; a malformed one reads as the zero time, which the
// schema's CHECK constraints make impossible for columns they cover.
func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

func parseNullTime(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	return parseTime(s.String)
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}
