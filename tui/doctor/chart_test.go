package doctor_test

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// A click selects a queue row; the chart adds an allergy, then edits it, and adds a
// condition to the history and a medication the patient takes.
func TestChartAddsAndEditsEntries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinic(t)
	p := login(t, c, 100, 30)
	p.WaitFor("Ben Okafor")
	// The body starts at row 3; the list's rows below the title and the column heads.
	p.Send(tea.MouseMsg{X: 10, Y: 3 + 2 + 1, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	p.Key("enter")
	p.WaitFor("Ben Okafor · "+c.ben.Code, "Allergies: none known")

	p.Type("a")
	p.WaitFor("┃ Allergen")
	p.Fill("Sulfonamides", "Reaction")
	p.Fill("rash", "Severity")
	p.Key("enter")
	p.WaitFor("Allergy saved.", "Allergies: Sulfonamides (moderate)")

	p.Type("e")
	p.WaitFor("┃ Allergen")
	p.Key("enter")
	p.WaitFor("┃ Reaction")
	p.Type(" and fever")
	p.Key("enter")
	p.WaitFor("┃ Severity")
	p.Key("down")
	p.Key("enter")
	p.WaitFor("Allergy saved.", "Allergies: Sulfonamides (severe)", "Sulfonamides — rash and fever")

	p.Type("h")
	p.WaitFor("┃ Condition")
	p.Fill("Type 2 diabetes", "Status")
	p.Key("down")
	p.Key("enter")
	p.WaitFor("┃ Diagnosed on")
	p.Type("2019-13-01")
	p.Key("enter")
	p.WaitFor("Enter a date as YYYY-MM-DD")
	for range "2019-13-01" {
		p.Key("backspace")
	}
	p.Fill("2019-04-01", "Notes")
	p.Type("diet controlled")
	p.Key("enter")
	p.WaitFor("Medical history saved.", "chronic  Type 2 diabetes · since Apr 2019 · diet controlled")

	p.Type("m")
	p.WaitFor("┃ Medication")
	p.Fill("Metformin 500 mg", "Dosage")
	p.Fill("1 tablet", "Frequency")
	p.Fill("BD", "Started on")
	p.Fill("", "Stopped on")
	p.Fill("", "Prescribed by")
	p.Type("Dr. Iyer")
	p.Key("enter")
	p.WaitFor("Current medication saved.", "Metformin 500 mg 1 tablet BD · by Dr. Iyer")

	chart, err := c.s.Chart(ctx, c.doctor.Actor(), c.ben.ID)
	if err != nil || len(chart.Allergies) != 1 || chart.Allergies[0].Severity != "severe" ||
		len(chart.History) != 1 || chart.History[0].Status != "chronic" || len(chart.Medications) != 1 {
		t.Fatalf("chart: %+v %v", chart, err)
	}
}

// At 80×24 the current-medication form scrolls: its last field and a field's error are
// on screen when focused, and what was typed is saved.
func TestChartMedicationFormFitsAt80x24(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinic(t)
	p := login(t, c, 80, 24)
	p.WaitFor("Ben Okafor")
	p.Send(tea.MouseMsg{X: 10, Y: 3 + 2 + 1, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	p.Key("enter")
	p.WaitFor("Ben Okafor · " + c.ben.Code)
	p.Type("m")
	p.WaitFor("┃ Medication")
	p.Fill("Metformin 500 mg", "Dosage")
	p.Fill("1 tablet", "Frequency")
	p.Fill("BD", "Started on")
	p.Fill("", "Stopped on")
	p.Type("2024-99-01")
	p.Key("enter")
	p.WaitFor("┃ Stopped on", "Enter a date as YYYY-MM-DD")
	for range "2024-99-01" {
		p.Key("backspace")
	}
	p.Fill("", "Prescribed by")
	p.Type("Dr. Iyer")
	p.WaitFor("┃ > Dr. Iyer")
	p.Key("enter")
	p.WaitFor("Current medication saved.")
	chart, err := c.s.Chart(ctx, c.doctor.Actor(), c.ben.ID)
	if err != nil || len(chart.Medications) != 1 || chart.Medications[0].PrescribedBy != "Dr. Iyer" {
		t.Fatalf("chart: %+v %v", chart, err)
	}
}
