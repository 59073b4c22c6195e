package chart

import (
	"errors"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// formKind is which form is open, and which kind of chart entry an item is.
type formKind int

const (
	formNone formKind = iota
	formVitals
	formAllergy
	formHistory
	formMedication
	formPregnancy
)

var formTitles = [...]string{formVitals: "Record vital signs", formAllergy: "Allergy",
	formHistory: "Medical history", formMedication: "Current medication", formPregnancy: "Pregnancy and breastfeeding"}

// savedNames say what a save wrote, for the line that confirms it.
var savedNames = [...]string{formVitals: "Vital signs", formAllergy: "Allergy",
	formHistory: "Medical history", formMedication: "Current medication", formPregnancy: "Pregnancy flag"}

// fields hold what the forms type, bound to huh so that a form rebuilt after a refused
// save keeps every value.
type fields struct {
	height, weight, systolic, diastolic, pulse, temperature, spo2, respiration string

	allergen, reaction, severity string

	condition, status, diagnosed, notes string

	name, dosage, frequency, started, ended, prescribedBy string

	pregnancy, noted string // the flag (store.Pregnant, store.Breastfeeding or "") and its date
}

const dateLayout = "2006-01-02"

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// open starts a form: a new entry when id is 0, else an edit of that entry.
func (m *Model) open(kind formKind, id int64) tea.Cmd {
	m.kind, m.editID, m.f, m.message, m.failed = kind, id, fields{}, "", false
	m.f.severity, m.f.status = "moderate", "active"
	switch kind {
	case formAllergy:
		for _, a := range m.data.Allergies {
			if a.ID == id {
				m.f.allergen, m.f.reaction, m.f.severity = common.Safe(a.Allergen), common.Safe(a.Reaction), a.Severity
			}
		}
	case formHistory:
		for _, h := range m.data.History {
			if h.ID == id {
				m.f.condition, m.f.status, m.f.diagnosed, m.f.notes = common.Safe(h.Condition), h.Status, date(h.DiagnosedOn), common.Safe(h.Notes)
			}
		}
	case formPregnancy:
		m.f.pregnancy, m.f.noted = m.data.Pregnancy.Status, date(m.data.Pregnancy.NotedOn)
		if m.f.noted == "" {
			m.f.noted = m.c.Local(m.c.Store.Now()).Format(dateLayout)
		}
	case formMedication:
		for _, c := range m.data.Medications {
			if c.ID == id {
				m.f.name, m.f.dosage, m.f.frequency = common.Safe(c.Name), common.Safe(c.Dosage), common.Safe(c.Frequency)
				m.f.started, m.f.ended, m.f.prescribedBy = date(c.StartedOn), date(c.EndedOn), common.Safe(c.PrescribedBy)
			}
		}
	}
	m.startF = m.f
	m.form = m.newForm()
	return m.form.Init()
}

// number accepts an empty field or a number.
func number(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
		return errors.New("Enter a number, or leave it empty.")
	}
	return nil
}

// optionalDate accepts an empty field or a YYYY-MM-DD date.
func optionalDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if _, err := time.Parse(dateLayout, strings.TrimSpace(s)); err != nil {
		return errors.New("Enter a date as YYYY-MM-DD, or leave it empty.")
	}
	return nil
}

func input(title string, v *string) *huh.Input { return huh.NewInput().Title(title).Value(v) }

func (m *Model) newForm() *huh.Form {
	f := &m.f
	var groups []*huh.Group
	switch m.kind {
	case formVitals:
		groups = []*huh.Group{
			huh.NewGroup(
				input("Height (cm)", &f.height).Validate(number),
				input("Weight (kg)", &f.weight).Validate(number),
				input("Blood pressure, systolic (mmHg)", &f.systolic).Validate(number),
				input("Blood pressure, diastolic (mmHg)", &f.diastolic).Validate(number),
			),
			huh.NewGroup(
				input("Pulse (beats per minute)", &f.pulse).Validate(number),
				input("Temperature (°C)", &f.temperature).Validate(number),
				input("SpO2 (%)", &f.spo2).Validate(number),
				input("Respiratory rate (breaths per minute)", &f.respiration).Validate(number),
			),
		}
	case formAllergy:
		groups = []*huh.Group{huh.NewGroup(
			input("Allergen", &f.allergen).Description("A medicine, a drug class (penicillin, sulfa) or anything else."),
			input("Reaction", &f.reaction),
			huh.NewSelect[string]().Title("Severity").Options(huh.NewOptions(store.AllergySeverities...)...).Value(&f.severity),
		)}
	case formHistory:
		groups = []*huh.Group{huh.NewGroup(
			input("Condition", &f.condition),
			huh.NewSelect[string]().Title("Status").Options(huh.NewOptions(store.HistoryStatuses...)...).Value(&f.status),
			input("Diagnosed on (YYYY-MM-DD)", &f.diagnosed).Validate(optionalDate),
			input("Notes", &f.notes),
		)}
	case formMedication:
		groups = []*huh.Group{huh.NewGroup(
			input("Medication", &f.name),
			input("Dosage", &f.dosage),
			input("Frequency", &f.frequency),
			input("Started on (YYYY-MM-DD)", &f.started).Validate(optionalDate),
			input("Stopped on (YYYY-MM-DD)", &f.ended).Validate(optionalDate),
			input("Prescribed by", &f.prescribedBy),
		)}
	case formPregnancy:
		groups = []*huh.Group{huh.NewGroup(
			huh.NewSelect[string]().Title("Pregnant or breastfeeding").
				Description("Prescribing and dispensing warn about medicines to avoid.").
				Options(huh.NewOption("neither (clear the flag)", ""), huh.NewOption("pregnant", store.Pregnant),
					huh.NewOption("breastfeeding", store.Breastfeeding)).Value(&f.pregnancy),
			input("Noted on (YYYY-MM-DD)", &f.noted).Validate(optionalDate),
		)}
	}
	return huh.NewForm(groups...).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(min(70, max(30, m.width))).
		WithHeight(m.formHeight())
}

// formHeight is the rows a form's fields have under the chart's header and the form's
// title, above the message line and two rows kept for a field's error (huh draws it
// under the fields, a blank line apart): a taller form scrolls, keeping the focused
// field and its error in view.
func (m *Model) formHeight() int {
	return max(4, m.height-len(m.header(max(20, m.width)))-3-2)
}

// updateForm feeds the open form; esc leaves it, completing it saves.
func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc && !m.busy {
		m.form, m.kind, m.message = nil, formNone, ""
		return nil
	}
	if m.busy {
		return nil
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State == huh.StateCompleted {
		m.busy = true
		return tea.Batch(cmd, m.save())
	}
	return cmd
}

func floatPtr(s string) *float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	v, _ := strconv.ParseFloat(s, 64)
	return &v
}

// intPtr reads a whole number; a fraction is rounded, as a reading is.
func intPtr(s string) *int {
	v := floatPtr(s)
	if v == nil {
		return nil
	}
	n := int(*v + 0.5)
	return &n
}

func parseDate(s string) time.Time {
	t, _ := time.Parse(dateLayout, strings.TrimSpace(s))
	return t
}

// save writes the form to the store.
func (m *Model) save() tea.Cmd {
	s, actor, pid, id, f, kind, appt := m.c.Store, m.c.Actor(), m.appt.PatientID, m.editID, m.f, m.kind, m.appt.ID
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		var err error
		switch kind {
		case formVitals:
			_, err = s.AddVitals(ctx, actor, pid, store.VitalsInput{AppointmentID: appt, Measurements: store.Measurements{
				HeightCm: floatPtr(f.height), WeightKg: floatPtr(f.weight), Systolic: intPtr(f.systolic),
				Diastolic: intPtr(f.diastolic), Pulse: intPtr(f.pulse), TemperatureC: floatPtr(f.temperature),
				SpO2: intPtr(f.spo2), RespiratoryRate: intPtr(f.respiration)}})
		case formAllergy:
			in := store.AllergyInput{Allergen: f.allergen, Reaction: f.reaction, Severity: f.severity}
			if id == 0 {
				_, err = s.AddAllergy(ctx, actor, pid, in)
			} else {
				_, err = s.UpdateAllergy(ctx, actor, id, in)
			}
		case formHistory:
			in := store.HistoryInput{Condition: f.condition, Status: f.status, DiagnosedOn: parseDate(f.diagnosed), Notes: f.notes}
			if id == 0 {
				_, err = s.AddHistory(ctx, actor, pid, in)
			} else {
				_, err = s.UpdateHistory(ctx, actor, id, in)
			}
		case formPregnancy:
			err = s.SetPregnancy(ctx, actor, pid, f.pregnancy, parseDate(f.noted))
		case formMedication:
			in := store.CurrentMedicationInput{Name: f.name, Dosage: f.dosage, Frequency: f.frequency,
				StartedOn: parseDate(f.started), EndedOn: parseDate(f.ended), PrescribedBy: f.prescribedBy}
			if id == 0 {
				_, err = s.AddCurrentMedication(ctx, actor, pid, in)
			} else {
				_, err = s.UpdateCurrentMedication(ctx, actor, id, in)
			}
		}
		return savedMsg{what: savedNames[kind], err: err}
	}
}

// saved closes the form, or rebuilds it with everything typed and the store's reason.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	m.busy = false
	if msg.err != nil {
		m.message, m.failed = common.ErrorText(msg.err), true
		m.form = m.newForm()
		return m.form.Init()
	}
	m.form, m.kind = nil, formNone
	m.message, m.failed = msg.what+" saved.", false
	return m.load()
}
