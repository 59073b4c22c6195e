package frontdesk_test

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
)

// A registry opened before the terminal's size is known asks for a one-row page; once
// the size comes, it lists as many patients as fit.
func TestRegistryOpenedBeforeItsSizeListsAPageOnceSized(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	addIyers(t, c)
	p := frontdesk.NewPatients(c.common(t, c.desk))
	p.Update(p.Init()())
	p.SetSize(80, 23)
	_, cmd := p.Update(tea.WindowSizeMsg{Width: 80, Height: 23})
	if cmd == nil {
		t.Fatal("the registry did not search again once its size was known")
	}
	p.Update(cmd())
	listsEveryone(t, p.View())
	if _, cmd := p.Update(tea.WindowSizeMsg{Width: 80, Height: 24}); cmd != nil {
		t.Error("the registry searched again although it holds every patient")
	}
}

// The frame sizes the tabs it does not show without a message: a registry behind the
// book, sized while its one-row search was on its way, asks for a whole page when that
// search's answer arrives (an SSH desk opened in a login storm listed two patients
// until the clinic's registry changed).
func TestRegistrySizedBehindAnotherTabListsAPageOnItsAnswer(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	addIyers(t, c)
	p := frontdesk.NewPatients(c.common(t, c.desk))
	answer := p.Init()()
	p.SetSize(80, 23)
	_, cmd := p.Update(answer)
	if cmd == nil {
		t.Fatal("the registry kept its one-row answer although the list is taller")
	}
	p.Update(cmd())
	listsEveryone(t, p.View())
}

// listsEveryone fails unless the registry's view lists every patient of the clinic.
func listsEveryone(t *testing.T, view string) {
	t.Helper()
	for _, name := range []string{"Asha Patel", "Ravi Kumar", "Bina", "Chandra", "Deepa", "Esha"} {
		if !strings.Contains(view, name) {
			t.Errorf("the registry does not list %s:\n%s", name, view)
		}
	}
}

// addIyers registers four more patients.
func addIyers(t *testing.T, c *clinic) {
	t.Helper()
	for _, name := range []string{"Bina", "Chandra", "Deepa", "Esha"} {
		_, err := c.s.AddPatient(ctx, c.desk.Actor(), store.PatientInput{FirstName: name, LastName: "Iyer",
			DateOfBirth: time.Date(1980, 5, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
		if err != nil {
			t.Fatal(err)
		}
	}
}
