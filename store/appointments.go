package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// AppointmentStatus is where an appointment is in its life: scheduled → confirmed →
// checked_in → in_consultation → completed, or cancelled / no_show before the
// consultation starts. The schema's status_flow trigger allows only these steps.
type AppointmentStatus string

// The appointment statuses of the schema's appointments.status.
const (
	AppointmentScheduled      AppointmentStatus = "scheduled"
	AppointmentConfirmed      AppointmentStatus = "confirmed"
	AppointmentCheckedIn      AppointmentStatus = "checked_in"
	AppointmentInConsultation AppointmentStatus = "in_consultation"
	AppointmentCompleted      AppointmentStatus = "completed"
	AppointmentCancelled      AppointmentStatus = "cancelled"
	AppointmentNoShow         AppointmentStatus = "no_show"
)

var appointmentLabels = map[AppointmentStatus]string{
	AppointmentScheduled:      "scheduled",
	AppointmentConfirmed:      "confirmed",
	AppointmentCheckedIn:      "checked in",
	AppointmentInConsultation: "in consultation",
	AppointmentCompleted:      "completed",
	AppointmentCancelled:      "cancelled",
	AppointmentNoShow:         "a no-show",
}

// Label is the status in words for screens and messages: "checked in".
func (s AppointmentStatus) Label() string {
	if l, ok := appointmentLabels[s]; ok {
		return l
	}
	return string(s)
}

// Valid reports whether s is one of the schema's statuses.
func (s AppointmentStatus) Valid() bool { _, ok := appointmentLabels[s]; return ok }

// PaymentStatus is whether an appointment's fee has been settled.
type PaymentStatus string

// The payment statuses of the schema's appointments.payment_status.
const (
	PaymentUnpaid   PaymentStatus = "unpaid"
	PaymentPaid     PaymentStatus = "paid"
	PaymentWaived   PaymentStatus = "waived"
	PaymentRefunded PaymentStatus = "refunded"
)

// PaymentMethod is how a fee was paid.
type PaymentMethod string

// The payment methods of the schema's payment_method CHECK.
const (
	PaymentCash      PaymentMethod = "cash"
	PaymentCard      PaymentMethod = "card"
	PaymentUPI       PaymentMethod = "upi"
	PaymentInsurance PaymentMethod = "insurance"
	PaymentOther     PaymentMethod = "other"
)

// PaymentMethods lists the methods in the order screens offer them.
var PaymentMethods = []PaymentMethod{PaymentCash, PaymentCard, PaymentUPI, PaymentInsurance, PaymentOther}

// Valid reports whether m is one of the schema's methods.
func (m PaymentMethod) Valid() bool {
	for _, known := range PaymentMethods {
		if m == known {
			return true
		}
	}
	return false
}

// Appointment is one row of the appointment book, with the names screens show beside it.
// Times are instants (UTC); screens show them in the clinic's time zone. A zero time
// means "not yet" (not paid, not checked in …).
type Appointment struct {
	ID                    int64
	Code                  string // APT000001
	PatientID             int64
	DoctorID              int64
	Start, End            time.Time
	Status                AppointmentStatus
	Reason                string
	Notes                 string
	CancelReason          string
	FeeCents              int64
	PaymentStatus         PaymentStatus
	PaymentMethod         PaymentMethod // "" until paid
	AmountPaidCents       int64
	PaidAt                time.Time
	CheckedInAt           time.Time
	ConsultationStartedAt time.Time
	CompletedAt           time.Time
	SeriesID              int64 // 0 for a one-off visit
	BookedBy              int64 // the user who booked it; 0 when unknown
	CreatedAt, UpdatedAt  time.Time
	OverbookReason        string // why it shares its doctor's time; "" when it does not

	PatientName string
	PatientCode string
	DoctorName  string
}

const appointmentFrom = ` FROM appointments a
	JOIN patients p ON p.id = a.patient_id
	JOIN doctors d ON d.id = a.doctor_id
	JOIN users u ON u.id = d.user_id `

// The list queries. Each reads a bounded range of one index of appointments (a test
// checks their plans): the book is the largest table.
const (
	doctorDaysQuery = `SELECT ` + appointmentColumns + appointmentFrom + `
		WHERE a.doctor_id = ? AND a.starts_at >= ? AND a.starts_at < ?
		ORDER BY a.starts_at LIMIT ?`
	upcomingQuery = `SELECT ` + appointmentColumns + appointmentFrom + `
		WHERE a.patient_id = ? AND ` + upcomingWhere + ` ORDER BY a.starts_at, a.id LIMIT ?`
	pastQuery = `SELECT ` + appointmentColumns + appointmentFrom + `
		WHERE a.patient_id = ? AND NOT ` + upcomingWhere + ` ORDER BY a.starts_at DESC, a.id DESC LIMIT ?`
	// upcomingWhere is a visit still to come: from now (the query's second parameter) on,
	// and not finished early, cancelled or missed; every other visit is past. A visit
	// completed before its booked time is past, never "upcoming".
	upcomingWhere    = `(a.starts_at >= ?2 AND a.status NOT IN ('completed', 'cancelled', 'no_show'))`
	waitingRoomQuery = `SELECT ` + appointmentColumns + appointmentFrom + `
		WHERE a.status = 'checked_in' ORDER BY u.full_name, a.doctor_id, a.checked_in_at LIMIT 500`
	// The payment queries repeat the appointments_unpaid index's condition; for every
	// patient the index is named, or the planner walks the whole book in time order
	// looking for unpaid rows.
	allPaymentsDueQuery = `SELECT ` + appointmentColumns + `
		FROM appointments a INDEXED BY appointments_unpaid
		JOIN patients p ON p.id = a.patient_id
		JOIN doctors d ON d.id = a.doctor_id
		JOIN users u ON u.id = d.user_id
		WHERE a.payment_status = 'unpaid' AND a.fee_cents > 0 AND a.status NOT IN ('cancelled', 'no_show')
		ORDER BY a.starts_at LIMIT 500`
	paymentsDueQuery = `SELECT ` + appointmentColumns + appointmentFrom + `
		WHERE a.payment_status = 'unpaid' AND a.fee_cents > 0 AND a.status NOT IN ('cancelled', 'no_show')
		  AND a.patient_id = ? ORDER BY a.starts_at LIMIT 500`
)

// queryAppointments runs a query whose select list is appointmentColumns.
func queryAppointments(ctx context.Context, q querier, query string, args ...any) ([]Appointment, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	return parseRows(rows, parseAppointmentRow)
}

func loadAppointment(ctx context.Context, q querier, id int64) (Appointment, error) {
	a, err := scanAppointment(q.QueryRowContext(ctx, `SELECT `+appointmentColumns+appointmentFrom+`WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Appointment{}, notFound("appointment")
	}
	return a, translate(err)
}

// Appointment returns one appointment.
func (s *Store) Appointment(ctx context.Context, actor Actor, id int64) (Appointment, error) {
	defer s.timed("Appointment")()
	if err := s.allow(ctx, actor, ActReadAppointments); err != nil {
		return Appointment{}, err
	}
	return loadAppointment(ctx, s.readers, id)
}

// maxDayRows bounds a day's or a week's list (here and in the book's reads); a clinic day is far smaller.
const maxDayRows = 2000

// DoctorDay lists one doctor's appointments (in any status) on the clinic date of day,
// by time.
func (s *Store) DoctorDay(ctx context.Context, actor Actor, doctorID int64, day time.Time) ([]Appointment, error) {
	defer s.timed("DoctorDay")()
	if err := s.allow(ctx, actor, ActReadAppointments); err != nil {
		return nil, err
	}
	from, to, err := s.localDays(ctx, day, 1)
	if err != nil {
		return nil, err
	}
	return queryAppointments(ctx, s.fast(), doctorDaysQuery, doctorID, from, to, maxDayRows)
}

// localDays is the stored-time range of n clinic days from the clinic date of first.
func (s *Store) localDays(ctx context.Context, first time.Time, n int) (from, to string, err error) {
	loc, err := clinicLocation(ctx, s.fast())
	if err != nil {
		return "", "", err
	}
	day := localDate(first, loc)
	return formatTime(day), formatTime(addDays(day, n)), nil
}

// PatientAppointments lists a patient's appointments: upcoming ones (from now on)
// soonest first, or past ones latest first, at most limit (1 to 500; 0 means 50).
// A patient may list their own.
func (s *Store) PatientAppointments(ctx context.Context, actor Actor, patientID int64, upcoming bool, limit int) ([]Appointment, error) {
	defer s.timed("PatientAppointments")()
	if err := s.allowPatientRecords(ctx, actor, patientID, ActReadAppointments); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	query := upcomingQuery
	if !upcoming {
		query = pastQuery
	}
	return queryAppointments(ctx, s.readers, query, patientID, formatTime(s.now()), limit)
}

// allowPatientRecords lets a patient read their own records and anyone else take the
// action as the matrix says.
func (s *Store) allowPatientRecords(ctx context.Context, actor Actor, patientID int64, action Action) error {
	if actor.Role == RolePatient && Allowed(actor.Role, ActReadOwnRecords) && actor.ID != 0 {
		var owner sql.NullInt64
		err := s.readers.QueryRowContext(ctx, `SELECT user_id FROM patients WHERE id = ?`, patientID).Scan(&owner)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return translate(err)
		}
		if owner.Valid && owner.Int64 == actor.ID {
			return nil
		}
	}
	return s.allow(ctx, actor, action)
}

// WaitingRoom lists the patients checked in and not yet seen, by doctor, the longest
// waiting first; the wait is the store's clock minus CheckedInAt.
func (s *Store) WaitingRoom(ctx context.Context, actor Actor) ([]Appointment, error) {
	defer s.timed("WaitingRoom")()
	if err := s.allow(ctx, actor, ActReadAppointments); err != nil {
		return nil, err
	}
	return queryAppointments(ctx, s.readers, waitingRoomQuery)
}

// PaymentsDue lists appointments with a fee not yet paid or waived, excluding cancelled
// and missed ones, oldest first: one patient's, or every patient's when patientID is 0
// (at most 500).
func (s *Store) PaymentsDue(ctx context.Context, actor Actor, patientID int64) ([]Appointment, error) {
	defer s.timed("PaymentsDue")()
	if err := s.allow(ctx, actor, ActReadAppointments); err != nil {
		return nil, err
	}
	if patientID == 0 {
		return queryAppointments(ctx, s.readers, allPaymentsDueQuery)
	}
	return queryAppointments(ctx, s.readers, paymentsDueQuery, patientID)
}
