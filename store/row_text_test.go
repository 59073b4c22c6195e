package store

import (
	"database/sql"
	"testing"
	"time"
)

// Every field of an appointment comes back from its one text as it was stored: texts
// holding the separator, digits where a length ends, several bytes a character, and
// NULLs, which read as empty texts and zero ids and instants.
func TestAnAppointmentRowReadsBackEveryField(t *testing.T) {
	t.Parallel()
	db := memoryDB(t, `
		CREATE TABLE appointments(id INTEGER PRIMARY KEY, appointment_code TEXT, patient_id INTEGER, doctor_id INTEGER,
			starts_at TEXT, ends_at TEXT, status TEXT, reason TEXT, notes TEXT, cancel_reason TEXT, fee_cents INTEGER,
			payment_status TEXT, payment_method TEXT, amount_paid_cents INTEGER, paid_at TEXT, checked_in_at TEXT,
			consultation_started_at TEXT, completed_at TEXT, series_id INTEGER, booked_by INTEGER, created_at TEXT,
			updated_at TEXT, overbook_reason TEXT);
		CREATE TABLE patients(id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, patient_code TEXT);
		CREATE TABLE users(id INTEGER PRIMARY KEY, full_name TEXT);
		INSERT INTO users VALUES (7, 'Dr. Mei | Rao 2');
		INSERT INTO patients VALUES (3, 'Zoë', 'O''Brien|12', 'PAT000003'), (4, 'Ann', 'Lee', NULL);
		INSERT INTO appointments VALUES
			(11, 'APT000011', 3, 7, '2026-11-24T04:30:00Z', '2026-11-24T04:45:00Z', 'completed', '12|3 follow-up',
			 'notes: ☕|9', 'n/a', 150000, 'paid', 'upi', 150000, '2026-11-24T05:00:00Z', '2026-11-24T04:20:00Z',
			 '2026-11-24T04:31:00Z', '2026-11-24T04:50:00Z', 5, 2, '2026-11-01T09:00:00Z', '2026-11-24T05:00:00Z', '9|urgent'),
			(12, NULL, 4, 7, '2026-11-25T04:30:00Z', '2026-11-25T04:45:00Z', 'scheduled', '', '', NULL, 0,
			 'unpaid', NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z', NULL)`)
	rows, err := db.Query(`SELECT ` + appointmentColumns + ` FROM appointments a JOIN patients p ON p.id = a.patient_id
		JOIN users u ON u.id = a.doctor_id ORDER BY a.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []Appointment
	for rows.Next() {
		a, err := scanAppointment(rows)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, a)
	}
	at := func(s string) time.Time { return parseTime(s) }
	want := []Appointment{{ID: 11, Code: "APT000011", PatientID: 3, DoctorID: 7, Start: at("2026-11-24T04:30:00Z"),
		End: at("2026-11-24T04:45:00Z"), Status: "completed", Reason: "12|3 follow-up", Notes: "notes: ☕|9",
		CancelReason: "n/a", FeeCents: 150000, PaymentStatus: "paid", PaymentMethod: "upi", AmountPaidCents: 150000,
		PaidAt: at("2026-11-24T05:00:00Z"), CheckedInAt: at("2026-11-24T04:20:00Z"),
		ConsultationStartedAt: at("2026-11-24T04:31:00Z"), CompletedAt: at("2026-11-24T04:50:00Z"), SeriesID: 5,
		BookedBy: 2, CreatedAt: at("2026-11-01T09:00:00Z"), UpdatedAt: at("2026-11-24T05:00:00Z"),
		OverbookReason: "9|urgent", PatientName: "Zoë O'Brien|12", PatientCode: "PAT000003", DoctorName: "Dr. Mei | Rao 2"},
		{ID: 12, PatientID: 4, DoctorID: 7, Start: at("2026-11-25T04:30:00Z"), End: at("2026-11-25T04:45:00Z"),
			Status: "scheduled", PaymentStatus: "unpaid", CreatedAt: at("2026-11-02T09:00:00Z"),
			UpdatedAt: at("2026-11-02T09:00:00Z"), PatientName: "Ann Lee", DoctorName: "Dr. Mei | Rao 2"}}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	// A text that does not hold what it says is refused, not read askew.
	for _, bad := range []string{"1|2|3", "1|2|3|4|5|6|7|a|b|c|d|" + "1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|"} {
		if _, err := parseAppointmentRow(bad); err == nil {
			t.Errorf("%q was read", bad)
		}
	}
}

// A patient's fields come back from its one text as stored, whatever the free texts
// hold; a NULL code and login read as empty and 0.
func TestAPatientRowReadsBackEveryField(t *testing.T) {
	t.Parallel()
	db := memoryDB(t, `
		CREATE TABLE patients(id INTEGER PRIMARY KEY, patient_code TEXT, user_id INTEGER, first_name TEXT, last_name TEXT,
			date_of_birth TEXT, sex TEXT, phone TEXT, email TEXT, address TEXT, emergency_contact_name TEXT,
			emergency_contact_phone TEXT, blood_group TEXT, created_at TEXT, updated_at TEXT);
		INSERT INTO patients VALUES
			(3, 'PAT000003', 9, 'Zoë', 'O''Brien|12', '1980-05-17', 'female', '+91 98765 43210', '7|z@example.com',
			 '12 | Lake Road, Pune 411001', '4 Ravi', '|0', 'AB+', '2026-11-01T09:00:00Z', '2026-11-24T05:00:00Z'),
			(4, NULL, NULL, 'Ann', 'Lee', '2001-01-31', 'unknown', '', '', '', '', '', 'unknown',
			 '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z')`)
	rows, err := db.Query(`SELECT ` + patientColumns + ` FROM patients p ORDER BY p.id`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := scanPatients(rows)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(dateLayout, s); return d }
	want := []Patient{{ID: 3, Code: "PAT000003", UserID: 9, FirstName: "Zoë", LastName: "O'Brien|12",
		DateOfBirth: day("1980-05-17"), Sex: "female", Phone: "+91 98765 43210", Email: "7|z@example.com",
		Address: "12 | Lake Road, Pune 411001", EmergencyContactName: "4 Ravi", EmergencyContactPhone: "|0",
		BloodGroup: "AB+", CreatedAt: parseTime("2026-11-01T09:00:00Z"), UpdatedAt: parseTime("2026-11-24T05:00:00Z")},
		{ID: 4, FirstName: "Ann", LastName: "Lee", DateOfBirth: day("2001-01-31"), Sex: "unknown", BloodGroup: "unknown",
			CreatedAt: parseTime("2026-11-02T09:00:00Z"), UpdatedAt: parseTime("2026-11-02T09:00:00Z")}}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// memoryDB is a database in memory on one connection, made by the statements of setup.
func memoryDB(t *testing.T, setup string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(setup); err != nil {
		t.Fatal(err)
	}
	return db
}
