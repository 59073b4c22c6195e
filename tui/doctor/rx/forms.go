package rx

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/doctor/sketchpad"
)

// testFields are the test order form's values.
type testFields struct {
	name, priority, instructions string
}

func (m *Model) newForm(groups ...*huh.Group) *huh.Form {
	return huh.NewForm(groups...).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(min(70, max(30, m.width)))
}

func required(what string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("Enter the " + what + ".")
		}
		return nil
	}
}

func (m *Model) openForm(md mode, f *huh.Form) tea.Cmd {
	m.mode, m.form, m.message, m.failed = md, f, "", false
	return m.form.Init()
}

func (m *Model) diagnosisForm() *huh.Form {
	return m.newForm(huh.NewGroup(
		huh.NewInput().Title("Diagnosis").CharLimit(500).Value(&m.diagnosis),
		huh.NewText().Title("Notes").CharLimit(2000).Lines(3).Value(&m.notes),
	))
}

func (m *Model) openDiagnosis() tea.Cmd {
	m.diagnosis, m.notes = common.Safe(m.diagnosis), common.SafeBlock(m.notes)
	return m.openForm(modeDiagnosis, m.diagnosisForm())
}

func (m *Model) testForm() *huh.Form {
	t := &m.test
	return m.newForm(huh.NewGroup(
		huh.NewInput().Title("Test").Placeholder("Complete blood count").Value(&t.name).Validate(required("test's name")),
		huh.NewSelect[string]().Title("Priority").Options(
			huh.NewOption("routine", string(store.TestRoutine)), huh.NewOption("urgent", string(store.TestUrgent)),
			huh.NewOption("stat (at once)", string(store.TestStat))).Value(&t.priority),
		huh.NewInput().Title("Instructions").Placeholder("fasting").Value(&t.instructions),
	))
}

func (m *Model) openTest() tea.Cmd {
	m.test = testFields{priority: string(store.TestRoutine)}
	return m.openForm(modeTest, m.testForm())
}

func (m *Model) favNameForm() *huh.Form {
	return m.newForm(huh.NewGroup(
		huh.NewInput().Title("Save these medications as a favourite named").Value(&m.favName).
			Validate(required("favourite's name")),
	))
}

func (m *Model) openFavName() tea.Cmd {
	if len(m.rx.Medications) == 0 {
		m.message, m.failed = "Add a medication first: a favourite is a set of medications.", true
		return nil
	}
	m.favName = common.Safe(m.rx.Diagnosis)
	return m.openForm(modeFavName, m.favNameForm())
}

// openPrint prints the prescription's page where the clinic prints (the print
// directory beside the database, or the admin's print command) and shows it in a
// pager, with where it went.
func (m *Model) openPrint() tea.Cmd {
	id := m.rx.ID
	m.printout = common.NewPrintout(m.c, "Prescription "+m.rx.Code, "",
		func(ctx context.Context, s *store.Store, actor store.Actor) (store.Printed, error) {
			return s.PrintPrescription(ctx, actor, id)
		})
	m.printout.SetSize(m.width, max(3, m.height-2))
	m.mode = modePrint
	return m.printout.Print()
}

// openSketch opens the sketchpad on the prescription's sketch: to draw on a draft, to
// look at a submitted one.
func (m *Model) openSketch() tea.Cmd {
	pad, err := sketchpad.New(m.c.Styles, m.sketch, m.width, m.height)
	if err != nil {
		m.message, m.failed = "The stored sketch cannot be opened: "+err.Error()+".", true
		return nil
	}
	if !m.editable() {
		m.message, m.failed = "This prescription has been submitted; the sketch can be read but not changed.", true
		return nil
	}
	m.pad, m.mode = pad, modeSketch
	return nil
}

// updateForm feeds the open form; esc leaves it, completing it acts on it.
func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	if m.form == nil {
		m.mode = modeView
		return nil
	}
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc && !m.busy {
		if m.mode == modeDiagnosis {
			m.diagnosis, m.notes = m.rx.Diagnosis, m.rx.Notes
		}
		m.mode, m.form = modeView, nil
		return nil
	}
	if m.busy {
		return nil
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State != huh.StateCompleted {
		return cmd
	}
	switch m.mode {
	case modeDiagnosis:
		return tea.Batch(cmd, m.saveText("Diagnosis saved with the draft."))
	case modeMedication:
		return tea.Batch(cmd, m.medicationStep())
	case modeTest:
		t, id := m.test, m.rx.ID
		return tea.Batch(cmd, m.write(strings.TrimSpace(t.name)+" ordered.", func(s *store.Store, ctx ctxT, actor store.Actor) error {
			_, err := s.AddTestOrder(ctx, actor, id, store.TestOrderInput{Name: t.name,
				Priority: store.TestPriority(t.priority), Instructions: t.instructions})
			return err
		}))
	case modeFavName:
		return tea.Batch(cmd, m.saveFavourite())
	case modeSubmit:
		return tea.Batch(cmd, m.submitNow())
	case modeWithdraw:
		return tea.Batch(cmd, m.withdrawNow())
	}
	return cmd
}
