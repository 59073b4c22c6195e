package store

import (
	"context"
	"maps"
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
	return openTestStore(t, emptyClinic.Copy(t, "clinic.db"), opts...)
}

// openTestStore opens the database at path as newTestStore does: cheap password
// hashing, closed when the test ends.
func openTestStore(t testing.TB, path string, opts ...Option) *Store {
	t.Helper()
	s := openStore(t, path, opts...)
	t.Cleanup(func() { s.Close() })
	return s
}

// openStore opens the database at path (making it when there is none) with cheap
// password hashing; the caller closes it. A world's Build (testfixture.World) fills
// one and closes it before the copies are made.
func openStore(tb testing.TB, path string, opts ...Option) *Store {
	tb.Helper()
	opts = append([]Option{WithBcryptCost(bcrypt.MinCost)}, opts...)
	s, err := Open(context.Background(), path, opts...)
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	return s
}

// closeWorld closes a world's store at the end of its Build. A store opened on a copy
// remembers none of the reads this one logged (RereadWindow), so a test rereading a
// record would log a row the fixture's own store did not: a world that reads a record
// carries them (rememberedReads), and one that must not refuses them here.
func closeWorld(tb testing.TB, s *Store, readsAllowed bool) map[readKey]time.Time {
	tb.Helper()
	s.reads.mu.Lock()
	reads := maps.Clone(s.reads.last)
	s.reads.mu.Unlock()
	if len(reads) > 0 && !readsAllowed {
		tb.Fatalf("the world's build logged %d reads its copies would not remember", len(reads))
	}
	if err := s.Close(); err != nil {
		tb.Fatal(err)
	}
	return reads
}

// rememberReads has s remember the reads a world's store logged (closeWorld).
func rememberReads(s *Store, reads map[readKey]time.Time) {
	s.reads.mu.Lock()
	s.reads.last = maps.Clone(reads)
	s.reads.mu.Unlock()
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
