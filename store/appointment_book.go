package store

import (
	"context"
	"sort"
	"strconv"
	"strings"
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
	PatientID     int64
	PatientName   string // "" from DayBook until NameBook names it
	PatientCode   string
	DoctorName    string
	Overbooked    bool // booked into time another appointment holds, with a reason
}

// The book's queries read a dozen fields instead of Appointment's twenty-five, as one
// text a row (see bookRowColumn), and leave out the doctors, the users and the
// patients, whose names come from one small query and from the store's copy
// (bookNames). Each reads a bounded range of one index of appointments (a test checks
// their plans).
const (
	bookDayQuery = `SELECT ` + bookRowColumn + ` FROM appointments a
		WHERE a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at LIMIT ?`
	bookDoctorDaysQuery = `SELECT ` + bookRowColumn + ` FROM appointments a
		WHERE a.doctor_id = ? AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at LIMIT ?`
	// The doctors' ids are a JSON array; byDoctor orders the entries by doctor name.
	bookDoctorsDayQuery = `SELECT ` + bookRowColumn + ` FROM appointments a
		WHERE a.doctor_id IN (SELECT value FROM json_each(?)) AND a.starts_at >= ? AND a.starts_at < ?
		ORDER BY a.doctor_id, a.starts_at LIMIT ?`
	doctorNamesQuery = `SELECT d.id, u.full_name FROM doctors d JOIN users u ON u.id = d.user_id`
)

// DayView lists every appointment (in any status) of one clinic day — the clinic date
// of day — by doctor and time, as the book draws them, with their patients' names.
func (s *Store) DayView(ctx context.Context, actor Actor, day time.Time) ([]BookEntry, error) {
	defer s.timed("DayView")()
	list, err := s.dayBook(ctx, actor, day)
	if err != nil {
		return nil, err
	}
	return list, s.bookNames.name(ctx, s.fast(), list)
}

// DayBook is DayView of the given doctors only, without the patients' names: the
// entries carry PatientID, and NameBook names those a screen shows. The book reads the
// columns in view: a day of a large clinic holds 1,500 appointments of 60 doctors, a
// screen of the book four doctors' columns, and reading every column cost the day view
// more than all its other reads. Each name is a search of the patients' table, on a
// cold file a read of the disk: a day of a large clinic names 1,500 patients, a screen
// of the book fifty. DayOutline says what the book needs of the other columns.
func (s *Store) DayBook(ctx context.Context, actor Actor, day time.Time, doctorIDs []int64) ([]BookEntry, error) {
	defer s.timed("DayBook")()
	if err := s.allow(ctx, actor, ActReadAppointments); err != nil {
		return nil, err
	}
	if len(doctorIDs) == 0 {
		return nil, nil
	}
	from, to, err := s.localDays(ctx, day, 1)
	if err != nil {
		return nil, err
	}
	list, err := s.queryBook(ctx, bookDoctorsDayQuery, jsonIDs(doctorIDs), from, to, maxDayRows)
	if err != nil {
		return nil, err
	}
	return byDoctor(list), nil
}

func (s *Store) dayBook(ctx context.Context, actor Actor, day time.Time) ([]BookEntry, error) {
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

// jsonIDs is a JSON array of ids, for json_each.
func jsonIDs(ids []int64) string {
	text := make([]string, len(ids))
	for i, id := range ids {
		text[i] = strconv.FormatInt(id, 10)
	}
	return "[" + strings.Join(text, ",") + "]"
}

// NameBook fills the patient's name and code of each entry of list (entries of
// DayBook): only theirs are read, and a patient read before (and not renamed since) is
// not read again.
func (s *Store) NameBook(ctx context.Context, actor Actor, list []BookEntry) error {
	defer s.timed("NameBook")()
	if err := s.allow(ctx, actor, ActReadAppointments); err != nil {
		return err
	}
	return s.bookNames.name(ctx, s.fast(), list)
}

// DoctorWeek lists one doctor's appointments (in any status) in the seven clinic days
// starting on the clinic date of weekStart, by time, as the book draws them.
func (s *Store) DoctorWeek(ctx context.Context, actor Actor, doctorID int64, weekStart time.Time) ([]BookEntry, error) {
	defer s.timed("DoctorWeek")()
	if err := s.allow(ctx, actor, ActReadAppointments); err != nil {
		return nil, err
	}
	from, to, err := s.localDays(ctx, weekStart, 7)
	if err != nil {
		return nil, err
	}
	list, err := s.queryBook(ctx, bookDoctorDaysQuery, doctorID, from, to, maxDayRows)
	if err != nil {
		return nil, err
	}
	return list, s.bookNames.name(ctx, s.fast(), list)
}

// queryBook runs a query whose one column is bookRowColumn and names each entry's
// doctor; the patients' names are left to bookNames.
func (s *Store) queryBook(ctx context.Context, query string, args ...any) ([]BookEntry, error) {
	names, err := s.doctorNames(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.fast().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	list, err := parseRows(rows, parseBookRow)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].DoctorName = names[list[i].DoctorID]
	}
	return list, nil
}

// doctorNames maps every doctor, active or not, to their name.
func (s *Store) doctorNames(ctx context.Context) (map[int64]string, error) {
	rows, err := s.fast().QueryContext(ctx, doctorNamesQuery)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	names := make(map[int64]string, clinicDoctors)
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
// each doctor's in time order, in place. It moves each entry once: sorting the entries
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
	from := make([]int, 0, len(list)) // the entry each place takes
	for _, first := range doctors {
		from = append(from, rows[list[first].DoctorID]...)
	}
	permute(list, from)
	return list
}

// permute moves list[from[i]] to list[i] for every i, in place, following each cycle
// of the permutation once; it spends from.
func permute(list []BookEntry, from []int) {
	for i := range from {
		if from[i] < 0 {
			continue
		}
		held, j := list[i], i
		for {
			k := from[j]
			from[j] = -1
			if k == i {
				list[j] = held
				break
			}
			list[j], j = list[k], k
		}
	}
}
