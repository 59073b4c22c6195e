package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// searchClinic registers twelve patients (codes PAT000001–PAT000012): six named ones,
// then six fillers whose names sort in the reverse of their registration.
func searchClinic(t testing.TB) (*Store, Actor, map[string]Patient) {
	t.Helper()
	s, desk := registryStore(t)
	named := []struct{ key, first, last, phone, email string }{
		{"ravi", "Ravi", "Kumar", "+91 98765 43210", "ravi.kumar@example.com"},
		{"ravindra", "Ravindra", "Sharma", "9876500000", ""},
		{"anderson", "Maya", "Anderson", "020-2612-3456", "maya@mail.example.org"},
		{"obrien", "Siobhán", "O'Brien", "(044) 2345 6789", ""},
		{"noor", "Noor", "Haddad", "", "noor@example.com"},
		{"kin", "Lena", "Kin", "", "pat000001.kin@example.com"},
	}
	byName := map[string]Patient{}
	for _, n := range named {
		in := patientForm(n.first, n.last)
		in.Phone, in.Email = n.phone, n.email
		byName[n.key] = regPatient(t, s, desk, in)
	}
	for i := 0; i < 6; i++ {
		in := patientForm("Filler", fmt.Sprintf("Person%c", 'f'-i))
		in.Phone, in.Email = "", ""
		byName[in.LastName] = regPatient(t, s, desk, in)
	}
	return s, desk, byName
}

func ids(patients []Patient) []int64 {
	out := make([]int64, len(patients))
	for i, p := range patients {
		out[i] = p.ID
	}
	return out
}

func sortedIDs(patients []Patient) []int64 {
	out := ids(patients)
	slices.Sort(out)
	return out
}

func TestSearchPatients(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk, p := searchClinic(t)
	cases := []struct {
		query string
		want  []Patient // in any order
	}{
		{"rav", []Patient{p["ravi"], p["ravindra"]}},
		{"RAVI", []Patient{p["ravi"], p["ravindra"]}},
		{"ravi ku", []Patient{p["ravi"]}},
		{"ku ravi", []Patient{p["ravi"]}},
		{"ravi zz", nil},
		{"sharma ravindra", []Patient{p["ravindra"]}},
		{"98765", []Patient{p["ravi"], p["ravindra"]}},
		{"43210", []Patient{p["ravi"]}},
		{"9876543210", []Patient{p["ravi"]}},
		{"98765 43210", []Patient{p["ravi"]}},
		{"+91 98765 43210", []Patient{p["ravi"]}},
		{"+91-98765-43210", []Patient{p["ravi"]}},
		{"2612 3456", []Patient{p["anderson"]}},
		{"02026123456", []Patient{p["anderson"]}},
		{"044 23456789", []Patient{p["obrien"]}},
		{"ravi.kumar@", []Patient{p["ravi"]}},
		{"ravi.kumar@example.com", []Patient{p["ravi"]}},
		{"noor@exa", []Patient{p["noor"]}},
		{"mail.example", []Patient{p["anderson"]}},
		{"o'brien", []Patient{p["obrien"]}},
		{"siobhan", []Patient{p["obrien"]}},
		{"SIOBHÁN", []Patient{p["obrien"]}},
		{"and", []Patient{p["anderson"]}},
		{"AND", []Patient{p["anderson"]}},
		{"pat000004", []Patient{p["obrien"]}},
		{"PAT000003", []Patient{p["anderson"]}},
		{"pat00001", []Patient{p["Personc"], p["Personb"], p["Persona"]}}, // PAT000010–12
		{"pat", []Patient{p["kin"]}},                                      // her email, not every patient's code
		{"o'b", []Patient{p["obrien"]}},
		{"O’Bri", []Patient{p["obrien"]}},
		{"siobhan o'brien", []Patient{p["obrien"]}},
		{"pat000004 siob", []Patient{p["obrien"]}},
		{"siob pat00000", []Patient{p["obrien"]}},
	}
	for _, c := range cases {
		got, err := s.SearchPatients(ctx, desk, c.query, 50)
		if err != nil {
			t.Errorf("%q: %v", c.query, err)
			continue
		}
		if fmt.Sprint(sortedIDs(got)) != fmt.Sprint(sortedIDs(c.want)) {
			t.Errorf("%q found %v, want %v", c.query, ids(got), ids(c.want))
		}
	}
}

// TestSearchPatientsOrder: the code typed exactly first, then the other matches by
// name, or by code for the start of a code.
func TestSearchPatientsOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk, p := searchClinic(t)
	for _, query := range []string{"pat000001", "PAT000001", " Pat000001 "} {
		got, err := s.SearchPatients(ctx, desk, query, 50)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(ids(got)) != fmt.Sprint([]int64{p["ravi"].ID, p["kin"].ID}) {
			t.Fatalf("%q found %v; want the code's patient, then Lena Kin", query, ids(got))
		}
	}
	got, err := s.SearchPatients(ctx, desk, "pat00001", 50)
	if err != nil || fmt.Sprint(ids(got)) != fmt.Sprint([]int64{p["Personc"].ID, p["Personb"].ID, p["Persona"].ID}) {
		t.Fatalf("the start of a code lists its codes in order: %v, %v", ids(got), err)
	}
	got, err = s.SearchPatients(ctx, desk, "filler", 50)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range got {
		names = append(names, f.LastName)
	}
	if fmt.Sprint(names) != "[Persona Personb Personc Persond Persone Personf]" {
		t.Fatalf("by name: %v", names)
	}
	got, err = s.SearchPatients(ctx, desk, "9876543210", 50)
	if err != nil || fmt.Sprint(ids(got)) != fmt.Sprint([]int64{p["ravi"].ID}) {
		t.Fatalf("a whole number finds the phone however it was spaced: %v, %v", ids(got), err)
	}
}

func TestSearchPatientsEmptyAndLimit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk, _ := searchClinic(t)
	for _, query := range []string{"", "   ", `"`, "*", "+", "()"} {
		got, err := s.SearchPatients(ctx, desk, query, 3)
		if err != nil {
			t.Fatalf("%q: %v", query, err)
		}
		if len(got) != 3 || got[0].Code != "PAT000012" || got[2].Code != "PAT000010" {
			t.Fatalf("%q: want the three latest, newest first; got %v", query, ids(got))
		}
	}
	if got, err := s.SearchPatients(ctx, desk, "filler", 2); err != nil || len(got) != 2 {
		t.Fatalf("limit 2: %d, %v", len(got), err)
	}
	if got, err := s.SearchPatients(ctx, desk, "filler", 0); err != nil || len(got) != 6 {
		t.Fatalf("default limit: %d, %v", len(got), err)
	}
}

// TestSearchPatientsSyntaxNeverErrors types FTS5 syntax and other odd input: none of
// it may reach the query language as syntax.
func TestSearchPatientsSyntaxNeverErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk, p := searchClinic(t)
	inputs := []string{`"`, `""`, `"ravi`, `ravi"`, `*`, `ravi*`, `*ravi`, `AND`, `OR`, `NOT`, `ravi AND`,
		`AND ravi`, `ravi OR kumar`, `NOT ravi`, `(`, `)`, `(ravi`, `-`, `-ravi`, `+`, `+91`, `NEAR(`,
		`NEAR(ravi kumar, 2)`, `first_name:ravi`, `{first_name}: ravi`, `^ravi`, `ravi:`, `:`, `\`, `'`,
		`%`, `_`, `;--`, `' OR 1=1 --`, `ravi + kumar`, "ravi\x00kumar", "\t\n", `😀`, `ⓡⓐⓥⓘ`, `ра`,
		`漢字`, "\xff", "ra\xffvi", "ravi\u202ekumar", `a"b"c`, `""""`, `***`, `((("`, `98765)`, `(98765`}
	for _, in := range inputs {
		if _, err := s.SearchPatients(ctx, desk, in, 50); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
	got, err := s.SearchPatients(ctx, desk, "+91", 50)
	if err != nil || len(got) != 1 || got[0].ID != p["ravi"].ID {
		t.Fatalf("+91 found %v, %v", ids(got), err)
	}
	got, err = s.SearchPatients(ctx, desk, `"ravi" AND`, 50)
	if err != nil || len(got) != 0 {
		t.Fatalf(`"ravi" AND must mean the words ravi and and*: %v, %v`, ids(got), err)
	}
}

func TestSearchPatientsFollowsEdits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk, p := searchClinic(t)
	in := patientForm("Rohit", "Kumar")
	in.Phone, in.Email = "+44 20 7946 0958", "rohit@example.net"
	if _, err := s.UpdatePatient(ctx, desk, p["ravi"].ID, in); err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]int{
		"ravi kumar": 0, "ravi.kumar": 0, "43210": 0, "9876543210": 0,
		"rohit": 1, "rohit ku": 1, "7946": 1, "2079460958": 1, "rohit@example.net": 1, "pat000001": 2,
	} {
		got, err := s.SearchPatients(ctx, desk, query, 50)
		if err != nil || len(got) != want {
			t.Errorf("%q after edit: %v, %v; want %d", query, ids(got), err, want)
		}
	}
	if _, err := s.writer.ExecContext(ctx, `INSERT INTO patients_fts(patients_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("full-text index out of step with patients: %v", err)
	}
}

func TestPossibleDuplicates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk, p := searchClinic(t)
	// Every searchClinic patient was born on patientForm's date, 12 April 1985.
	form := func(first, last string, born time.Time, phone string) PatientInput {
		in := patientForm(first, last)
		in.DateOfBirth, in.Phone = born, phone
		return in
	}
	born := onDate(1985, 4, 12)
	cases := []struct {
		name    string
		in      PatientInput
		exclude int64
		want    []Patient
	}{
		{"same name and birth", form("Ravi", "Kumar", born, ""), 0, []Patient{p["ravi"]}},
		{"name in other case and spacing", form(" RAVI ", "kumar", born, ""), 0, []Patient{p["ravi"]}},
		{"accented name in other case", form("SIOBHÁN", "o'brien", born, ""), 0, []Patient{p["obrien"]}},
		{"same name, other birth", form("Ravi", "Kumar", onDate(1985, 4, 13), ""), 0, nil},
		{"name without accent is another name", form("Siobhan", "O'Brien", born, ""), 0, nil},
		{"longer first name", form("Ravi Shankar", "Kumar", born, ""), 0, nil},
		{"first name only", form("Ravi", "", born, ""), 0, nil},
		{"same phone, other spacing", form("Someone", "Else", onDate(1990, 1, 1), "+91-9876543210"), 0, []Patient{p["ravi"]}},
		{"same phone with brackets", form("Someone", "Else", onDate(1990, 1, 1), "(+91) 98765-43210"), 0, []Patient{p["ravi"]}},
		{"phone digits are a part only", form("Someone", "Else", onDate(1990, 1, 1), "98765 43210"), 0, nil},
		{"phone too short to compare", form("Someone", "Else", onDate(1990, 1, 1), "98765"), 0, nil},
		{"name and phone, listed once", form("Ravi", "Kumar", born, "+91 98765 43210"), 0, []Patient{p["ravi"]}},
		{"name of one, phone of another", form("Maya", "Anderson", born, "9876500000"), 0,
			[]Patient{p["anderson"], p["ravindra"]}},
		{"control characters in the name", form("Ra\x00vi\x1b", "Ku\"mar", born, ""), 0, nil},
		{"the record being edited", form("Ravi", "Kumar", born, "+91 98765 43210"), p["ravi"].ID, nil},
	}
	for _, c := range cases {
		got, err := s.PossibleDuplicates(ctx, desk, c.in, c.exclude)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if fmt.Sprint(ids(got)) != fmt.Sprint(ids(c.want)) {
			t.Errorf("%s: found %v, want %v", c.name, ids(got), ids(c.want))
		}
	}
}

// FuzzSearchPatients: whatever is typed, the search answers without an error. The
// seeds run with every `go test`; `go test -fuzz FuzzSearchPatients ./store` explores.
func FuzzSearchPatients(f *testing.F) {
	for _, seed := range []string{"", "ravi ku", `"`, `NEAR(`, "+91 98765", "pat000001", "a\x00\"*", "(-)"} {
		f.Add(seed)
	}
	s, desk, _ := searchClinic(f)
	f.Fuzz(func(t *testing.T, query string) {
		if _, err := s.SearchPatients(context.Background(), desk, query, 10); err != nil {
			t.Fatalf("%q: %v", query, err)
		}
	})
}

// TestSearchPatientsListsRecentCandidates: when more patients match than
// searchCandidates, the ones registered last are listed, and an exact code still comes
// first however old the patient.
func TestSearchPatientsListsRecentCandidates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, desk, _ := searchClinic(t)
	err := s.Batch(ctx, System("test"), func(tx *Tx) error {
		_, err := tx.exec(ctx, `WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?)
			INSERT INTO patients(first_name, last_name, date_of_birth, sex) SELECT 'Filler', 'Many' || n, '1990-01-01', 'male' FROM k`,
			searchCandidates+20)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.SearchPatients(ctx, desk, "fill", 200)
	if err != nil || len(got) != searchCandidates {
		t.Fatalf("found %d, %v; want the %d registered last", len(got), err, searchCandidates)
	}
	var newest int64
	s.readers.QueryRowContext(ctx, `SELECT max(id) FROM patients`).Scan(&newest)
	if oldest := slices.Min(ids(got)); oldest != newest-searchCandidates+1 {
		t.Fatalf("oldest listed %d; want the last %d registered (from %d)", oldest, searchCandidates, newest-searchCandidates+1)
	}
	got, err = s.SearchPatients(ctx, desk, "pat000011", 200)
	if err != nil || len(got) == 0 || got[0].Code != "PAT000011" {
		t.Fatalf("the exact code first: %v, %v", ids(got), err)
	}
}
