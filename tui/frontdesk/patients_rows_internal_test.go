package frontdesk

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A key that moves the registry's cursor draws the selection again, not every row: a
// frame of 25 rows allocates a few times, not a few times per row (every row was drawn
// on every frame, a sixth of the desk's CPU at 50 SSH sessions pressing keys, issue 17).
// The rows drawn are those of the latest results at the latest width.
func TestTheRegistryDrawsItsRowsOnce(t *testing.T) { // not parallel: it counts allocations
	f := tuitest.NewClinic(t, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	desk := f.User(store.NewUser{Email: "desk@clinic.test", FullName: "Dee Desk", Role: store.RoleReceptionist})
	p := NewPatients(f.Common(desk))
	p.SetSize(100, 30)
	var results []store.Patient
	for i := range 40 {
		results = append(results, store.Patient{ID: int64(i + 1), Code: fmt.Sprintf("PAT%06d", i+1), FirstName: "Asha",
			LastName: fmt.Sprintf("Patel%02d", i), Phone: "+44 20 7946 0000", Email: "asha@example.test"})
	}
	p.Update(searchMsg{owner: p.owner, seq: p.seq, patients: results})
	down := tea.KeyMsg{Type: tea.KeyDown}
	p.View()
	allocs := testing.AllocsPerRun(20, func() {
		p.Update(down)
		p.View()
	})
	t.Logf("%.0f allocations per key", allocs)
	if allocs > 100 {
		t.Errorf("a key on the registry allocates %.0f times; its rows are drawn again", allocs)
	}
	renamed := append([]store.Patient(nil), results...)
	renamed[0].LastName = "Rao"
	p.Update(searchMsg{owner: p.owner, seq: p.seq, patients: renamed})
	p.cursor = 0
	p.clampList()
	if view := p.View(); !strings.Contains(view, "Asha Rao") {
		t.Errorf("new results are drawn with the old rows:\n%s", view)
	}
	p.SetSize(60, 30)
	for _, line := range strings.Split(tuitest.Plain(p.View()), "\n") {
		if w := len([]rune(line)); w > 60 {
			t.Errorf("a row is drawn at the old width (%d columns): %q", w, line)
		}
	}
}
