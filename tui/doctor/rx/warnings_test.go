package rx

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// A medicine written as a brand is checked against the draft's lines and the patient's
// other medications: a severe interaction shows and asks for a reason, and an unknown
// medicine says it was not checked.
func TestMedicationFormShowsInteractionsAndAsksForAReason(t *testing.T) {
	c := &common.Common{Styles: theme.New(tuitest.Renderer(), true), Width: 160, Height: 40}
	m := New(c, store.Doctor{}, store.Appointment{})
	m.loaded = true
	m.rx = store.Prescription{Status: store.PrescriptionDraft, Medications: []store.PrescribedMedication{
		{ID: 1, Name: "Clarithromycin 500 mg tablet", GenericName: "clarithromycin"}}}
	m.others = []store.OtherMedication{{MedicationLine: store.MedicationLine{Name: "Warfarin 5 mg tablet"},
		From: store.FromCurrentMedication}}
	m.SetSize(160, 40)

	m.openMedication(medFields{name: "Brufen 400"})
	m.medStep = 1
	m.form = m.medicationForm()
	m.form.Init()
	screen := ansi.Strip(m.View())
	for _, want := range []string{"⚠ INTERACTION: Severe interaction with Warfarin 5 mg tablet (current medication)",
		"Override: reason to prescribe anyway"} {
		if !strings.Contains(screen, want) {
			t.Errorf("screen lacks %q:\n%s", want, screen)
		}
	}

	m.openMedication(medFields{name: "Simvastatin 40 mg"})
	if len(m.warnings) != 1 || m.warnings[0].With != "Clarithromycin 500 mg tablet" || m.warnings[0].From != store.FromThisPrescription ||
		!m.needsOverride() {
		t.Errorf("simvastatin beside clarithromycin on the draft: %+v", m.warnings)
	}

	m.openMedication(medFields{name: "Dr Rao's herbal tonic"})
	screen = ansi.Strip(m.View())
	if !strings.Contains(screen, "⚠ NOT CHECKED: Not recognised: not checked for allergies or interactions.") || m.needsOverride() {
		t.Errorf("unknown medicine:\n%s", screen)
	}

	m.openMedication(medFields{name: "Paracetamol 500 mg tablet", generic: "paracetamol"})
	if len(m.warnings) != 1 || m.warnings[0].Severity != "moderate" || m.needsOverride() {
		t.Errorf("paracetamol with warfarin is a moderate warning only: %+v", m.warnings)
	}
}

// The dose typed in the first step is checked when the second opens: above the usual
// adult maximum it warns with the computed and the maximum dose; for a child every
// medicine says its dose needs paediatric confirmation. Neither asks for a reason.
func TestMedicationFormShowsDoseWarnings(t *testing.T) {
	c := &common.Common{Styles: theme.New(tuitest.Renderer(), true), Width: 160, Height: 40}
	m := New(c, store.Doctor{}, store.Appointment{})
	m.loaded = true
	m.rx = store.Prescription{Status: store.PrescriptionDraft}
	m.SetSize(160, 40)
	ibuprofen := medFields{itemID: 7, name: "Ibuprofen 400 mg tablet", generic: "ibuprofen", class: "NSAIDs",
		strength: "400 mg", form: "tablet"}

	m.openMedication(ibuprofen)
	if screen := ansi.Strip(m.View()); strings.Contains(screen, "⚠ DOSE") {
		t.Errorf("dose warned before a dose was typed:\n%s", screen)
	}
	m.med.dosage, m.med.frequency, m.med.duration = "2 tablets", "QID", "5"
	m.medicationStep()
	screen := ansi.Strip(m.View())
	if !strings.Contains(screen, "⚠ DOSE: Dose above the usual adult maximum: 3.2 g a day as prescribed, maximum 2.4 g a day (BNF: ibuprofen).") ||
		strings.Contains(screen, "PAEDIATRIC") || m.needsOverride() {
		t.Errorf("800 mg QID for an adult:\n%s", screen)
	}

	m.patient = store.DosePatient{Child: "9 years old"}
	m.openMedication(ibuprofen)
	m.med.dosage, m.med.frequency, m.med.duration = "1 tablet", "TDS", "5"
	m.medicationStep()
	screen = ansi.Strip(m.View())
	if !strings.Contains(screen, "⚠ PAEDIATRIC: The patient is 9 years old: the dose needs paediatric confirmation.") ||
		strings.Contains(screen, "⚠ DOSE") || m.needsOverride() {
		t.Errorf("400 mg TDS for a child:\n%s", screen)
	}
}

// On the prescription, a free-text line the drug table does not recognise is marked ⚠
// and says, before anything a narrow screen may cut, that it was not checked; a brand
// it knows is neither.
func TestUnrecognisedFreeTextLineSaysNotChecked(t *testing.T) {
	t.Parallel()
	unknown := medicationText(store.PrescribedMedication{Name: "Dr Rao's herbal tonic", Dosage: "10 mL",
		Frequency: "BD", Route: "oral", Quantity: 1})
	brand := medicationText(store.PrescribedMedication{Name: "Brufen 400", Route: "oral", Quantity: 10})
	if !strings.HasPrefix(unknown, "⚠ Dr Rao's herbal tonic · not checked for allergies or interactions · 10 mL") ||
		strings.Contains(brand, "not checked") || strings.Contains(brand, "⚠") {
		t.Errorf("unknown: %q; brand: %q", unknown, brand)
	}
}

// The medication form fits the rows its warnings leave, also after the terminal shrinks:
// the editor's view never grows past its height, so the frame cuts nothing off.
func TestMedicationFormRefitsOnResize(t *testing.T) {
	c := &common.Common{Styles: theme.New(tuitest.Renderer(), true), Width: 80, Height: 40}
	m := New(c, store.Doctor{}, store.Appointment{})
	m.loaded = true
	m.rx = store.Prescription{Status: store.PrescriptionDraft}
	m.others = []store.OtherMedication{{MedicationLine: store.MedicationLine{Name: "Warfarin 5 mg tablet"},
		From: store.FromCurrentMedication}}
	m.SetSize(80, 40)
	m.openMedication(medFields{name: "Brufen 400", dosage: "1 tablet", frequency: "TDS", duration: "5"})
	m.medicationStep()
	for _, h := range []int{40, 20, 16} {
		m.SetSize(80, h)
		if got := strings.Count(m.View(), "\n") + 1; got > h {
			t.Errorf("at 80×%d the editor draws %d rows:\n%s", h, got, ansi.Strip(m.View()))
		}
	}
}
