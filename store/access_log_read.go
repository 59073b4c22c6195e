package store

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Reading the access log: the admin reviews who opened which patient's record (and
// what was refused), and a patient sees who at the clinic opened theirs.

// AccessFilter narrows the access log. Zero fields do not filter.
type AccessFilter struct {
	UserID    int64
	PatientID int64
	From      time.Time // rows at or after
	To        time.Time // rows before
}

// AccessRecord is one access_log row, with the names behind its ids.
type AccessRecord struct {
	ID          int64
	At          time.Time
	UserName    string // "" for the command line, or a row written outside ClinicDesk
	UserRole    Role
	PatientID   int64
	PatientCode string // the patient's code only: the admin reviews accesses, not records
	Action      string // as stored: read_chart, print, break_glass, export…
	What        string // the action in words: "opened the chart"
	Entity      string
	EntityID    int64
	Allowed     bool
	Reason      string
}

// Who names who acted, in words.
func (r AccessRecord) Who() string {
	if r.UserName == "" {
		return "ClinicDesk (command line)"
	}
	return r.UserName
}

// accessWords says each logged action in words, for the admin and for the patient.
var accessWords = map[string]string{
	string(ActReadChart):       "opened the chart",
	"read_allergies":           "read the allergies",
	"read_medications":         "read the current medications",
	"read_dose_patient":        "read age and weight for a dose check",
	"read_prescription":        "opened a prescription",
	"list_prescriptions":       "listed the prescriptions",
	"read_fulfilment":          "opened a pharmacy fulfilment",
	"read_dispense_warnings":   "checked allergies and interactions at the pharmacy",
	"print":                    "printed",
	string(ActBreakGlass):      "emergency access granted",
	string(ActOpenAuditValues): "opened values in the audit trail",
	"export":                   "exported the whole record",
}

// AccessWords says a logged action in words; an unknown one (a refused action) as it
// is stored, its refusal saying the rest.
func AccessWords(action string) string {
	if w, ok := accessWords[action]; ok {
		return w
	}
	return strings.ReplaceAll(action, "_", " ")
}

// AccessPageSize is how many rows AccessLogPage returns at most.
const AccessPageSize = 200

const accessColumns = `l.id, l.at, coalesce(u.full_name, ''), coalesce(u.role, ''), coalesce(l.patient_id, 0),
	coalesce(p.patient_code, ''), l.action, l.entity,
	coalesce(l.entity_id, 0), l.allowed, l.reason
	FROM access_log l LEFT JOIN users u ON u.id = l.user_id LEFT JOIN patients p ON p.id = l.patient_id`

// AccessLogPage returns up to limit access-log rows matching the filter, newest first,
// with ids below beforeID (0: from the newest). Rows are appended with the clock, so
// the dates bound ids as in AuditPage.
func (s *Store) AccessLogPage(ctx context.Context, actor Actor, f AccessFilter, beforeID int64, limit int) ([]AccessRecord, error) {
	defer s.timed("AccessLogPage")()
	if err := s.allow(ctx, actor, ActReadAccessLog); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > AccessPageSize {
		limit = AccessPageSize
	}
	where, args := []string{"1"}, []any{}
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if beforeID > 0 {
		add("l.id < ?", beforeID)
	}
	if f.UserID != 0 {
		add("l.user_id = ?", f.UserID)
	}
	if f.PatientID != 0 {
		add("l.patient_id = ?", f.PatientID)
	}
	if !f.From.IsZero() {
		add("l.at >= ?", formatTime(f.From))
	}
	if !f.To.IsZero() {
		add("l.at < ?", formatTime(f.To))
	}
	args = append(args, limit)
	return queryAccess(ctx, s.readers, `SELECT `+accessColumns+` WHERE `+strings.Join(where, " AND ")+
		` ORDER BY l.id DESC LIMIT ?`, args...)
}

// AccessPatientID finds the patient an admin typed into the access log's filter by
// code (PAT000123), revealing nothing else about them.
func (s *Store) AccessPatientID(ctx context.Context, actor Actor, code string) (int64, error) {
	defer s.timed("AccessPatientID")()
	if err := s.allow(ctx, actor, ActReadAccessLog); err != nil {
		return 0, err
	}
	var id int64
	err := s.readers.QueryRowContext(ctx, `SELECT id FROM patients WHERE patient_code = ?`,
		strings.ToUpper(strings.TrimSpace(code))).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, invalid("patient", "No patient has this code; type a code such as PAT000123.")
	}
	return id, translate(err)
}

// MyRecordAccesses returns who at the clinic opened the logged-in patient's record,
// newest first: every allowed access by someone other than the patient, at most limit.
func (s *Store) MyRecordAccesses(ctx context.Context, actor Actor, limit int) ([]AccessRecord, error) {
	defer s.timed("MyRecordAccesses")()
	id, err := s.ownPatient(ctx, actor)
	if err != nil {
		return nil, err
	}
	return queryAccess(ctx, s.readers, `SELECT `+accessColumns+` WHERE l.patient_id = ? AND l.allowed = 1
		AND l.user_id IS NOT ? ORDER BY l.id DESC LIMIT ?`, id, actor.ID, pageSize(limit))
}

func queryAccess(ctx context.Context, q querier, query string, args ...any) ([]AccessRecord, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []AccessRecord
	for rows.Next() {
		var r AccessRecord
		var at, role string
		if err := rows.Scan(&r.ID, &at, &r.UserName, &role, &r.PatientID, &r.PatientCode,
			&r.Action, &r.Entity, &r.EntityID, &r.Allowed, &r.Reason); err != nil {
			return nil, translate(err)
		}
		r.At, r.UserRole, r.What = parseTime(at), Role(role), AccessWords(r.Action)
		out = append(out, r)
	}
	return out, translate(rows.Err())
}
