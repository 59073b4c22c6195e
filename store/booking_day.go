package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
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

// readBookingDay reads a doctor's bookingDay of the clinic date day: the holiday and
// the leave in one statement, the hours in another.
func (t *Tx) readBookingDay(ctx context.Context, doctorID int64, day time.Time) (bookingDay, error) {
	var bd bookingDay
	const leave = ` FROM doctor_leaves WHERE doctor_id = ?1 AND starts_on <= ?2 AND ends_on >= ?2 ORDER BY starts_on LIMIT 1)`
	if err := t.queryRow(ctx, `SELECT (SELECT name FROM clinic_holidays WHERE day = ?2),
		(SELECT starts_on`+leave+`, (SELECT ends_on`+leave,
		doctorID, formatDate(day)).Scan(&bd.holiday, &bd.first, &bd.last); err != nil {
		return bd, translate(err)
	}
	var err error
	bd.blocks, err = scheduleBlocks(ctx, t.q(), doctorID, isoWeekday(day.Weekday()))
	return bd, err
}

// bookingWindow holds a doctor's bookingDay of each of the three dates around an
// instant: its UTC date and the dates either side, one of which is its clinic date
// whatever the clinic's time zone. A booking reads it with the doctor in one statement
// (bookingParties), before it knows the zone: a statement costs a booking about as much
// as the reading it does.
type bookingWindow struct {
	dates    [3]string // yyyy-mm-dd
	holidays [3]sql.NullString
	// leaves are the doctor's leaves that take in any of the dates, by starts_on, as
	// "starts_on ends_on" joined by commas; blocks are all the doctor's hours, by
	// weekday and start, as "weekday start end slot_minutes id" joined by commas.
	leaves, blocks sql.NullString
}

// windowDates are the three dates around start that a bookingWindow holds.
func windowDates(start time.Time) [3]string {
	u := start.UTC()
	return [3]string{formatDate(u.AddDate(0, 0, -1)), formatDate(u), formatDate(u.AddDate(0, 0, 1))}
}

// bookingWindowColumns are the columns a bookingWindow is scanned from, with the
// doctor's id as ?1 and the window's dates as ?2, ?3 and ?4.
const bookingWindowColumns = `(SELECT name FROM clinic_holidays WHERE day = ?2),
	(SELECT name FROM clinic_holidays WHERE day = ?3), (SELECT name FROM clinic_holidays WHERE day = ?4),
	(SELECT group_concat(starts_on || ' ' || ends_on, ',' ORDER BY starts_on) FROM doctor_leaves
	 WHERE doctor_id = ?1 AND starts_on <= ?4 AND ends_on >= ?2),
	(SELECT group_concat(weekday || ' ' || start_time || ' ' || end_time || ' ' || slot_minutes || ' ' || id, ','
	 ORDER BY weekday, start_time) FROM doctor_schedules WHERE doctor_id = ?1)`

// scanDest are the destinations of bookingWindowColumns.
func (w *bookingWindow) scanDest() []any {
	return []any{&w.holidays[0], &w.holidays[1], &w.holidays[2], &w.leaves, &w.blocks}
}

// day is the window's bookingDay of the clinic date day, as readBookingDay reads it;
// false when the window does not hold that date.
func (w *bookingWindow) day(doctorID int64, day time.Time) (bookingDay, bool) {
	date := formatDate(day)
	i := slices.Index(w.dates[:], date)
	if i < 0 {
		return bookingDay{}, false
	}
	bd := bookingDay{holiday: w.holidays[i]}
	for l := range strings.SplitSeq(w.leaves.String, ",") {
		if from, to, ok := strings.Cut(l, " "); ok && from <= date && to >= date {
			bd.first, bd.last = sql.NullString{String: from, Valid: true}, sql.NullString{String: to, Valid: true}
			break
		}
	}
	weekday := strconv.Itoa(isoWeekday(day.Weekday()))
	for b := range strings.SplitSeq(w.blocks.String, ",") {
		f := strings.Fields(b)
		if len(f) != 5 || f[0] != weekday {
			continue
		}
		slot, _ := strconv.Atoi(f[3])
		id, _ := strconv.ParseInt(f[4], 10, 64)
		bd.blocks = append(bd.blocks, ScheduleBlock{ID: id, DoctorID: doctorID, Weekday: day.Weekday(),
			Start: f[1], End: f[2], SlotMinutes: slot})
	}
	return bd, true
}
