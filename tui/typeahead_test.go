package tui

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// Keys typed ahead into a form go to the field the user moved to, as typed slowly:
// huh moves a form's focus with a message that comes after keys already queued (see
// settled).

var (
	tabKey   = tea.KeyMsg{Type: tea.KeyTab}
	enterKey = tea.KeyMsg{Type: tea.KeyEnter}
)

// TestLoginTypedAheadInOneWriteLogsIn: "e-mail, tab, password, enter" in one write
// logs in; the e-mail field does not take the password.
func TestLoginTypedAheadInOneWriteLogsIn(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	u := addUser(t, s, store.RoleAdmin, "grace@clinic.test", "Grace Admin")
	p := startDesk(t, s, 80, 24)
	p.WaitFor("┃ Email")
	p.SendTogether(runes("grace@clinic.test"), tabKey, runes(tuitest.Password), enterKey)
	p.WaitFor("Grace Admin · admin")
	got, err := s.User(context.Background(), store.System("test"), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.LastLoginAt.IsZero() {
		t.Fatal("the desk opened, but the store has no login for the user")
	}
}

// TestPatientFormTypedAheadInOneWriteSavesEachValueInItsField: the whole patient form,
// its three groups, typed in one write at the front desk: each value is stored in its
// own field. A tab on the empty first name is refused and moves nothing, so the name
// typed after it is still the first name; shift+tab goes back a field; a confirm's y and
// n answer and move on, even in one message with the text after them; enter on a choice
// chooses and moves on, and on the last one saves.
func TestPatientFormTypedAheadInOneWriteSavesEachValueInItsField(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	desk := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	p := startDesk(t, s, 80, 24)
	logIn(p, "maya@clinic.test")
	p.WaitFor("Maya Desk · receptionist", "2 Patients")
	p.Type("2")
	p.WaitFor("a: register a new patient")
	p.Type("a")
	p.WaitFor("Register a patient", "┃ First name")
	shiftTab := tea.KeyMsg{Type: tea.KeyShiftTab}
	p.SendTogether(
		tabKey, runes("Meen"), tabKey, shiftTab, runes("a"), tabKey, runes("Iyer"), tabKey,
		runes("1992-07-14"), tabKey, enterKey, // sex: enter chooses; the group's last field
		runes("+91 99887 76655"), tabKey, runes("meena@example.com"), tabKey, runes("4 Lake Road"), tabKey,
		runes("ynRavi Iyer"), tabKey, // y and n answer the yes/no questions: one message, as a terminal reads them
		runes("+91 90000 11111"), tabKey, enterKey, // blood group: saves
	)
	p.WaitFor("Registered Meena Iyer as PAT")
	ctx := context.Background()
	list, err := s.SearchPatients(ctx, desk.Actor(), "meena", 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("stored %+v %v", list, err)
	}
	got, err := s.Patient(ctx, desk.Actor(), list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.FirstName != "Meena" || got.LastName != "Iyer" || got.DateOfBirth.Format("2006-01-02") != "1992-07-14" ||
		got.Phone != "+91 99887 76655" || got.Email != "meena@example.com" || got.Address != "4 Lake Road" ||
		!got.EmailConsent.Granted || got.SMSConsent.Granted ||
		got.EmergencyContactName != "Ravi Iyer" || got.EmergencyContactPhone != "+91 90000 11111" {
		t.Fatalf("stored %+v", got)
	}
}
