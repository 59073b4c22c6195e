package frontdesk_test

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
)

func TestDayGridShowsEachDoctorsAppointments(t *testing.T) {
	c := newClinic(t)
	c.book(t, c.asha, c.rao, c.at(3, 10, 30), "fever")
	c.book(t, c.ravi, c.mehta, c.at(3, 11, 0), "chest pain")
	p := start(t, c, frontdesk.NewBook(c.common(t, c.desk)), 80, 20)
	screen := p.WaitFor("Monday 3 March 2025 (today)", "Dr. Anil Rao", "Dr. Meera Mehta", "Asha Patel", "Ravi Kumar")
	t.Log("\n" + screen)
}
