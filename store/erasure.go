package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	count "github.com/clinicdesk/clinicdesk/internal/plural"
)

// The erasure rule. A patient may be erased (on their request, or past the retention
// period) only when nothing is open: no appointment still to come or under way, no
// prescription still to be dispensed (a draft, or a submitted one still valid), and no
// bill unpaid. An erasure then replaces every identifying detail with a pseudonym and
// keeps the clinical and financial facts the clinic must keep, under that pseudonym:
//
//   - the patients row: the name becomes "Erased" and the pseudonym, the date of birth
//     its year (1 January), phone, e-mail, address and emergency contact empty; the code,
//     sex and blood group stay, so visits, prescriptions, dispensing and the ledger
//     still add up;
//   - the search index: the row is indexed again under the pseudonym and the index
//     merged, so no old token stays in its pages;
//   - the portal login: its name and e-mail become the pseudonym's, its password
//     unusable, the account inactive, its SSH keys removed;
//   - the audit trail: the values of the patient's and the login's rows, the login's
//     session rows, and any other value of theirs naming them become erasure markers,
//     as does the login's name on rows it wrote (see audit_erasure.go); audit verify
//     still passes;
//   - appointments' reason and notes, notifications and the outbox: the details are
//     replaced in their text, the outbox's addresses emptied and its pending messages
//     cancelled; the login's own notifications are deleted;
//   - printouts and exports saved in the print directory for the patient are deleted
//     (see erasePrintouts);
//   - then the file is compacted (VACUUM) and its write-ahead log emptied
//     (checkpoint TRUNCATE), so no freed page keeps the old bytes.
//
// What stays: submitted prescriptions (frozen by the schema) and the chart keep any
// free text a clinician wrote; the access log and emergency grants keep the reasons
// staff typed (sealed evidence, written about the patient by id); backups and replicas
// made before the erasure keep the details until they are discarded.

// ErasureBasis is why a patient is erased.
type ErasureBasis string

// The bases of patient_erasures.basis.
const (
	ErasureOnRequest ErasureBasis = "request"   // the patient asked
	ErasureRetention ErasureBasis = "retention" // past the retention period
)

// ErasurePlan is what erasing one patient would keep and take out, or why it may not
// be done now.
type ErasurePlan struct {
	PatientID   int64
	Code        string
	Name        string
	DateOfBirth time.Time
	LastVisit   time.Time // the start of the last appointment begun by now; zero when never seen
	Registered  time.Time
	ErasedAt    time.Time // when already erased
	Blockers    []string  // sentences saying what is still open; none when it may be done
	// Kept under the pseudonym.
	Appointments, Prescriptions, Payments int
	// Taken out.
	Messages    int  // notifications and outbox messages about the patient
	Pending     int  // of them, e-mail and SMS not yet sent: cancelled
	PortalLogin bool // the patient's login is closed
}

// Allowed reports whether the patient may be erased now.
func (p ErasurePlan) Allowed() bool { return len(p.Blockers) == 0 }

// Erasure is what one erasure did.
type Erasure struct {
	PatientID int64
	Code      string
	Pseudonym string
	Basis     ErasureBasis
	ErasedAt  time.Time
	AuditRows int // audit rows whose values or actor were replaced by markers
	Messages  int // notifications and outbox messages scrubbed or removed
	Printouts int // printout files deleted
	// LogEmptied says the write-ahead log was emptied into the compacted file; false
	// when a reader held it (see compact).
	LogEmptied bool
}

// ErasureRefusedError is an erasure the rule refuses: what is still open.
type ErasureRefusedError struct {
	Code     string
	Blockers []string
}

func (e *ErasureRefusedError) Error() string {
	return e.Code + " cannot be erased yet: " + strings.Join(e.Blockers, " ")
}

// Is makes the refusal a conflict for errors.Is.
func (e *ErasureRefusedError) Is(target error) bool { return target == ErrConflict }

// ErasureCandidate is one patient the admin's erasure search found.
type ErasureCandidate struct {
	PatientID   int64
	Code        string
	Name        string
	DateOfBirth time.Time
	Erased      bool
}

// ErasureSearch finds patients to erase by name, phone, e-mail or code, as the front
// desk's search does; the admin sees only who they are, never their record.
func (s *Store) ErasureSearch(ctx context.Context, actor Actor, query string, limit int) ([]ErasureCandidate, error) {
	defer s.timed("ErasureSearch")()
	if err := s.allow(ctx, actor, ActErasePatients); err != nil {
		return nil, err
	}
	patients, err := s.searchPatients(ctx, query, limit)
	if err != nil {
		return nil, err
	}
	out := make([]ErasureCandidate, 0, len(patients))
	for _, p := range patients {
		var erased bool
		if err := s.readers.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM patient_erasures WHERE patient_id = ?)`,
			p.ID).Scan(&erased); err != nil {
			return nil, translate(err)
		}
		out = append(out, ErasureCandidate{PatientID: p.ID, Code: p.Code, Name: p.FirstName + " " + p.LastName,
			DateOfBirth: p.DateOfBirth, Erased: erased})
	}
	return out, nil
}

// ErasurePlan says what erasing the patient would do, and what stops it now.
func (s *Store) ErasurePlan(ctx context.Context, actor Actor, patientID int64) (ErasurePlan, error) {
	defer s.timed("ErasurePlan")()
	if err := s.allow(ctx, actor, ActErasePatients); err != nil {
		return ErasurePlan{}, err
	}
	return erasurePlan(ctx, s.readers, patientID, s.now())
}

// PatientIDByCode finds a patient's id by code for the erasure command.
func (s *Store) PatientIDByCode(ctx context.Context, actor Actor, code string) (int64, error) {
	if err := s.allow(ctx, actor, ActErasePatients); err != nil {
		return 0, err
	}
	var id int64
	err := s.readers.QueryRowContext(ctx, `SELECT id FROM patients WHERE patient_code = ?`,
		strings.ToUpper(strings.TrimSpace(code))).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("patient with the code " + strings.TrimSpace(code))
	}
	return id, translate(err)
}

func erasurePlan(ctx context.Context, q querier, patientID int64, now time.Time) (ErasurePlan, error) {
	p := ErasurePlan{PatientID: patientID}
	var dob, created string
	var lastVisit, erasedAt sql.NullString
	var userID sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT coalesce(p.patient_code, ''), p.first_name || ' ' || p.last_name,
			p.date_of_birth, p.created_at, p.user_id,
			(SELECT max(starts_at) FROM appointments WHERE patient_id = p.id AND status NOT IN ('cancelled', 'no_show')
			    AND starts_at <= ?2),
			(SELECT erased_at FROM patient_erasures WHERE patient_id = p.id),
			(SELECT count(*) FROM appointments WHERE patient_id = p.id),
			(SELECT count(*) FROM prescriptions WHERE patient_id = p.id),
			(SELECT count(*) FROM payments y WHERE y.appointment_id IN (SELECT id FROM appointments WHERE patient_id = p.id)
			    OR y.fulfillment_id IN (SELECT id FROM pharmacy_fulfillments WHERE patient_id = p.id)),
			(SELECT count(*) FROM notifications WHERE patient_id = p.id),
			(SELECT count(*) FROM notifications WHERE patient_id = p.id AND delivery = 'pending')
		FROM patients p WHERE p.id = ?1`, patientID, formatTime(now)).
		Scan(&p.Code, &p.Name, &dob, &created, &userID, &lastVisit, &erasedAt,
			&p.Appointments, &p.Prescriptions, &p.Payments, &p.Messages, &p.Pending)
	if errors.Is(err, sql.ErrNoRows) {
		return p, notFound("patient")
	}
	if err != nil {
		return p, translate(err)
	}
	p.DateOfBirth, _ = time.Parse(dateLayout, dob)
	p.Registered = parseTime(created)
	p.PortalLogin = userID.Valid
	if lastVisit.Valid {
		p.LastVisit = parseTime(lastVisit.String)
	}
	if erasedAt.Valid {
		p.ErasedAt = parseTime(erasedAt.String)
		p.Blockers = []string{"They were already erased on " + p.ErasedAt.Format("2 Jan 2006") + "."}
		return p, nil
	}
	p.Blockers, err = erasureBlockers(ctx, q, patientID, now)
	return p, err
}

// erasureBlockers lists what is still open for the patient, one sentence each.
func erasureBlockers(ctx context.Context, q querier, patientID int64, now time.Time) ([]string, error) {
	checks := []struct {
		query      string
		one, many  string
		what, then string // then names the rows as %s: "it" or "them"
	}{
		{`SELECT appointment_code FROM appointments WHERE patient_id = ?1
			AND status IN ('scheduled', 'confirmed', 'checked_in', 'in_consultation') ORDER BY starts_at`,
			"appointment", "appointments", "still to come or under way", "cancel or finish %s first."},
		{`SELECT prescription_code FROM prescriptions WHERE patient_id = ?1
			AND (status = 'draft' OR status IN ('submitted', 'dispensing') AND (valid_until IS NULL OR valid_until > ?2))
			ORDER BY created_at`,
			"prescription", "prescriptions", "not yet dispensed", "dispense, cancel or let %s expire first."},
		{`SELECT appointment_code FROM appointments WHERE patient_id = ?1 AND payment_status = 'unpaid'
			AND fee_cents > amount_paid_cents AND status IN ('checked_in', 'in_consultation', 'completed')
			UNION ALL
			SELECT coalesce(r.prescription_code, printf('F%06d', f.id)) FROM pharmacy_fulfillments f
			LEFT JOIN prescriptions r ON r.id = f.prescription_id
			WHERE f.patient_id = ?1 AND f.status <> 'cancelled' AND f.payment_status = 'unpaid'
			AND f.total_cents > f.amount_paid_cents`,
			"unpaid bill", "unpaid bills", "", "settle or waive %s first."},
	}
	var out []string
	for _, c := range checks {
		rows, err := q.QueryContext(ctx, c.query, patientID, formatTime(now))
		if err != nil {
			return nil, translate(err)
		}
		var codes []string
		for rows.Next() {
			var code sql.NullString
			if err := rows.Scan(&code); err != nil {
				rows.Close()
				return nil, translate(err)
			}
			codes = append(codes, code.String)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, translate(err)
		}
		if len(codes) == 0 {
			continue
		}
		list := strings.Join(codes[:min(3, len(codes))], ", ")
		if len(codes) > 3 {
			list += ", …"
		}
		what := count.N(len(codes), c.one, c.many)
		if c.what != "" {
			what += " " + c.what
		}
		them := "them"
		if len(codes) == 1 {
			them = "it"
		}
		out = append(out, fmt.Sprintf("They have %s (%s): %s", what, list, fmt.Sprintf(c.then, them)))
	}
	return out, nil
}

// CheckErasureReason is the rule on an erasure's reason: 10 to 500 characters. That it
// does not name the patient is checked with the patient's details, by the erasure.
func CheckErasureReason(reason string) error {
	if n := len([]rune(strings.TrimSpace(reason))); n < 10 || n > 500 {
		return invalid("reason", "The reason must be 10 to 500 characters: say who asked, or which review this is.")
	}
	return nil
}
