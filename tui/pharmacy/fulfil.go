package pharmacy

import (
	"context"
	"errors"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/drugs"
	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/internal/plural"
	layout "github.com/clinicdesk/clinicdesk/internal/printout" // the package; printout here is the view that shows one
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
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
	lines     []*line
	cursor    int
	ready     bool
	reloads   common.Reloads

	mode   fulfilMode
	form   *huh.Form
	pay    payment
	reason string
	// ackNote is the pharmacist's note on the warnings acknowledged for this dispense.
	ackNote string
	ack     ackPane // the warnings under the acknowledgement's form
	picker  *picker
	print   *common.Printout
	busy    bool
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
	fulfilReviewing // the reason a free-text medicine is confirmed as written
	fulfilAcking    // the warnings of the lines to hand over, to acknowledge
)

type fulfilLoadedMsg struct {
	stamp uint64
	// rxID is the prescription it was read for: one read for a prescription since closed
	// can arrive after another is opened, and must not replace it.
	rxID      int64
	rx        store.Prescription
	allergies []store.Allergy
	// warnings are each medication's, by medication, as the store checks it at the counter.
	warnings map[int64][]store.CounterWarning
	f        store.Fulfilment
	items    map[int64]store.InventoryItem
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

// reviewedMsg says the pharmacist's review of a free-text medicine was saved (or why not).
type reviewedMsg struct{ err error }

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

// load reads the prescription, the patient's allergies (each read is logged), its
// fulfilment so far, the item each medication is dispensed as (its own, or the one its
// free text was mapped to), the store's plan of each, and each line's warnings as the
// store checks them at the counter.
func (m *fulfil) load() tea.Cmd {
	s, actor, id, fid, stamp := m.c.Store, m.c.Actor(), m.rxID, m.f.ID, m.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := fulfilLoadedMsg{stamp: stamp, rxID: id, items: map[int64]store.InventoryItem{}, plans: map[int64]store.LinePlan{},
			warnings: map[int64][]store.CounterWarning{}}
		if msg.rx, msg.err = s.Prescription(ctx, actor, id); msg.err != nil {
			return msg
		}
		if msg.allergies, msg.err = s.Allergies(ctx, actor, msg.rx.PatientID); msg.err != nil {
			return msg
		}
		if fid != 0 {
			if msg.f, msg.err = s.Fulfilment(ctx, actor, fid); msg.err != nil {
				return msg
			}
		}
		check := store.DispenseInput{PrescriptionID: id}
		for _, med := range msg.rx.Medications {
			item := med.DispensedItemID()
			check.Lines = append(check.Lines, store.DispenseLine{PrescriptionMedicationID: med.ID, ItemID: item})
			if item == 0 || msg.items[item].ID != 0 {
				continue
			}
			if msg.items[item], msg.err = s.InventoryItem(ctx, actor, item); msg.err != nil {
				return msg
			}
		}
		warnings, err := s.DispenseWarnings(ctx, actor, check)
		if msg.err = err; err != nil {
			return msg
		}
		for i, l := range check.Lines {
			msg.warnings[l.PrescriptionMedicationID] = warnings[i]
		}
		plans, err := s.PlanDispense(ctx, actor, store.DispenseInput{PrescriptionID: id})
		if msg.err = err; err != nil {
			return msg
		}
		for _, p := range plans {
			msg.plans[p.Line.PrescriptionMedicationID] = p
		}
		return msg
	}
}

// loaded builds the lines, keeping what the pharmacist already chose for each
// medication when the data is reloaded.
func (m *fulfil) loaded(msg fulfilLoadedMsg) {
	before := map[int64]*line{}
	for _, l := range m.lines {
		before[l.med.ID] = l
	}
	first := !m.ready
	m.rx, m.f, m.allergies, m.ready = msg.rx, msg.f, msg.allergies, true
	m.lines = m.lines[:0]
	for i := range msg.rx.Medications {
		med := &msg.rx.Medications[i]
		l := &line{med: med, item: msg.items[med.DispensedItemID()], warnings: msg.warnings[med.ID]}
		if old, seen := before[med.ID]; seen && old.touched && old.item.ID == l.item.ID {
			l.plan, l.touched = old.plan, true
		}
		if l.item.ID != 0 {
			l.rebatch(msg.plans[med.ID])
		}
		l.fit()
		m.lines = append(m.lines, l)
	}
	m.cursor = min(m.cursor, max(0, len(m.lines)-1))
	if first && m.open() && !m.expired() {
		m.leadToReview()
	}
}

// leadToReview puts the cursor on the first free-text line still to review and says
// what to do with it, so the pharmacist starts where the prescription is held back;
// false when no line needs a review.
func (m *fulfil) leadToReview() bool {
	for i, l := range m.lines {
		if store.Unreviewed(*l.med) {
			m.cursor = i
			m.message, m.failed = safeMed(l.med)+" is free text that was not checked for allergies or interactions: "+
				"choose the catalogue item it is ("+m.keys.Item.Help().Key+") or confirm it as written ("+
				m.keys.AsWritten.Help().Key+") before dispensing.", true
			return true
		}
	}
	return false
}

// typing is true while a form or the item search has focus.
func (m *fulfil) typing() bool {
	return m.mode == fulfilPaying || m.mode == fulfilCancelling || m.mode == fulfilPicking ||
		m.mode == fulfilReviewing || m.mode == fulfilAcking
}

// dirty is true when the pharmacist has chosen quantities not yet dispensed.
func (m *fulfil) dirty() bool {
	for _, l := range m.lines {
		if l.touched {
			return true
		}
	}
	return (m.mode == fulfilCancelling || m.mode == fulfilReviewing) && m.reason != ""
}

// escKeeps reports that esc, now, closes the payment form and keeps the lines: nothing
// typed would be lost, so the desk need not ask first.
func (m *fulfil) escKeeps() bool {
	return m.form != nil && m.mode == fulfilPaying && m.pay.nothingTyped()
}

// dueCents is what the bill will be owed once this dispense is added.
func (m *fulfil) dueCents() int64 { return m.f.DueAfter(linesTotal(m.lines)) }

// update handles one message; closed is true when esc leaves the prescription.
func (m *fulfil) update(msg tea.Msg) (closed bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case fulfilLoadedMsg:
		if msg.rxID != m.rxID || !m.reloads.Newest(msg.stamp) {
			return false, nil
		}
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
		m.message, m.failed = fmt.Sprintf("Dispensed %s on %s. L: print labels · R: print receipt",
			plural.S(msg.dispensed, "unit"), plural.S(msg.lines, "line")), false
		return false, m.load()
	case reviewedMsg:
		m.busy = false
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			if m.mode == fulfilReviewing {
				m.form = m.reviewForm()
				return false, m.form.Init()
			}
			return false, nil
		}
		m.mode, m.reason = fulfilLines, ""
		m.message, m.failed = "Review saved.", false
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
	case fulfilPaying, fulfilCancelling, fulfilReviewing, fulfilAcking:
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
		m.sayShort(cur.setQty(cur.qty() + 1))
	case cur != nil && key.Matches(msg, m.keys.Less):
		cur.setQty(cur.qty() - 1)
	case cur != nil && key.Matches(msg, m.keys.Digits):
		m.sayShort(cur.typeDigit(msg.Runes[0]))
	case cur != nil && key.Matches(msg, m.keys.Erase):
		cur.eraseDigit()
	case cur != nil && key.Matches(msg, m.keys.Batch):
		cur.nextBatch()
	case cur != nil && key.Matches(msg, m.keys.Item) && cur.med.InventoryItemID == 0 && m.open():
		m.picker, m.mode = newPicker(m.c, false), fulfilPicking
		m.picker.input.SetValue(safe(pickerQuery(cur.med)))
		return false, tea.Batch(textinput.Blink, m.picker.search())
	case cur != nil && key.Matches(msg, m.keys.AsWritten) && cur.med.InventoryItemID == 0 && m.open():
		m.mode, m.reason, m.message = fulfilReviewing, "", ""
		m.form = m.reviewForm()
		return false, m.form.Init()
	case key.Matches(msg, m.keys.Dispense) && m.open():
		return false, m.startDispense()
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

// expired is true once the prescription's validity has passed: nothing of it can be
// dispensed, so nothing of it is to review.
func (m *fulfil) expired() bool {
	return !m.rx.ValidUntil.IsZero() && m.c.Store.Now().After(m.rx.ValidUntil)
}

// pickerQuery is what the item search for a free-text line starts with: the generic
// the drug table recognises in it (Brufen 400 → ibuprofen), as the catalogue is searched
// by name and generic name, else the line as written.
func pickerQuery(med *store.PrescribedMedication) string {
	if id := drugs.Identify(drugs.Medication{Name: med.Name, GenericName: med.GenericName}); len(id.Generics) > 0 {
		return id.Generics[0]
	}
	return med.Name
}

// open is true while more may be dispensed for the prescription.
func (m *fulfil) open() bool {
	return m.rx.Status == store.PrescriptionSubmitted || m.rx.Status == store.PrescriptionDispensing
}

// startDispense checks that every free-text line was reviewed (else it leads to the
// first one to review) and that there is something to hand over, then has the pharmacist acknowledge the warnings of what is
// handed over (when there are any) before the payment form.
func (m *fulfil) startDispense() tea.Cmd {
	if m.leadToReview() {
		return nil
	}
	if len(dispenseLines(m.lines)) == 0 {
		m.message, m.failed = "Nothing to dispense: set a quantity, or choose an item for a free-text medicine.", true
		return nil
	}
	n, needsNote := toAcknowledge(m.lines)
	if n == 0 {
		m.ackNote = ""
		return m.startPayment(true)
	}
	m.mode, m.message, m.ackNote, m.ack = fulfilAcking, "", "", ackPane{}
	m.form = ackForm(m.c, n, needsNote, &m.ackNote)
	return m.form.Init()
}

// reviewForm asks why a free-text medicine is confirmed as written. Its title and
// description each stay within a row: the form sizes itself before it wraps.
func (m *fulfil) reviewForm() *huh.Form {
	return reasonForm(m.c, "Confirm "+textsafe.Truncate(safeMed(m.lines[m.cursor].med), 30)+" as written: why?",
		"Say what you checked, or why it is not supplied here.", &m.reason)
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
	if k, ok := msg.(tea.KeyMsg); ok && m.mode == fulfilAcking && m.ack.scroll(k, m.keys, len(ackRows(m.c, m.lines, m.c.Width))) {
		return nil
	}
	fm, cmd := m.form.Update(msg)
	m.form = fm.(*huh.Form)
	if m.form.State != huh.StateCompleted {
		return cmd
	}
	if m.mode == fulfilAcking {
		return m.startPayment(true)
	}
	m.busy = true
	s, actor := m.c.Store, m.c.Actor()
	if m.mode == fulfilReviewing {
		in := store.FreeTextReviewInput{MedicationID: m.lines[m.cursor].med.ID, Reason: m.reason}
		return func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			return reviewedMsg{err: s.ReviewFreeText(ctx, actor, in)}
		}
	}
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
	in := store.DispenseInput{PrescriptionID: m.rxID, Lines: acknowledged(m.lines, m.ackNote), Payment: pay}
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
	s, actor := m.c.Store, m.c.Actor()
	in := store.FreeTextReviewInput{MedicationID: m.lines[m.cursor].med.ID, ItemID: chosen.ID}
	m.busy = true
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		return reviewedMsg{err: s.ReviewFreeText(ctx, actor, in)}
	}
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
	case fulfilAcking:
		return []key.Binding{m.keys.WarningsDown, back}
	case fulfilPaying, fulfilCancelling, fulfilPicking, fulfilReviewing:
		return []key.Binding{back}
	}
	out := []key.Binding{m.list.Down, m.keys.More, m.keys.Digits, m.keys.Batch}
	if m.open() {
		out = append(out, m.keys.Dispense)
	}
	if m.cursor < len(m.lines) && m.lines[m.cursor].med.InventoryItemID == 0 && m.open() {
		out = append(out, m.keys.Item, m.keys.AsWritten)
	}
	if m.f.ID != 0 {
		if m.f.PaymentStatus == "unpaid" && m.f.Status != store.FulfilmentCancelled {
			out = append(out, m.keys.Pay)
		}
		out = append(out, m.keys.Labels, m.keys.Receipt)
	}
	return append(out, back)
}

// sayShort shows why a line holds less than the pharmacist asked, if it does.
func (m *fulfil) sayShort(why string) {
	if why != "" {
		m.message, m.failed = why, true
	}
}
