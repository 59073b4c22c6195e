package store

import (
	"context"
	"sort"
	"time"
)

// DayOutline is what the day book needs to know of a day's appointments before it
// reads any doctor's column (DayBook reads those in view): the doctors who have
// appointments that day, how many each has booked, and the hours the appointments
// span, which set the grid's rows.
type DayOutline struct {
	Doctors []DayDoctor // by name, then id
	// First is the earliest start and Last the latest end; both zero on a day with no
	// appointment.
	First, Last time.Time
}

// DayDoctor is a doctor with appointments on a day. Booked counts those that hold
// their time (neither cancelled nor a no-show).
type DayDoctor struct {
	ID     int64
	Name   string
	Booked int
}

// Booked is the day's appointments that hold their time, every doctor's.
func (o DayOutline) Booked() int {
	n := 0
	for _, d := range o.Doctors {
		n += d.Booked
	}
	return n
}

// dayOutlineQuery reads, for each doctor, a range of appointments_doctor_start, which
// holds every column it reads: no appointment's row is read.
const dayOutlineQuery = `SELECT doctor_id, count(*) FILTER (WHERE status NOT IN ('cancelled', 'no_show')),
	min(starts_at), max(ends_at)
	FROM appointments WHERE doctor_id IN (SELECT id FROM doctors) AND starts_at >= ? AND starts_at < ?
	GROUP BY doctor_id`

// DayOutline outlines the clinic day of day (see DayOutline).
func (s *Store) DayOutline(ctx context.Context, actor Actor, day time.Time) (DayOutline, error) {
	defer s.timed("DayOutline")()
	var o DayOutline
	if err := s.allow(ctx, actor, ActReadAppointments); err != nil {
		return o, err
	}
	from, to, err := s.localDays(ctx, day, 1)
	if err != nil {
		return o, err
	}
	names, err := s.doctorNames(ctx)
	if err != nil {
		return o, err
	}
	rows, err := s.fast().QueryContext(ctx, dayOutlineQuery, from, to)
	if err != nil {
		return o, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var d DayDoctor
		var first, last string
		if err := rows.Scan(&d.ID, &d.Booked, &first, &last); err != nil {
			return o, translate(err)
		}
		d.Name = names[d.ID]
		o.Doctors = append(o.Doctors, d)
		if start := parseTime(first); o.First.IsZero() || start.Before(o.First) {
			o.First = start
		}
		if end := parseTime(last); end.After(o.Last) {
			o.Last = end
		}
	}
	if err := rows.Err(); err != nil {
		return o, translate(err)
	}
	sort.Slice(o.Doctors, func(i, j int) bool {
		a, b := o.Doctors[i], o.Doctors[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	return o, nil
}
