package doctor_test

import (
	"context"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

var ctrlT = tea.KeyMsg{Type: tea.KeyCtrlT}

// At 80×24: a medicine the pharmacy does not stock, written as free text, taken as
// needed (so the quantity must be typed), saved as a favourite, removed, and added back
// from the favourite.
func TestFreeTextMedicationAndFavourites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinic(t)
	p := login(t, c, 80, 24)
	p.WaitFor("Ann Lee", "Ben Okafor")
	p.Type("j")
	p.Type("p")
	// Ben has not been checked in: the doctor gives a reason to prescribe without a
	// started consultation, which is stored and audited.
	p.WaitFor("The consultation has not started (the appointment is scheduled)", "┃ Reason to prescribe without")
	p.Key("enter")
	p.WaitFor("Enter the reason.")
	p.Type("Repeat of his usual antihistamine")
	p.Key("enter")
	p.WaitFor("· draft · Ben Okafor", "Allergies: none known",
		"Written outside a consultation: Repeat of his usual antihistamine")
	if n := c.count(t, `SELECT count(*) FROM audit_trail WHERE table_name = 'prescriptions' AND action = 'INSERT'
		AND json_extract(new_values, '$.no_consultation_reason') = 'Repeat of his usual antihistamine'`); n != 1 {
		t.Fatalf("%d audit rows carry the reason, want 1", n)
	}

	p.Type("a")
	p.WaitFor("Search:")
	p.Type("cetirizine")
	p.WaitFor("No match in the catalogue. ctrl+t writes it as free text.")
	p.Send(ctrlT)
	p.WaitFor("┃ Medicine (not stocked: free text)")
	p.Key("enter")
	p.WaitFor("┃ Strength")
	p.Fill("10 mg", "Form")
	p.Fill("tablet", "Dosage")
	p.Fill("1 tablet", "Frequency")
	p.Fill("PRN", "Duration (days)")
	p.Key("enter")
	p.WaitFor("┃ Route")
	p.Fill("", "Instructions")
	p.Fill("for itching", "Quantity to dispense")
	p.WaitFor("It cannot be computed from this frequency and duration: type it.")
	p.Key("enter")
	p.WaitFor("Enter the quantity to dispense, a whole number.")
	p.Type("10")
	p.Key("enter")
	p.WaitFor("┃ Long-term (chronic) medicine?")
	p.Type("y")
	// The selected line wraps: all of it shows, its instructions last.
	p.WaitFor("cetirizine added.", "cetirizine 10 mg tablet · 1 tablet · PRN · oral · qty 10 · not stocked ·",
		"chronic · for itching")

	p.Type("F")
	p.WaitFor("┃ Save these medications as a favourite named")
	p.Type("Itch")
	p.Key("enter")
	p.WaitFor(`Saved as the favourite "Itch".`)
	favs, err := c.s.Favourites(ctx, c.doctor.Actor())
	if err != nil || len(favs) != 1 || favs[0].Items[0].Quantity != 10 || favs[0].Items[0].Frequency != "PRN" ||
		!favs[0].Items[0].Chronic {
		t.Fatalf("favourites: %+v %v", favs, err)
	}

	p.Type("x")
	p.WaitFor("cetirizine removed.", "Medications (0)")
	p.Type("f")
	p.WaitFor("Favourites: enter adds every medication of one", "Itch — cetirizine")
	p.Key("enter")
	p.WaitFor(`1 medication added from "Itch".`, "Medications (1)", "qty 10 · not stocked ·", "chronic · for itching")
	if n := c.count(t, `SELECT count(*) FROM prescription_medications WHERE name = 'cetirizine' AND chronic = 1`); n != 1 {
		t.Fatalf("%d chronic cetirizine lines after adding the favourite, want 1", n)
	}
}

// A reason the store refuses opens the reason form again on it, to be mended: the
// completed form stayed as it was, so every key sent the refused reason again and it
// could not be changed.
func TestARefusedReasonToPrescribeCanBeMended(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := login(t, c, 80, 24)
	p.WaitFor("Ann Lee", "Ben Okafor")
	p.Type("j")
	p.Type("p")
	p.WaitFor("┃ Reason to prescribe without")
	p.Type("Repeat")
	p.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'\u202e'}}) // Type sends a byte at a time
	p.Key("enter")
	p.WaitFor("The reason cannot contain hidden direction marks.")
	p.Key("backspace")
	p.Type(" visit")
	p.Key("enter")
	p.WaitFor("· draft · Ben Okafor", "Written outside a consultation: Repeat visit")
	if n := c.count(t, `SELECT count(*) FROM prescriptions`); n != 1 {
		t.Fatalf("%d prescriptions, want 1", n)
	}
}
