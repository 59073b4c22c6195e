package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// ScheduleBlock is one stretch of a doctor's weekly working hours, in the clinic's local
// wall-clock time. A day may have several blocks (a morning and an evening session);
// they may not overlap.
type ScheduleBlock struct {
	ID          int64
	DoctorID    int64
	Weekday     time.Weekday
	Start, End  string // "HH:MM", local clinic time
	SlotMinutes int    // the length of one appointment slot; 0 when adding means 15
}

// defaultSlotMinutes is the schema's default slot length.
const defaultSlotMinutes = 15

// validate checks a block and normalises its times to "HH:MM".
func (b *ScheduleBlock) validate() error {
	if b.Weekday < time.Sunday || b.Weekday > time.Saturday {
		return invalid("weekday", "Weekday must be a day from Monday to Sunday.")
	}
	start, ok := parseClock(b.Start)
	if !ok {
		return invalid("start", "Start must be a time of day such as 09:00.")
	}
	end, ok := parseClock(b.End)
	if !ok {
		return invalid("end", "End must be a time of day such as 13:00.")
	}
	if end <= start {
		return invalid("end", "End must be later than start.")
	}
	if b.SlotMinutes == 0 {
		b.SlotMinutes = defaultSlotMinutes
	}
	if err := CheckSlotMinutes(b.SlotMinutes); err != nil {
		return err
	}
	if end-start < b.SlotMinutes {
		return invalid("slot_minutes", "The block is shorter than one slot.")
	}
	b.Start, b.End = clockText(start), clockText(end)
	return nil
}

// AddScheduleBlock adds a block of weekly working hours and returns its id. A block that
// overlaps another on the same day is refused (the schema's schedule_overlap rule) with
// the hours it clashes with.
func (t *Tx) AddScheduleBlock(ctx context.Context, b ScheduleBlock) (int64, error) {
	if err := t.allow(ActManageSchedules); err != nil {
		return 0, err
	}
	if err := b.validate(); err != nil {
		return 0, err
	}
	d, err := loadDoctor(ctx, t.q(), b.DoctorID)
	if err != nil {
		return 0, err
	}
	id, err := t.insert(ctx, `INSERT INTO doctor_schedules(doctor_id, weekday, start_time, end_time, slot_minutes)
		VALUES (?, ?, ?, ?, ?)`, b.DoctorID, isoWeekday(b.Weekday), b.Start, b.End, b.SlotMinutes)
	var c *ConflictError
	if errors.As(err, &c) && c.Rule == "schedule_overlap" {
		var start, end string
		if qerr := t.queryRow(ctx, `SELECT start_time, end_time FROM doctor_schedules
			WHERE doctor_id = ? AND weekday = ? AND start_time < ? AND end_time > ?
			ORDER BY start_time LIMIT 1`, b.DoctorID, isoWeekday(b.Weekday), b.End, b.Start).Scan(&start, &end); qerr != nil {
			return 0, err
		}
		return 0, &ConflictError{Rule: c.Rule, Message: doctorTitle(d.Name) + " already works " + start + "–" + end +
			" on " + plural(b.Weekday) + "; working hours on one day cannot overlap."}
	}
	return id, err
}

// AddScheduleBlock adds a block of weekly working hours; see Tx.AddScheduleBlock.
func (s *Store) AddScheduleBlock(ctx context.Context, actor Actor, b ScheduleBlock) (id int64, err error) {
	defer s.timed("AddScheduleBlock")()
	err = s.write(ctx, actor, func(tx *Tx) error {
		id, err = tx.AddScheduleBlock(ctx, b)
		return err
	})
	return id, err
}

// RemoveScheduleBlock removes a block of working hours. Appointments already booked in
// it stay; the appointment book still shows them.
func (t *Tx) RemoveScheduleBlock(ctx context.Context, id int64) error {
	if err := t.allow(ActManageSchedules); err != nil {
		return err
	}
	return t.deleteOne(ctx, `DELETE FROM doctor_schedules WHERE id = ?`, id, "block of working hours")
}

// RemoveScheduleBlock removes a block of working hours; see Tx.RemoveScheduleBlock.
func (s *Store) RemoveScheduleBlock(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("RemoveScheduleBlock")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.RemoveScheduleBlock(ctx, id) })
}

// deleteOne runs a DELETE of one row by id and reports a missing row as not found.
func (t *Tx) deleteOne(ctx context.Context, query string, id int64, what string) error {
	res, err := t.exec(ctx, query, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return notFound(what)
	}
	return nil
}

// Schedule lists a doctor's weekly working hours, Monday first, by start time.
func (s *Store) Schedule(ctx context.Context, actor Actor, doctorID int64) ([]ScheduleBlock, error) {
	defer s.timed("Schedule")()
	if err := s.allow(ctx, actor, ActReadSchedules); err != nil {
		return nil, err
	}
	return scheduleBlocks(ctx, s.readers, doctorID)
}

// SchedulesOn lists every doctor's working-hours blocks on a weekday, by doctor, each
// by start time. The day book draws a column for every doctor: reading each doctor's
// week one doctor at a time cost a day of 60 doctors 60 queries (a third of the day's
// reads), and reading every doctor's week at once read seven days to draw one.
func (s *Store) SchedulesOn(ctx context.Context, actor Actor, weekday time.Weekday) (map[int64][]ScheduleBlock, error) {
	defer s.timed("SchedulesOn")()
	if err := s.allow(ctx, actor, ActReadSchedules); err != nil {
		return nil, err
	}
	rows, err := s.fast().QueryContext(ctx, `SELECT `+scheduleColumns+` FROM doctor_schedules
		WHERE weekday = ? ORDER BY doctor_id, start_time`, isoWeekday(weekday))
	if err != nil {
		return nil, translate(err)
	}
	blocks, err := scanScheduleBlocks(rows, 2*clinicDoctors)
	if err != nil {
		return nil, err
	}
	// The blocks come in doctor order: each doctor's are a part of the one list.
	byDoctor := make(map[int64][]ScheduleBlock, clinicDoctors)
	for start := 0; start < len(blocks); {
		end := start + 1
		for end < len(blocks) && blocks[end].DoctorID == blocks[start].DoctorID {
			end++
		}
		byDoctor[blocks[start].DoctorID] = blocks[start:end:end]
		start = end
	}
	return byDoctor, nil
}

const scheduleColumns = `id, doctor_id, weekday, start_time, end_time, slot_minutes`

// scheduleBlocks reads a doctor's blocks through q.
func scheduleBlocks(ctx context.Context, q querier, doctorID int64) ([]ScheduleBlock, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+scheduleColumns+` FROM doctor_schedules
		WHERE doctor_id = ? ORDER BY weekday, start_time LIMIT 500`, doctorID)
	if err != nil {
		return nil, translate(err)
	}
	return scanScheduleBlocks(rows, 0)
}

// scanScheduleBlocks reads rows of scheduleColumns, into a list with room for that many
// blocks before it grows, and closes them.
func scanScheduleBlocks(rows *sql.Rows, room int) ([]ScheduleBlock, error) {
	defer rows.Close()
	blocks := make([]ScheduleBlock, 0, room)
	for rows.Next() {
		var b ScheduleBlock
		var weekday int
		if err := rows.Scan(&b.ID, &b.DoctorID, &weekday, &b.Start, &b.End, &b.SlotMinutes); err != nil {
			return nil, translate(err)
		}
		b.Weekday = weekdayFromISO(weekday)
		blocks = append(blocks, b)
	}
	return blocks, translate(rows.Err())
}

// Leave is a span of whole days on which a doctor takes no appointments. From and To
// are midnights in the clinic's time zone; To is the last day of leave.
type Leave struct {
	ID       int64
	DoctorID int64
	From, To time.Time
	Reason   string
}

// AddLeave records a doctor's leave from one date to another, both included; the dates
// are those of from and to in the clinic's time zone. Appointments already booked in the
// span stay, so the desk can see and move them.
func (t *Tx) AddLeave(ctx context.Context, doctorID int64, from, to time.Time, reason string) (int64, error) {
	if err := t.allow(ActManageSchedules); err != nil {
		return 0, err
	}
	if from.IsZero() {
		return 0, invalid("from", "The first day of leave is required.")
	}
	if to.IsZero() {
		return 0, invalid("to", "The last day of leave is required.")
	}
	loc, err := t.location(ctx)
	if err != nil {
		return 0, err
	}
	first, last := localDate(from, loc), localDate(to, loc)
	if last.Before(first) {
		return 0, invalid("to", "The last day of leave cannot be before the first.")
	}
	if _, err := loadDoctor(ctx, t.q(), doctorID); err != nil {
		return 0, err
	}
	return t.insert(ctx, `INSERT INTO doctor_leaves(doctor_id, starts_on, ends_on, reason) VALUES (?, ?, ?, ?)`,
		doctorID, formatDate(first), formatDate(last), strings.TrimSpace(reason))
}

// AddLeave records a doctor's leave; see Tx.AddLeave.
func (s *Store) AddLeave(ctx context.Context, actor Actor, doctorID int64, from, to time.Time, reason string) (id int64, err error) {
	defer s.timed("AddLeave")()
	err = s.write(ctx, actor, func(tx *Tx) error {
		id, err = tx.AddLeave(ctx, doctorID, from, to, reason)
		return err
	})
	return id, err
}

// RemoveLeave removes a leave.
func (t *Tx) RemoveLeave(ctx context.Context, id int64) error {
	if err := t.allow(ActManageSchedules); err != nil {
		return err
	}
	return t.deleteOne(ctx, `DELETE FROM doctor_leaves WHERE id = ?`, id, "leave")
}

// RemoveLeave removes a leave; see Tx.RemoveLeave.
func (s *Store) RemoveLeave(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("RemoveLeave")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.RemoveLeave(ctx, id) })
}

// Leaves lists a doctor's leaves that end on or after the clinic date of from, soonest
// first (at most 200).
func (s *Store) Leaves(ctx context.Context, actor Actor, doctorID int64, from time.Time) ([]Leave, error) {
	defer s.timed("Leaves")()
	return s.leaves(ctx, actor, from, `WHERE doctor_id = ? AND ends_on >= ? ORDER BY starts_on LIMIT 200`, doctorID)
}

// LeavesByDoctor lists every doctor's leaves that end on or after the clinic date of
// from, by doctor, each soonest first: the day book's columns, as SchedulesOn.
func (s *Store) LeavesByDoctor(ctx context.Context, actor Actor, from time.Time) (map[int64][]Leave, error) {
	defer s.timed("LeavesByDoctor")()
	list, err := s.leaves(ctx, actor, from, `WHERE ends_on >= ? ORDER BY doctor_id, starts_on`)
	if err != nil {
		return nil, err
	}
	byDoctor := map[int64][]Leave{}
	for _, l := range list {
		byDoctor[l.DoctorID] = append(byDoctor[l.DoctorID], l)
	}
	return byDoctor, nil
}

// leaves reads the leaves that where (whose last parameter is from's clinic date)
// selects.
func (s *Store) leaves(ctx context.Context, actor Actor, from time.Time, where string, args ...any) ([]Leave, error) {
	if err := s.allow(ctx, actor, ActReadSchedules); err != nil {
		return nil, err
	}
	loc, err := clinicLocation(ctx, s.fast())
	if err != nil {
		return nil, err
	}
	rows, err := s.fast().QueryContext(ctx, `SELECT id, doctor_id, starts_on, ends_on, reason FROM doctor_leaves `+where,
		append(args, formatDate(localDate(from, loc)))...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var leaves []Leave
	for rows.Next() {
		var l Leave
		var first, last string
		if err := rows.Scan(&l.ID, &l.DoctorID, &first, &last, &l.Reason); err != nil {
			return nil, translate(err)
		}
		l.From, l.To = parseDate(first, loc), parseDate(last, loc)
		leaves = append(leaves, l)
	}
	return leaves, translate(rows.Err())
}

// Holiday is a day the whole clinic is closed. Day is midnight in the clinic's time zone.
type Holiday struct {
	ID   int64
	Day  time.Time
	Name string
}

// AddHoliday closes the clinic on the clinic date of day. Appointments already booked
// that day stay, so the desk can see and move them.
func (t *Tx) AddHoliday(ctx context.Context, day time.Time, name string) (int64, error) {
	if err := t.allow(ActManageSchedules); err != nil {
		return 0, err
	}
	name = strings.TrimSpace(name)
	if day.IsZero() {
		return 0, invalid("day", "The day is required.")
	}
	if name == "" {
		return 0, invalid("name", "Name the holiday.")
	}
	loc, err := t.location(ctx)
	if err != nil {
		return 0, err
	}
	date := localDate(day, loc)
	id, err := t.insert(ctx, `INSERT INTO clinic_holidays(day, name) VALUES (?, ?)`, formatDate(date), name)
	var c *ConflictError
	if errors.As(err, &c) && c.Rule == "unique_day" {
		return 0, invalid("day", "The clinic is already closed on "+dayText(date, t.now())+".")
	}
	return id, err
}

// AddHoliday closes the clinic for a day; see Tx.AddHoliday.
func (s *Store) AddHoliday(ctx context.Context, actor Actor, day time.Time, name string) (id int64, err error) {
	defer s.timed("AddHoliday")()
	err = s.write(ctx, actor, func(tx *Tx) error {
		id, err = tx.AddHoliday(ctx, day, name)
		return err
	})
	return id, err
}

// RemoveHoliday reopens the clinic on a holiday.
func (t *Tx) RemoveHoliday(ctx context.Context, id int64) error {
	if err := t.allow(ActManageSchedules); err != nil {
		return err
	}
	return t.deleteOne(ctx, `DELETE FROM clinic_holidays WHERE id = ?`, id, "holiday")
}

// RemoveHoliday reopens the clinic on a holiday; see Tx.RemoveHoliday.
func (s *Store) RemoveHoliday(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("RemoveHoliday")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.RemoveHoliday(ctx, id) })
}

// Holidays lists the clinic's holidays on or after the clinic date of from, soonest
// first (at most 200).
func (s *Store) Holidays(ctx context.Context, actor Actor, from time.Time) ([]Holiday, error) {
	defer s.timed("Holidays")()
	if err := s.allow(ctx, actor, ActReadSchedules); err != nil {
		return nil, err
	}
	loc, err := clinicLocation(ctx, s.fast())
	if err != nil {
		return nil, err
	}
	rows, err := s.fast().QueryContext(ctx, `SELECT id, day, name FROM clinic_holidays
		WHERE day >= ? ORDER BY day LIMIT 200`, formatDate(localDate(from, loc)))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var days []Holiday
	for rows.Next() {
		var h Holiday
		var day string
		if err := rows.Scan(&h.ID, &day, &h.Name); err != nil {
			return nil, translate(err)
		}
		h.Day = parseDate(day, loc)
		days = append(days, h)
	}
	return days, translate(rows.Err())
}

// CheckSlotMinutes is the rule on a working-hours block's slot length: 5 to 240
// minutes, as an appointment's length is. A form checks it as typed.
func CheckSlotMinutes(minutes int) error {
	if minutes < 5 || minutes > 240 {
		return invalid("slot_minutes", "Slot length must be from 5 to 240 minutes.")
	}
	return nil
}
