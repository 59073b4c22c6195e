package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// BookingInput is what it takes to book one visit.
type BookingInput struct {
	PatientID int64
	DoctorID  int64
	Start     time.Time // taken to the minute
	Minutes   int       // 0 means the slot length of the doctor's block that Start falls in
	Reason    string
	SeriesID  int64 // 0 for a one-off visit; BookSeries sets it
	// OverbookReason books into the doctor's time that another appointment holds, on
	// purpose, for the reason stated; "" books only free time.
	OverbookReason string
}

func (in *BookingInput) validate() error {
	in.Reason = strings.TrimSpace(in.Reason)
	in.OverbookReason = strings.TrimSpace(in.OverbookReason)
	in.Start = in.Start.Truncate(time.Minute)
	switch {
	case in.PatientID == 0:
		return invalid("patient_id", "Choose a patient.")
	case in.DoctorID == 0:
		return invalid("doctor_id", "Choose a doctor.")
	case in.Start.IsZero():
		return invalid("start", "Choose a date and time.")
	case in.Minutes != 0 && (in.Minutes < 5 || in.Minutes > 240):
		return invalid("minutes", "An appointment lasts from 5 to 240 minutes.")
	case len([]rune(in.Reason)) > 500:
		return invalid("reason", "The reason must be at most 500 characters.")
	case in.OverbookReason != "" && len([]rune(in.OverbookReason)) < 5:
		return invalid("overbook_reason", "Say why this time is overbooked (at least 5 characters).")
	case len([]rune(in.OverbookReason)) > 500:
		return invalid("overbook_reason", "The overbooking reason must be at most 500 characters.")
	}
	return nil
}

// Book books a visit and returns its id. It is refused, with a FieldError on "start"
// that says why, in the past (before the store's clock), on a clinic holiday, on the
// doctor's leave, and outside the doctor's working hours; a time the doctor or the
// patient already holds is refused by the schema (doctor_overlap, patient_overlap) and
// comes back as a ConflictError naming the clashing appointment in clinic time. With an
// OverbookReason the visit shares the doctor's time with the appointment already there
// (the patient's own time is still never double-booked); a time that is free is refused
// as an overbooking, so the book never marks one without cause. The fee is the doctor's
// consultation fee at the time of booking.
func (t *Tx) Book(ctx context.Context, in BookingInput) (int64, error) {
	if err := t.allow(ActBookAppointments); err != nil {
		return 0, err
	}
	if err := in.validate(); err != nil {
		return 0, err
	}
	loc, d, w, err := t.bookingParties(ctx, in.DoctorID, in.PatientID, in.Start)
	if err != nil {
		return 0, err
	}
	end, err := t.bookable(ctx, loc, d, in.Start, in.Minutes, w)
	if err != nil {
		return 0, err
	}
	var overbook any
	if in.OverbookReason != "" {
		var held int
		if err := t.queryRow(ctx, `SELECT count(*) FROM appointments WHERE doctor_id = ? AND starts_at < ?
			AND starts_at > ? AND ends_at > ? AND status NOT IN ('cancelled', 'no_show')`, d.ID, formatTime(end),
			formatTime(in.Start.Add(-240*time.Minute)), formatTime(in.Start)).Scan(&held); err != nil {
			return 0, translate(err)
		}
		if held == 0 {
			return 0, invalid("overbook_reason", doctorTitle(d.Name)+" is free at that time: book it without overbooking.")
		}
		overbook = in.OverbookReason
	}
	now := formatTime(t.now())
	id, err := t.insert(ctx, bookingInsert,
		in.PatientID, in.DoctorID, formatTime(in.Start), formatTime(end), in.Reason, d.FeeCents,
		nullID(in.SeriesID), nullID(t.actor.ID), now, now, overbook)
	if err != nil {
		return 0, t.explainClash(ctx, err, loc, 0, in.PatientID, d, in.Start, end)
	}
	return id, nil
}

// Book books a visit; see Tx.Book.
func (s *Store) Book(ctx context.Context, actor Actor, in BookingInput) (id int64, err error) {
	defer s.timed("Book")()
	err = s.write(ctx, actor, func(tx *Tx) error {
		id, err = tx.Book(ctx, in)
		return err
	})
	return id, err
}

// bookingParties reads what a booking starts from in one statement: the clinic's time
// zone (as clinicLocation), the doctor (as loadDoctor, but only the id, name, fee and
// whether active, which are all a booking uses), whether the patient exists, and
// the doctor's day of start (a bookingWindow). A statement costs a booking about
// as much as the reading it does.
func (t *Tx) bookingParties(ctx context.Context, doctorID, patientID int64, start time.Time) (*time.Location, Doctor, *bookingWindow, error) {
	var zone sql.NullString
	var patient bool
	w := newBookingWindow(start, t.zone)
	var d Doctor
	err := t.queryRow(ctx, `SELECT d.id, u.full_name, d.consultation_fee_cents, u.active,
		(SELECT value FROM settings WHERE key = ?4), EXISTS (SELECT 1 FROM patients WHERE id = ?5), `+bookingWindowColumns+`
		FROM doctors d JOIN users u ON u.id = d.user_id WHERE d.id = ?1`,
		doctorID, w.date, w.weekday, SettingTimeZone, patientID).Scan(
		append([]any{&d.ID, &d.Name, &d.FeeCents, &d.Active, &zone, &patient}, w.scanDest()...)...)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, Doctor{}, nil, notFound("doctor")
	case err != nil:
		return nil, Doctor{}, nil, translate(err)
	case !patient:
		return nil, Doctor{}, nil, notFound("patient")
	}
	name := "UTC"
	if zone.Valid {
		name = zone.String
	}
	loc := Settings{TimeZone: name}.Location()
	if t.zone != nil {
		t.zone.Store(loc)
	}
	return loc, d, w, nil
}

func patientExists(ctx context.Context, q querier, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM patients WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("patient")
	}
	return translate(err)
}

// checkBookable checks that the doctor can see a patient from start for minutes (0: the
// slot length of the block start falls in) and returns when the visit ends.
func (t *Tx) checkBookable(ctx context.Context, loc *time.Location, d Doctor, start time.Time, minutes int) (time.Time, error) {
	return t.bookable(ctx, loc, d, start, minutes, nil)
}

// bookable is checkBookable taking the doctor's day from w when it holds it (nil: read).
func (t *Tx) bookable(ctx context.Context, loc *time.Location, d Doctor, start time.Time, minutes int, w *bookingWindow) (time.Time, error) {
	now := t.now()
	who := doctorTitle(d.Name)
	if !d.Active {
		return time.Time{}, invalid("doctor_id", who+" no longer sees patients at this clinic.")
	}
	if start.Before(now) {
		return time.Time{}, invalid("start", "That time has passed; choose a time from now on.")
	}
	day := localDate(start, loc)
	var bd bookingDay
	held := false
	if w != nil {
		bd, held = w.day(d.ID, day)
	}
	if !held {
		var err error
		if bd, err = t.readBookingDay(ctx, d.ID, day); err != nil {
			return time.Time{}, err
		}
	}
	if bd.holiday.Valid {
		return time.Time{}, invalid("start", "The clinic is closed on "+dayText(day, now)+" ("+bd.holiday.String+").")
	}
	if bd.first.Valid {
		return time.Time{}, invalid("start", who+" is on leave "+
			dayRangeText(parseDate(bd.first.String, loc), parseDate(bd.last.String, loc), now)+".")
	}
	blocks := bd.blocks
	if len(blocks) == 0 {
		return time.Time{}, invalid("start", who+" does not work on "+plural(day.Weekday())+".")
	}
	at := minuteOfDay(start.In(loc))
	for _, b := range blocks {
		from, _ := parseClock(b.Start)
		to, _ := parseClock(b.End)
		if at < from || at >= to {
			continue
		}
		if minutes == 0 {
			minutes = b.SlotMinutes
		}
		if at+minutes <= to {
			return start.Add(time.Duration(minutes) * time.Minute), nil
		}
	}
	asked := clockText(at)
	if minutes != 0 {
		asked += "–" + clockText(at+minutes)
	}
	return time.Time{}, invalid("start", who+" works "+hoursText(blocks)+" on "+plural(day.Weekday())+
		"; "+asked+" is outside those hours.")
}

// hoursText lists blocks as "09:00–13:00 and 14:00–17:00".
func hoursText(blocks []ScheduleBlock) string {
	spans := make([]string, len(blocks))
	for i, b := range blocks {
		spans[i] = b.Start + "–" + b.End
	}
	if len(spans) == 1 {
		return spans[0]
	}
	return strings.Join(spans[:len(spans)-1], ", ") + " and " + spans[len(spans)-1]
}

// explainClash turns the schema's overlap refusal into a message naming the appointment
// it clashes with, in clinic time. The failed statement was aborted alone, so the
// transaction can still read. self is the appointment being moved (0 for a new one).
func (t *Tx) explainClash(ctx context.Context, err error, loc *time.Location, self, patientID int64, d Doctor, start, end time.Time) error {
	var c *ConflictError
	if !errors.As(err, &c) || (c.Rule != "doctor_overlap" && c.Rule != "patient_overlap") {
		return err
	}
	const clash = ` a.id <> ? AND a.starts_at < ? AND a.starts_at > ? AND a.ends_at > ?
		AND a.status NOT IN ('cancelled', 'no_show') ORDER BY a.starts_at LIMIT 1`
	args := []any{self, formatTime(end), formatTime(start.Add(-240 * time.Minute)), formatTime(start)}
	var from, to, patient, doctor string
	var qerr error
	if c.Rule == "doctor_overlap" {
		qerr = t.queryRow(ctx, `SELECT a.starts_at, a.ends_at FROM appointments a
			WHERE a.doctor_id = ? AND a.overbook_reason IS NULL AND`+clash,
			append([]any{d.ID}, args...)...).Scan(&from, &to)
	} else {
		qerr = t.queryRow(ctx, `SELECT a.starts_at, a.ends_at, p.first_name || ' ' || p.last_name, u.full_name
			FROM appointments a JOIN patients p ON p.id = a.patient_id
			JOIN doctors d ON d.id = a.doctor_id JOIN users u ON u.id = d.user_id
			WHERE a.patient_id = ? AND`+clash, append([]any{patientID}, args...)...).Scan(&from, &to, &patient, &doctor)
	}
	if qerr != nil {
		return err
	}
	span := spanText(parseTime(from), parseTime(to), loc, t.now())
	if c.Rule == "doctor_overlap" {
		return &ConflictError{Rule: c.Rule, Message: doctorTitle(d.Name) + " already has an appointment " + span + "."}
	}
	return &ConflictError{Rule: c.Rule, Message: patient + " already has an appointment " + span +
		" with " + doctorTitle(doctor) + "."}
}

// Reschedule moves an appointment to a new start, keeping its length, under the same
// rules as Book. A scheduled or confirmed appointment keeps its status; a checked-in one
// goes back to confirmed (the schema allows no step from checked in to scheduled) and is
// no longer checked in. Other statuses cannot move. The old time stays in the audit trail.
func (t *Tx) Reschedule(ctx context.Context, id int64, newStart time.Time) error {
	return t.moveAppointment(ctx, id, 0, newStart)
}

// moveAppointment is Reschedule, to another doctor when doctorID is neither 0 nor the
// appointment's own.
func (t *Tx) moveAppointment(ctx context.Context, id, doctorID int64, newStart time.Time) error {
	if err := t.allow(ActBookAppointments); err != nil {
		return err
	}
	if newStart.IsZero() {
		return invalid("start", "Choose a date and time.")
	}
	newStart = newStart.Truncate(time.Minute)
	a, err := loadAppointment(ctx, t.q(), id)
	if err != nil {
		return err
	}
	status := a.Status
	switch status {
	case AppointmentScheduled, AppointmentConfirmed:
	case AppointmentCheckedIn:
		status = AppointmentConfirmed
	default:
		return invalid("status", a.Code+" is "+a.Status.Label()+", so it cannot be moved.")
	}
	loc, err := t.location(ctx)
	if err != nil {
		return err
	}
	if doctorID == 0 {
		doctorID = a.DoctorID
	}
	d, err := loadDoctor(ctx, t.q(), doctorID)
	if err != nil {
		return err
	}
	end, err := t.checkBookable(ctx, loc, d, newStart, int(a.End.Sub(a.Start)/time.Minute))
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `UPDATE appointments SET doctor_id = ?, starts_at = ?, ends_at = ?, status = ?,
		checked_in_at = CASE WHEN status = 'checked_in' THEN NULL ELSE checked_in_at END WHERE id = ?`,
		doctorID, formatTime(newStart), formatTime(end), string(status), id)
	if err != nil {
		return t.explainClash(ctx, explainFlow(err, a, "moved"), loc, id, a.PatientID, d, newStart, end)
	}
	if newStart.Equal(a.Start) && doctorID == a.DoctorID {
		return nil
	}
	moved, err := loadAppointment(ctx, t.q(), id)
	if err != nil {
		return err
	}
	return t.replaceReminder(ctx, moved, loc)
}

// Reschedule moves an appointment; see Tx.Reschedule.
func (s *Store) Reschedule(ctx context.Context, actor Actor, id int64, newStart time.Time) error {
	defer s.timed("Reschedule")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.Reschedule(ctx, id, newStart) })
}

var bookingInsert = codedInsert("appointments", "appointment_code", "APT", `patient_id, doctor_id, starts_at,
	ends_at, reason, fee_cents, series_id, booked_by, created_at, updated_at, overbook_reason`)
