package frontdesk_test

import (
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
)

func TestPatientPageOpensEmergencyAccessAndGoesBack(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Asha Patel")
	p.Type("/")
	p.Type("asha")
	p.WaitFor("1 found")
	p.Key("enter")
	p.WaitFor("Asha Patel", "Upcoming", "Payments due")
	p.Type("!")
	p.WaitFor("Emergency access · Asha Patel", "Why do you need this chart now?")
	p.Type("collapsed at the counter, not breathing well")
	p.Key("enter")
	p.WaitFor("Allergies", "Current medications", "Access ends at")
	until, err := c.s.EmergencyAccessUntil(ctx, c.desk.Actor(), c.asha.ID)
	if err != nil || until.IsZero() {
		t.Fatalf("no emergency grant stored: %v %v", until, err)
	}
	p.Key("esc")
	p.WaitFor("Asha Patel", "Upcoming", "Payments due")
	if got := p.Screen(); strings.Contains(got, "Allergies") {
		t.Errorf("the chart stayed on screen after esc:\n%s", got)
	}
}
