package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// bookingDay is what decides, besides the doctor, whether a visit can be booked on a
// clinic date: the clinic's holiday, the doctor's leave and the doctor's hours that
// weekday.
type bookingDay struct {
	holiday     sql.NullString
	first, last sql.NullString // the first of the doctor's leaves that takes in the date
	blocks      []ScheduleBlock
}

// readBookingDay reads a doctor's bookingDay of the clinic date day, in one statement.
func (t *Tx) readBookingDay(ctx context.Context, doctorID int64, day time.Time) (bookingDay, error) {
	w := windowOf(day)
	if err := t.queryRow(ctx, `SELECT `+bookingWindowColumns, doctorID, w.date, w.weekday).
		Scan(w.scanDest()...); err != nil {
		return bookingDay{}, translate(err)
	}
	bd, _ := w.day(doctorID, day)
	return bd, nil
}

// bookingWindow is a doctor's bookingDay of one clinic date, read with the doctor in
// one statement (bookingParties) before the transaction knows the clinic's time zone: a
// statement costs a booking about as much as the reading it does. The date is the
// booking's in the zone the store's last booking found (zoneHint); a booking that finds
// another zone, and another date, reads its day again (readBookingDay).
type bookingWindow struct {
	date    string // yyyy-mm-dd
	weekday int    // its ISO weekday
	bookingDay
	// hours are the doctor's blocks on the date's weekday, by start, each as
	// weekday || start || end || slot_minutes ("109:0013:0015"), joined by commas.
	hours sql.NullString
}

// zoneHint is the clinic's time zone as the store's last booking found it; nil: UTC.
type zoneHint = atomic.Pointer[time.Location]

// newBookingWindow is the window of start's date in the zone hint holds.
func newBookingWindow(start time.Time, hint *zoneHint) *bookingWindow {
	loc := time.UTC
	if hint != nil {
		if l := hint.Load(); l != nil {
			loc = l
		}
	}
	return windowOf(localDate(start, loc))
}

// windowOf is the window of the clinic date day, not yet read.
func windowOf(day time.Time) *bookingWindow {
	return &bookingWindow{date: formatDate(day), weekday: isoWeekday(day.Weekday())}
}

// bookingWindowColumns are the columns a bookingWindow is scanned from, with the
// doctor's id as ?1, the date as ?2 and its ISO weekday as ?3.
const bookingWindowColumns = `(SELECT name FROM clinic_holidays WHERE day = ?2),
	(SELECT starts_on` + leaveOfDay + `, (SELECT ends_on` + leaveOfDay + `,
	(SELECT group_concat(weekday || start_time || end_time || slot_minutes, ',' ORDER BY start_time)
	 FROM doctor_schedules WHERE doctor_id = ?1 AND weekday = ?3)`

// leaveOfDay finds the first of the doctor's (?1) leaves that takes in the date ?2.
const leaveOfDay = ` FROM doctor_leaves WHERE doctor_id = ?1 AND starts_on <= ?2 AND ends_on >= ?2 ORDER BY starts_on LIMIT 1)`

// scanDest are the destinations of bookingWindowColumns.
func (w *bookingWindow) scanDest() []any {
	return []any{&w.holiday, &w.first, &w.last, &w.hours}
}

// day is the window's bookingDay of the clinic date day; false when the window holds
// another date.
func (w *bookingWindow) day(doctorID int64, day time.Time) (bookingDay, bool) {
	if w == nil || formatDate(day) != w.date {
		return bookingDay{}, false
	}
	bd := w.bookingDay
	for b := range strings.SplitSeq(w.hours.String, ",") {
		// weekday (one digit), start and end ("HH:MM", as the schema checks), slot minutes
		if len(b) < 12 {
			continue
		}
		slot, _ := strconv.Atoi(b[11:])
		bd.blocks = append(bd.blocks, ScheduleBlock{DoctorID: doctorID, Weekday: day.Weekday(),
			Start: b[1:6], End: b[6:11], SlotMinutes: slot})
	}
	return bd, true
}
