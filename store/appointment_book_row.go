package store

import (
	"fmt"
	"strconv"
	"strings"
)

// The book reads each appointment as one text, which bookRowColumn builds with one
// printf and parseBookRow takes apart. The driver locks the connection three times for
// each column of each row it hands over; a day of 1,700 appointments in twelve columns
// spent more time there than SQLite spent finding the rows. The fields of known shape
// come first, separated by '|' (numbers, instants, statuses and codes, which the
// schema's CHECKs and triggers keep free of it); then the byte length of the reason,
// and the reason and the reason for a cancellation unseparated, so either may hold any
// character.
const bookRowColumn = `printf('%d|%d|%d|%s|%s|%s|%d|%s|%s|%d|%d|%s%s',
	a.id, a.doctor_id, a.patient_id, a.starts_at, a.ends_at, a.status, a.fee_cents, a.payment_status,
	coalesce(a.appointment_code, ''), a.overbook_reason IS NOT NULL, octet_length(a.reason), a.reason,
	coalesce(a.cancel_reason, ''))`

// bookRowFields is how many '|'-separated fields come before the free texts.
const bookRowFields = 11

// parseBookRow reads one text of bookRowColumn. The names of the patient and the
// doctor are left to the caller.
func parseBookRow(row string) (BookEntry, error) {
	var f [bookRowFields]string
	rest := row
	for i := range f {
		var ok bool
		if f[i], rest, ok = strings.Cut(rest, "|"); !ok {
			return BookEntry{}, fmt.Errorf("book row %.40q: %d fields, want %d", row, i, bookRowFields)
		}
	}
	var n [6]int64
	for i, field := range []string{f[0], f[1], f[2], f[6], f[10], f[9]} {
		v, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return BookEntry{}, fmt.Errorf("book row %.40q: %w", row, err)
		}
		n[i] = v
	}
	reasonLen := int(n[4])
	if reasonLen < 0 || reasonLen > len(rest) {
		return BookEntry{}, fmt.Errorf("book row %.40q: a reason shorter than its length", row)
	}
	return BookEntry{
		ID: n[0], DoctorID: n[1], PatientID: n[2], FeeCents: n[3],
		Start: parseTime(f[3]), End: parseTime(f[4]),
		Status: AppointmentStatus(f[5]), PaymentStatus: PaymentStatus(f[7]), Code: f[8],
		Reason: rest[:reasonLen], CancelReason: rest[reasonLen:], Overbooked: n[5] == 1,
	}, nil
}
