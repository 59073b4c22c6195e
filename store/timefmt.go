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
// schema's CHECK constraints make impossible for columns they cover. The book and the
// free-slot search read thousands of instants a call, so the layout is read by hand:
// time.Parse, which interprets its layout each time, was a tenth of the day view.
func parseTime(s string) time.Time {
	if len(s) != len(timeLayout) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' {
		return time.Time{}
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	second, ok6 := digits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 || second > 59 {
		return time.Time{}
	}
	return time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC)
}

// digits reads a run of ASCII digits as a number.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// daysIn is the number of days in the month of the year.
func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
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
