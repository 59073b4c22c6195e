// Package rx is the prescription editor, opened from a consultation (one prescription
// per appointment): diagnosis and notes, medications picked from the catalogue as you
// type (or written as free text), test orders, favourites, the sketchpad, save as
// draft, submit to the pharmacy, and the printed page (where the clinic prints). The patient's
// allergies stay on screen throughout, and a medication that matches one needs an
// override with a reason.
package rx

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/doctor/sketchpad"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// BackMsg says the doctor left the editor.
type BackMsg struct{}

type mode int

const (
	modeView mode = iota
	modeDiagnosis
	modePick
	modeMedication
	modeTest
	modeFavourites
	modeFavName
	modePrint
	modeSubmit
	modeSketch
	modeWithdraw
	modeReason // why prescribe before the consultation has started
)

type loadedMsg struct {
	appointmentID int64
	rx            store.Prescription
	allergies     []store.Allergy
	others        []store.OtherMedication
	patient       store.DosePatient
	validDays     int // the clinic's default validity of a prescription
	first         bool
	seq           int // which read this answers (see Model.reads)
	err           error
}

// doneMsg is the result of a write; reload says the prescription must be read again.
type doneMsg struct {
	message string
	err     error
	field   string // the refused field of a FieldError
}

// Model is the prescription editor.
type Model struct {
	c      *common.Common
	keys   keys.Rx
	doctor store.Doctor
	appt   store.Appointment

	rx        store.Prescription
	allergies []store.Allergy
	// others are the patient's current medications and other active prescriptions,
	// which a new line is checked against for interactions.
	others []store.OtherMedication
	// patient is what the doses are checked against beside the adult maximum.
	patient store.DosePatient
	loaded  bool
	// validDays is the clinic's default validity, which the submit form starts from.
	validDays int
	submit    submitFields
	reason    string // why the prescription is withdrawn, or written outside a consultation

	diagnosis, notes, sketch string // what the doctor is writing; saved with w

	mode mode
	form *huh.Form
	sel  int // the medication or test line under the cursor

	search     textinput.Model
	results    []store.InventoryItem
	resultWarn []bool // a result matches one of the patient's allergies or interacts severely
	resultSel  int
	searchSeq  int
	reads      int // the reads of the prescription asked for; loadedMsg.seq names one
	med        medFields
	startMed   medFields
	matches    []drugs.Match
	warnings   []store.LineWarning // the medicine's interactions, or that it is not checked
	override   bool                // the store asked for an override the local check did not
	medStep    int                 // which step of the medication form is open
	test       testFields

	favs     []store.Favourite
	favSel   int
	favName  string
	printout *common.Printout // the printed page, in modePrint

	pad *sketchpad.Model

	busy    bool
	message string
	failed  bool
	width   int
	height  int
}

// New returns the editor of an appointment's prescription; Init opens it, creating
// the draft if the visit has none.
func New(c *common.Common, doctor store.Doctor, appt store.Appointment) *Model {
	return &Model{c: c, keys: keys.NewRx(), doctor: doctor, appt: appt}
}

// Init opens (or starts) the prescription and reads the patient's allergies and other
// medications. For an appointment whose consultation has not started, it asks the
// doctor's reason first.
func (m *Model) Init() tea.Cmd { return m.open("") }

// open opens the appointment's prescription, starting it if there is none: with the
// reason given for prescribing outside a started consultation, when there is one.
func (m *Model) open(reason string) tea.Cmd {
	m.reads++
	s, actor, appt, seq := m.c.Store, m.c.Actor(), m.appt, m.reads
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := loadedMsg{appointmentID: appt.ID, first: true, seq: seq}
		msg.rx, msg.err = s.PrescriptionForAppointment(ctx, actor, appt.ID)
		if errors.Is(msg.err, store.ErrNotFound) {
			var id int64
			if reason != "" {
				id, msg.err = s.CreatePrescriptionWithoutConsultation(ctx, actor, appt.ID, reason)
			} else {
				id, msg.err = s.CreatePrescription(ctx, actor, appt.ID)
			}
			if msg.err != nil {
				return msg
			}
			msg.rx, msg.err = s.Prescription(ctx, actor, id)
		}
		if msg.err != nil {
			return msg
		}
		set, err := s.Settings(ctx)
		if msg.err = err; err != nil {
			return msg
		}
		msg.validDays = set.PrescriptionValidDays
		if msg.allergies, msg.err = s.Allergies(ctx, actor, appt.PatientID); msg.err != nil {
			return msg
		}
		if msg.others, msg.err = s.OtherMedications(ctx, actor, appt.PatientID, msg.rx.ID); msg.err != nil {
			return msg
		}
		msg.patient, msg.err = s.DosePatient(ctx, actor, appt.PatientID)
		return msg
	}
}

// reload reads the prescription, allergies and other medications again, keeping what is
// being typed.
func (m *Model) reload() tea.Cmd {
	m.reads++
	s, actor, id, appt, seq := m.c.Store, m.c.Actor(), m.rx.ID, m.appt, m.reads
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := loadedMsg{appointmentID: appt.ID, seq: seq}
		if msg.rx, msg.err = s.Prescription(ctx, actor, id); msg.err != nil {
			return msg
		}
		set, err := s.Settings(ctx)
		if msg.err = err; err != nil {
			return msg
		}
		msg.validDays = set.PrescriptionValidDays
		if msg.allergies, msg.err = s.Allergies(ctx, actor, appt.PatientID); msg.err != nil {
			return msg
		}
		if msg.others, msg.err = s.OtherMedications(ctx, actor, appt.PatientID, msg.rx.ID); msg.err != nil {
			return msg
		}
		msg.patient, msg.err = s.DosePatient(ctx, actor, appt.PatientID)
		return msg
	}
}

// Prescription is the prescription as last read from the store.
func (m *Model) Prescription() store.Prescription { return m.rx }

// SetSize sets the space the editor draws in.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.pad != nil {
		m.pad.SetSize(w, h)
	}
	if m.form != nil {
		m.form = m.form.WithWidth(min(70, max(30, w)))
		if m.mode == modeMedication {
			m.form = m.fitMedicationForm(m.form)
		}
	}
	if m.printout != nil {
		m.printout.SetSize(w, max(3, h-2)) // below the title and the allergy line
	}
}

// Typing is true outside the main view and the printout: forms, the catalogue search,
// lists; on the pad, while it reads keys as text.
func (m *Model) Typing() bool {
	if m.mode == modeSketch {
		return m.pad.Typing()
	}
	return m.mode != modeView && m.mode != modePrint
}

// EscKeeps reports that esc keeps the unsaved input: on the sketchpad it lifts the pen
// or returns to the prescription with the drawing.
func (m *Model) EscKeeps() bool { return m.mode == modeSketch }

// Name names the view for the help overlay's title.
func (m *Model) Name() string {
	if m.mode == modeSketch {
		return "the sketchpad"
	}
	return "the prescription"
}

// Dirty reports text not yet saved, or a form with something typed.
func (m *Model) Dirty() bool {
	if !m.loaded {
		return false
	}
	textChanged := m.rx.Status == store.PrescriptionDraft &&
		(m.diagnosis != m.rx.Diagnosis || m.notes != m.rx.Notes || m.sketch != m.rx.Sketch ||
			(m.pad != nil && m.pad.Text() != m.rx.Sketch))
	return textChanged || (m.mode == modeMedication && m.med != m.startMed) ||
		(m.mode == modeTest && m.test != testFields{priority: string(store.TestRoutine)}) ||
		(m.mode == modeWithdraw && strings.TrimSpace(m.reason) != "")
}

// editable reports whether the prescription is a draft its content may change in.
func (m *Model) editable() bool { return m.loaded && m.rx.Status == store.PrescriptionDraft }

// Update routes a message by the editor's mode.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		return m.loadedRx(msg)
	case doneMsg:
		return m.done(msg)
	case resultsMsg:
		if msg.seq == m.searchSeq {
			m.results, m.resultSel = msg.items, 0
			lines := make([]store.MedicationLine, len(msg.items))
			for i, it := range msg.items {
				lines[i] = store.ItemLine(it)
			}
			m.resultWarn = make([]bool, len(msg.items))
			context := store.PrescriptionContext(m.rx, 0, m.others)
			for i, matches := range store.MedicationWarnings(m.allergies, lines...) {
				m.resultWarn[i] = len(matches) > 0
				for _, w := range store.LineWarnings(m.patient, context, lines[i])[0] {
					m.resultWarn[i] = m.resultWarn[i] || w.NeedsOverride()
				}
			}
			if msg.err != nil {
				m.message, m.failed = common.ErrorText(msg.err), true
			}
		}
		return nil
	case favouritesMsg:
		return m.favouritesLoaded(msg)
	case sketchpad.DoneMsg:
		m.sketch, m.pad, m.mode = m.pad.Text(), nil, modeView
		if m.sketch != m.rx.Sketch && m.editable() {
			return m.saveText("Sketch saved with the draft.")
		}
		return nil
	case common.StoreChangedMsg:
		if m.loaded && m.mode == modeView && !m.busy && touchesRx(msg) {
			return m.reload()
		}
		return nil
	}
	switch m.mode {
	case modeSketch:
		_, cmd := m.pad.Update(msg)
		return cmd
	case modePick:
		return m.updatePick(msg)
	case modeFavourites:
		return m.updateFavourites(msg)
	case modeReason:
		return m.updateReason(msg)
	case modePrint:
		closed, cmd := m.printout.Update(msg)
		if closed {
			m.mode, m.printout = modeView, nil
		}
		return cmd
	case modeView:
		if k, ok := msg.(tea.KeyMsg); ok {
			return m.key(k)
		}
		return nil
	}
	return m.updateForm(msg)
}

func touchesRx(msg common.StoreChangedMsg) bool {
	return msg.Touches(store.TopicPrescriptions, store.TopicAllergies)
}

func (m *Model) loadedRx(msg loadedMsg) tea.Cmd {
	// Only the latest read counts: an earlier one, begun before a write (the
	// submission), may answer after the read that followed it.
	if msg.appointmentID != m.appt.ID || msg.seq != m.reads {
		return nil
	}
	// Only the opening read is awaited as busy (with a reason, see updateReason); a
	// reload answering while a write runs must not end the write's busy, or the next
	// message reaches the write's completed form and sends it again.
	if msg.first {
		m.busy = false
	}
	if msg.err != nil {
		if msg.first && noConsultation(msg.err) {
			return m.openReason(common.ErrorText(msg.err))
		}
		if msg.first && m.mode == modeReason {
			// The reason form is complete: left so, the next key would send it again,
			// and the reason the store refused could not be changed. It opens again
			// with the reason as typed.
			m.message, m.failed = common.ErrorText(msg.err), true
			m.form = m.reasonForm()
			return m.form.Init()
		}
		m.message, m.failed = common.ErrorText(msg.err), true
		return nil
	}
	if msg.first {
		m.mode, m.form = modeView, nil
	}
	m.validDays = msg.validDays
	if msg.first || !m.editable() {
		m.diagnosis, m.notes, m.sketch = msg.rx.Diagnosis, msg.rx.Notes, msg.rx.Sketch
	}
	m.rx, m.allergies, m.others, m.patient, m.loaded = msg.rx, msg.allergies, msg.others, msg.patient, true
	if msg.rx.Status != store.PrescriptionDraft {
		m.diagnosis, m.notes, m.sketch = msg.rx.Diagnosis, msg.rx.Notes, msg.rx.Sketch
	}
	m.sel = min(m.sel, max(0, m.lines()-1))
	return nil
}

// done takes the result of a write.
func (m *Model) done(msg doneMsg) tea.Cmd {
	m.busy = false
	if msg.err != nil {
		m.message, m.failed = common.ErrorText(msg.err), true
		return m.refused(msg)
	}
	m.message, m.failed = msg.message, false
	m.mode, m.form = modeView, nil
	return m.reload()
}

// lines is how many medication and test lines the cursor moves over.
func (m *Model) lines() int { return len(m.rx.Medications) + len(m.rx.Tests) }

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	m.message, m.failed = "", false
	switch {
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return BackMsg{} }
	case !m.loaded || m.busy:
	case key.Matches(msg, k.Up):
		m.sel = max(0, m.sel-1)
	case key.Matches(msg, k.Down):
		m.sel = min(max(0, m.lines()-1), m.sel+1)
	case key.Matches(msg, k.Print):
		return m.openPrint()
	case key.Matches(msg, k.SaveFav):
		return m.openFavName()
	case key.Matches(msg, k.Sketch):
		return m.openSketch()
	case key.Matches(msg, k.Withdraw):
		return m.openWithdraw()
	case !m.editable():
		m.message, m.failed = m.rx.Code+" has been submitted; its content can no longer change.", true
	case key.Matches(msg, k.Diagnosis):
		return m.openDiagnosis()
	case key.Matches(msg, k.AddMed):
		return m.openPick()
	case key.Matches(msg, k.AddTest):
		return m.openTest()
	case key.Matches(msg, k.Remove):
		return m.remove()
	case key.Matches(msg, k.Favourite):
		return m.loadFavourites()
	case key.Matches(msg, k.Save):
		return m.saveText("Draft saved.")
	case key.Matches(msg, k.Submit):
		return m.openSubmit()
	}
	return nil
}

// write runs a store write and reports it as a doneMsg.
func (m *Model) write(message string, fn func(s *store.Store, ctx ctxT, actor store.Actor) error) tea.Cmd {
	m.busy = true
	s, actor := m.c.Store, m.c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		err := fn(s, ctx, actor)
		msg := doneMsg{message: message, err: err}
		var fe *store.FieldError
		if errors.As(err, &fe) {
			msg.field = fe.Field
		}
		return msg
	}
}

// saveText saves the diagnosis, notes and sketch of the draft.
func (m *Model) saveText(message string) tea.Cmd {
	id, diagnosis, notes, sketch := m.rx.ID, m.diagnosis, m.notes, m.sketch
	return m.write(message, func(s *store.Store, ctx ctxT, actor store.Actor) error {
		return s.SetPrescriptionText(ctx, actor, id, diagnosis, notes, sketch)
	})
}

// remove takes the selected medication or test off the draft.
func (m *Model) remove() tea.Cmd {
	if m.sel >= m.lines() {
		return nil
	}
	if m.sel < len(m.rx.Medications) {
		med := m.rx.Medications[m.sel]
		return m.write(med.Name+" removed.", func(s *store.Store, ctx ctxT, actor store.Actor) error {
			return s.RemoveMedication(ctx, actor, med.ID)
		})
	}
	t := m.rx.Tests[m.sel-len(m.rx.Medications)]
	return m.write(t.Name+" removed.", func(s *store.Store, ctx ctxT, actor store.Actor) error {
		return s.RemoveTestOrder(ctx, actor, t.ID)
	})
}

// ShortHelp lists the editor's main keys for its mode.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.mode {
	case modeSketch:
		return m.pad.ShortHelp()
	case modePick:
		return []key.Binding{k.PickResult, k.Confirm, k.FreeText, k.Back}
	case modeFavourites:
		return []key.Binding{k.PickResult, k.Confirm, k.Back}
	case modePrint:
		return m.printout.Help()
	case modeView:
		if m.rx.Status == store.PrescriptionSubmitted {
			return []key.Binding{k.Print, k.Sketch, k.SaveFav, k.Withdraw, k.Back}
		}
		if !m.editable() {
			return []key.Binding{k.Print, k.Sketch, k.SaveFav, k.Back}
		}
		return []key.Binding{k.Diagnosis, k.AddMed, k.AddTest, k.Sketch, k.Save, k.Submit, k.Print, k.Back}
	}
	return []key.Binding{k.Back}
}

// FullHelp lists every key of the editor.
func (m *Model) FullHelp() [][]key.Binding {
	if m.mode == modeSketch {
		return m.pad.FullHelp()
	}
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Remove, k.Back},
		{k.Diagnosis, k.AddMed, k.AddTest, k.Sketch},
		{k.Favourite, k.SaveFav, k.Save, k.Submit, k.Withdraw, k.Print},
	}
}
