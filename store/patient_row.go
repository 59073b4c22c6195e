package store

import (
	"time"
)

// patientColumns reads a patient as one text (see row_text.go): fifty patients of a
// search in fifteen columns each were a fifth of its time in the driver's locks.
const patientColumns = `printf('%d|%d|%s|%s|%s|%d|%d|%d|%d|%d|%d|%d|%d|%d|%d|%s%s%s%s%s%s%s%s%s%s',
	p.id, coalesce(p.user_id, 0), p.date_of_birth, p.sex, p.blood_group,
	octet_length(p.patient_code), octet_length(p.first_name), octet_length(p.last_name), octet_length(p.phone),
	octet_length(p.email), octet_length(p.address), octet_length(p.emergency_contact_name),
	octet_length(p.emergency_contact_phone), octet_length(p.created_at), octet_length(p.updated_at),
	coalesce(p.patient_code, ''), p.first_name, p.last_name, p.phone, p.email, p.address, p.emergency_contact_name,
	p.emergency_contact_phone, p.created_at, p.updated_at)`

// scanPatient reads one row of patientColumns.
func scanPatient(row interface{ Scan(...any) error }) (Patient, error) {
	var text string
	if err := row.Scan(&text); err != nil {
		return Patient{}, err
	}
	return parsePatientRow(text)
}

// parsePatientRow takes apart one text of patientColumns.
func parsePatientRow(row string) (Patient, error) {
	var f [5]string
	var texts [10]string
	var n [2]int64
	if err := splitRow(row, f[:], texts[:]); err != nil {
		return Patient{}, err
	}
	if err := rowInts(n[:], f[:2]...); err != nil {
		return Patient{}, err
	}
	dob, _ := time.Parse(dateLayout, f[2])
	return Patient{ID: n[0], UserID: n[1], DateOfBirth: dob, Sex: f[3], BloodGroup: f[4],
		Code: texts[0], FirstName: texts[1], LastName: texts[2], Phone: texts[3], Email: texts[4], Address: texts[5],
		EmergencyContactName: texts[6], EmergencyContactPhone: texts[7],
		CreatedAt: parseTime(texts[8]), UpdatedAt: parseTime(texts[9])}, nil
}
