package store

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// The book's entries say what the whole appointment says about the fields the book
// draws: a cancelled one with its reason, a paid one with its fee, free texts holding
// the book row's separator and characters of several bytes.
func TestBookEntriesMatchTheAppointments(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	mustRaw(t, f.s, `UPDATE patients SET first_name = 'Åsa|', last_name = 'Ó Dálaigh' WHERE id = ?`, f.asha)
	cancelled := f.book(t, f.asha, f.rao, f.at(3, 10, 15))
	if err := f.s.Cancel(calCtx, desk, cancelled, "patient called | Rückruf 5|"); err != nil {
		t.Fatal(err)
	}
	f.book(t, f.ravi, f.rao, f.at(3, 10, 15))
	f.book(t, f.asha, f.mehtaID, f.at(3, 11, 0))
	f.imported(t, ImportedAppointment{PatientID: f.ravi, DoctorID: f.mehtaID, Start: f.at(3, 8, 0), End: f.at(3, 8, 20),
		Status: AppointmentCompleted, Reason: "|Knee | pain — ✓", FeeCents: 80000, PaymentStatus: PaymentPaid, PaymentMethod: PaymentCash, AmountPaidCents: 80000})

	check := func(name string, list []BookEntry, err error, want int) {
		t.Helper()
		if err != nil || len(list) != want {
			t.Fatalf("%s: %d entries, %v; want %d", name, len(list), err, want)
		}
		for _, e := range list {
			a, err := f.s.Appointment(calCtx, desk, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			full := BookEntry{ID: a.ID, Code: a.Code, DoctorID: a.DoctorID, Start: a.Start, End: a.End, Status: a.Status,
				Reason: a.Reason, CancelReason: a.CancelReason, FeeCents: a.FeeCents, PaymentStatus: a.PaymentStatus,
				PatientID: a.PatientID, PatientName: a.PatientName, PatientCode: a.PatientCode, DoctorName: a.DoctorName}
			if e != full {
				t.Errorf("%s: entry %+v\nwant %+v", name, e, full)
			}
		}
	}
	day, err := f.s.DayView(calCtx, desk, f.day(3))
	check("day view", day, err, 4)
	week, err := f.s.DoctorWeek(calCtx, desk, f.mehtaID, f.day(3))
	check("week", week, err, 2)
	if day[0].Status != AppointmentCancelled || day[0].CancelReason != "patient called | Rückruf 5|" || day[2].PaymentStatus != PaymentPaid {
		t.Errorf("day view in order %+v", day)
	}
}

// The book's copy of the patients' names follows a rename made by this process or by
// another one on the same file, and names a patient registered after it was loaded.
func TestBookNamesFollowChanges(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	f.book(t, f.asha, f.rao, f.at(3, 10, 15))
	names := func() []string {
		t.Helper()
		day, err := f.s.DayView(calCtx, desk, f.day(3))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range day {
			out = append(out, e.PatientName+" "+e.PatientCode)
		}
		return out
	}
	if got := fmt.Sprint(names()); got != "[Asha Patel PAT000001]" {
		t.Fatalf("before: %s", got)
	}
	other, err := Open(calCtx, f.s.Path(), WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.writer.Exec(`UPDATE patients SET first_name = 'Asha Rani' WHERE id = ?`, f.asha); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(names()); got != "[Asha Rani Patel PAT000001]" {
		t.Fatalf("after another process renamed her: %s", got)
	}
	mustRaw(t, f.s, `UPDATE patients SET last_name = 'Shah' WHERE id = ?`, f.asha)
	late := f.patient(t, "Lata", "Iyer")
	f.book(t, late, f.rao, f.at(3, 11, 0))
	if got := fmt.Sprint(names()); got != "[Asha Rani Shah PAT000001 Lata Iyer PAT000003]" {
		t.Fatalf("after a rename here and a new patient: %s", got)
	}
}

// patient_name_changes logs renames and deletions, not other edits nor the code a new
// patient is given.
func TestPatientNameChangesLog(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	seedClinic(t, s)
	logged := func() string {
		t.Helper()
		var ids string
		if err := s.readers.QueryRow(`SELECT coalesce(group_concat(patient_id), '') FROM patient_name_changes`).Scan(&ids); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if got := logged(); got != "" {
		t.Fatalf("registering logged %q", got)
	}
	mustRaw(t, s, `UPDATE patients SET phone = '+44 20 7946 0001', first_name = first_name WHERE id = 1`)
	if got := logged(); got != "" {
		t.Fatalf("a phone change logged %q", got)
	}
	mustRaw(t, s, `UPDATE patients SET last_name = 'Leung' WHERE id = 1`)
	mustRaw(t, s, `DELETE FROM patients WHERE id = 2`)
	if got := logged(); got != "1,2" {
		t.Fatalf("a rename and a deletion logged %q, want 1,2", got)
	}
}

// A read of the book reads the names of the patients it lists and no others: on a
// registry of 2 patients and on one of 502 it reads the same two names, so what
// the book costs does not grow with the registry. A second read of the same day
// reads none, and a rename is read again.
func TestBookReadsOnlyTheNamesItLists(t *testing.T) {
	t.Parallel()
	reads := func(extra int) []int {
		f := newApptFixture(t)
		desk := f.desk.Actor()
		err := f.s.Batch(calCtx, System("test"), func(tx *Tx) error {
			for i := range extra {
				if _, err := tx.insert(calCtx, `INSERT INTO patients(first_name, last_name, date_of_birth, sex)
					VALUES (?, 'Registry', '1980-01-01', 'male')`, fmt.Sprint("P", i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		f.book(t, f.asha, f.rao, f.at(3, 10, 15))
		f.book(t, f.ravi, f.rao, f.at(3, 10, 30))
		f.book(t, f.asha, f.mehtaID, f.at(10, 11, 0))
		var out []int
		for _, day := range []int{3, 3, 10} {
			if _, err := f.s.DayView(calCtx, desk, f.day(day)); err != nil {
				t.Fatal(err)
			}
			out = append(out, f.s.bookNames.reads)
		}
		mustRaw(t, f.s, `UPDATE patients SET last_name = 'Shah' WHERE id = ?`, f.ravi)
		day, err := f.s.DayView(calCtx, desk, f.day(3))
		if err != nil || len(day) != 2 || day[1].PatientName != "Ravi Shah" {
			t.Fatalf("after a rename: %+v %v", day, err)
		}
		return append(out, f.s.bookNames.reads)
	}
	small, large := reads(0), reads(500)
	// Day 3 lists two patients; its second read none; day 10 Asha, already read; the
	// renamed Ravi once more.
	want := "[2 2 2 3]"
	if fmt.Sprint(small) != want || fmt.Sprint(large) != want {
		t.Fatalf("names read after each read of the book: %v with 2 patients, %v with 502; want %s each", small, large, want)
	}
}

// DayBook reads no name; NameBook reads the names of the entries it is given, and
// only theirs.
func TestNameBookNamesOnlyTheEntriesGiven(t *testing.T) {
	t.Parallel()
	f := newApptFixture(t)
	desk := f.desk.Actor()
	f.book(t, f.asha, f.rao, f.at(3, 10, 15))
	f.book(t, f.ravi, f.rao, f.at(3, 10, 30))
	list, err := f.s.DayBook(calCtx, desk, f.day(3), []int64{f.rao})
	if err != nil || len(list) != 2 {
		t.Fatalf("%d entries, %v", len(list), err)
	}
	if list[0].PatientName != "" || list[0].PatientID != f.asha || list[1].PatientID != f.ravi || f.s.bookNames.reads != 0 {
		t.Fatalf("DayBook named or read: %+v, %d read", list, f.s.bookNames.reads)
	}
	if err := f.s.NameBook(calCtx, desk, list[1:]); err != nil {
		t.Fatal(err)
	}
	if list[0].PatientName != "" || list[1].PatientName != "Ravi Kumar" || list[1].PatientCode != "PAT000002" || f.s.bookNames.reads != 1 {
		t.Fatalf("after naming the second: %+v, %d read", list, f.s.bookNames.reads)
	}
	pharm := mustUser(t, f.s, RolePharmacist, "ph@clinic.test", "Phil Pharm")
	if err := f.s.NameBook(calCtx, pharm.Actor(), list); !errors.Is(err, ErrForbidden) {
		t.Fatalf("a pharmacist named the book: %v", err)
	}
}

// byDoctor orders in place what a stable sort by doctor name and doctor would, for any
// interleaving of the doctors' entries (each cycle of the permutation moved once).
func TestByDoctorOrdersInPlaceAsAStableSortWould(t *testing.T) {
	t.Parallel()
	names := []string{"Dr. Rao", "Dr. Adeyemi", "Dr. Rao", "Dr. Chen"} // two doctors share a name
	for seed := range 50 {
		var list []BookEntry
		for i := range 40 {
			d := (i*7 + seed*13 + i*i*seed) % len(names)
			list = append(list, BookEntry{ID: int64(i), DoctorID: int64(d + 1), DoctorName: names[d]})
		}
		want := slices.Clone(list)
		sort.SliceStable(want, func(i, j int) bool {
			if want[i].DoctorName != want[j].DoctorName {
				return want[i].DoctorName < want[j].DoctorName
			}
			return want[i].DoctorID < want[j].DoctorID
		})
		if got := byDoctor(list); !slices.Equal(got, want) {
			t.Fatalf("seed %d: got ids %v, want %v", seed, entryIDs(got), entryIDs(want))
		}
	}
}

func entryIDs(list []BookEntry) []int64 {
	var out []int64
	for _, e := range list {
		out = append(out, e.ID)
	}
	return out
}
