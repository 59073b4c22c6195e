package doctor_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// login starts the desk and logs the doctor in.
func login(t *testing.T, c *clinic, w, h int) *tuitest.Program {
	t.Helper()
	p := tuitest.Start(t, tui.New(tui.Options{Store: c.s, Renderer: tuitest.Renderer()}), w, h)
	p.WaitFor("┃ Email")
	p.Fill("rao@clinic.test", "Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	p.WaitFor("1 Today", "Asha Rao · doctor")
	return p
}

// drag draws with the mouse from one canvas cell to another, the pad being at the top
// of the body (header and tab bar above, one column of padding to the left).
func drag(p *tuitest.Program, from, to [2]int) {
	const left, top = 1 + 1, 3 + 2 // the frame's body, then the pad's border and status line
	p.Send(tea.MouseMsg{X: left + from[0], Y: top + from[1], Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	p.Send(tea.MouseMsg{X: left + to[0], Y: top + to[1], Action: tea.MouseActionMotion, Button: tea.MouseButtonLeft})
	p.Send(tea.MouseMsg{X: left + to[0], Y: top + to[1], Action: tea.MouseActionRelease, Button: tea.MouseButtonLeft})
}

// TestADoctorsConsultation is the "done when", as a new user would do it: a
// checked-in patient appears, the chart opens, vitals are recorded (an implausible one
// refused first), a prescription gets two medications (one against an allergy, with a
// reason), a test order and a sketch, it is submitted, and the pharmacy's queue has it.
func TestADoctorsConsultation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClinic(t)
	p := login(t, c, 100, 30)
	p.WaitFor("Ann Lee", "Ben Okafor", "0 waiting")

	// The desk checks Ann in: she appears highlighted, live.
	if err := c.s.CheckIn(ctx, c.desk.Actor(), c.annVisit); err != nil {
		t.Fatal(err)
	}
	p.WaitFor("● 09:30", "checked in · just arrived", "1 waiting")
	c.clock.Advance(12 * time.Minute)
	if err := c.s.CheckIn(ctx, c.desk.Actor(), c.benVisit); err != nil {
		t.Fatal(err)
	}
	p.WaitFor("checked in · waiting 12 min", "2 waiting")

	// Start the consultation: the chart opens, allergies on top.
	p.Type("s")
	p.WaitFor("Ann Lee · "+c.ann.Code, "Allergies: Penicillin (severe)", "Vital signs", "None recorded")
	if a, _ := c.s.Appointment(ctx, c.desk.Actor(), c.annVisit); a.Status != store.AppointmentInConsultation {
		t.Fatalf("the desk sees %s, want in consultation", a.Status)
	}
	if n := c.count(t, `SELECT count(*) FROM access_log WHERE action = 'read_chart' AND patient_id = ? AND user_id = ?`,
		c.ann.ID, c.doctor.ID); n != 1 {
		t.Fatalf("%d access-log rows for opening the chart, want 1", n)
	}

	// Vitals: a systolic pressure of 300 is refused, naming the field; nothing typed is lost.
	p.Type("v")
	p.WaitFor("┃ Height (cm)")
	p.Fill("170", "Weight (kg)")
	p.Fill("72", "Blood pressure, systolic")
	p.Fill("300", "Blood pressure, diastolic")
	p.Fill("80", "Pulse")
	p.Fill("88", "Temperature")
	p.Fill("37.2", "SpO2")
	p.Fill("98", "Respiratory rate")
	p.Type("16")
	p.Key("enter")
	p.WaitFor("Systolic pressure must be between 50 and 260 mmHg.", "┃ Height (cm)")
	p.Key("enter")
	p.WaitFor("┃ Weight (kg)")
	p.Key("enter")
	p.WaitFor("┃ Blood pressure, systolic")
	p.Key("backspace")
	p.Key("backspace")
	p.Key("backspace")
	p.Fill("120", "Blood pressure, diastolic")
	for _, next := range []string{"Pulse", "Temperature", "SpO2", "Respiratory rate"} {
		p.Key("enter")
		p.WaitFor("┃ " + next)
	}
	p.Key("enter")
	p.WaitFor("Vital signs saved.", "BMI 24.9", "BP 120/80", "pulse 88")

	// The prescription.
	p.Type("p")
	p.WaitFor("RX", "· draft · Ann Lee", "Allergies: Penicillin (severe)", "Medications (0)")
	p.Type("d")
	p.WaitFor("┃ Diagnosis")
	p.Fill("Acute pharyngitis", "Notes")
	p.Type("Review in a week")
	p.Key("enter")
	p.WaitFor("Diagnosis saved with the draft.", "Diagnosis: Acute pharyngitis")

	// Amoxicillin is a penicillin: a warning, and a reason is required.
	p.Type("a")
	p.WaitFor("Search:")
	p.Type("amox")
	p.WaitFor("⚠ Amoxicillin 500 mg capsule (amoxicillin) · stock 120 capsule · exp 2027-06-30")
	p.Key("enter")
	p.WaitFor("ALLERGY: Amoxicillin", "severe", "┃ Dosage")
	p.Fill("1 capsule", "Frequency")
	p.Fill("TDS", "Duration (days)")
	p.Type("5")
	p.Key("enter")
	p.WaitFor("┃ Route")
	p.Key("enter")
	p.WaitFor("┃ Instructions")
	p.Fill("after food", "Quantity to dispense")
	p.WaitFor("Computed from TDS for 5 days: 15.", "> 15")
	p.Key("enter")
	p.WaitFor("┃ Long-term (chronic) medicine?")
	p.Key("enter")
	p.WaitFor("┃ Allergy override")
	p.Key("enter")
	p.WaitFor("Enter the reason to prescribe against a recorded allergy.")
	p.Type("Tolerated amoxicillin in 2024; hives were from another drug")
	p.Key("enter")
	// The selected line shows all of itself: its instructions and the override.
	p.WaitFor("Amoxicillin 500 mg capsule added.", "⚠ Amoxicillin 500 mg capsule · 1 capsule · TDS · 5 days · oral · qty 15",
		"after food", "override:", "hives were from another drug")

	// Paracetamol: the quantity is computed from 2 tablets BD for 3 days.
	p.Type("a")
	p.WaitFor("Search:")
	p.Type("para")
	p.WaitFor("▸ Paracetamol 500 mg tablet")
	p.Key("enter")
	p.WaitFor("┃ Dosage")
	p.Fill("2 tablets", "Frequency")
	p.Fill("BD", "Duration (days)")
	p.Type("3")
	p.Key("enter")
	p.WaitFor("┃ Route")
	p.Key("enter")
	p.WaitFor("┃ Instructions")
	p.Key("enter")
	p.WaitFor("Computed from BD for 3 days: 12.")
	p.Key("enter")
	p.WaitFor("┃ Long-term (chronic) medicine?")
	p.Key("enter")
	p.WaitFor("Paracetamol 500 mg tablet added.", "qty 12", "Medications (2)")

	// A test order, urgent.
	p.Type("t")
	p.WaitFor("┃ Test")
	p.Fill("Throat swab culture", "Priority")
	p.Key("down")
	p.Key("enter")
	p.WaitFor("┃ Instructions")
	p.Type("before the first dose")
	p.Key("enter")
	p.WaitFor("Throat swab culture ordered.", "Throat swab culture · urgent")

	// A small sketch: a rectangle with the keys, a stroke with the mouse, a word typed.
	p.Type("s")
	p.WaitFor("Tool: pen")
	p.Type("r")
	p.Type(" ")
	for i := 0; i < 6; i++ {
		p.Type("l")
	}
	p.Type("jj ")
	p.Type("p")
	drag(p, [2]int{10, 1}, [2]int{14, 1})
	p.Type("t")
	p.Key("down")
	p.Type("tonsil")
	p.WaitFor("tonsil")
	p.Key("esc")
	p.Key("esc")
	p.WaitFor("Sketch saved with the draft.")
	wantSketch := "+-----+\n|     |   *****\n+-----+       tonsil"
	rx, err := c.s.PrescriptionForAppointment(ctx, c.doctor.Actor(), c.annVisit)
	if err != nil || rx.Sketch != wantSketch {
		t.Fatalf("stored sketch %q (%v), want %q", rx.Sketch, err, wantSketch)
	}

	// Submit: the form starts from the clinic's 30 days and no refills, refuses 90 days
	// without a chronic line, and its confirmation names the patient. The pharmacist's
	// queue has it, and its content is frozen.
	p.Type("S")
	p.WaitFor("┃ Valid for (days)", "> 30", "1 to 30, the clinic's default")
	p.Key("backspace")
	p.Key("backspace")
	p.Type("90")
	p.Key("enter")
	p.WaitFor("Validity must be a whole number of days from 1 to 30.")
	p.Key("backspace")
	p.Key("backspace")
	p.Fill("10", "Refills")
	p.Key("backspace")
	p.Type("1")
	p.Key("enter")
	p.WaitFor("┃ Submit "+rx.Code+" for Ann Lee ("+c.ann.Code+") to the pharmacy?", "It cannot change afterwards.")
	p.Type("y")
	p.WaitFor("Sent "+rx.Code+" for Ann Lee ("+c.ann.Code+"): valid 10 days, 1 refill.",
		rx.Code+" · submitted", "Valid until 2026-03-12", "1 refill")
	if got, _ := c.s.Prescription(ctx, c.doctor.Actor(), rx.ID); got.RefillsAllowed != 1 ||
		!got.ValidUntil.Equal(c.clock.Now().AddDate(0, 0, 10)) {
		t.Fatalf("stored validity %v, refills %d", got.ValidUntil, got.RefillsAllowed)
	}
	if n := c.count(t, `SELECT count(*) FROM audit_trail WHERE table_name = 'prescription_medications'
		AND json_extract(new_values, '$.allergy_override_reason') LIKE 'Tolerated amoxicillin%'`); n != 1 {
		t.Fatalf("%d audit rows carry the allergy override, want 1", n)
	}
	queue, err := c.s.Queue(ctx, c.pharmacist.Actor(), 50)
	if err != nil || len(queue) != 1 || queue[0].Code != rx.Code || queue[0].Items != 2 || !queue[0].UrgentTest ||
		!queue[0].AllergyOverride {
		t.Fatalf("pharmacy queue: %+v %v", queue, err)
	}
	if _, err := c.s.AddMedication(ctx, c.doctor.Actor(), rx.ID, store.MedicationInput{Name: "x", Quantity: 1}); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("a medication added after submission: %v, want a conflict", err)
	}
	p.Type("a")
	p.WaitFor("has been submitted; its content can no longer change.")

	// P prints the page where the clinic prints (here the print directory beside the
	// database, under a name of the store's making) and shows it on screen.
	p.Type("P")
	screen := p.WaitFor("Saved as clinic.db.prints/prescription-"+rx.Code+"-", "Asha Rao, MBBS, MD")
	files, err := filepath.Glob(filepath.Join(c.s.PrintDir(), "prescription-"+rx.Code+"-*.txt"))
	if err != nil || len(files) != 1 || !strings.Contains(screen, filepath.Base(files[0])) {
		t.Fatalf("printed %v, %v; screen:\n%s", files, err, screen)
	}
	page, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(files[0]); err != nil {
		t.Fatal(err)
	} else if info.Mode().Perm() != 0o600 {
		t.Fatalf("the printout is %v, want 0600", info.Mode().Perm())
	}
	for _, want := range []string{"Asha Rao, MBBS, MD", "MCI-12345", "Ann Lee (" + c.ann.Code + ")", "2 March 2026",
		"Valid to:  12 March 2026 · refills: 1",
		"Acute pharyngitis", "Amoxicillin 500 mg capsule", "1 capsule · TDS (three times a day) · for 5 days · oral", "Quantity: 15",
		"Prescriber's override: Tolerated", "Paracetamol 500 mg tablet", "Quantity: 12",
		"Throat swab culture (urgent) · before the first dose", "  +-----+", "  |     |   *****"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the printout lacks %q:\n%s", want, page)
		}
	}

	// esc closes the printout; back to the queue and complete the visit.
	p.Key("esc")
	p.WaitFor("Medications (2)")
	p.Key("esc")
	p.WaitFor("Allergies (1)")
	p.Key("esc")
	p.WaitFor("▶ 09:30")
	p.Type("c")
	p.WaitFor("Ann Lee: consultation completed.")
	// The note goes with the next key, and a resize does not bring it back.
	p.Type("j")
	p.Send(tea.WindowSizeMsg{Width: 90, Height: 30})
	p.WaitUntil("the note gone", func(s string) bool {
		return strings.Contains(s, "Ann Lee") && !strings.Contains(s, "consultation completed")
	})
}

// At 80×24 the day's list still shows why each patient came.
func TestTodayShowsTheReasonAtEightyColumns(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := login(t, c, 80, 24)
	p.WaitFor("Ann Lee", "Ben Okafor", "sore throat", "check-up")
}

// At 80 columns the prescription editor's allergy warning wraps instead of being cut,
// and Today, come back to, no longer says the consultation was started.
func TestAllergyWarningWrapsAndTodayDropsAStaleMessage(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	if err := c.s.CheckIn(context.Background(), c.desk.Actor(), c.annVisit); err != nil {
		t.Fatal(err)
	}
	p := login(t, c, 80, 24)
	p.WaitFor("Ann Lee", "1 waiting")
	p.Type("s")
	p.WaitFor("Allergies: Penicillin (severe)", "Vital signs")
	p.Type("p")
	p.WaitFor("Medications (0)")
	p.Type("a")
	p.WaitFor("Search:")
	p.Type("amox")
	p.WaitFor("Amoxicillin 500 mg capsule (amoxicillin)")
	p.Key("enter")
	screen := p.WaitFor("⚠ ALLERGY: Amoxicillin", "┃ Dosage")
	joined := strings.Join(strings.Fields(screen), " ")
	if !strings.Contains(joined, "⚠ ALLERGY: Amoxicillin is a penicillin; patient is allergic to Penicillin (severe)") {
		t.Errorf("the allergy warning is cut:\n%s", screen)
	}
	for _, line := range strings.Split(screen, "\n") {
		if w := len([]rune(line)); w > 80 {
			t.Errorf("a line of %d columns: %q", w, line)
		}
	}
	p.Key("esc")
	p.WaitFor("Medications (0)")
	p.Key("esc")
	p.WaitFor("Vital signs")
	p.Key("esc")
	screen = p.WaitFor("▶ 09:30", "Ann Lee")
	if strings.Contains(screen, "consultation started") {
		t.Errorf("Today still says the consultation was started:\n%s", screen)
	}
}

// Today filters with / as typed, like every list: letters narrow the day (they are not
// commands while the filter is typed: "s" does not start a consultation), enter keeps
// the filter and the keys act on the rows it shows, esc clears it. A click selects the
// row under it below the filter's line.
func TestTodayFiltersAsTyped(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	// Without colour the selected row is drawn in reverse video, which WaitSelected reads.
	p := tuitest.Start(t, tui.New(tui.Options{Store: c.s, Renderer: tuitest.Renderer(), NoColor: true}), 80, 24)
	p.WaitFor("┃ Email")
	p.Fill("rao@clinic.test", "Password")
	p.Type(tuitest.Password)
	p.Key("enter")
	p.WaitFor("Ann Lee", "Ben Okafor")
	p.Type("/")
	p.WaitFor("/ filter by patient")
	p.Type("bens") // no match: s is text, not "start consultation"
	p.WaitFor("No appointment today matches the filter.", "0 of 2")
	p.Key("backspace")
	screen := p.WaitFor("/ ben", "1 of 2", "Ben Okafor")
	if strings.Contains(screen, "Ann Lee") {
		t.Fatalf("the filter left Ann in:\n%s", screen)
	}
	p.Key("enter")
	p.WaitSelected("Ben Okafor")
	p.Key("esc")
	p.WaitFor("Ann Lee", "Ben Okafor", "2 appointments")
	p.Type("/ann")
	screen = p.WaitFor("/ ann", "1 of 2")
	p.Key("enter")
	p.Click(10, tuitest.LineOf(screen, "Ann Lee"))
	p.WaitSelected("Ann Lee")
}
