package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// KindAppointmentMoved is the message to a patient whose appointment the clinic moved.
const KindAppointmentMoved = "appointment_moved"

// LeaveClash is an appointment booked inside a leave or holiday about to be added,
// with the free slots it could move to: the doctor's own after the span, then other
// doctors of the same speciality.
type LeaveClash struct {
	Appointment Appointment
	Options     []Slot
}

// Move is one appointment moved to a doctor's slot (the same doctor or another).
type Move struct {
	AppointmentID int64
	DoctorID      int64
	Start         time.Time
}

// LeaveClashes lists the booked appointments (scheduled, confirmed or checked in) of the
// doctor from one date to another, both included, in the clinic's time zone; doctorID 0
// means every doctor (a clinic holiday). Each comes with up to three places to move it,
// distinct from the other clashes' first choices.
func (s *Store) LeaveClashes(ctx context.Context, actor Actor, doctorID int64, from, to time.Time) ([]LeaveClash, error) {
	if err := s.allow(ctx, actor, ActManageSchedules); err != nil {
		return nil, err
	}
	loc, err := clinicLocation(ctx, s.readers)
	if err != nil {
		return nil, err
	}
	first, after := localDate(from, loc), addDays(localDate(to, loc), 1)
	appts, err := queryAppointments(ctx, s.readers, `SELECT `+appointmentColumns+appointmentFrom+`
		WHERE a.starts_at >= ? AND a.starts_at < ? AND (?3 = 0 OR a.doctor_id = ?3)
		  AND a.status IN ('scheduled', 'confirmed', 'checked_in')
		ORDER BY a.starts_at, a.id LIMIT 200`, formatTime(first), formatTime(after), doctorID)
	if err != nil {
		return nil, err
	}
	out := make([]LeaveClash, len(appts))
	taken := map[string]bool{} // slots already offered first
	key := func(sl Slot) string { return fmt.Sprint(sl.DoctorID, sl.Start.Unix()) }
	own := map[int64][]Slot{}
	for i, a := range appts {
		out[i].Appointment = a
		if _, ok := own[a.DoctorID]; !ok {
			if own[a.DoctorID], err = s.NextFreeSlots(ctx, actor, a.DoctorID, after, len(appts)+2); err != nil {
				return nil, err
			}
		}
		var options []Slot
		for _, sl := range own[a.DoctorID] {
			if !taken[key(sl)] {
				options = append(options, sl)
				break
			}
		}
		d, err := loadDoctor(ctx, s.readers, a.DoctorID)
		if err != nil {
			return nil, err
		}
		for _, spec := range d.Specialisations {
			start := a.Start
			if doctorID == 0 { // the whole clinic is closed: after the holiday
				start = after
			}
			slots, err := s.freeWithSpeciality(ctx, spec, a.DoctorID, start, len(appts)*2+4)
			if errors.Is(err, ErrInvalid) { // no other doctor practises it
				continue
			}
			if err != nil {
				return nil, err
			}
			for _, sl := range slots {
				if len(options) >= 3 {
					break
				}
				if sl.DoctorID == a.DoctorID || taken[key(sl)] || slices.ContainsFunc(options, func(o Slot) bool { return key(o) == key(sl) }) {
					continue
				}
				options = append(options, sl)
			}
		}
		if len(options) > 0 {
			taken[key(options[0])] = true
		}
		out[i].Options = options
	}
	return out, nil
}

// AddLeaveMoving adds a doctor's leave and moves the appointments booked in it, in one
// transaction, telling each patient where their appointment went (on the desk, and by
// e-mail and SMS as their consent allows). An appointment still booked in the leave
// afterwards refuses the whole change: nothing is saved until each is moved.
func (s *Store) AddLeaveMoving(ctx context.Context, actor Actor, doctorID int64, from, to time.Time, reason string, moves []Move) (id int64, err error) {
	err = s.write(ctx, actor, func(tx *Tx) error {
		if id, err = tx.AddLeave(ctx, doctorID, from, to, reason); err != nil {
			return err
		}
		return tx.moveAll(ctx, doctorID, from, to, moves, "leave")
	})
	return id, err
}

// AddHolidayMoving closes the clinic for a day and moves the appointments booked on
// it, as AddLeaveMoving does for a leave.
func (s *Store) AddHolidayMoving(ctx context.Context, actor Actor, day time.Time, name string, moves []Move) (id int64, err error) {
	err = s.write(ctx, actor, func(tx *Tx) error {
		if id, err = tx.AddHoliday(ctx, day, name); err != nil {
			return err
		}
		return tx.moveAll(ctx, 0, day, day, moves, "holiday")
	})
	return id, err
}

// moveAll applies the moves, notifies each patient, then refuses if an appointment is
// still booked in the span.
func (t *Tx) moveAll(ctx context.Context, doctorID int64, from, to time.Time, moves []Move, what string) error {
	loc, err := t.location(ctx)
	if err != nil {
		return err
	}
	for _, m := range moves {
		before, err := loadAppointment(ctx, t.q(), m.AppointmentID)
		if err != nil {
			return err
		}
		if err := t.moveAppointment(ctx, m.AppointmentID, m.DoctorID, m.Start); err != nil {
			return err
		}
		after, err := loadAppointment(ctx, t.q(), m.AppointmentID)
		if err != nil {
			return err
		}
		when := after.Start.In(loc).Format("Mon 2 Jan at 15:04")
		body := fmt.Sprintf("Your appointment of %s with %s has moved to %s with %s.",
			before.Start.In(loc).Format("Mon 2 Jan at 15:04"), doctorTitle(before.DoctorName), when, doctorTitle(after.DoctorName))
		if err := t.notifyPatient(ctx, after.PatientID, KindAppointmentMoved, "Your appointment has moved to "+when,
			body, "appointments", after.ID); err != nil {
			return err
		}
	}
	first, after := localDate(from, loc), addDays(localDate(to, loc), 1)
	left, err := queryAppointments(ctx, t.q(), `SELECT `+appointmentColumns+appointmentFrom+`
		WHERE a.starts_at >= ? AND a.starts_at < ? AND (?3 = 0 OR a.doctor_id = ?3)
		  AND a.status IN ('scheduled', 'confirmed', 'checked_in')
		ORDER BY a.starts_at LIMIT 1`, formatTime(first), formatTime(after), doctorID)
	if err != nil {
		return err
	}
	if len(left) > 0 {
		a := left[0]
		return &ConflictError{Rule: "booked_in_" + what, Message: fmt.Sprintf("%s for %s at %s is still booked during the %s: move it first.",
			a.Code, a.PatientName, a.Start.In(loc).Format("15:04 on Mon 2 Jan"), what)}
	}
	return nil
}
