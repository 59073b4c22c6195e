package pharmacy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// Sale is a walk-in sale of over-the-counter items: no prescription, the patient
// optional. It goes through the same dispense as a prescription (first expiry first,
// the ledger, the receipt).
type Sale struct {
	c      *common.Common
	keys   keys.Fulfil
	list   keys.List
	lines  []*line
	cursor int
	width  int
	height int

	patient     store.Patient // ID 0 for an anonymous sale
	patientCode string
	mode        saleMode
	form        *huh.Form
	pay         payment
	picker      *picker
	print       *common.Printout
	last        int64 // the last sale's fulfilment
	// checked are the items the lines' warnings were worked out for, in order; the sale
	// waits for the store's check of the items on the counter before it is paid.
	checked []int64
	checks  common.Reloads // of the warnings; each line keeps its own plans'
	ackNote string
	ack     ackPane // the warnings under the acknowledgement's form
	busy    bool
	message string
	failed  bool
}

type saleMode int

const (
	saleLines saleMode = iota
	salePicking
	salePatient
	salePaying
	salePrinting
	saleAcking // the warnings of a sale to a named patient, to acknowledge
)

type salePatientMsg struct {
	patient store.Patient
	err     error
}

// saleWarningsMsg is the store's check of the items on the counter for the sale's
// patient, for the items it names.
type saleWarningsMsg struct {
	stamp    uint64
	items    []int64
	warnings [][]store.CounterWarning
	err      error
}

type soldMsg struct {
	id  int64
	err error
}

// NewSale returns the walk-in sale tab.
func NewSale(c *common.Common) *Sale {
	return &Sale{c: c, keys: keys.NewFulfil(), list: keys.NewList()}
}

// Title is the tab's name.
func (s *Sale) Title() string { return "Walk-in sale" }

// Init does nothing until an item is added.
func (s *Sale) Init() tea.Cmd { return nil }

// SetSize is the body's size.
func (s *Sale) SetSize(w, h int) {
	s.width, s.height = w, h
	if s.print != nil {
		s.print.SetSize(w, h)
	}
}

// Typing is true while a search or form has focus.
func (s *Sale) Typing() bool {
	return s.mode == salePicking || s.mode == salePatient || s.mode == salePaying || s.mode == saleAcking
}

// Dirty is true with items on the counter not yet sold.
func (s *Sale) Dirty() bool { return len(s.lines) > 0 }

// EscKeeps reports that esc keeps the items on the counter: it only closes the payment
// form, in which nothing was typed.
func (s *Sale) EscKeeps() bool {
	return s.form != nil && s.mode == salePaying && s.pay.nothingTyped()
}

// Update handles the sale's keys, searches and forms.
func (s *Sale) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case planMsg:
		for _, l := range s.lines {
			if l.item.ID == msg.itemID && msg.err == nil && l.plans.Newest(msg.stamp) {
				l.rebatch(msg.plan)
				if l.qty() == 0 {
					// One, until the pharmacist types or steps another quantity.
					l.replan(l.batchID(), 1)
				}
			}
		}
		if msg.err != nil {
			s.message, s.failed = common.ErrorText(msg.err), true
		}
		return s, nil
	case common.StoreChangedMsg:
		var cmds []tea.Cmd
		if msg.Touches(store.TopicInventory) && s.mode == saleLines {
			cmds = append(cmds, s.refreshBatches())
		}
		if msg.Touches(store.TopicAllergies, store.TopicPrescriptions) && s.patient.ID != 0 {
			cmds = append(cmds, s.check())
		}
		return s, tea.Batch(cmds...)
	case salePatientMsg:
		s.busy = false
		if msg.err != nil {
			s.message, s.failed = common.ErrorText(msg.err), true
			s.form = s.patientForm()
			return s, s.form.Init()
		}
		s.patient, s.mode, s.message = msg.patient, saleLines, ""
		return s, s.check()
	case saleWarningsMsg:
		if !s.checks.Newest(msg.stamp) {
			return s, nil
		}
		if msg.err != nil {
			s.message, s.failed = common.ErrorText(msg.err), true
			return s, nil
		}
		if slices.Equal(msg.items, s.itemIDs()) {
			for i, l := range s.lines {
				l.warnings = msg.warnings[i]
			}
			s.checked = msg.items
		}
		return s, nil
	case soldMsg:
		s.busy = false
		if msg.err != nil {
			s.message, s.failed, s.mode = common.ErrorText(msg.err), true, saleLines
			return s, s.check()
		}
		s.last, s.lines, s.cursor, s.patient, s.patientCode = msg.id, nil, 0, store.Patient{}, ""
		s.checked = nil
		s.message, s.failed, s.mode = fmt.Sprintf("Sold (receipt F%06d). R: print receipt · L: print labels", msg.id), false, saleLines
		return s, fetchPrintout(s.c, ownerSale, msg.id, false, false)
	case printTextMsg:
		if msg.owner != ownerSale {
			return s, nil
		}
		if msg.err != nil {
			s.message, s.failed = common.ErrorText(msg.err), true
			return s, nil
		}
		s.print, s.mode = openPrintout(s.c, msg), salePrinting
		if msg.now {
			return s, s.print.Print()
		}
		return s, nil
	}
	switch s.mode {
	case salePicking:
		return s, s.updatePicker(msg)
	case salePrinting:
		done, cmd := s.print.Update(msg)
		if done {
			s.print, s.mode = nil, saleLines
		}
		return s, cmd
	case salePatient, salePaying, saleAcking:
		return s, s.updateForm(msg)
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		return s, s.handleKey(k)
	}
	return s, nil
}

// refreshBatches asks the store again where each item on the counter comes from.
func (s *Sale) refreshBatches() tea.Cmd {
	var cmds []tea.Cmd
	for _, l := range s.lines {
		cmds = append(cmds, planCmd(s.c, 0, l.dispenseLine(), l.plans.Start()))
	}
	return tea.Batch(cmds...)
}

func (s *Sale) handleKey(k tea.KeyMsg) tea.Cmd {
	var cur *line
	if s.cursor < len(s.lines) {
		cur = s.lines[s.cursor]
	}
	switch {
	case key.Matches(k, s.keys.Add):
		s.picker, s.mode, s.message = newPicker(s.c, true), salePicking, ""
		return tea.Batch(textinput.Blink, s.picker.search())
	case key.Matches(k, s.keys.Patient):
		s.mode, s.message = salePatient, ""
		s.form = s.patientForm()
		return s.form.Init()
	case key.Matches(k, s.list.Up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(k, s.list.Down):
		s.cursor = min(max(0, len(s.lines)-1), s.cursor+1)
	case cur != nil && key.Matches(k, s.keys.More):
		s.sayShort(cur.setQty(cur.qty() + 1))
	case cur != nil && key.Matches(k, s.keys.Less):
		cur.setQty(max(1, cur.qty()-1))
	case cur != nil && key.Matches(k, s.keys.Digits):
		s.sayShort(cur.typeDigit(k.Runes[0]))
	case cur != nil && key.Matches(k, s.keys.Erase):
		cur.eraseDigit()
	case cur != nil && key.Matches(k, s.keys.Batch):
		cur.nextBatch()
	case cur != nil && key.Matches(k, s.keys.Remove):
		s.lines = append(s.lines[:s.cursor], s.lines[s.cursor+1:]...)
		s.cursor = min(s.cursor, max(0, len(s.lines)-1))
		return s.check()
	case key.Matches(k, s.keys.Dispense) && len(dispenseLines(s.lines)) > 0:
		if s.patient.ID != 0 && !slices.Equal(s.checked, s.itemIDs()) {
			s.message, s.failed = "Checking the items against the patient's allergies and medicines; try again in a moment.", true
			return nil
		}
		if n, needsNote := toAcknowledge(s.lines); n > 0 {
			s.mode, s.message, s.ackNote, s.ack = saleAcking, "", "", ackPane{}
			s.form = ackForm(s.c, n, needsNote, &s.ackNote)
			return s.form.Init()
		}
		return s.startPayment()
	case s.last != 0 && key.Matches(k, s.keys.Receipt):
		return fetchPrintout(s.c, ownerSale, s.last, false, true)
	case s.last != 0 && key.Matches(k, s.keys.Labels):
		return fetchPrintout(s.c, ownerSale, s.last, true, true)
	}
	return nil
}

func (s *Sale) startPayment() tea.Cmd {
	s.pay, s.mode = newPayment(linesTotal(s.lines)), salePaying
	s.form = paymentForm(s.c, &s.pay, "Sale total "+money.Cents(linesTotal(s.lines)).Format(s.c.Settings.Currency), false)
	return s.form.Init()
}

// itemIDs are the items on the counter, in order.
func (s *Sale) itemIDs() []int64 {
	out := make([]int64, len(s.lines))
	for i, l := range s.lines {
		out[i] = l.item.ID
	}
	return out
}

// check asks the store for the warnings of the items on the counter for the sale's
// patient, as Dispense will check them; an anonymous sale has none.
func (s *Sale) check() tea.Cmd {
	// An anonymous sale's answer is given here, at once: the checks before it are older.
	items, stamp := s.itemIDs(), s.checks.Start()
	if s.patient.ID == 0 {
		for _, l := range s.lines {
			l.warnings = nil
		}
		s.checked = items
		return nil
	}
	st, actor, patient := s.c.Store, s.c.Actor(), s.patient.ID
	in := store.DispenseInput{PatientID: patient}
	for _, id := range items {
		in.Lines = append(in.Lines, store.DispenseLine{ItemID: id})
	}
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		w, err := st.DispenseWarnings(ctx, actor, in)
		return saleWarningsMsg{stamp: stamp, items: items, warnings: w, err: err}
	}
}

func (s *Sale) patientForm() *huh.Form {
	return huh.NewForm(huh.NewGroup(huh.NewInput().Title("Patient code").Description("Leave empty for an anonymous sale.").
		Placeholder("PAT000123").Value(&s.patientCode))).WithTheme(s.c.Styles.Form).WithShowHelp(false).
		WithWidth(min(60, max(30, s.c.Width)))
}

func (s *Sale) updatePicker(msg tea.Msg) tea.Cmd {
	chosen, closed, cmd := s.picker.update(msg)
	if !closed {
		return cmd
	}
	s.picker, s.mode = nil, saleLines
	if chosen == nil {
		return nil
	}
	for i, l := range s.lines {
		if l.item.ID == chosen.ID {
			s.cursor = i
			l.setQty(l.qty() + 1)
			return nil
		}
	}
	l := &line{item: *chosen}
	s.lines = append(s.lines, l)
	s.cursor = len(s.lines) - 1
	return tea.Batch(planCmd(s.c, 0, store.DispenseLine{ItemID: chosen.ID, Quantity: 1}, l.plans.Start()), s.check())
}

func (s *Sale) updateForm(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "esc" && !s.busy {
		// The form's refusal ("No such patient.") goes with it: it would stay under the
		// counter and the next form.
		s.mode, s.form, s.message = saleLines, nil, ""
		return nil
	}
	if s.busy {
		return nil
	}
	if k, ok := msg.(tea.KeyMsg); ok && s.mode == saleAcking && s.ack.scroll(k, s.keys, len(ackRows(s.c, s.lines, s.width))) {
		return nil
	}
	fm, cmd := s.form.Update(msg)
	s.form = fm.(*huh.Form)
	if s.form.State != huh.StateCompleted {
		return cmd
	}
	if s.mode == saleAcking {
		return s.startPayment()
	}
	st, actor := s.c.Store, s.c.Actor()
	if s.mode == salePatient {
		code := strings.TrimSpace(s.patientCode)
		if code == "" {
			s.patient, s.mode = store.Patient{}, saleLines
			return s.check()
		}
		s.busy = true
		return func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			p, err := st.PatientByCode(ctx, actor, code)
			return salePatientMsg{patient: p, err: err}
		}
	}
	pay, err := s.pay.sale()
	if err != nil {
		s.message, s.failed, s.mode = err.Error(), true, saleLines
		return nil
	}
	in := store.DispenseInput{PatientID: s.patient.ID, Lines: acknowledged(s.lines, s.ackNote), Payment: pay}
	s.busy = true
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		id, err := st.Dispense(ctx, actor, in)
		return soldMsg{id: id, err: err}
	}
}

// sayShort shows why a line holds less than the pharmacist asked, if it does.
func (s *Sale) sayShort(why string) {
	if why != "" {
		s.message, s.failed = why, true
	}
}
