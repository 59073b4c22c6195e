package frontdesk

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// While another day is read, the heading names the new day and the grid offers none of
// the old day's appointments: no row, no detail, no action, no click; the keys that
// choose a day still work. Once the day arrives its rows are offered.
func TestBookOffersNoRowOfTheDayBeforeWhileTheNextLoads(t *testing.T) {
	t.Parallel()
	c := newRaoClinic(t, time.Date(2025, 3, 3, 8, 2, 0, 0, time.UTC), time.Monday, time.Tuesday)
	asha := c.bookPatient("Asha", "Patel", "female", 1990, time.Date(2025, 3, 3, 10, 15, 0, 0, time.UTC))

	b := NewBook(c.f.Common(c.desk))
	b.SetSize(80, 20)
	b.Init()
	b.Update(b.loadView()())
	b.grid.toMinute(10*60 + 15)
	if a, ok := b.selected(); !ok || a.PatientID != asha.ID {
		t.Fatalf("Asha's 10:15 is not selected on Monday:\n%s", b.View())
	}

	b.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("]")}) // Tuesday, still on its way
	v := b.View()
	if !strings.Contains(v, "Tuesday 4 March 2025") || !strings.Contains(v, "Reading Tuesday 4 March 2025…") {
		t.Fatalf("while Tuesday loads the book does not say so:\n%s", v)
	}
	if containsText(v, "Asha") || containsText(v, "1 booked") || b.hasSelection() {
		t.Fatalf("under Tuesday's heading the book offers Monday's appointment:\n%s", v)
	}
	for _, k := range []string{"x", "$", "c", "r", "w"} {
		if _, cmd := b.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}); cmd != nil || b.mode != modeGrid {
			t.Fatalf("%q acted on Monday's grid under Tuesday's heading (mode %d)", k, b.mode)
		}
	}
	if _, cmd := b.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd != nil || b.mode != modeGrid {
		t.Fatal("enter opened a booking on Monday's grid under Tuesday's heading")
	}
	b.Update(tea.MouseMsg{X: gutter + 1, Y: 2 + b.grid.row - b.grid.rowOff, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if b.hasSelection() {
		t.Fatal("a click selected Monday's appointment under Tuesday's heading")
	}

	b.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("[")}) // back to Monday
	b.Update(b.loadView()())
	if a, ok := b.selected(); !ok || a.PatientID != asha.ID || !containsText(b.View(), "1 booked") {
		t.Fatalf("once Monday arrived again its appointment is not offered:\n%s", b.View())
	}
	// A reload of the same day (another desk's change) keeps the rows on offer.
	b.reload()
	if !b.hasSelection() {
		t.Fatal("a reload of the day shown hides its rows")
	}
}

// The book's View is pure (issue 15 point 1): drawing it changes nothing of the book,
// the status legend included (it was drawn and kept by the first View).
func TestBookViewChangesNothing(t *testing.T) {
	t.Parallel()
	f := tuitest.NewClinic(t, time.Date(2025, 3, 3, 8, 2, 0, 0, time.UTC))
	desk := f.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	b := NewBook(f.Common(desk))
	b.SetSize(80, 20)
	b.Init()
	b.Update(b.loadView()())
	legendBefore, shownBefore, messageBefore := b.legend, b.shown, b.message
	first := b.View()
	if b.legend != legendBefore || b.shown != shownBefore || b.message != messageBefore || b.View() != first {
		t.Fatal("View changed the book")
	}
	if !containsText(first, "scheduled") {
		t.Fatalf("no legend drawn:\n%s", first)
	}
}
