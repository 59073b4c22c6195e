package store

import (
	"context"
	"errors"
	"time"
)

// SeriesCollision is a visit of a series that was not booked, and why, so the desk can
// place it by hand.
type SeriesCollision struct {
	Start time.Time
	Err   error // a plain sentence; matches ErrConflict for a taken time, ErrInvalid for a closed day or hours
}

// maxSeries bounds a series: a year of weekly visits.
const maxSeries = 52

// BookSeries books count visits, the first at first.Start and each next one every
// (a whole number of days or weeks) later at the same clinic wall-clock time, under
// Book's rules. Each visit is booked in its own savepoint, so a refused one is left out
// without undoing the others: booked lists the ids booked, collisions the visits
// refused with the reason. Nothing is booked other than as asked. The visits share a
// series id: first.SeriesID, or a new one (the next appointment id).
func (t *Tx) BookSeries(ctx context.Context, first BookingInput, every time.Duration, count int) (booked []int64, collisions []SeriesCollision, err error) {
	if err := t.allow(ActBookAppointments); err != nil {
		return nil, nil, err
	}
	const day = 24 * time.Hour
	if err := CheckSeries(every, count); err != nil {
		return nil, nil, err
	}
	if err := first.validate(); err != nil {
		return nil, nil, err
	}
	if _, err := loadDoctor(ctx, t.q(), first.DoctorID); err != nil {
		return nil, nil, err
	}
	if err := patientExists(ctx, t.q(), first.PatientID); err != nil {
		return nil, nil, err
	}
	loc, err := t.location(ctx)
	if err != nil {
		return nil, nil, err
	}
	if first.SeriesID == 0 {
		if err := t.queryRow(ctx, `SELECT coalesce(max(id), 0) + 1 FROM appointments`).Scan(&first.SeriesID); err != nil {
			return nil, nil, translate(err)
		}
	}
	wall := first.Start.In(loc)
	days := int(every / day)
	for i := range count {
		visit := first
		visit.Start = time.Date(wall.Year(), wall.Month(), wall.Day()+i*days, wall.Hour(), wall.Minute(), 0, 0, loc)
		id, err := t.bookInSavepoint(ctx, visit)
		switch {
		case err == nil:
			booked = append(booked, id)
		case errors.Is(err, ErrConflict) || errors.Is(err, ErrInvalid):
			collisions = append(collisions, SeriesCollision{Start: visit.Start, Err: err})
		default:
			return nil, nil, err
		}
	}
	return booked, collisions, nil
}

// bookInSavepoint books one visit so that, if it is refused, whatever it wrote is undone
// and the transaction goes on.
func (t *Tx) bookInSavepoint(ctx context.Context, in BookingInput) (id int64, err error) {
	err = t.inSavepoint(ctx, "series_visit", func() error {
		id, err = t.Book(ctx, in)
		return err
	})
	return id, err
}

// BookSeries books a series of visits in one transaction; see Tx.BookSeries.
func (s *Store) BookSeries(ctx context.Context, actor Actor, first BookingInput, every time.Duration, count int) (booked []int64, collisions []SeriesCollision, err error) {
	defer s.timed("BookSeries")()
	err = s.write(ctx, actor, func(tx *Tx) error {
		booked, collisions, err = tx.BookSeries(ctx, first, every, count)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return booked, collisions, nil
}

// CheckSeries is the rule on a series of follow-up visits: every whole number of days
// or weeks up to a year, 1 to 52 visits. BookSeries checks it; a form checks it as typed.
func CheckSeries(every time.Duration, count int) error {
	const day = 24 * time.Hour
	if every <= 0 || every%day != 0 || every > 365*day {
		return invalid("every", "Repeat every whole number of days or weeks, up to a year.")
	}
	if count < 1 || count > maxSeries {
		return invalid("count", "A series has from 1 to 52 visits.")
	}
	return nil
}
