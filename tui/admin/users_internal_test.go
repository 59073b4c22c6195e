package admin

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// usersOfGraceAndMaya is the users tab of Grace, an administrator, over her clinic's two
// accounts: hers and Maya's, a receptionist's.
func usersOfGraceAndMaya(t *testing.T) (m *Users, maya store.User) {
	t.Helper()
	s := tuitest.NewStore(t)
	var admin store.User
	for _, n := range []store.NewUser{{Email: "grace@clinic.test", FullName: "Grace Admin", Role: store.RoleAdmin},
		{Email: "maya@clinic.test", FullName: "Maya Desk", Role: store.RoleReceptionist}} {
		n.Password = tuitest.Password
		u, err := s.CreateUser(context.Background(), store.System("test"), n)
		if err != nil {
			t.Fatal(err)
		}
		admin, maya = maya, u
	}
	return NewUsers(&common.Common{Store: s, User: admin, Styles: theme.New(tuitest.Renderer(), true)}), maya
}

func TestAnOlderSearchsAnswerDoesNotReplaceANewerOne(t *testing.T) {
	t.Parallel()
	m, _ := usersOfGraceAndMaya(t)
	older := m.load() // everyone
	m.search.SetValue("maya")
	newer := m.load()
	m.Update(newer())
	m.Update(older()) // the slower, older answer arrives last
	if len(m.users) != 1 || m.users[0].FullName != "Maya Desk" {
		t.Fatalf("the list shows %+v after searching for maya", m.users)
	}
}

// A deactivation's answer arriving after a form was opened (y and then p typed
// together) left the form alone only by chance: it closed the form, or, refused, rebuilt
// a form that was saving, whose save could then be sent a second time.
func TestTheListsAnswerLeavesAnOpenFormAlone(t *testing.T) {
	t.Parallel()
	m, maya := usersOfGraceAndMaya(t)
	admin := m.c.User
	deactivate, deactivateSelf := m.setActive(maya, false), m.setActive(admin, false)
	m.mode, m.form = usersForm, newResetForm(m.c, maya)
	m.form.busy = true // its save is on its way
	refused := deactivateSelf()
	if refused.(userSavedMsg).err == nil {
		t.Fatal("the store let an administrator deactivate themself")
	}
	for _, answer := range []tea.Msg{deactivate(), refused} {
		m.Update(answer)
		if m.mode != usersForm || m.form == nil || !m.form.busy {
			t.Fatalf("after %+v the form is gone or no longer saving (mode %d)", answer, m.mode)
		}
	}
}
