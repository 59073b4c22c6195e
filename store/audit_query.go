package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/schemagen"
)

// AuditFilter narrows the audit trail. Zero fields do not filter.
type AuditFilter struct {
	ActorID   int64
	PatientID int64
	Table     string
	Action    string    // INSERT, UPDATE, DELETE or a security event such as "login"
	From      time.Time // rows at or after
	To        time.Time // rows before
}

// AuditEntry is one row of the audit trail. OldValues and NewValues are JSON objects
// naming each value (audit_trail names those the row recorded by its shape)
// ("" when absent): the row before and after the change. For a row of a patient's
// record (the patient, their chart, visits, prescriptions, dispensing) read by a role
// that may not read charts, the values are left out and ValuesHidden is set: the admin
// reviews who changed which record when, not what it says.
type AuditEntry struct {
	ID        int64
	At        time.Time
	ActorID   int64
	ActorName string
	Table     string
	RowID     int64
	PatientID int64
	Action    string
	OldValues string
	NewValues string

	ValuesHidden bool
}

// patientTables are the audited tables whose rows are a patient's data: those whose
// audit rows name the patient (schemagen's Patient).
var patientTables = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range schemagen.Tables {
		if t.Patient != "" {
			m[t.Name] = true
		}
	}
	return m
}()

// AuditPageSize is how many rows AuditPage returns at most.
const AuditPageSize = 200

// AuditPage returns up to limit audit rows matching the filter, newest first, with ids
// below beforeID (0: from the newest). Paging by id keeps every page as cheap as the
// first, however long the trail.
func (s *Store) AuditPage(ctx context.Context, actor Actor, f AuditFilter, beforeID int64, limit int) ([]AuditEntry, error) {
	defer s.timed("AuditPage")()
	if err := s.allow(ctx, actor, ActReadAudit); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > AuditPageSize {
		limit = AuditPageSize
	}
	where, args := []string{"1"}, []any{}
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if beforeID > 0 {
		add("id < ?", beforeID)
	}
	if f.ActorID != 0 {
		add("actor_id = ?", f.ActorID)
	}
	if f.PatientID != 0 {
		add("patient_id = ?", f.PatientID)
	}
	// A date range becomes a range of ids (firstAuditRowAt), and the page then walks the
	// primary key like every other filter. The conditions on at only guard the range's
	// ends; their unary + keeps the page on the key should an index on at come back.
	if !f.From.IsZero() {
		from, found, err := firstAuditRowAt(ctx, s.fast(), formatTime(f.From))
		if err != nil || !found {
			return nil, err
		}
		add("+at >= ?", formatTime(f.From))
		add("id >= ?", from)
	}
	if !f.To.IsZero() {
		to, found, err := firstAuditRowAt(ctx, s.fast(), formatTime(f.To))
		if err != nil {
			return nil, err
		}
		add("+at < ?", formatTime(f.To))
		if found {
			add("id < ?", to)
		}
	}
	f.Table, f.Action = strings.TrimSpace(f.Table), strings.TrimSpace(f.Action)
	pairs := []auditPair{{f.Table, f.Action}}
	if (f.Table == "") != (f.Action == "") {
		var err error
		if pairs, err = auditPairs(ctx, s.fast(), f.Table, f.Action); err != nil || len(pairs) == 0 {
			return nil, err
		}
	}
	query, queryArgs := auditPageQuery(strings.Join(where, " AND "), args, pairs, limit)
	rows, err := s.readers.QueryContext(ctx, query, queryArgs...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var page []AuditEntry
	readsCharts := Allowed(actor.Role, ActReadChart)
	for rows.Next() {
		var r auditRow
		if err := rows.Scan(r.fields()...); err != nil {
			return nil, translate(err)
		}
		e := AuditEntry{ID: r.ID, At: parseTime(r.At), ActorID: r.ActorID.Int64,
			ActorName: r.ActorName.String, Table: r.Table, RowID: r.RowID.Int64, PatientID: r.PatientID.Int64,
			Action: r.Action, OldValues: r.OldValues.String, NewValues: r.NewValues.String}
		if !readsCharts && patientTables[r.Table] {
			e.OldValues, e.NewValues, e.ValuesHidden = "", "", true
		}
		page = append(page, e)
	}
	return page, translate(rows.Err())
}

// auditPageQuery is a page of the rows meeting cond (with args) in each (table, action)
// pair, newest first. A pair with neither set is the whole trail, and one with both set
// a range of the (table, action, id) index: either is read as it is. Several pairs are
// read each newest first to the page's length, ids only (from the index alone, unless
// cond names another column), and only the newest ids of them all are read whole.
func auditPageQuery(cond string, args []any, pairs []auditPair, limit int) (string, []any) {
	arm := func(columns, from string, p auditPair) (string, []any) {
		armCond, armArgs := cond, slices.Clip(args)
		if p.table != "" {
			armCond, armArgs = armCond+" AND table_name = ? AND action = ?", append(armArgs, p.table, p.action)
		}
		return `SELECT ` + columns + ` FROM ` + from + ` WHERE ` + armCond + ` ORDER BY id DESC LIMIT ?`, append(armArgs, limit)
	}
	if len(pairs) == 1 {
		return arm(auditRowColumns, "audit_trail", pairs[0])
	}
	arms := make([]string, 0, len(pairs))
	var all []any
	for _, p := range pairs {
		query, armArgs := arm("id", "audit_log", p)
		arms, all = append(arms, `SELECT id FROM (`+query+`)`), append(all, armArgs...)
	}
	return `SELECT ` + auditRowColumns + ` FROM audit_trail WHERE id IN (` + strings.Join(arms, " UNION ALL ") +
		` ORDER BY id DESC LIMIT ?) ORDER BY id DESC`, append(all, limit)
}

// OpenAuditValues returns one audit row with its values, for an admin who states why:
// the break-glass of the audit trail, whose pages leave out the values of patients'
// records. The opening and its reason go into the sealed access log, and the admins are
// notified.
func (s *Store) OpenAuditValues(ctx context.Context, actor Actor, id int64, reason string) (AuditEntry, error) {
	defer s.timed("OpenAuditValues")()
	reason = strings.TrimSpace(reason)
	var e AuditEntry
	err := s.write(ctx, actor, func(tx *Tx) error {
		if err := tx.allow(ActOpenAuditValues); err != nil {
			return err
		}
		if n := len([]rune(reason)); n < 10 || n > 500 {
			return invalid("reason", "Say why you need the values, in 10 to 500 characters.")
		}
		rows, err := tx.query(ctx, `SELECT `+auditRowColumns+` FROM audit_trail WHERE id = ?`, id)
		if err != nil {
			return err
		}
		var r auditRow
		found := rows.Next()
		if found {
			err = rows.Scan(r.fields()...)
		}
		rows.Close()
		switch {
		case err != nil:
			return translate(err)
		case !found:
			return notFound("audit row")
		}
		e = AuditEntry{ID: r.ID, At: parseTime(r.At), ActorID: r.ActorID.Int64,
			ActorName: r.ActorName.String, Table: r.Table, RowID: r.RowID.Int64, PatientID: r.PatientID.Int64,
			Action: r.Action, OldValues: r.OldValues.String, NewValues: r.NewValues.String}
		if err := tx.logAccess(ctx, accessEntry{action: string(ActOpenAuditValues), entity: "audit_log", entityID: id,
			patientID: e.PatientID, allowed: true, reason: reason}); err != nil {
			return err
		}
		return tx.Notify(ctx, NotificationInput{Role: RoleAdmin, Kind: KindBreakGlass,
			Title:  "Audit values opened",
			Body:   fmt.Sprintf("%s opened the values of audit row %d (%s): %s", tx.actor.Name, id, r.Table, reason),
			Entity: "audit_log", EntityID: id})
	})
	return e, err
}

// AuditPatientID finds the patient an admin typed into the audit filter, by patient
// code (PAT000123) or number, without revealing anything about them: the admin reads
// no patient data, only which audit rows name the patient.
func (s *Store) AuditPatientID(ctx context.Context, actor Actor, codeOrID string) (int64, error) {
	defer s.timed("AuditPatientID")()
	if err := s.allow(ctx, actor, ActReadAudit); err != nil {
		return 0, err
	}
	codeOrID = strings.ToUpper(strings.TrimSpace(codeOrID))
	var id int64
	err := s.readers.QueryRowContext(ctx, `SELECT id FROM patients WHERE patient_code = ?`, codeOrID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		if n, perr := strconv.ParseInt(codeOrID, 10, 64); perr == nil && n > 0 {
			return n, nil
		}
		return 0, invalid("patient", "No patient has this code; type a code such as PAT000123.")
	}
	return id, translate(err)
}

// AuditTables lists the table names that appear in the audit trail, for the filter.
func AuditTables() []string {
	return []string{SessionTable, "users", "user_ssh_keys", "settings", "doctors", "doctor_specialisations",
		"pharmacists", "patients", "medical_history", "allergies", "current_medications", "patient_pregnancy", "vital_signs",
		"doctor_schedules", "doctor_leaves", "clinic_holidays", "appointments", "prescriptions",
		"prescription_medications", "prescription_tests", "prescription_amendments", "inventory_items",
		"inventory_batches", "stock_movements", "pharmacy_fulfillments", "fulfillment_items"}
}
