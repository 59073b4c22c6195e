package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// testPassword passes the password policy and is shared by every test account.
const testPassword = "correct horse battery staple"

// newTestStore opens a fresh database file in a temporary directory, with cheap
// password hashing, closed when the test ends.
func newTestStore(t testing.TB, opts ...Option) *Store {
	t.Helper()
	opts = append([]Option{WithBcryptCost(bcrypt.MinCost)}, opts...)
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "clinic.db"), opts...)
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
	}
	u, err := s.CreateUser(context.Background(), System("test"), n)
	if err != nil {
		t.Fatalf("create %s %s: %v", role, email, err)
	}
	return u
}

// fixedClock is a settable clock for tests of time-dependent rules.
type fixedClock struct{ t time.Time }

func (c *fixedClock) now() time.Time          { return c.t }
func (c *fixedClock) advance(d time.Duration) { c.t = c.t.Add(d) }
