package frontdesk

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
)

// The day book reads the appointments of the columns in and near view only; a column
// the cursor reaches before its appointments arrive says so, offers no free time, and
// fills when they come. The grid's rows already cover an unread column's visit outside
// every doctor's hours.
func TestTheDayBookReadsOnlyTheColumnsNearView(t *testing.T) {
	t.Parallel()
	c := newRaoClinic(t, time.Date(2025, 3, 3, 10, 2, 0, 0, time.UTC), time.Monday)
	var last int64
	for i := 1; i <= 11; i++ {
		u := c.f.User(store.NewUser{Email: fmt.Sprintf("nila%02d@clinic.test", i), FullName: fmt.Sprintf("Nila %02d", i),
			Role: store.RoleDoctor, Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: fmt.Sprintf("LIC-N%d", i)}})
		doctor := c.f.DoctorID(u)
		c.f.Block(c.desk.Actor(), store.ScheduleBlock{DoctorID: doctor, Weekday: time.Monday, Start: "09:00", End: "18:00", SlotMinutes: 15})
		p := c.f.Patient(c.desk.Actor(), store.PatientInput{FirstName: "Far", LastName: fmt.Sprintf("Patient%02d", i),
			DateOfBirth: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "other"})
		c.f.Book(c.desk.Actor(), store.BookingInput{PatientID: p.ID, DoctorID: doctor, Start: time.Date(2025, 3, 3, 10, 15, 0, 0, time.UTC)})
		last = doctor
	}
	// An evening visit of the last doctor, kept from another system: nobody works then.
	evening := c.f.Patient(c.desk.Actor(), store.PatientInput{FirstName: "Late", LastName: "Visitor",
		DateOfBirth: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "other"})
	err := c.f.S.Batch(context.Background(), store.System("test"), func(tx *store.Tx) error {
		_, err := tx.ImportAppointment(context.Background(), store.ImportedAppointment{PatientID: evening.ID, DoctorID: last,
			Start: time.Date(2025, 3, 3, 20, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 3, 20, 15, 0, 0, time.UTC)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	b := NewBook(c.f.Common(c.desk))
	b.SetSize(80, 20)
	b.Init()
	msg := b.loadView()().(gridMsg)
	if msg.err != nil || len(msg.cols) != 12 || msg.booked != 12 {
		t.Fatalf("%d columns, %d booked, %v", len(msg.cols), msg.booked, msg.err)
	}
	for i, col := range msg.cols {
		// At 80 columns four show: the first read holds them and the next screen.
		if read := i < 8; col.unread == read || (len(col.appts) == 1) != (read && i > 0) {
			t.Fatalf("column %d (%s): unread %v with %d appointments", i, col.title, col.unread, len(col.appts))
		}
	}
	b.Update(msg)
	if g := &b.grid; g.start+g.rows*g.step < 20*60+15 {
		t.Fatalf("the grid ends at %s, before the unread column's 20:00 visit", clock(g.start+g.rows*g.step))
	}
	var read tea.Cmd
	for range 11 {
		_, cmd := b.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("l")})
		read = tea.Batch(read, cmd)
	}
	b.grid.toMinute(10*60 + 15)
	if v := b.View(); !containsText(v, "Reading Dr. Nila 11's appointments…") || !containsText(v, pendingName) ||
		containsText(v, "free") {
		t.Fatalf("the unread column under the cursor:\n%s", v)
	}
	arrived := false
	var run func(tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch m := cmd().(type) {
		case tea.BatchMsg:
			for _, sub := range m {
				run(sub)
			}
		case entriesMsg:
			arrived = true
			_, names := b.Update(m)
			run(names)
		case namesMsg:
			b.Update(m)
		}
	}
	run(read)
	if v := b.View(); !arrived || !containsText(v, "Far Patient11") || b.grid.cols[11].unread {
		t.Fatalf("the last column after its appointments arrived (read: %v):\n%s", arrived, v)
	}
}
