package rx

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/crypto/bcrypt"

	"github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func TestQuantityIsComputedFromFrequencyDurationAndDose(t *testing.T) {
	for _, c := range []struct {
		dosage, frequency, duration, typed string
		want                               int
	}{
		{"1 tablet", "OD", "7", "", 7},
		{"2 tablets", "BD", "3", "", 12},
		{"1 capsule", "t.d.s.", "5", "", 15},
		{"", "QID", "2", "", 8},
		{"10 mL", "TDS", "5", "", 150},
		{"1 tablet", "PRN", "5", "", 0},      // as needed: the doctor types it
		{"1 tablet", "whenever", "5", "", 0}, // unknown frequency
		{"1 tablet", "BD", "", "", 0},        // no duration
		{"1 tablet", "BD", "5", "14", 14},    // typed wins
		{"1 tablet", "STAT", "", "", 1},
	} {
		f := medFields{dosage: c.dosage, frequency: c.frequency, duration: c.duration, quantity: c.typed}
		if got := f.quantityToDispense(); got != c.want {
			t.Errorf("%q %q for %q days (typed %q): %d, want %d", c.dosage, c.frequency, c.duration, c.typed, got, c.want)
		}
	}
}

func TestPrintoutIsAPlainPage(t *testing.T) {
	rx := store.Prescription{Code: "RX000042", Status: store.PrescriptionSubmitted, PatientName: "Ann \x1b[31mLee",
		PatientCode: "PAT000007", Diagnosis: "Acute pharyngitis", Notes: "Review in a week",
		Medications: []store.PrescribedMedication{{Name: "Amoxicillin 500 mg capsule", Strength: "500 mg",
			Form: "capsule", Dosage: "1 capsule", Frequency: "TDS", DurationDays: 5, Route: "oral", Quantity: 15,
			AllergyOverrideReason: "tolerated before"}},
		Tests: []store.TestOrder{{Name: "CBC", Priority: store.TestStat}}}
	page := Printout(PrintInput{Clinic: "Riverside Clinic", Doctor: store.Doctor{Name: "Asha Rao",
		Qualification: "MBBS", LicenceNumber: "MCI-1"}, Rx: rx, Sketch: "+--+\n|  |\n+--+",
		Date: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)})
	want := []string{"Riverside Clinic", "Doctor:    Asha Rao, MBBS", "Licence:   MCI-1",
		"Patient:   Ann Lee (PAT000007)", "Date:      2 March 2026", "Diagnosis: Acute pharyngitis",
		" 1. Amoxicillin 500 mg capsule\n    1 capsule · TDS (three times a day) · for 5 days · oral\n    Quantity: 15",
		"Allergy override: tolerated before", " -  CBC (stat)", "Sketch\n  +--+\n  |  |\n  +--+", "Signature"}
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("the page lacks %q:\n%s", w, page)
		}
	}
	if strings.ContainsRune(page, '\x1b') {
		t.Error("an escape sequence reached the page")
	}
}

// BenchmarkCatalogueSearchAsYouType is one typed character in the medication picker
// over the large demo's whole catalogue: the key's Update, the search it starts, the
// results' Update and the View. It reports p50 and p99 per key.
func BenchmarkCatalogueSearchAsYouType(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "clinic.db"), store.WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	sys := store.System("bench")
	err = s.Batch(ctx, sys, func(tx *store.Tx) error {
		for i, med := range demo.Medicines() {
			id, err := tx.AddInventoryItem(ctx, store.ItemInput{Name: med.Name, GenericName: med.GenericName,
				DrugClass: med.Class, Strength: med.Strength, Form: med.Form, Unit: med.Unit})
			if err != nil {
				return err
			}
			if i%3 != 0 {
				if _, err := tx.ReceiveStock(ctx, id, store.ReceiveInput{BatchNumber: "B", Quantity: 100,
					ExpiresOn: time.Now().AddDate(1, 0, 0)}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	doctor, err := s.CreateUser(ctx, sys, store.NewUser{Email: "rao@clinic.test", FullName: "Asha Rao",
		Role: store.RoleDoctor, Password: tuitest.Password, Doctor: &store.DoctorProfile{LicenceNumber: "L-1"}})
	if err != nil {
		b.Fatal(err)
	}
	c := &common.Common{Store: s, User: doctor, Styles: theme.New(tuitest.Renderer(), true), Width: 118, Height: 36}
	m := New(c, store.Doctor{}, store.Appointment{})
	m.loaded, m.allergies = true, []store.Allergy{{Allergen: "penicillin", Severity: "severe"}}
	m.SetSize(118, 36)
	m.openPick()
	typed := []string{"a", "m", "o", "x", "", "", "", "", "p", "a", "r", "", "", "", "c", "e", "t", "", "", ""}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := tea.KeyMsg{Type: tea.KeyBackspace}
		if r := typed[i%len(typed)]; r != "" {
			k = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(r)}
		}
		start := time.Now()
		m.Update(k)
		m.Update(m.find(m.search.Value())())
		_ = m.View()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
}
