package frontdesk

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// The day book reads the names of the appointments in view only, shows "…" for a
// name on its way, and reads the others' as the cursor brings them into view.
func TestBookNamesTheAppointmentsInView(t *testing.T) {
	t.Parallel()
	f := tuitest.NewClinic(t, time.Date(2025, 3, 3, 10, 2, 0, 0, time.UTC))
	desk := f.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	doc := f.User(store.NewUser{Email: "rao@clinic.test", FullName: "Anil Rao", Role: store.RoleDoctor,
		Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: "LIC-R", Specialisations: []string{"General Practice"}}})
	rao := f.DoctorID(doc)
	f.Block(desk.Actor(), store.ScheduleBlock{DoctorID: rao, Weekday: time.Monday, Start: "09:00", End: "18:00", SlotMinutes: 15})
	asha := f.Patient(desk.Actor(), store.PatientInput{FirstName: "Asha", LastName: "Patel", DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
	ravi := f.Patient(desk.Actor(), store.PatientInput{FirstName: "Ravi", LastName: "Kumar", DateOfBirth: time.Date(1985, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "male"})
	f.Book(desk.Actor(), store.BookingInput{PatientID: asha.ID, DoctorID: rao, Start: time.Date(2025, 3, 3, 10, 15, 0, 0, time.UTC)})
	f.Book(desk.Actor(), store.BookingInput{PatientID: ravi.ID, DoctorID: rao, Start: time.Date(2025, 3, 3, 17, 30, 0, 0, time.UTC)})

	b := NewBook(f.Common(desk))
	b.SetSize(80, 10)
	b.Init()
	_, cmd := b.Update(loadDay(b.c, b.owner, b.seq, b.wants())())
	if v := b.View(); !containsText(v, "○ "+pendingName) {
		t.Fatalf("no pending name in view:\n%s", v)
	}
	asked := names(t, cmd)
	if len(asked) != 1 || asked[asha.ID][0] != "Asha Patel" {
		t.Fatalf("asked for %v, want Asha's name only", asked)
	}
	b.Update(namesMsg{owner: b.owner, names: asked})
	if v := b.View(); !containsText(v, "Asha Patel") {
		t.Fatalf("Asha's name not drawn:\n%s", v)
	}
	_, cmd = b.Update(tea.KeyMsg{Type: tea.KeyEnd})
	if asked := names(t, cmd); len(asked) != 1 || asked[ravi.ID] != [2]string{"Ravi Kumar", ravi.Code} {
		t.Fatalf("at the day's end asked for %v, want Ravi's name only", asked)
	}
}

// names runs the commands of cmd and returns the names a namesMsg among them brought.
func names(t *testing.T, cmd tea.Cmd) map[int64][2]string {
	t.Helper()
	var found map[int64][2]string
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			for _, sub := range msg {
				run(sub)
			}
		case namesMsg:
			if msg.err != nil {
				t.Fatal(msg.err)
			}
			found = msg.names
		}
	}
	run(cmd)
	return found
}

func containsText(view, text string) bool { return strings.Contains(tuitest.Plain(view), text) }
