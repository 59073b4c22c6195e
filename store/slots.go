package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"
)

// Slot is a free appointment time of one doctor.
type Slot struct {
	DoctorID   int64
	DoctorName string
	Start, End time.Time
}

// Bounds of a free-slot search: how far ahead it looks, and how many it returns.
const (
	slotHorizonDays = 90
	maxSlots        = 200
	defaultSlots    = 10
)

// NextFreeSlots finds a doctor's next free slots from from (never before the store's
// clock): it walks the doctor's weekly blocks day by day, skipping holidays and leave,
// cuts each block into slots of its slot length, and leaves out those that overlap an
// appointment holding the time. It returns at most n (1 to 200; 0 means 10) and looks at
// most 90 days ahead. It reads bounded ranges of the (doctor_id, starts_at) index, a
// few per search.
func (s *Store) NextFreeSlots(ctx context.Context, actor Actor, doctorID int64, from time.Time, n int) ([]Slot, error) {
	defer s.timed("NextFreeSlots")()
	if err := s.allow(ctx, actor, ActReadSchedules); err != nil {
		return nil, err
	}
	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback()
	d, err := loadDoctor(ctx, tx, doctorID)
	if err != nil {
		return nil, err
	}
	if !d.Active {
		return nil, nil
	}
	return s.freeSlots(ctx, tx, []Doctor{d}, from, n)
}

// FirstFreeWithSpeciality finds the earliest free slots among the active doctors of a
// speciality (matched without regard to case), earliest first, as NextFreeSlots does for
// one doctor.
func (s *Store) FirstFreeWithSpeciality(ctx context.Context, actor Actor, speciality string, from time.Time, n int) ([]Slot, error) {
	defer s.timed("FirstFreeWithSpeciality")()
	if err := s.allow(ctx, actor, ActReadSchedules); err != nil {
		return nil, err
	}
	return s.freeWithSpeciality(ctx, speciality, 0, from, n)
}

// freeWithSpeciality is FirstFreeWithSpeciality among the speciality's doctors but
// one (except; 0 for none): a doctor going on leave is free in the very hours the
// search starts from, and their slots would crowd out every other doctor's.
func (s *Store) freeWithSpeciality(ctx context.Context, speciality string, except int64, from time.Time, n int) ([]Slot, error) {
	speciality = strings.TrimSpace(speciality)
	if speciality == "" {
		return nil, invalid("speciality", "Choose a speciality.")
	}
	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+doctorColumns+`
		FROM doctors d JOIN users u ON u.id = d.user_id
		WHERE u.active = 1 AND d.id <> ? AND d.id IN (SELECT doctor_id FROM doctor_specialisations
		                                WHERE speciality = ? COLLATE NOCASE)
		ORDER BY u.full_name LIMIT 100`, except, speciality)
	if err != nil {
		return nil, translate(err)
	}
	var doctors []Doctor
	for rows.Next() {
		d, err := scanDoctor(rows)
		if err != nil {
			rows.Close()
			return nil, translate(err)
		}
		doctors = append(doctors, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	if len(doctors) == 0 {
		return nil, invalid("speciality", "No doctor at this clinic practises "+speciality+".")
	}
	return s.freeSlots(ctx, tx, doctors, from, n)
}

// slotCalendar is what a search knows of one doctor before it walks the days.
type slotCalendar struct {
	doctor Doctor
	blocks map[time.Weekday][]ScheduleBlock
	leaves [][2]string // [starts_on, ends_on]
}

// freeSlots walks the days from from for the doctors, all through q (one read snapshot),
// in windows of 1, 2, 4 … days: each window costs one range read per doctor, so a
// doctor booked solid for weeks costs a handful of queries, not one a day. Once a window
// has brought the count to n it stops: later windows only hold later slots.
func (s *Store) freeSlots(ctx context.Context, q querier, doctors []Doctor, from time.Time, n int) ([]Slot, error) {
	if n <= 0 {
		n = defaultSlots
	}
	n = min(n, maxSlots)
	if now := s.now(); from.Before(now) {
		from = now
	}
	loc, err := clinicLocation(ctx, q)
	if err != nil {
		return nil, err
	}
	first := localDate(from, loc)
	horizon := addDays(first, slotHorizonDays+1)
	closed, err := holidaySet(ctx, q, first, horizon)
	if err != nil {
		return nil, err
	}
	calendars := make([]slotCalendar, 0, len(doctors))
	for _, d := range doctors {
		c, err := loadSlotCalendar(ctx, q, d, first, horizon)
		if err != nil {
			return nil, err
		}
		calendars = append(calendars, c)
	}
	var slots []Slot
	for day, span := first, 1; day.Before(horizon) && len(slots) < n; day, span = addDays(day, span), span*2 {
		end := addDays(day, span)
		if end.After(horizon) {
			end = horizon
		}
		for _, c := range calendars {
			found, err := c.freeIn(ctx, q, day, end, closed, from, n)
			if err != nil {
				return nil, err
			}
			slots = append(slots, found...)
		}
	}
	sort.SliceStable(slots, func(i, j int) bool { return slots[i].Start.Before(slots[j].Start) })
	if len(slots) > n {
		slots = slots[:n]
	}
	return slots, nil
}

// freeIn lists the doctor's first (at most limit) free slots on the working days from
// day up to end, starting at or after notBefore. Only the doctor's first limit slots of
// a window can be among the earliest limit overall.
func (c slotCalendar) freeIn(ctx context.Context, q querier, day, end time.Time, closed map[string]bool, notBefore time.Time, limit int) ([]Slot, error) {
	var days []time.Time
	for d := day; d.Before(end); d = addDays(d, 1) {
		date := formatDate(d)
		if len(c.blocks[d.Weekday()]) > 0 && !closed[date] && !c.onLeave(date) {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		return nil, nil
	}
	busy, err := occupied(ctx, q, c.doctor.ID, days[0], addDays(days[len(days)-1], 1))
	if err != nil {
		return nil, err
	}
	// Slots come in time order and a doctor's held spans never overlap, so one pass
	// over both finds the free slots.
	var slots []Slot
	for _, d := range days {
		y, m, dd := d.Date()
		for _, b := range c.blocks[d.Weekday()] {
			from, _ := parseClock(b.Start)
			to, _ := parseClock(b.End)
			length := time.Duration(b.SlotMinutes) * time.Minute
			for at := from; at+b.SlotMinutes <= to; at += b.SlotMinutes {
				start := time.Date(y, m, dd, at/60, at%60, 0, 0, d.Location())
				stop := start.Add(length)
				for len(busy) > 0 && !busy[0][1].After(start) {
					busy = busy[1:]
				}
				if start.Before(notBefore) || (len(busy) > 0 && busy[0][0].Before(stop)) {
					continue
				}
				slots = append(slots, Slot{DoctorID: c.doctor.ID, DoctorName: c.doctor.Name, Start: start, End: stop})
				if len(slots) == limit {
					return slots, nil
				}
			}
		}
	}
	return slots, nil
}

const occupiedQuery = `SELECT starts_at, ends_at FROM appointments
	WHERE doctor_id = ? AND starts_at >= ? AND starts_at < ? AND ends_at > ?
	  AND status NOT IN ('cancelled', 'no_show')
	ORDER BY starts_at`

// occupied reads the spans a doctor's appointments hold between two instants, in time
// order: one bounded range of the (doctor_id, starts_at) index, reaching back 240
// minutes (the longest appointment) for visits that began before the range.
func occupied(ctx context.Context, q querier, doctorID int64, from, to time.Time) ([][2]time.Time, error) {
	rows, err := q.QueryContext(ctx, occupiedQuery, doctorID, formatTime(from.Add(-240*time.Minute)), formatTime(to), formatTime(from))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var spans [][2]time.Time
	for rows.Next() {
		var s, e string
		if err := rows.Scan(&s, &e); err != nil {
			return nil, translate(err)
		}
		spans = append(spans, [2]time.Time{parseTime(s), parseTime(e)})
	}
	return spans, translate(rows.Err())
}

// holidaySet is the set of holiday dates between two local days, both included.
func holidaySet(ctx context.Context, q querier, first, last time.Time) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT day FROM clinic_holidays WHERE day BETWEEN ? AND ?`,
		formatDate(first), formatDate(last))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	days := make(map[string]bool)
	for rows.Next() {
		var day string
		if err := rows.Scan(&day); err != nil {
			return nil, translate(err)
		}
		days[day] = true
	}
	return days, translate(rows.Err())
}

// loadSlotCalendar reads a doctor's weekly blocks and the leaves that touch the span.
func loadSlotCalendar(ctx context.Context, q querier, d Doctor, first, last time.Time) (slotCalendar, error) {
	c := slotCalendar{doctor: d, blocks: make(map[time.Weekday][]ScheduleBlock)}
	blocks, err := scheduleBlocks(ctx, q, d.ID)
	if err != nil {
		return c, err
	}
	for _, b := range blocks {
		c.blocks[b.Weekday] = append(c.blocks[b.Weekday], b)
	}
	rows, err := q.QueryContext(ctx, `SELECT starts_on, ends_on FROM doctor_leaves
		WHERE doctor_id = ? AND starts_on <= ? AND ends_on >= ? LIMIT 500`, d.ID, formatDate(last), formatDate(first))
	if err != nil {
		return c, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var span [2]string
		if err := rows.Scan(&span[0], &span[1]); err != nil {
			return c, translate(err)
		}
		c.leaves = append(c.leaves, span)
	}
	return c, translate(rows.Err())
}

// onLeave reports whether the date ('YYYY-MM-DD', which sorts as text) is in a leave.
func (c slotCalendar) onLeave(date string) bool {
	for _, l := range c.leaves {
		if l[0] <= date && date <= l[1] {
			return true
		}
	}
	return false
}
