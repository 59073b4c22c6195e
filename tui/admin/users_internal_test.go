package admin

import (
	"context"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func TestAnOlderSearchsAnswerDoesNotReplaceANewerOne(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	var admin store.User
	for _, n := range []store.NewUser{{Email: "grace@clinic.test", FullName: "Grace Admin", Role: store.RoleAdmin},
		{Email: "maya@clinic.test", FullName: "Maya Desk", Role: store.RoleReceptionist}} {
		n.Password = tuitest.Password
		u, err := s.CreateUser(context.Background(), store.System("test"), n)
		if err != nil {
			t.Fatal(err)
		}
		if admin.ID == 0 {
			admin = u
		}
	}
	m := NewUsers(&common.Common{Store: s, User: admin, Styles: theme.New(tuitest.Renderer(), true)})
	older := m.load() // everyone
	m.search.SetValue("maya")
	newer := m.load()
	m.Update(newer())
	m.Update(older()) // the slower, older answer arrives last
	if len(m.users) != 1 || m.users[0].FullName != "Maya Desk" {
		t.Fatalf("the list shows %+v after searching for maya", m.users)
	}
}
