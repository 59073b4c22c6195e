package frontdesk

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// The day book reads the names of the appointments in view only, shows "…" for a
// name on its way, and reads the others' as the cursor brings them into view.
func TestBookNamesTheAppointmentsInView(t *testing.T) {
	t.Parallel()
	c := newRaoClinic(t, time.Date(2025, 3, 3, 10, 2, 0, 0, time.UTC), time.Monday)
	asha := c.bookPatient("Asha", "Patel", "female", 1990, time.Date(2025, 3, 3, 10, 15, 0, 0, time.UTC))
	ravi := c.bookPatient("Ravi", "Kumar", "male", 1985, time.Date(2025, 3, 3, 17, 30, 0, 0, time.UTC))

	b := NewBook(c.f.Common(c.desk))
	b.SetSize(80, 10)
	b.Init()
	_, cmd := b.Update(b.loadView()())
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

// A batch of names read before a patient was renamed arrives after the rename: its old
// name must not be kept, and the name is asked for again.
func TestBookDropsNamesReadBeforeARename(t *testing.T) {
	t.Parallel()
	c := newRaoClinic(t, time.Date(2025, 3, 3, 10, 2, 0, 0, time.UTC), time.Monday)
	asha := c.bookPatient("Asha", "Patel", "female", 1990, time.Date(2025, 3, 3, 10, 15, 0, 0, time.UTC))

	b := NewBook(c.f.Common(c.desk))
	b.SetSize(80, 10)
	b.Init()
	_, cmd := b.Update(b.loadView()())
	before := names(t, cmd)
	if _, err := c.f.S.UpdatePatient(context.Background(), c.desk.Actor(), asha.ID, store.PatientInput{
		FirstName: "Asha", LastName: "Rao", DateOfBirth: asha.DateOfBirth, Sex: asha.Sex}); err != nil {
		t.Fatal(err)
	}
	renamed := common.StoreChangedMsg{Events: []store.Event{{Topic: store.TopicPatients, RowID: asha.ID}}}
	_, again := b.Update(renamed)
	b.Update(namesMsg{owner: b.owner, names: before})
	if v := b.View(); containsText(v, "Asha Patel") {
		t.Fatalf("a name read before the rename was kept:\n%s", v)
	}
	if asked := names(t, again); asked[asha.ID][0] != "Asha Rao" {
		t.Fatalf("after the rename asked for %v, want Asha's new name", asked)
	}
}
