package frontdesk

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// Changes committed close together start reloads side by side; when the first one's
// answer (one row) arrives last, it must not replace the second's two rows. Each part
// of the desk starts two loads (their commands would query the store; their answers
// are made here), hands in the newer answer, then the older.
func TestAnOlderReloadArrivingLastIsDropped(t *testing.T) {
	t.Parallel()
	c := &common.Common{Store: tuitest.NewStore(t), User: store.User{ID: 1, Role: store.RoleReceptionist},
		Styles: theme.New(tuitest.Renderer(), true)}
	one := []store.Appointment{{ID: 1}}
	two := []store.Appointment{{ID: 2}, {ID: 1}}
	t.Run("waiting room", func(t *testing.T) {
		b := NewBook(c)
		b.loadWaiting()
		b.loadWaiting()
		b.Update(waitingMsg{stamp: 2, owner: b.owner, list: two})
		b.Update(waitingMsg{stamp: 1, owner: b.owner, list: one})
		if len(b.waiting) != 2 {
			t.Fatalf("the older reload's %d waiting replaced the newer reload's two", len(b.waiting))
		}
	})
	t.Run("patient page", func(t *testing.T) {
		p := NewPatients(c)
		p.showPage(store.Patient{ID: 5})
		p.page.load(c)
		p.Update(pageMsg{stamp: 2, owner: p.page.owner, upcoming: two})
		p.Update(pageMsg{stamp: 1, owner: p.page.owner, upcoming: one})
		if len(p.page.upcoming) != 2 {
			t.Fatalf("the older reload's %d visit replaced the newer reload's two", len(p.page.upcoming))
		}
	})
	t.Run("doctors of the calendars", func(t *testing.T) {
		m := NewCalendars(c)
		m.loadDoctors()
		m.loadDoctors()
		m.Update(doctorsMsg{stamp: 2, owner: m.owner, doctors: []store.Doctor{{ID: 3}, {ID: 4}}})
		m.Update(doctorsMsg{stamp: 1, owner: m.owner, doctors: []store.Doctor{{ID: 3}}})
		if len(m.all) != 2 {
			t.Fatalf("the older reload's %d doctor replaced the newer reload's two", len(m.all))
		}
	})
	t.Run("a doctor's calendar", func(t *testing.T) {
		m := NewCalendars(c)
		m.all = []store.Doctor{{ID: 3}}
		m.refilter()
		m.loadCalendar()
		m.loadCalendar()
		leaves := []store.Leave{{ID: 2}, {ID: 1}}
		m.Update(calendarMsg{stamp: 2, owner: m.owner, doctorID: 3, leaves: leaves})
		m.Update(calendarMsg{stamp: 1, owner: m.owner, doctorID: 3, leaves: leaves[1:]})
		if len(m.items) != 2 {
			t.Fatalf("the older reload's %d leave replaced the newer reload's two", len(m.items))
		}
	})
}
