package rx

import (
	"context"
	"path/filepath"
	"sort"
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
	t.Parallel()
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

// An answer to an older read never overwrites a newer one: a read begun before the
// prescription was submitted, answering after the read that followed the submission,
// left the screen saying draft (the consultation test failed so under load).
func TestAnOlderReadNeverOverwritesANewerOne(t *testing.T) {
	t.Parallel()
	m := New(&common.Common{}, store.Doctor{}, store.Appointment{ID: 7})
	m.reload() // begun before the submission
	m.reload() // after it
	m.Update(loadedMsg{appointmentID: 7, seq: 2, rx: store.Prescription{ID: 1, Status: store.PrescriptionSubmitted}})
	m.Update(loadedMsg{appointmentID: 7, seq: 1, rx: store.Prescription{ID: 1, Status: store.PrescriptionDraft}})
	if m.rx.Status != store.PrescriptionSubmitted {
		t.Fatalf("after the older read's late answer the prescription is %s", m.rx.Status)
	}
}

// A reload that answers while a write runs leaves the editor busy until the write's own
// answer: it used to end the busy, the next message reached the completed submit form,
// which sent the prescription a second time, and the store's refusal ("has been
// submitted") replaced "Sent" on screen (the consultation test failed so under load).
func TestAReloadAnsweringDuringAWriteKeepsTheEditorBusy(t *testing.T) {
	t.Parallel()
	m := New(&common.Common{}, store.Doctor{}, store.Appointment{ID: 7})
	m.Update(loadedMsg{appointmentID: 7, first: true, seq: 0, rx: store.Prescription{ID: 1, Status: store.PrescriptionDraft}})
	m.reload() // begun before the submission, after a store change
	m.write("Sent.", func(*store.Store, ctxT, store.Actor) error { return nil })
	m.Update(loadedMsg{appointmentID: 7, seq: 1, rx: store.Prescription{ID: 1, Status: store.PrescriptionDraft}})
	if !m.busy {
		t.Fatal("the reload's answer ended the busy of the write still running")
	}
	m.Update(doneMsg{message: "Sent."})
	if m.busy || m.message != "Sent." {
		t.Fatalf("after the write's answer: busy %v, message %q", m.busy, m.message)
	}
}
