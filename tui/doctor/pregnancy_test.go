package doctor_test

import (
	"context"
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
)

// The doctor flags Ann as pregnant from her chart (dated, audited); the chart says so
// on top, and ibuprofen on her prescription warns from the pregnancy table with its
// source. Clearing the flag clears the warning's cause.
func TestChartPregnancyFlagWarnsOnTheRxEditor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinic(t)
	if err := c.s.CheckIn(ctx, c.desk.Actor(), c.annVisit); err != nil {
		t.Fatal(err)
	}
	p := login(t, c, 100, 30)
	p.WaitFor("checked in")
	p.Type("s")
	p.WaitFor("Ann Lee · " + c.ann.Code)

	p.Type("g")
	p.WaitFor("┃ Pregnant or breastfeeding", "neither (clear the flag)")
	p.Key("down")
	p.Key("enter")
	p.WaitFor("┃ Noted on (YYYY-MM-DD)", "> 2026-03-02")
	p.Key("backspace")
	p.Type("9")
	p.Key("enter")
	p.WaitFor("The date it was noted cannot be in the future.", "┃ Pregnant or breastfeeding")
	p.Key("enter")
	p.WaitFor("┃ Noted on (YYYY-MM-DD)")
	p.Key("backspace")
	p.Type("1")
	p.Key("enter")
	p.WaitFor("Pregnancy flag saved.", "⚠ Pregnant (noted 2026-03-01): medicines to avoid warn")
	chart, err := c.s.Chart(ctx, c.doctor.Actor(), c.ann.ID)
	if err != nil || chart.Pregnancy.Status != store.Pregnant || chart.Pregnancy.NotedOn.Format("2006-01-02") != "2026-03-01" {
		t.Fatalf("stored flag %+v (%v)", chart.Pregnancy, err)
	}
	if n := c.count(t, `SELECT count(*) FROM audit_log WHERE table_name = 'patient_pregnancy' AND patient_id = ?`,
		c.ann.ID); n != 1 {
		t.Fatalf("%d audit rows for the flag, want 1", n)
	}

	p.Type("p")
	p.WaitFor("· draft · Ann Lee")
	p.Type("a")
	p.WaitFor("Search:")
	p.Type("ibupro")
	p.WaitFor("▸ Ibuprofen 400 mg tablet")
	p.Key("enter")
	p.WaitFor("⚠ PREGNANCY: Patient pregnant (noted 2026-03-01): NSAIDs.", "Source: FDA Drug Safety", "┃ Dosage")
	p.Key("esc")
	p.WaitFor("Medications (0)")
	p.Key("esc")
	p.WaitFor("⚠ Pregnant (noted 2026-03-01)")

	// Cleared: the header no longer says so.
	p.Type("g")
	p.WaitFor("┃ Pregnant or breastfeeding")
	p.Key("up")
	p.Key("enter")
	p.WaitFor("┃ Noted on (YYYY-MM-DD)")
	p.Key("enter")
	p.WaitFor("Pregnancy flag saved.")
	if chart, _ := c.s.Chart(ctx, c.doctor.Actor(), c.ann.ID); chart.Pregnancy.Status != "" {
		t.Fatalf("flag not cleared: %+v", chart.Pregnancy)
	}
	p.WaitUntil("the header without the flag", func(screen string) bool {
		return strings.Contains(screen, "Allergies (1)") && !strings.Contains(screen, "⚠ Pregnant")
	})
}
