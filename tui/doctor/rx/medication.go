package rx

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

type ctxT = context.Context

// searchRows is how many catalogue matches the picker shows.
const searchRows = 8

type resultsMsg struct {
	seq   int
	items []store.InventoryItem
	err   error
}

// medFields are the medication form's values, bound to huh.
type medFields struct {
	itemID                        int64
	class                         string
	name, generic, strength, form string
	dosage, frequency, duration   string
	route, instructions, quantity string
	overrideReason                string
	chronic                       bool
}

// openPick starts the catalogue search, listing the catalogue before anything is typed.
func (m *Model) openPick() tea.Cmd {
	ti := textinput.New()
	ti.Placeholder = "medicine name or generic name"
	ti.Prompt = "Search: "
	ti.CharLimit = 80
	m.search, m.results, m.resultSel, m.mode = ti, nil, 0, modePick
	return tea.Batch(m.search.Focus(), m.find(""))
}

// find searches the catalogue; a later search supersedes an earlier one.
func (m *Model) find(query string) tea.Cmd {
	m.searchSeq++
	seq, s, actor := m.searchSeq, m.c.Store, m.c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		items, err := s.SearchInventory(ctx, actor, query, searchRows)
		return resultsMsg{seq: seq, items: items, err: err}
	}
}

func (m *Model) updatePick(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		var cmd tea.Cmd
		m.search, cmd = m.search.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(k, m.keys.Back):
		m.mode = modeView
		return nil
	case k.Type == tea.KeyUp:
		m.resultSel = max(0, m.resultSel-1)
		return nil
	case k.Type == tea.KeyDown:
		m.resultSel = min(max(0, len(m.results)-1), m.resultSel+1)
		return nil
	case key.Matches(k, m.keys.FreeText):
		name := strings.TrimSpace(m.search.Value())
		return m.openMedication(medFields{name: name})
	case key.Matches(k, m.keys.Confirm):
		if m.resultSel < len(m.results) {
			it := m.results[m.resultSel]
			return m.openMedication(medFields{itemID: it.ID, class: it.DrugClass, name: it.Name,
				generic: it.GenericName, strength: it.Strength, form: it.Form})
		}
		m.message, m.failed = "Nothing in the catalogue matches; ctrl+t writes it as free text.", true
		return nil
	}
	before := m.search.Value()
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	if m.search.Value() != before {
		m.message, m.failed = "", false
		return tea.Batch(cmd, m.find(m.search.Value()))
	}
	return cmd
}

// allergyMatches are the store's warnings for a medicine against the patient's
// recorded allergies, the check it applies when the medicine is added.
func (m *Model) allergyMatches(f medFields) []drugs.Match {
	return store.MedicationWarnings(m.allergies, m.line(f))[0]
}

// line is the medicine of the form as the store's checks take it.
func (m *Model) line(f medFields) store.MedicationLine {
	return store.MedicationLine{Name: f.name, GenericName: f.generic, DrugClass: f.class, Strength: f.strength,
		Dosage: f.dosage, Frequency: f.frequency}
}

// lineWarnings are the store's warnings for the medicine of the form: interactions,
// not recognised, its dose.
func (m *Model) lineWarnings(f medFields) []store.LineWarning {
	return store.LineWarnings(m.patient, store.PrescriptionContext(m.rx, 0, m.others), m.line(f))[0]
}

// needsOverride reports whether the medicine may be added only with a reason: it
// matches an allergy, interacts severely, or the store said so.
func (m *Model) needsOverride() bool {
	if len(m.matches) > 0 || m.override {
		return true
	}
	for _, w := range m.warnings {
		if w.NeedsOverride() {
			return true
		}
	}
	return false
}

// openMedication opens the details of a picked (or free-text) medicine.
func (m *Model) openMedication(f medFields) tea.Cmd {
	if f.route == "" {
		f.route = "oral"
	}
	m.med, m.startMed, m.override, m.medStep, m.message, m.failed = f, f, false, 0, "", false
	m.matches = m.allergyMatches(f)
	m.warnings = m.lineWarnings(f)
	m.mode = modeMedication
	m.form = m.medicationForm()
	return m.form.Init()
}

func (f medFields) durationDays() int {
	n, _ := strconv.Atoi(strings.TrimSpace(f.duration))
	return n
}

// computedQuantity is the quantity frequency × duration × dose gives, 0 when it cannot
// be computed (as needed, an unknown frequency, no duration).
func (f medFields) computedQuantity() int {
	return drugs.Quantity(f.frequency, f.durationDays(), drugs.DosePerTake(f.dosage))
}

// quantity is what was typed, or else what is computed.
func (f medFields) quantityToDispense() int {
	if n, err := strconv.Atoi(strings.TrimSpace(f.quantity)); err == nil {
		return n
	}
	return f.computedQuantity()
}

func wholeDays(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return errors.New("Enter the days as a whole number, or leave it empty.")
	}
	return store.CheckDurationDays(n)
}

// medicationForm is the medication's form in two steps, so that the quantity can be
// computed from the dosage, frequency and duration typed in the first: step 0 asks
// for those (and the name of a free-text medicine), step 1 for the route,
// instructions, quantity and, against an allergy, the reason to prescribe anyway.
func (m *Model) medicationForm() *huh.Form {
	f := &m.med
	if m.medStep == 0 {
		var groups []*huh.Group
		if f.itemID == 0 {
			groups = append(groups, huh.NewGroup(
				huh.NewInput().Title("Medicine (not stocked: free text)").Value(&f.name).Validate(required("medicine's name")),
				huh.NewInput().Title("Strength").Value(&f.strength),
				huh.NewInput().Title("Form").Placeholder("tablet, capsule, syrup…").Value(&f.form),
			))
		}
		groups = append(groups, huh.NewGroup(
			huh.NewInput().Title("Dosage").Placeholder("1 tablet").Value(&f.dosage),
			huh.NewInput().Title("Frequency").Description(strings.Join(drugs.FrequencyCodes(), " ")+" or free text").
				Suggestions(drugs.FrequencyCodes()).Value(&f.frequency),
			huh.NewInput().Title("Duration (days)").Value(&f.duration).Validate(wholeDays),
		))
		return m.fitMedicationForm(m.newForm(groups...))
	}
	computed := "It cannot be computed from this frequency and duration: type it."
	if q := f.computedQuantity(); q > 0 {
		computed = fmt.Sprintf("Computed from %s for %s days: %d. Change it if needed.", f.frequency, f.duration, q)
		if f.duration == "" {
			computed = fmt.Sprintf("Computed from %s: %d. Change it if needed.", f.frequency, q)
		}
	}
	fields := []huh.Field{
		huh.NewInput().Title("Route").Value(&f.route),
		huh.NewInput().Title("Instructions").Placeholder("e.g. after food").Value(&f.instructions),
		huh.NewInput().Title("Quantity to dispense").Description(computed).Value(&f.quantity).
			Validate(func(s string) error {
				n, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil {
					return errors.New("Enter the quantity to dispense, a whole number.")
				}
				return store.CheckMedicationQuantity(n)
			}),
		huh.NewConfirm().Title("Long-term (chronic) medicine?").
			Description("A prescription with a chronic line may be valid for up to a year.").
			Affirmative("Chronic").Negative("No").Value(&f.chronic),
	}
	switch {
	case len(m.matches) > 0:
		fields = append(fields, huh.NewInput().Title("Allergy override: reason to prescribe anyway").
			Value(&f.overrideReason).Validate(required("reason to prescribe against a recorded allergy")))
	case m.needsOverride():
		fields = append(fields, huh.NewInput().Title("Override: reason to prescribe anyway").
			Value(&f.overrideReason).Validate(required("reason to prescribe despite the warning")))
	}
	return m.fitMedicationForm(m.newForm(huh.NewGroup(fields...)))
}

// fitMedicationForm keeps the medication form within the rows its warnings leave on
// the screen (the frame would cut what overflows: the last fields and their errors):
// a form that does not fit scrolls, huh keeping the focused field in its window. Below
// the window stay two rows for huh's error (a blank and the error) and one for the
// editor's message.
func (m *Model) fitMedicationForm(form *huh.Form) *huh.Form {
	above := 2 + strings.Count(m.medicationHead(max(20, m.width)), "\n") // the title and allergy lines, then the head
	return form.WithHeight(max(4, m.height-above-3))
}

// medicationStep moves from the first step of the medication form to the second, with
// the quantity computed; the second step's completion adds the medication.
func (m *Model) medicationStep() tea.Cmd {
	if m.medStep == 1 {
		return m.addMedication()
	}
	m.medStep = 1
	m.warnings = m.lineWarnings(m.med) // the dose is known now
	if strings.TrimSpace(m.med.quantity) == "" {
		if q := m.med.computedQuantity(); q > 0 {
			m.med.quantity = strconv.Itoa(q)
		}
	}
	m.form = m.medicationForm()
	return m.form.Init()
}

// addMedication stores the medication form.
func (m *Model) addMedication() tea.Cmd {
	f, id := m.med, m.rx.ID
	in := store.MedicationInput{InventoryItemID: f.itemID, Name: f.name, Strength: f.strength, Form: f.form,
		Dosage: f.dosage, Frequency: f.frequency, DurationDays: f.durationDays(), Route: f.route,
		Instructions: f.instructions, Quantity: f.quantityToDispense(), AllergyOverrideReason: f.overrideReason,
		Chronic: f.chronic}
	if f.itemID == 0 {
		in.GenericName = f.generic
	}
	return m.write(f.name+" added.", func(s *store.Store, ctx ctxT, actor store.Actor) error {
		_, err := s.AddMedication(ctx, actor, id, in)
		return err
	})
}

// refused reopens the form that was being saved, keeping every value; an allergy the
// store found asks for the override reason.
func (m *Model) refused(msg doneMsg) tea.Cmd {
	switch m.mode {
	case modeMedication:
		if msg.field == "allergy_override_reason" {
			m.override = true
		}
		if msg.field == "name" || msg.field == "duration_days" {
			m.medStep = 0
		}
		m.form = m.medicationForm()
	case modeTest:
		m.form = m.testForm()
	case modeDiagnosis:
		m.form = m.diagnosisForm()
	case modeFavName:
		m.form = m.favNameForm()
	case modeSubmit:
		m.submit.confirm = false
		m.form = m.submitForm()
	case modeWithdraw:
		m.form = m.withdrawForm()
	default:
		return nil
	}
	return m.form.Init()
}
