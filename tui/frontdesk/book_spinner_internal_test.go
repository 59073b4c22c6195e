package frontdesk

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// Until the day's read arrives the book shows a turning spinner, never "No doctors
// yet" nor "0 booked": nothing is known of the day. The spinner stops once it has
// arrived, turns again while another day is read, and a failed first read says so.
func TestBookShowsASpinnerWhileTheDayLoads(t *testing.T) {
	t.Parallel()
	f := tuitest.NewClinic(t, time.Date(2025, 3, 3, 10, 2, 0, 0, time.UTC))
	desk := f.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	b := NewBook(f.Common(desk))
	b.SetSize(80, 20)
	if b.Init() == nil || !b.loading || !b.ticking {
		t.Fatal("Init starts no read and no spinner")
	}
	first := b.View()
	for _, unwanted := range []string{"No doctors yet", "0 booked"} {
		if strings.Contains(first, unwanted) {
			t.Errorf("while loading the book says %q:\n%s", unwanted, first)
		}
	}
	if !strings.Contains(first, "Opening the book…") || !strings.Contains(first, b.spin.View()) {
		t.Fatalf("no spinner while loading:\n%s", first)
	}
	tick := b.spin.Tick().(spinner.TickMsg)
	if _, cmd := b.Update(tick); cmd == nil || b.View() == first {
		t.Fatal("the spinner does not turn while the day loads")
	}

	b.Update(gridMsg{owner: b.owner, seq: b.seq, view: b.wants()})
	if done := b.View(); !strings.Contains(done, "No doctors yet") || strings.Contains(done, "Opening the book") {
		t.Fatalf("a clinic without doctors, once read:\n%s", done)
	}
	if _, cmd := b.Update(b.spin.Tick()); cmd != nil || b.ticking {
		t.Fatal("the spinner keeps ticking after the day arrived")
	}
	if cmd := b.goTo(addDays(b.day, 1)); cmd == nil || !b.loading || !b.ticking {
		t.Fatal("reading another day does not turn the spinner")
	}

	failed := NewBook(f.Common(desk))
	failed.SetSize(80, 20)
	failed.Init()
	failed.Update(gridMsg{owner: failed.owner, seq: failed.seq, view: failed.wants(), err: errors.New("disk I/O error")})
	if v := failed.View(); !strings.Contains(v, "The book could not be read") || strings.Contains(v, "Opening the book") {
		t.Fatalf("a failed first read:\n%s", v)
	}
}
