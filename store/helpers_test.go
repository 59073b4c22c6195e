package store

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
)

// testPassword passes the password policy and is shared by every test account.
const testPassword = "correct horse battery staple"

// emptyClinic is a new database file, made once by Open and copied for each test.
var emptyClinic = testfixture.Template{Build: func(path string) error {
	s, err := Open(context.Background(), path, WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		return err
	}
	return s.Close()
}}

// newTestStore opens a fresh database file in a temporary directory, with cheap
// password hashing, closed when the test ends. The file is a copy of one that Open
// made; the tests of Open and of the upgrades make their own.
func newTestStore(t testing.TB, opts ...Option) *Store {
	t.Helper()
	opts = append([]Option{WithBcryptCost(bcrypt.MinCost)}, opts...)
	s, err := Open(context.Background(), emptyClinic.Copy(t, "clinic.db"), opts...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// mustUser creates an account of the role (with a doctor's or pharmacist's record when
// the role needs one) and returns it.
func mustUser(t testing.TB, s *Store, role Role, email, name string) User {
	t.Helper()
	n := NewUser{Email: email, FullName: name, Role: role, Password: testPassword}
	switch role {
	case RoleDoctor:
		n.Doctor = &DoctorProfile{Qualification: "MBBS", LicenceNumber: "LIC-" + email,
			Specialisations: []string{"General Practice"}, FeeCents: 50000}
	case RolePharmacist:
		n.Pharmacist = &PharmacistProfile{LicenceNumber: "PH-" + email}
	case RolePatient:
		return patientLogin(t, s, n)
	}
	u, err := s.CreateUser(context.Background(), System("test"), n)
	if err != nil {
		t.Fatalf("create %s %s: %v", role, email, err)
	}
	return u
}

// patientLogin writes a patient's login with no record, as a test links it to a record
// of its choosing: CreateUser refuses it (a patient's account is given from their
// record).
func patientLogin(t testing.TB, s *Store, n NewUser) User {
	t.Helper()
	ctx := context.Background()
	hash, err := s.hasher.Hash(n.Password)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := s.write(ctx, System("test"), func(tx *Tx) (err error) {
		id, err = insertUser(ctx, tx, n, hash)
		return err
	}); err != nil {
		t.Fatalf("patient login %s: %v", n.Email, err)
	}
	u, err := s.userByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// fixedClock is a settable clock for tests of time-dependent rules.
type fixedClock struct{ t time.Time }

func (c *fixedClock) now() time.Time          { return c.t }
func (c *fixedClock) advance(d time.Duration) { c.t = c.t.Add(d) }
