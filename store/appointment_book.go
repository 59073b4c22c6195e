package store

import (
	"context"
	"sort"
	"time"
)

// BookEntry is an appointment as the appointment book draws it: its place in the grid
// (doctor, start, end), what its cells say (patient, reason, status) and what the line
// under the grid says about the selected one (codes, fee, payment, why it was
// cancelled). Screens that change an appointment load the whole Appointment by ID.
type BookEntry struct {
	ID            int64
	Code          string // APT000001
	DoctorID      int64
	Start, End    time.Time
	Status        AppointmentStatus
	Reason        string
	CancelReason  string
	FeeCents      int64
	PaymentStatus PaymentStatus
	PatientName   string
	PatientCode   string
	DoctorName    string
}

// The book's queries read a dozen columns instead of Appointment's twenty-five and
// leave out the doctors and users, whose names come from one small query: on a day of
// 1,700 appointments the driver's per-column cost was most of the day view's time.
// Each reads a bounded range of one index of appointments (a test checks their plans).
const (
	bookColumns = `a.id, coalesce(a.appointment_code, ''), a.doctor_id, a.starts_at, a.ends_at, a.status,
	a.reason, coalesce(a.cancel_reason, ''), a.fee_cents, a.payment_status,
	p.first_name || ' ' || p.last_name, coalesce(p.patient_code, '')`
	bookDayQuery = `SELECT ` + bookColumns + ` FROM appointments a JOIN patients p ON p.id = a.patient_id
		WHERE a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at LIMIT ?`
	bookDoctorDaysQuery = `SELECT ` + bookColumns + ` FROM appointments a JOIN patients p ON p.id = a.patient_id
		WHERE a.doctor_id = ? AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at LIMIT ?`
	doctorNamesQuery = `SELECT d.id, u.full_name FROM doctors d JOIN users u ON u.id = d.user_id`
)

// DayView lists every appointment (in any status) of one clinic day — the clinic date
// of day — by doctor and time, as the book draws them.
func (s *Store) DayView(ctx context.Context, actor Actor, day time.Time) ([]BookEntry, error) {
	if err := s.allow(ctx, actor, ActReadAppointments); err != nil {
		return nil, err
	}
	from, to, err := s.localDays(ctx, day, 1)
	if err != nil {
		return nil, err
	}
	list, err := s.queryBook(ctx, bookDayQuery, from, to, maxDayRows)
	if err != nil {
		return nil, err
	}
	return byDoctor(list), nil
}

// DoctorWeek lists one doctor's appointments (in any status) in the seven clinic days
// starting on the clinic date of weekStart, by time, as the book draws them.
func (s *Store) DoctorWeek(ctx context.Context, actor Actor, doctorID int64, weekStart time.Time) ([]BookEntry, error) {
	if err := s.allow(ctx, actor, ActReadAppointments); err != nil {
		return nil, err
	}
	from, to, err := s.localDays(ctx, weekStart, 7)
	if err != nil {
		return nil, err
	}
	return s.queryBook(ctx, bookDoctorDaysQuery, doctorID, from, to, maxDayRows)
}

// queryBook runs a query whose select list is bookColumns and names each entry's doctor.
func (s *Store) queryBook(ctx context.Context, query string, args ...any) ([]BookEntry, error) {
	names, err := s.doctorNames(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.fast().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var list []BookEntry
	for rows.Next() {
		var e BookEntry
		var start, end, status, payStatus string
		if err := rows.Scan(&e.ID, &e.Code, &e.DoctorID, &start, &end, &status, &e.Reason, &e.CancelReason,
			&e.FeeCents, &payStatus, &e.PatientName, &e.PatientCode); err != nil {
			return nil, translate(err)
		}
		e.Start, e.End = parseTime(start), parseTime(end)
		e.Status, e.PaymentStatus = AppointmentStatus(status), PaymentStatus(payStatus)
		e.DoctorName = names[e.DoctorID]
		list = append(list, e)
	}
	return list, translate(rows.Err())
}

// doctorNames maps every doctor, active or not, to their name.
func (s *Store) doctorNames(ctx context.Context) (map[int64]string, error) {
	rows, err := s.fast().QueryContext(ctx, doctorNamesQuery)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	names := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, translate(err)
		}
		names[id] = name
	}
	return names, translate(rows.Err())
}

// byDoctor orders a day's entries (in time order) by doctor name and doctor, keeping
// each doctor's in time order. It moves each entry once: sorting the entries
// themselves moved large structs many times.
func byDoctor(list []BookEntry) []BookEntry {
	rows := map[int64][]int{}
	var doctors []int
	for i, e := range list {
		if _, seen := rows[e.DoctorID]; !seen {
			doctors = append(doctors, i)
		}
		rows[e.DoctorID] = append(rows[e.DoctorID], i)
	}
	sort.Slice(doctors, func(i, j int) bool {
		a, b := &list[doctors[i]], &list[doctors[j]]
		if a.DoctorName != b.DoctorName {
			return a.DoctorName < b.DoctorName
		}
		return a.DoctorID < b.DoctorID
	})
	out := make([]BookEntry, 0, len(list))
	for _, first := range doctors {
		for _, i := range rows[list[first].DoctorID] {
			out = append(out, list[i])
		}
	}
	return out
}
