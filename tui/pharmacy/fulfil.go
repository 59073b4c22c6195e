package pharmacy

import (
	"context"
	"errors"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/internal/plural"
	layout "github.com/clinicdesk/clinicdesk/internal/printout" // the package; printout here is the view that shows one
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// fulfil is one prescription open at the counter: a line per medication with the item,
// the batches it comes from and the quantity to hand over now.
type fulfil struct {
	c    *common.Common
	keys keys.Fulfil
	list keys.List
	rxID int64
	rx   store.Prescription
	f    store.Fulfilment // ID 0 until something is dispensed
	// allergies are the patient's, shown above everything while dispensing.
	allergies []store.Allergy
	// others are the patient's current medications and other active prescriptions,
	// which each line is checked against for interactions.
	others []store.OtherMedication
	// patient is what each line's dose is checked against beside the adult maximum.
	patient store.DosePatient
	lines   []*line
	cursor  int
	ready   bool

	mode   fulfilMode
	form   *huh.Form
	pay    payment
	reason string
	picker *picker
	print  *common.Printout
	busy   bool
	// dispenseAfterPay is true when the payment form leads to a dispense, false when it
	// only pays what is due.
	dispenseAfterPay bool
	message          string
	failed           bool
}

type fulfilMode int

const (
	fulfilLines  fulfilMode = iota
	fulfilPaying            // the payment form, then dispense (or pay only)
	fulfilCancelling
	fulfilPicking
	fulfilPrinting
)

type fulfilLoadedMsg struct {
	rx        store.Prescription
	allergies []store.Allergy
	others    []store.OtherMedication
	patient   store.DosePatient
	f         store.Fulfilment
	items     map[int64]store.InventoryItem
	// plans are the store's plans of the medications' outstanding quantities, by
	// medication.
	plans map[int64]store.LinePlan
	err   error
}

type dispensedMsg struct {
	id        int64 // the fulfilment
	dispensed int   // units handed over
	lines     int
	err       error
}

type paidMsg struct{ err error }

type cancelledMsg struct{ err error }

// printTextMsg is a printout's text, for the screen (owner) that asked for it; now says
// to print it at once, rather than show it for p to print.
type printTextMsg struct {
	owner       string
	title, text string
	print       common.PrintFunc
	now         bool
	err         error
}

// The screens that ask for printouts.
const (
	ownerQueue = "queue"
	ownerSale  = "sale"
)

func newFulfil(c *common.Common, rxID, fulfilmentID int64) *fulfil {
	m := &fulfil{c: c, keys: keys.NewFulfil(), list: keys.NewList(), rxID: rxID}
	m.f.ID = fulfilmentID
	return m
}

// load reads the prescription, the patient's allergies and other medications (each read
// is logged), its fulfilment so far, each stocked medication's item, and the store's
// plan of every medication with an item (stocked, or chosen here for one written as
// free text).
func (m *fulfil) load() tea.Cmd {
	s, actor, id, fid := m.c.Store, m.c.Actor(), m.rxID, m.f.ID
	var chosen []store.DispenseLine
	for _, l := range m.lines {
		if l.med.InventoryItemID == 0 && l.item.ID != 0 {
			chosen = append(chosen, store.DispenseLine{PrescriptionMedicationID: l.med.ID, ItemID: l.item.ID})
		}
	}
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := fulfilLoadedMsg{items: map[int64]store.InventoryItem{}, plans: map[int64]store.LinePlan{}}
		if msg.rx, msg.err = s.Prescription(ctx, actor, id); msg.err != nil {
			return msg
		}
		if msg.allergies, msg.err = s.Allergies(ctx, actor, msg.rx.PatientID); msg.err != nil {
			return msg
		}
		if msg.others, msg.err = s.OtherMedications(ctx, actor, msg.rx.PatientID, id); msg.err != nil {
			return msg
		}
		if msg.patient, msg.err = s.DosePatient(ctx, actor, msg.rx.PatientID); msg.err != nil {
			return msg
		}
		if fid != 0 {
			if msg.f, msg.err = s.Fulfilment(ctx, actor, fid); msg.err != nil {
				return msg
			}
		}
		for _, med := range msg.rx.Medications {
			if med.InventoryItemID == 0 || msg.items[med.InventoryItemID].ID != 0 {
				continue
			}
			if msg.items[med.InventoryItemID], msg.err = s.InventoryItem(ctx, actor, med.InventoryItemID); msg.err != nil {
				return msg
			}
		}
		plans, err := s.PlanDispense(ctx, actor, store.DispenseInput{PrescriptionID: id})
		if msg.err = err; err != nil {
			return msg
		}
		for i := range chosen {
			if med := medication(msg.rx, chosen[i].PrescriptionMedicationID); med != nil {
				chosen[i].Quantity = med.Outstanding()
			}
		}
		if len(chosen) > 0 {
			more, err := s.PlanDispense(ctx, actor, store.DispenseInput{PrescriptionID: id, Lines: chosen})
			if msg.err = err; err != nil {
				return msg
			}
			plans = append(plans, more...)
		}
		for _, p := range plans {
			msg.plans[p.Line.PrescriptionMedicationID] = p
		}
		return msg
	}
}

// medication is the prescription's medication with that id, or nil.
func medication(rx store.Prescription, id int64) *store.PrescribedMedication {
	for i := range rx.Medications {
		if rx.Medications[i].ID == id {
			return &rx.Medications[i]
		}
	}
	return nil
}

// loaded builds the lines, keeping what the pharmacist already chose for each
// medication when the data is reloaded.
func (m *fulfil) loaded(msg fulfilLoadedMsg) {
	before := map[int64]*line{}
	for _, l := range m.lines {
		before[l.med.ID] = l
	}
	m.rx, m.f, m.allergies, m.others, m.patient, m.ready = msg.rx, msg.f, msg.allergies, msg.others, msg.patient, true
	m.lines = m.lines[:0]
	for i := range msg.rx.Medications {
		med := &msg.rx.Medications[i]
		l := &line{med: med}
		old, seen := before[med.ID]
		switch {
		case med.InventoryItemID != 0:
			l.item = msg.items[med.InventoryItemID]
		case seen && old.item.ID != 0:
			l.item = old.item // an item the pharmacist chose for a free-text medicine
		}
		if seen && old.touched {
			l.plan, l.touched = old.plan, true
		}
		if l.item.ID != 0 {
			l.rebatch(msg.plans[med.ID])
		}
		l.fit()
		m.flag(l)
		m.lines = append(m.lines, l)
	}
	m.cursor = min(m.cursor, max(0, len(m.lines)-1))
}

// typing is true while a form or the item search has focus.
func (m *fulfil) typing() bool {
	return m.mode == fulfilPaying || m.mode == fulfilCancelling || m.mode == fulfilPicking
}

// dirty is true when the pharmacist has chosen quantities not yet dispensed.
func (m *fulfil) dirty() bool {
	for _, l := range m.lines {
		if l.touched {
			return true
		}
	}
	return m.mode == fulfilCancelling && m.reason != ""
}

// dueCents is what the bill will be owed once this dispense is added.
func (m *fulfil) dueCents() int64 { return m.f.DueAfter(linesTotal(m.lines)) }

// update handles one message; closed is true when esc leaves the prescription.
func (m *fulfil) update(msg tea.Msg) (closed bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case fulfilLoadedMsg:
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			return false, nil
		}
		m.loaded(msg)
		return false, nil
	case dispensedMsg:
		m.busy = false
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			m.mode = fulfilLines
			return false, nil
		}
		for _, l := range m.lines {
			l.touched = false
		}
		m.f.ID, m.mode = msg.id, fulfilLines
		m.message, m.failed = fmt.Sprintf("Dispensed %s on %s. L: print labels · R: print receipt", plural.S(msg.dispensed, "unit"), plural.S(msg.lines, "line")), false
		return false, m.load()
	case paidMsg:
		m.busy, m.mode = false, fulfilLines
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			return false, nil
		}
		m.message, m.failed = "Payment recorded.", false
		return false, m.load()
	case cancelledMsg:
		m.busy = false
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			m.form = reasonForm(m.c, "Why is it cancelled?", "Every unit goes back to its batch.", &m.reason)
			return false, m.form.Init()
		}
		m.mode, m.reason = fulfilLines, ""
		m.message, m.failed = "Fulfilment cancelled; the stock is back on the shelf.", false
		return false, m.load()
	case planMsg:
		for _, l := range m.lines {
			if l.item.ID == msg.itemID && msg.err == nil {
				l.rebatch(msg.plan)
				l.fit()
			}
		}
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
		}
		return false, nil
	case printTextMsg:
		if msg.owner != ownerQueue {
			return false, nil
		}
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			return false, nil
		}
		m.print = openPrintout(m.c, msg)
		m.mode = fulfilPrinting
		if msg.now {
			return false, m.print.Print()
		}
		return false, nil
	}
	switch m.mode {
	case fulfilPicking:
		return false, m.updatePicker(msg)
	case fulfilPrinting:
		done, cmd := m.print.Update(msg)
		if done {
			m.mode, m.print = fulfilLines, nil
		}
		return false, cmd
	case fulfilPaying, fulfilCancelling:
		return false, m.updateForm(msg)
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		return m.handleKey(k)
	}
	return false, nil
}

func (m *fulfil) handleKey(msg tea.KeyMsg) (bool, tea.Cmd) {
	var cur *line
	if m.cursor < len(m.lines) {
		cur = m.lines[m.cursor]
	}
	switch {
	case msg.String() == "esc":
		return true, nil
	case key.Matches(msg, m.list.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(msg, m.list.Down):
		m.cursor = min(max(0, len(m.lines)-1), m.cursor+1)
	case cur != nil && key.Matches(msg, m.keys.More):
		cur.setQty(cur.qty() + 1)
	case cur != nil && key.Matches(msg, m.keys.Less):
		cur.setQty(cur.qty() - 1)
	case cur != nil && key.Matches(msg, m.keys.Digits):
		q := cur.qty()*10 + int(msg.Runes[0]-'0')
		if !cur.touched || q > cur.cap() {
			q = int(msg.Runes[0] - '0')
		}
		cur.setQty(q)
	case cur != nil && key.Matches(msg, m.keys.Erase):
		cur.setQty(cur.qty() / 10)
	case cur != nil && key.Matches(msg, m.keys.Batch):
		cur.nextBatch()
	case cur != nil && key.Matches(msg, m.keys.Item) && cur.med.InventoryItemID == 0 && m.open():
		m.picker, m.mode = newPicker(m.c, false), fulfilPicking
		m.picker.input.SetValue(safe(cur.med.Name))
		return false, tea.Batch(textinput.Blink, m.picker.search())
	case key.Matches(msg, m.keys.Dispense) && m.open():
		if len(dispenseLines(m.lines)) == 0 {
			m.message, m.failed = "Nothing to dispense: set a quantity, or choose an item for a free-text medicine.", true
			return false, nil
		}
		return false, m.startPayment(true)
	case key.Matches(msg, m.keys.Pay) && m.f.ID != 0 && m.f.PaymentStatus == "unpaid" && m.f.Status != store.FulfilmentCancelled:
		return false, m.startPayment(false)
	case key.Matches(msg, m.keys.Cancel) && m.f.ID != 0 && m.f.Status == store.FulfilmentPartial:
		m.mode, m.reason = fulfilCancelling, ""
		m.form = reasonForm(m.c, "Why is it cancelled?", "Every unit goes back to its batch.", &m.reason)
		return false, m.form.Init()
	case key.Matches(msg, m.keys.Labels) && m.f.ID != 0:
		return false, m.fetchPrint(true)
	case key.Matches(msg, m.keys.Receipt) && m.f.ID != 0:
		return false, m.fetchPrint(false)
	}
	return false, nil
}

// open is true while more may be dispensed for the prescription.
func (m *fulfil) open() bool {
	return m.rx.Status == store.PrescriptionSubmitted || m.rx.Status == store.PrescriptionDispensing
}

func (m *fulfil) startPayment(dispense bool) tea.Cmd {
	cur := m.c.Settings.Currency
	due := m.f.Due()
	title := "Still due: " + money.Cents(due).Format(cur)
	if dispense {
		due = m.dueCents()
		title = fmt.Sprintf("Dispense %s for %s; due %s", plural.S(len(dispenseLines(m.lines)), "line"),
			money.Cents(linesTotal(m.lines)).Format(cur), money.Cents(due).Format(cur))
	}
	m.pay = newPayment(due)
	m.mode, m.message = fulfilPaying, ""
	m.dispenseAfterPay = dispense
	m.form = paymentForm(m.c, &m.pay, title, dispense)
	return m.form.Init()
}

func (m *fulfil) updateForm(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "esc" && !m.busy {
		m.mode, m.form = fulfilLines, nil
		return nil
	}
	if m.busy {
		return nil
	}
	fm, cmd := m.form.Update(msg)
	m.form = fm.(*huh.Form)
	if m.form.State != huh.StateCompleted {
		return cmd
	}
	m.busy = true
	s, actor := m.c.Store, m.c.Actor()
	if m.mode == fulfilCancelling {
		id, reason := m.f.ID, m.reason
		return func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			return cancelledMsg{err: s.CancelFulfilment(ctx, actor, id, reason)}
		}
	}
	pay, err := m.pay.sale()
	if err != nil {
		m.busy, m.message, m.failed = false, err.Error(), true
		m.form = paymentForm(m.c, &m.pay, "", m.dispenseAfterPay)
		return m.form.Init()
	}
	if !m.dispenseAfterPay {
		id := m.f.ID
		return func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			return paidMsg{err: s.RecordFulfilmentPayment(ctx, actor, id, *pay)}
		}
	}
	in := store.DispenseInput{PrescriptionID: m.rxID, Lines: dispenseLines(m.lines), Payment: pay}
	units := 0
	for _, l := range in.Lines {
		units += l.Quantity
	}
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		id, err := s.Dispense(ctx, actor, in)
		return dispensedMsg{id: id, dispensed: units, lines: len(in.Lines), err: err}
	}
}

func (m *fulfil) updatePicker(msg tea.Msg) tea.Cmd {
	chosen, closed, cmd := m.picker.update(msg)
	if !closed {
		return cmd
	}
	m.mode, m.picker = fulfilLines, nil
	if chosen == nil || m.cursor >= len(m.lines) {
		return nil
	}
	l := m.lines[m.cursor]
	l.item, l.plan, l.touched = *chosen, store.LinePlan{}, false
	m.flag(l)
	return planCmd(m.c, m.rxID, store.DispenseLine{PrescriptionMedicationID: l.med.ID, ItemID: chosen.ID,
		Quantity: l.med.Outstanding()})
}

// fetchPrint prints the labels (or the receipt) and shows them.
func (m *fulfil) fetchPrint(labels bool) tea.Cmd {
	return fetchPrintout(m.c, ownerQueue, m.f.ID, labels, true)
}

// fetchPrintout reads a fulfilment's labels or receipt for the printout view, which
// prints them at once when now is set. Where they print is the store's to say.
func fetchPrintout(c *common.Common, owner string, fulfilmentID int64, labels, now bool) tea.Cmd {
	s, actor := c.Store, c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		if labels {
			ls, err := s.Labels(ctx, actor, fulfilmentID)
			if err == nil && len(ls) == 0 {
				err = errors.New("nothing has been dispensed yet")
			}
			return printTextMsg{owner: owner, title: "Dispensing labels", text: layout.LabelSheet(ls), now: now, err: err,
				print: func(ctx context.Context, s *store.Store, actor store.Actor) (store.Printed, error) {
					return s.PrintLabels(ctx, actor, fulfilmentID)
				}}
		}
		r, err := s.SaleReceipt(ctx, actor, fulfilmentID)
		return printTextMsg{owner: owner, title: "Receipt", text: r, now: now, err: err,
			print: func(ctx context.Context, s *store.Store, actor store.Actor) (store.Printed, error) {
				return s.PrintSaleReceipt(ctx, actor, fulfilmentID)
			}}
	}
}

// openPrintout shows a fetched printout, sized to the body.
func openPrintout(c *common.Common, msg printTextMsg) *common.Printout {
	return common.NewPrintout(c, msg.title, msg.text, msg.print)
}

// shortHelp lists the keys that work now.
func (m *fulfil) shortHelp() []key.Binding {
	back := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	switch m.mode {
	case fulfilPrinting:
		return m.print.Help()
	case fulfilPaying, fulfilCancelling, fulfilPicking:
		return []key.Binding{back}
	}
	out := []key.Binding{m.list.Down, m.keys.More, m.keys.Digits, m.keys.Batch}
	if m.open() {
		out = append(out, m.keys.Dispense)
	}
	if m.cursor < len(m.lines) && m.lines[m.cursor].med.InventoryItemID == 0 && m.open() {
		out = append(out, m.keys.Item)
	}
	if m.f.ID != 0 {
		if m.f.PaymentStatus == "unpaid" && m.f.Status != store.FulfilmentCancelled {
			out = append(out, m.keys.Pay)
		}
		out = append(out, m.keys.Labels, m.keys.Receipt)
	}
	return append(out, back)
}
