package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// policy is the clinic's least-privilege rule in words a reviewer can check line by
// line; the matrix in permissions.go must say exactly this.
//
//	receptionist: patients' demographics, doctors' calendars, appointments, payments;
//	              no medical history, allergies or prescriptions
//	doctor:       reads any chart, writes vitals and history, prescribes
//	pharmacist:   reads submitted prescriptions (with allergies), dispenses, runs inventory
//	admin:        users, settings, the audit trail; no clinical content, except one
//	              audit row's values opened for a stated, logged reason
//	patient:      only their own appointments and prescriptions
//	export:       the front desk and the admin write a patient's whole record to a file
//	              at the patient's request (not shown on screen), each export logged
var policy = map[Action][]Role{
	ActManageUsers:       {RoleAdmin},
	ActReadUsers:         {RoleAdmin},
	ActManageSettings:    {RoleAdmin},
	ActReadAudit:         {RoleAdmin},
	ActReadPatients:      {RoleReceptionist, RoleDoctor, RolePharmacist},
	ActWritePatients:     {RoleReceptionist},
	ActReadChart:         {RoleDoctor},
	ActWriteChart:        {RoleDoctor},
	ActReadSchedules:     {RoleAdmin, RoleReceptionist, RoleDoctor},
	ActManageSchedules:   {RoleAdmin, RoleReceptionist},
	ActReadAppointments:  {RoleReceptionist, RoleDoctor},
	ActBookAppointments:  {RoleReceptionist},
	ActRunConsultation:   {RoleDoctor},
	ActTakePayments:      {RoleReceptionist},
	ActPrescribe:         {RoleDoctor},
	ActReadPrescriptions: {RoleDoctor, RolePharmacist},
	ActDispense:          {RolePharmacist},
	ActReadInventory:     {RoleDoctor, RolePharmacist},
	ActManageInventory:   {RolePharmacist},
	ActReadOwnRecords:    {RolePatient},
	ActBreakGlass:        {RoleReceptionist, RolePharmacist},
	ActOpenAuditValues:   {RoleAdmin},
	ActReadSystem:        {RoleAdmin},
	// The outbox holds patients' addresses and what is sent to them: the admin runs it.
	ActManageOutbox: {RoleAdmin},
	// Totals, never a record: takings and bookings for the admin and the front desk,
	// stock and sales for the admin and the pharmacist.
	ActReadReports:         {RoleAdmin, RoleReceptionist},
	ActReadPharmacyReports: {RoleAdmin, RolePharmacist},
	ActExportPatient:       {RoleAdmin, RoleReceptionist},
	// The access log names who opened which patient's record: the admin reviews it.
	ActReadAccessLog: {RoleAdmin},
}

// matrixFixture is one account of every role and a patient who is also a user.
type matrixFixture struct {
	users     map[Role]User
	patientID int64 // the patient user's own record
	otherID   int64 // someone else's record
}

func newMatrixFixture(t *testing.T, s *Store) matrixFixture {
	t.Helper()
	f := matrixFixture{users: map[Role]User{}}
	for _, r := range Roles {
		f.users[r] = mustUser(t, s, r, string(r)+"@clinic.test", "Test "+string(r))
	}
	desk := f.users[RoleReceptionist].Actor()
	for i, id := range []*int64{&f.patientID, &f.otherID} {
		p, err := s.AddPatient(context.Background(), desk, PatientInput{FirstName: "Pat", LastName: []string{"Own", "Other"}[i],
			DateOfBirth: time.Date(1980, 1, 2, 0, 0, 0, 0, time.UTC), Sex: "female"})
		if err != nil {
			t.Fatal(err)
		}
		*id = p.ID
	}
	err := s.write(context.Background(), System("test"), func(tx *Tx) error {
		_, err := tx.exec(context.Background(), `UPDATE patients SET user_id = ? WHERE id = ?`, f.users[RolePatient].ID, f.patientID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// probes call one store method guarded by each action. A permitted call may still fail
// for other reasons (the record does not exist): only ErrForbidden counts as refused.
func matrixProbes(f matrixFixture) map[Action]func(context.Context, *Store, Actor) error {
	const missing = 987654
	return map[Action]func(context.Context, *Store, Actor) error{
		ActManageUsers: func(ctx context.Context, s *Store, a Actor) error {
			return s.SetUserActive(ctx, a, missing, true)
		},
		ActReadUsers: func(ctx context.Context, s *Store, a Actor) error { _, err := s.ListUsers(ctx, a, ""); return err },
		ActManageSettings: func(ctx context.Context, s *Store, a Actor) error {
			return s.PutSetting(ctx, a, SettingCurrency, "EUR")
		},
		ActReadAudit: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.AuditPage(ctx, a, AuditFilter{}, 0, 10)
			return err
		},
		ActReadPatients: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.SearchPatients(ctx, a, "Pat", 5)
			return err
		},
		ActWritePatients: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.UpdatePatient(ctx, a, f.otherID, PatientInput{FirstName: "Pat", LastName: "Other",
				DateOfBirth: time.Date(1980, 1, 2, 0, 0, 0, 0, time.UTC), Sex: "female"})
			return err
		},
		ActReadChart: func(ctx context.Context, s *Store, a Actor) error { _, err := s.Chart(ctx, a, f.otherID); return err },
		ActWriteChart: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.AddAllergy(ctx, a, f.otherID, AllergyInput{Allergen: "Penicillin", Severity: "severe"})
			return err
		},
		ActReadSchedules:   func(ctx context.Context, s *Store, a Actor) error { _, err := s.Doctors(ctx, a); return err },
		ActManageSchedules: func(ctx context.Context, s *Store, a Actor) error { return s.RemoveHoliday(ctx, a, missing) },
		ActReadAppointments: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.PatientAppointments(ctx, a, f.otherID, true, 5)
			return err
		},
		ActBookAppointments: func(ctx context.Context, s *Store, a Actor) error { return s.Confirm(ctx, a, missing) },
		ActRunConsultation:  func(ctx context.Context, s *Store, a Actor) error { return s.StartConsultation(ctx, a, missing) },
		ActTakePayments: func(ctx context.Context, s *Store, a Actor) error {
			return s.RecordPayment(ctx, a, missing, PaymentInput{Status: PaymentWaived})
		},
		ActPrescribe: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.CreatePrescription(ctx, a, missing)
			return err
		},
		ActReadPrescriptions: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.PatientPrescriptions(ctx, a, f.otherID, 5)
			return err
		},
		ActDispense:        func(ctx context.Context, s *Store, a Actor) error { _, err := s.Queue(ctx, a, 5); return err },
		ActReadInventory:   func(ctx context.Context, s *Store, a Actor) error { _, err := s.LowStock(ctx, a, 5); return err },
		ActManageInventory: func(ctx context.Context, s *Store, a Actor) error { return s.AdjustStock(ctx, a, missing, 1, "count") },
		ActReadOwnRecords: func(ctx context.Context, s *Store, a Actor) error {
			if a.Role != RolePatient {
				// Staff reach a patient's records through the other actions; a staff
				// member's "own records" are no patient's, so the probe reads the
				// patient user's record as someone who is not them.
				_, err := s.PatientAppointments(ctx, a, f.patientID, true, 5)
				if err == nil && !Allowed(a.Role, ActReadAppointments) {
					return errors.New("read another's records")
				}
				return &ForbiddenError{Role: a.Role, Action: ActReadOwnRecords}
			}
			if _, err := s.PatientAppointments(ctx, a, f.patientID, true, 5); err != nil {
				return err
			}
			_, err := s.PatientPrescriptions(ctx, a, f.patientID, 5)
			return err
		},
		ActOpenAuditValues: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.OpenAuditValues(ctx, a, 1, "checking a reported change")
			return err
		},
		ActManageOutbox: func(ctx context.Context, s *Store, a Actor) error { return s.CancelMessage(ctx, a, missing) },
		ActReadSystem: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.BackupStatus(ctx, a)
			return err
		},
		ActBreakGlass: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.BreakGlass(ctx, a, f.patientID, "Patient collapsed at the desk; need allergies")
			return err
		},
		ActReadReports: func(ctx context.Context, s *Store, a Actor) error {
			day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
			_, err := s.Report(ctx, a, "appointments", day, day)
			return err
		},
		ActExportPatient: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.ExportPatient(ctx, a, ExportRequest{PatientID: f.otherID, Format: ExportJSON, Where: "a test"})
			return err
		},
		ActReadAccessLog: func(ctx context.Context, s *Store, a Actor) error {
			_, err := s.AccessLogPage(ctx, a, AccessFilter{}, 0, 10)
			return err
		},
		ActReadPharmacyReports: func(ctx context.Context, s *Store, a Actor) error {
			day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
			_, err := s.Report(ctx, a, "stock-valuation", day, day)
			return err
		},
	}
}

func refusals(t *testing.T, s *Store, userID int64) (access, audit int) {
	t.Helper()
	s.readers.QueryRow(`SELECT count(*) FROM access_log WHERE user_id = ? AND allowed = 0`, userID).Scan(&access)
	s.readers.QueryRow(`SELECT count(*) FROM audit_log WHERE table_name = 'session' AND action = 'permission_refused'
		AND actor_id = ?`, userID).Scan(&audit)
	return access, audit
}

// TestPermissionMatrix walks every role against every action through the store: the
// matrix equals the policy, each permitted call gets past the check, and each refused
// one returns ErrForbidden and leaves an access-log row and a sealed audit row.
func TestPermissionMatrix(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	f := newMatrixFixture(t, s)
	probes := matrixProbes(f)
	if len(probes) != len(policy) || len(permissions) != len(policy) || len(descriptions) != len(policy) {
		t.Fatalf("%d probes, %d policy lines, %d matrix lines, %d descriptions: every action needs all four",
			len(probes), len(policy), len(permissions), len(descriptions))
	}
	for action, roles := range policy {
		want := map[Role]bool{}
		for _, r := range roles {
			want[r] = true
		}
		for _, role := range Roles {
			if Allowed(role, action) != want[role] {
				t.Errorf("matrix: %s %s = %v, policy says %v", role, action, Allowed(role, action), want[role])
			}
			probe := probes[action]
			if probe == nil {
				t.Fatalf("no probe for %s", action)
			}
			u := f.users[role]
			beforeAccess, beforeAudit := refusals(t, s, u.ID)
			err := probe(ctx, s, u.Actor())
			afterAccess, afterAudit := refusals(t, s, u.ID)
			if want[role] {
				if errors.Is(err, ErrForbidden) {
					t.Errorf("%s %s: refused (%v), policy allows it", role, action, err)
				}
				continue
			}
			if !errors.Is(err, ErrForbidden) {
				t.Errorf("%s %s: got %v, want ErrForbidden", role, action, err)
				continue
			}
			if action == ActReadOwnRecords {
				continue // the probe refuses on the store's behalf for staff (see above)
			}
			if afterAccess <= beforeAccess || afterAudit <= beforeAudit {
				t.Errorf("%s %s: refusal not logged (access log %d→%d, audit %d→%d)",
					role, action, beforeAccess, afterAccess, beforeAudit, afterAudit)
			}
		}
	}
	if report, err := s.VerifyAudit(ctx); err != nil || !report.Intact() {
		t.Fatalf("audit chain after the matrix: %+v, %v", report, err)
	}
}

// TestPatientReadsOnlyOwnRecords: a patient may read their own appointments and
// prescriptions and nobody else's.
func TestPatientReadsOnlyOwnRecords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	f := newMatrixFixture(t, s)
	me := f.users[RolePatient].Actor()
	if _, err := s.PatientAppointments(ctx, me, f.patientID, true, 5); err != nil {
		t.Fatalf("own appointments: %v", err)
	}
	if _, err := s.PatientPrescriptions(ctx, me, f.patientID, 5); err != nil {
		t.Fatalf("own prescriptions: %v", err)
	}
	if _, err := s.PatientAppointments(ctx, me, f.otherID, true, 5); !errors.Is(err, ErrForbidden) {
		t.Fatalf("another's appointments: %v", err)
	}
	if _, err := s.PatientPrescriptions(ctx, me, f.otherID, 5); !errors.Is(err, ErrForbidden) {
		t.Fatalf("another's prescriptions: %v", err)
	}
	if _, err := s.Chart(ctx, me, f.patientID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("own chart (not in the patient's rights): %v", err)
	}
}
