package backup

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/clinicdesk/clinicdesk/internal/testfixture"
	"github.com/clinicdesk/clinicdesk/store"
)

// testWorkFactor keeps scrypt cheap in tests (age's default takes a second and 256 MiB).
const testWorkFactor = 10

var (
	passphrase = []byte("correct horse battery staple")
	testKeys   = Keys{Passphrase: passphrase, maxWorkFactor: testWorkFactor}
	clerk      = store.System("backup test")
)

func encrypted() Options { return Options{Passphrase: passphrase, WorkFactor: testWorkFactor} }

func patient(n int) store.PatientInput {
	return store.PatientInput{FirstName: "Asha", LastName: fmt.Sprintf("Rao%d", n), DateOfBirth: time.Date(1985, 4, 12, 0, 0, 0, 0, time.UTC),
		Sex: "female", Phone: "+91 98765 43210", Email: "asha@example.com", Address: "12 MG Road, Pune",
		EmergencyContactName: "Ravi Rao", EmergencyContactPhone: "020 2612 3456", BloodGroup: "O+"}
}

// emptyClinic is a new clinic file, made once by store.Open and copied for each test:
// the whole schema run for each of the package's 13 clinics cost 55 ms of CPU more
// than a copy.
var emptyClinic = testfixture.Template{Build: func(path string) error {
	s, err := store.Open(context.Background(), path)
	if err != nil {
		return err
	}
	return s.Close()
}}

// clinic makes a database with n patients in a directory of its own and returns its path.
func clinic(t *testing.T, n int) string {
	t.Helper()
	path := emptyClinic.Copy(t, "clinic.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range n {
		if _, err := s.AddPatient(context.Background(), clerk, patient(i)); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func patientIDs(t *testing.T, dbPath string) map[int64]bool {
	t.Helper()
	s, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatalf("open %s: %v", dbPath, err)
	}
	defer s.Close()
	report, err := s.VerifyAudit(context.Background())
	if err != nil || !report.Intact() {
		t.Fatalf("audit of %s: %+v, %v", dbPath, report.Problems, err)
	}
	ids := map[int64]bool{}
	for i := int64(1); ; i++ {
		if _, err := s.Patient(context.Background(), clerk, i); err != nil {
			break
		}
		ids[i] = true
	}
	return ids
}

func fileDigestOf(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func wantMode0600(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
		} else if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", p, info.Mode().Perm())
		}
	}
}

// bookingDesk is a clinic with two doctors who work every day 00:00–23:00 in 15-minute
// slots, and one patient per doctor, for writers that keep booking.
type bookingDesk struct {
	doctors, patients []int64
}

func newBookingDesk(t testing.TB, s *store.Store, writers int) bookingDesk {
	t.Helper()
	ctx := context.Background()
	d := bookingDesk{doctors: make([]int64, writers), patients: make([]int64, writers)}
	if err := s.PutSetting(ctx, clerk, store.SettingTimeZone, "UTC"); err != nil {
		t.Fatal(err)
	}
	for i := range writers {
		u, err := s.CreateUser(ctx, clerk, store.NewUser{Email: fmt.Sprintf("dr%d-bench@clinic.test", i), FullName: fmt.Sprintf("Dr. Anil Rao %d", i),
			Role: store.RoleDoctor, Password: "correct horse battery staple",
			Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: fmt.Sprintf("LIC-B%d", i), FeeCents: 50000}})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := s.DoctorByUser(ctx, clerk, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		d.doctors[i] = doc.ID
		for day := time.Sunday; day <= time.Saturday; day++ {
			if _, err := s.AddScheduleBlock(ctx, clerk, store.ScheduleBlock{DoctorID: doc.ID, Weekday: day, Start: "00:00", End: "23:00", SlotMinutes: 15}); err != nil {
				t.Fatal(err)
			}
		}
		p, err := s.AddPatient(ctx, clerk, patient(100+i))
		if err != nil {
			t.Fatal(err)
		}
		d.patients[i] = p.ID
	}
	return d
}

// slot is writer w's n-th booking: the doctor's slots one after another from tomorrow.
func (d bookingDesk) slot(w, n int) store.BookingInput {
	tomorrow := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 1)
	day, slot := n/92, n%92 // 92 slots of 15 minutes from 00:00 to 23:00
	return store.BookingInput{PatientID: d.patients[w], DoctorID: d.doctors[w],
		Start: tomorrow.AddDate(0, 0, day).Add(time.Duration(slot) * 15 * time.Minute), Reason: "follow-up"}
}

func appointmentIDs(t *testing.T, dbPath string) map[int64]bool {
	t.Helper()
	db, err := sql.Open("sqlite", rawDSN(dbPath, true))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT id FROM appointments")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ids := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[id] = true
	}
	return ids
}

// TestRestoreDrill backs up while two desks keep booking appointments, then restores
// the backup: every booking acknowledged before the backup began is there, none
// acknowledged after it ended, and the audit chain verifies.
func TestRestoreDrill(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	live := clinic(t, 3)
	s, err := store.Open(ctx, live, store.WithBcryptCost(4))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	desk := newBookingDesk(t, s, 2)

	var mu sync.Mutex
	var acked []int64
	wrote := make(chan struct{}, 1)
	stop := make(chan struct{})
	failed := make(chan error, 2)
	var writers sync.WaitGroup
	for w := range 2 {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				id, err := s.Book(ctx, clerk, desk.slot(w, n))
				if err != nil {
					failed <- err
					return
				}
				mu.Lock()
				acked = append(acked, id)
				mu.Unlock()
				select {
				case wrote <- struct{}{}:
				default:
				}
			}
		}()
	}
	ackedNow := func() []int64 {
		mu.Lock()
		defer mu.Unlock()
		return append([]int64(nil), acked...)
	}
	// awaitWrite returns once a booking made after it was called is acknowledged: the
	// first token may be an older one's, the second is not.
	awaitWrite := func() {
		for range 2 {
			select {
			case <-wrote:
			case err := <-failed:
				t.Fatalf("booking: %v", err)
			}
		}
	}
	awaitWrite()
	var before []int64
	o := encrypted()
	o.Step = func(step string) {
		switch step {
		case "snapshot":
			before = ackedNow()
			awaitWrite() // the desks keep booking as the snapshot starts
		case "verify":
			awaitWrite() // and while it is checked
		}
	}
	out := filepath.Join(t.TempDir(), "clinic.backup")
	sum, err := Create(ctx, live, out, o)
	after := ackedNow()
	close(stop)
	writers.Wait()
	if err != nil {
		t.Fatalf("backup while booking: %v", err)
	}
	wantMode0600(t, out)

	restored := filepath.Join(t.TempDir(), "restored.db")
	res, err := Restore(ctx, out, restored, testKeys)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if res.Kept != "" || res.SHA256 != sum.SHA256 || res.AuditMAC != sum.AuditMAC || res.Appointments != sum.Appointments {
		t.Errorf("restore's summary %+v differs from the backup's %+v", res.Summary, sum)
	}
	wantMode0600(t, restored, store.AuditKeyPath(restored), store.AuditWitnessPath(restored))
	patientIDs(t, restored) // the audit chain verifies
	ids := appointmentIDs(t, restored)
	for _, id := range before {
		if !ids[id] {
			t.Errorf("appointment %d, acknowledged before the backup began, is missing from the restore", id)
		}
	}
	ackedByEnd := map[int64]bool{}
	for _, id := range after {
		ackedByEnd[id] = true
	}
	for id := range ids {
		if !ackedByEnd[id] {
			t.Errorf("appointment %d in the restore was not acknowledged by the backup's end", id)
		}
	}
	if int64(len(ids)) != sum.Appointments || len(ids) <= len(before) {
		t.Errorf("restored %d appointments, the backup counted %d, %d acknowledged before it began: the bookings made as the snapshot started are missing",
			len(ids), sum.Appointments, len(before))
	}
	t.Logf("%d bookings before the backup, %d in it, %d by its end", len(before), len(ids), len(after))
}

func TestABackupVerifiesAndRestoresOverAnOldFileKeepingIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	live := clinic(t, 5)
	out := filepath.Join(t.TempDir(), "clinic.backup")
	sum, err := Create(ctx, live, out, encrypted())
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Encrypted || sum.Patients != 5 || sum.AuditRow == 0 || sum.AuditMAC == "" || len(sum.SHA256) != 64 {
		t.Errorf("summary %+v", sum)
	}
	checked, err := Verify(ctx, out, testKeys)
	if err != nil || checked.Patients != 5 || checked.AuditMAC != sum.AuditMAC || checked.SHA256 != sum.SHA256 {
		t.Fatalf("verify: %+v, %v", checked, err)
	}

	target := clinic(t, 2)
	old := fileDigestOf(t, target)
	oldKey := fileDigestOf(t, store.AuditKeyPath(target))
	res, err := Restore(ctx, out, target, testKeys)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Kept, target+".before-restore-") {
		t.Fatalf("kept %q", res.Kept)
	}
	if fileDigestOf(t, res.Kept) != old || fileDigestOf(t, store.AuditKeyPath(res.Kept)) != oldKey {
		t.Error("the kept file is not the one replaced")
	}
	if fileDigestOf(t, store.AuditKeyPath(target)) != fileDigestOf(t, store.AuditKeyPath(live)) {
		t.Error("the restored audit key is not the backup's")
	}
	wantMode0600(t, target, store.AuditKeyPath(target), store.AuditWitnessPath(target),
		res.Kept, store.AuditKeyPath(res.Kept), store.AuditWitnessPath(res.Kept))
	if n := len(patientIDs(t, target)); n != 5 {
		t.Errorf("restored %d patients, want 5", n)
	}
	if n := len(patientIDs(t, res.Kept)); n != 2 {
		t.Errorf("the kept file has %d patients, want 2", n)
	}
	// The restored file backs up and restores again, as the next night's backup does.
	for i := range 3 {
		next := filepath.Join(t.TempDir(), "next.backup")
		if _, err := Create(ctx, target, next, Options{Plain: true}); err != nil {
			t.Fatalf("backup %d of a restored file: %v", i+2, err)
		}
		if _, err := Restore(ctx, next, target, Keys{}); err != nil {
			t.Fatalf("restore %d: %v", i+2, err)
		}
	}
	if n := len(patientIDs(t, target)); n != 5 {
		t.Errorf("after three more rounds %d patients, want 5", n)
	}
}

func TestRecipientsAndPlainBackups(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	live := clinic(t, 1)
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "to-recipient.backup")
	if _, err := Create(ctx, live, out, Options{Recipients: []age.Recipient{id.Recipient()}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(ctx, out, Keys{Identities: []age.Identity{id}}); err != nil {
		t.Errorf("verify with the identity: %v", err)
	}
	if _, err := Verify(ctx, out, Keys{}); !errors.Is(err, ErrNeedsKey) {
		t.Errorf("verify without a key: %v", err)
	}
	other, _ := age.GenerateX25519Identity()
	if _, err := Verify(ctx, out, Keys{Identities: []age.Identity{other}}); !errors.Is(err, ErrWrongKey) {
		t.Errorf("verify with another identity: %v", err)
	}

	plain := filepath.Join(t.TempDir(), "plain.backup")
	if _, err := Create(ctx, live, plain, Options{}); err == nil {
		t.Error("a backup with no key and without Plain was made")
	}
	var calls int
	var done, total int64
	sum, err := Create(ctx, live, plain, Options{Plain: true, Progress: func(d, t int64) {
		if d < done || (total != 0 && t != total) {
			calls = -1 << 30
		}
		calls++
		done, total = d, t
	}})
	if err != nil || sum.Encrypted {
		t.Fatalf("plain backup: %+v, %v", sum, err)
	}
	if calls < 1 || done != total || total < 4096 {
		t.Errorf("progress: %d calls, last %d of %d", calls, done, total)
	}
	if got, err := Verify(ctx, plain, Keys{}); err != nil || got.Encrypted || got.Patients != 1 {
		t.Errorf("verify plain: %+v, %v", got, err)
	}
	if _, err := Create(ctx, live, plain, Options{Plain: true}); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a backup over an existing file: %v", err)
	}
}

// TestBadBackupsAreRefusedAndTheDatabaseIsUntouched: one flipped byte, a truncated
// file, a wrong passphrase, a file that is no backup.
func TestBadBackupsAreRefusedAndTheDatabaseIsUntouched(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	live := clinic(t, 20)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.backup")
	if _, err := Create(ctx, live, good, encrypted()); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.backup")
	if _, err := Create(ctx, live, plain, Options{Plain: true}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(good)
	plainData, _ := os.ReadFile(plain)
	flip := func(b []byte, at int) []byte {
		b = bytes.Clone(b)
		b[at] ^= 0x01
		return b
	}
	cases := []struct {
		name string
		data []byte
		keys Keys
		want error
	}{
		{"a flipped byte", flip(data, len(data)/2), testKeys, ErrDamaged},
		{"a flipped byte in the first chunk", flip(data, 400), testKeys, ErrDamaged},
		{"a flipped byte in the header's MAC", flip(data, bytes.Index(data, []byte("\n--- "))+8), testKeys, ErrDamaged},
		// A changed key stanza cannot be told from a wrong passphrase.
		{"a flipped byte in the header's key stanza", flip(data, 30), testKeys, ErrWrongKey},
		{"a flipped byte near the end", flip(data, len(data)-3), testKeys, ErrDamaged},
		{"a truncated file", data[:len(data)/2], testKeys, ErrDamaged},
		{"a file cut by one byte", data[:len(data)-1], testKeys, ErrDamaged},
		{"a wrong passphrase", data, Keys{Passphrase: []byte("wrong"), maxWorkFactor: testWorkFactor}, ErrWrongKey},
		{"a plain backup with a flipped byte in its database", flip(plainData, 512*2+4096*3+7), Keys{}, ErrDamaged},
		{"a truncated plain backup", plainData[:len(plainData)/2], Keys{}, ErrDamaged},
		{"a text file", []byte("not a backup at all\n"), testKeys, ErrNotBackup},
		{"an empty file", nil, testKeys, ErrNotBackup},
	}
	target := clinic(t, 1)
	want := fileDigestOf(t, target)
	for _, c := range cases {
		in := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-"))
		if err := os.WriteFile(in, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Verify(ctx, in, c.keys); !errors.Is(err, c.want) {
			t.Errorf("verify %s: %v, want %v", c.name, err, c.want)
		}
		_, err := Restore(ctx, in, target, c.keys)
		if !errors.Is(err, c.want) {
			t.Errorf("restore %s: %v, want %v", c.name, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("restore %s: the error is not one line: %q", c.name, err)
		}
	}
	if fileDigestOf(t, target) != want {
		t.Error("a refused restore changed the database")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(target), "*before-restore*"))
	tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(target), ".clinicdesk-*"))
	if len(left)+len(tmp) > 0 {
		t.Errorf("refused restores left %v %v", left, tmp)
	}
}

func TestRestoreIsRefusedWhileAStoreHasTheFileOpen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	live := clinic(t, 1)
	out := filepath.Join(t.TempDir(), "clinic.backup")
	if _, err := Create(ctx, live, out, Options{Plain: true}); err != nil {
		t.Fatal(err)
	}
	target := clinic(t, 2)
	s, err := store.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	want := fileDigestOf(t, target)
	_, err = Restore(ctx, out, target, Keys{})
	var inUse *store.InUseError
	if !errors.As(err, &inUse) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) {
		t.Errorf("restore onto an open file: %v", err)
	}
	if fileDigestOf(t, target) != want {
		t.Error("the refused restore changed the database")
	}
	s.Close()
	if _, err := Restore(ctx, out, target, Keys{}); err != nil {
		t.Errorf("restore once the store closed: %v", err)
	}
}

// failingWriter fails once n bytes have gone through it, as a full disk would.
type failingWriter struct {
	w io.Writer
	n int
}

var errDiskFull = errors.New("no space left on device")

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n, _ := f.w.Write(p[:f.n])
		f.n = 0
		return n, errDiskFull
	}
	f.n -= len(p)
	return f.w.Write(p)
}

func TestABackupThatFailsHalfWayLeavesNoFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	live := clinic(t, 30)
	dir := t.TempDir()
	out := filepath.Join(dir, "clinic.backup")
	o := encrypted()
	o.wrapOutput = func(w io.Writer) io.Writer { return &failingWriter{w: w, n: 20000} }
	liveBefore := fileDigestOf(t, live)
	_, err := Create(ctx, live, out, o)
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("backup onto a failing disk: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the failed backup left %v", entries)
	}
	if work, _ := filepath.Glob(filepath.Join(filepath.Dir(live), ".clinicdesk-*")); len(work) != 0 {
		t.Errorf("the failed backup left its working directory %v", work)
	}
	if fileDigestOf(t, live) != liveBefore {
		t.Error("the failed backup changed the live file")
	}
	if _, err := Create(ctx, live, out, encrypted()); err != nil {
		t.Errorf("the next backup: %v", err)
	}
}

func TestABackupOfANewerSchemaIsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	live := clinic(t, 1)
	raw, err := sql.Open("sqlite", rawDSN(live, false))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	out := filepath.Join(t.TempDir(), "newer.backup")
	_, _, err = writeOut(out, func(w io.Writer) error {
		return writeArchive(w, filepath.Dir(live), manifest{Format: formatNumber, SchemaVersion: store.SchemaVersion() + 1}, nil)
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	target := clinic(t, 2)
	want := fileDigestOf(t, target)
	_, err = Restore(ctx, out, target, Keys{})
	if err == nil || !strings.Contains(err.Error(), "written by a newer ClinicDesk") {
		t.Errorf("restore of a newer schema: %v", err)
	}
	if fileDigestOf(t, target) != want {
		t.Error("the refused restore changed the database")
	}
}

// A file of an older release is upgraded when it is checked; the backup holds the
// checked file and says its version, and verifying the backup agrees.
func TestABackupOfAnOlderFileNamesTheSchemaItHolds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	live := filepath.Join(dir, "v7.db")
	for _, suffix := range []string{"", ".audit-key", ".audit-witness"} {
		src, err := os.ReadFile(filepath.Join("..", "..", "store", "testdata", "upgrade", "v7.db"+suffix))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(live+suffix, src, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "v7.backup")
	sum, err := Create(ctx, live, out, encrypted())
	if err != nil {
		t.Fatal(err)
	}
	checked, err := Verify(ctx, out, testKeys)
	if err != nil || sum.SchemaVersion != store.SchemaVersion() || checked.SchemaVersion != sum.SchemaVersion {
		t.Fatalf("backup says schema %d, its verify %d (%v); this build writes %d",
			sum.SchemaVersion, checked.SchemaVersion, err, store.SchemaVersion())
	}
}
