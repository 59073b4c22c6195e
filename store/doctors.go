package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
)

// Doctor is a doctor's professional record with the account's name and state.
type Doctor struct {
	ID              int64
	UserID          int64
	Name            string
	Qualification   string
	LicenceNumber   string
	Specialisations []string
	FeeCents        int64
	Active          bool
}

// doctorColumns reads a doctor with their specialisations joined by a unit separator,
// which no one types into a speciality.
const doctorColumns = `d.id, d.user_id, u.full_name, d.qualification, d.licence_number,
	coalesce((SELECT group_concat(ds.speciality, char(31)) FROM doctor_specialisations ds
	          WHERE ds.doctor_id = d.id), ''),
	d.consultation_fee_cents, u.active`

func scanDoctor(row interface{ Scan(...any) error }) (Doctor, error) {
	var d Doctor
	var specs string
	if err := row.Scan(&d.ID, &d.UserID, &d.Name, &d.Qualification, &d.LicenceNumber, &specs,
		&d.FeeCents, &d.Active); err != nil {
		return Doctor{}, err
	}
	if specs != "" {
		d.Specialisations = strings.Split(specs, "\x1f")
		sort.Strings(d.Specialisations)
	}
	return d, nil
}

// clinicDoctors is room for a clinic's doctors (and, twice over, for their schedule
// blocks on a day) in the first allocation of a list of them: the book reads both for
// every day it draws, and a list grown an append at a time allocated about twice its
// size. A garbage collection ended in nine of the day screen's ten slowest runs on the
// large demo (60 doctors); with the lists and maps made to size it allocated 220 KB a
// draw against 256 KB, and its p99 was 5.7-6.9 ms against 7.0-7.3 (three
// alternations, load 1.1, 7 Dec 2026).
const clinicDoctors = 64

// Doctors lists the active doctors by name, for pickers and the appointment book.
func (s *Store) Doctors(ctx context.Context, actor Actor) ([]Doctor, error) {
	defer s.timed("Doctors")()
	if err := s.allow(ctx, actor, ActReadSchedules); err != nil {
		return nil, err
	}
	rows, err := s.fast().QueryContext(ctx, `SELECT `+doctorColumns+`
		FROM doctors d JOIN users u ON u.id = d.user_id
		WHERE u.active = 1 ORDER BY u.full_name, d.id LIMIT 500`)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	doctors := make([]Doctor, 0, clinicDoctors)
	for rows.Next() {
		d, err := scanDoctor(rows)
		if err != nil {
			return nil, translate(err)
		}
		doctors = append(doctors, d)
	}
	return doctors, translate(rows.Err())
}

// DoctorByUser returns the doctor's record of an account: a doctor's own screens start
// from the logged-in user.
func (s *Store) DoctorByUser(ctx context.Context, actor Actor, userID int64) (Doctor, error) {
	defer s.timed("DoctorByUser")()
	if err := s.allow(ctx, actor, ActReadSchedules); err != nil {
		return Doctor{}, err
	}
	d, err := scanDoctor(s.readers.QueryRowContext(ctx, `SELECT `+doctorColumns+`
		FROM doctors d JOIN users u ON u.id = d.user_id WHERE d.user_id = ?`, userID))
	if errors.Is(err, sql.ErrNoRows) {
		return Doctor{}, notFound("doctor")
	}
	return d, translate(err)
}

// loadDoctor reads one doctor through q (the reader pool or a write transaction).
func loadDoctor(ctx context.Context, q querier, id int64) (Doctor, error) {
	d, err := scanDoctor(q.QueryRowContext(ctx, `SELECT `+doctorColumns+`
		FROM doctors d JOIN users u ON u.id = d.user_id WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Doctor{}, notFound("doctor")
	}
	return d, translate(err)
}

// doctorTitle is how messages name a doctor: "Dr. Anil Rao", or the name as it is when
// the account already carries the title.
func doctorTitle(name string) string {
	lower := strings.ToLower(name)
	if strings.HasPrefix(lower, "dr.") || strings.HasPrefix(lower, "dr ") {
		return name
	}
	return "Dr. " + name
}
