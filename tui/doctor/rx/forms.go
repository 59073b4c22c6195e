package rx

import (
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

func (m *Model) printForm() *huh.Form {
	return m.newForm(huh.NewGroup(
		huh.NewInput().Title("Write the printable prescription to the file").Value(&m.printPath).
			Validate(required("file's name")),
	))
}

func (m *Model) openPrint() tea.Cmd {
	if m.printPath == "" {
		m.printPath = m.rx.Code + ".txt"
	}
	return m.openForm(modePrint, m.printForm())
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
	case modePrint:
		return tea.Batch(cmd, m.print())
	}
	return cmd
}

// print writes the printable page, as the store lays it out, to the file named.
func (m *Model) print() tea.Cmd {
	s, actor, id, path := m.c.Store, m.c.Actor(), m.rx.ID, m.printPath
	m.busy = true
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		page, err := s.PrescriptionPage(ctx, actor, id)
		if err != nil {
			return doneMsg{err: err}
		}
		abs, err := common.SaveText(path, page)
		if err != nil {
			return doneMsg{err: &store.FieldError{Field: "path", Message: "The prescription could not be written: " + err.Error()}}
		}
		return doneMsg{message: "Printed to " + abs + "."}
	}
}
