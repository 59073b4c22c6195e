package emergency

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// host stands in for the front desk's patient view.
type host struct{ m *Model }

func (h host) Init() tea.Cmd { return h.m.Init() }
func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := h.m.Update(msg)
	return host{m: m}, cmd
}
func (h host) View() string {
	if h.m.Closed() {
		return "closed"
	}
	return h.m.View()
}

func TestBreakGlassWithKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	mk := func(role store.Role, email string) store.User {
		n := store.NewUser{Email: email, FullName: "Test " + string(role), Role: role, Password: tuitest.Password}
		if role == store.RoleDoctor {
			n.Doctor = &store.DoctorProfile{LicenceNumber: "D-1"}
		}
		u, err := s.CreateUser(ctx, store.System("test"), n)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	admin, desk, doc := mk(store.RoleAdmin, "a@clinic.test"), mk(store.RoleReceptionist, "r@clinic.test"), mk(store.RoleDoctor, "d@clinic.test")
	p, err := s.AddPatient(ctx, desk.Actor(), store.PatientInput{FirstName: "Ann", LastName: "Lee",
		DateOfBirth: time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAllergy(ctx, doc.Actor(), p.ID, store.AllergyInput{Allergen: "Penicillin", Severity: "severe", Reaction: "anaphylaxis"}); err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Store: s, User: desk, Styles: theme.New(tuitest.Renderer(), true), Width: 90, Height: 24}
	if !Available(c) {
		t.Fatal("a receptionist should be offered emergency access")
	}
	prog := tuitest.Start(t, host{m: New(c, p.ID, "Ann Lee")}, 100, 30)
	prog.WaitFor("Emergency access · Ann Lee", "Why do you need this chart now?")
	prog.Type("short")
	prog.Key("enter")
	prog.WaitFor("10 to 500 characters")
	prog.Type(" of breath and collapsed at the desk")
	prog.Key("enter")
	prog.WaitFor("Allergies", "Penicillin — severe anaphylaxis", "Access ends at")
	prog.Key("esc")
	prog.WaitFor("closed")
	notes, err := s.Notifications(ctx, admin.Actor(), true, 10)
	if err != nil || len(notes) != 1 || notes[0].Kind != store.KindBreakGlass {
		t.Fatalf("admin notifications: %+v %v", notes, err)
	}
}

func TestGrantLastsByTheStoresClock(t *testing.T) {
	t.Parallel()
	past := time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)
	c := tuitest.NewClinic(t, past).Common(store.User{})
	m := New(c, 1, "Ann Lee")
	m, cmd := m.Update(grantedMsg{until: past.Add(store.EmergencyAccessDuration)})
	if m.Closed() || cmd == nil {
		t.Fatal("the granted chart should be open with a timer running")
	}
	got := make(chan tea.Msg, 1)
	go func() { got <- cmd() }()
	select {
	case msg := <-got:
		t.Fatalf("the grant expired at once (%T): its timer ran on the wall clock", msg)
	case <-time.After(100 * time.Millisecond):
	}
}

func TestAnEarlierGrantsTimerDoesNotCloseALaterView(t *testing.T) {
	t.Parallel()
	c := &common.Common{Store: tuitest.NewStore(t), Styles: theme.New(tuitest.Renderer(), true)}
	until := c.Store.Now().Add(store.EmergencyAccessDuration)
	first, second := New(c, 1, "Ann Lee"), New(c, 1, "Ann Lee")
	first.Update(grantedMsg{until: until})
	second.Update(grantedMsg{until: until.Add(time.Minute)})
	second.Update(expiredMsg{view: first})
	if second.Closed() {
		t.Fatal("the first view's timer closed the second view's grant")
	}
	second.Update(expiredMsg{view: second})
	if !second.Closed() {
		t.Fatal("the view's own timer should close it")
	}
}

// A grant whose chart could not be read is kept: enter reads the chart again under it.
// The reason form again would ask the store for a second grant, logged and sent to the
// administrators a second time.
func TestAChartNotReadIsReadAgainUnderTheSameGrant(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := tuitest.NewStore(t)
	var users [2]store.User
	for i, role := range []store.Role{store.RoleAdmin, store.RoleReceptionist} {
		u, err := s.CreateUser(ctx, store.System("test"), store.NewUser{Email: string(role) + "@clinic.test",
			FullName: "Test " + string(role), Role: role, Password: tuitest.Password})
		if err != nil {
			t.Fatal(err)
		}
		users[i] = u
	}
	admin, desk := users[0], users[1]
	p, err := s.AddPatient(ctx, desk.Actor(), store.PatientInput{FirstName: "Ann", LastName: "Lee",
		DateOfBirth: time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "female"})
	if err != nil {
		t.Fatal(err)
	}
	until, err := s.BreakGlass(ctx, desk.Actor(), p.ID, "collapsed at the desk, unresponsive")
	if err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Store: s, User: desk, Styles: theme.New(tuitest.Renderer(), true), Width: 90, Height: 24}
	m := New(c, p.ID, "Ann Lee")
	m.Init()
	m, _ = m.Update(grantedMsg{until: until, err: errors.New("the clinic's file is busy")})
	if v := m.View(); !strings.Contains(v, "The chart could not be read") || !strings.Contains(v, "enter: read the chart again") {
		t.Fatalf("after a grant whose chart was not read the view shows:\n%s", v)
	}
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd == nil {
		t.Fatal("enter did not read the chart again")
	}
	m, _ = m.Update(cmd())
	if v := m.View(); !strings.Contains(v, "Access ends at") {
		t.Fatalf("the chart read again is not shown:\n%s", v)
	}
	notes, err := s.Notifications(ctx, admin.Actor(), true, 10)
	if err != nil || len(notes) != 1 {
		t.Fatalf("the administrators were told of %d grants (%v), want the one", len(notes), err)
	}
}
