package frontdesk

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// promptKind is the question a one-line prompt asks.
type promptKind int

const (
	promptDate promptKind = iota
	promptCancel
)

// prompt is a one-line question under the grid. What was typed stays after a refusal.
type prompt struct {
	kind  promptKind
	input textinput.Model
	appt  store.BookEntry
	err   string
}

func (b *Book) openPrompt(kind promptKind, label, placeholder, value string) {
	in := textinput.New()
	in.Prompt, in.Placeholder, in.CharLimit = label, placeholder, 500
	in.SetValue(value)
	b.prompt, b.mode = &prompt{kind: kind, input: in}, modePrompt
}

// actionMsg is the result of a change to an appointment.
type actionMsg struct {
	owner int64
	text  string
	err   error
	// after, when set, runs once the change is made (the payment opens its receipt).
	after tea.Cmd
}

// act runs a change to an appointment in a command and reports it in words.
func (b *Book) act(done string, fn func(s store.Appointments, actor store.Actor) error) tea.Cmd {
	s, actor, owner := b.c.Store, b.c.Actor(), b.owner
	return func() tea.Msg {
		return actionMsg{owner: owner, text: done, err: fn(s, actor)}
	}
}

func (b *Book) actionDone(msg actionMsg) tea.Cmd {
	if msg.err != nil {
		text := common.ErrorText(msg.err)
		switch b.mode {
		case modePrompt:
			b.prompt.err = text // the reason typed stays, to be corrected
		case modePayment:
			b.payment.err = text
			return b.payment.rebuild()
		default:
			b.setMessage(text, true)
		}
		// A refusal often means the book changed under the desk (another desk took
		// the slot, cancelled the visit): show the book as it is now.
		return tea.Batch(b.reload(), b.loadWaiting())
	}
	if b.mode == modePrompt || b.mode == modePayment {
		b.mode = modeGrid
	}
	b.setMessage(msg.text, false)
	return tea.Batch(b.reload(), b.loadWaiting(), msg.after)
}

// appointmentKey handles the keys that act on the selected appointment.
func (b *Book) appointmentKey(msg tea.KeyMsg) tea.Cmd {
	k := b.keys
	a, ok := b.selected()
	if !ok {
		return nil
	}
	id, name := a.ID, common.Safe(a.PatientName)
	switch {
	case key.Matches(msg, k.Confirm):
		done := a.Code + " confirmed for " + name + "."
		if a.Status == store.AppointmentCheckedIn {
			done = name + "'s check-in undone; " + a.Code + " is confirmed."
		}
		return b.act(done, func(s store.Appointments, actor store.Actor) error {
			ctx, cancel := common.Ctx()
			defer cancel()
			return s.Confirm(ctx, actor, id)
		})
	case key.Matches(msg, k.CheckIn):
		return b.act(name+" checked in for "+doctorName(a.DoctorName)+".", func(s store.Appointments, actor store.Actor) error {
			ctx, cancel := common.Ctx()
			defer cancel()
			return s.CheckIn(ctx, actor, id)
		})
	case key.Matches(msg, k.NoShow):
		return b.act(a.Code+" marked as a no-show.", func(s store.Appointments, actor store.Actor) error {
			ctx, cancel := common.Ctx()
			defer cancel()
			return s.MarkNoShow(ctx, actor, id)
		})
	case key.Matches(msg, k.Cancel):
		b.openPrompt(promptCancel, "Cancel "+a.Code+" — reason: ", "required, e.g. patient called", "")
		b.prompt.appt = a
		return b.prompt.input.Focus()
	case key.Matches(msg, k.Reschedule):
		return b.loadToOpen(openReschedule, id)
	case key.Matches(msg, k.Pay):
		return b.loadToOpen(openPayment, id)
	case key.Matches(msg, k.FollowUp):
		return b.loadToOpen(openSeries, id)
	}
	return nil
}

// openKind is what a key opens on the selected appointment once it is loaded whole.
type openKind int

const (
	openReschedule openKind = iota
	openPayment
	openSeries
)

// openMsg brings the whole appointment a key opens a form on: the grid holds only what
// it draws.
type openMsg struct {
	owner int64
	kind  openKind
	appt  store.Appointment
	err   error
}

func (b *Book) loadToOpen(kind openKind, id int64) tea.Cmd {
	s, actor, owner := b.c.Store, b.c.Actor(), b.owner
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		a, err := s.Appointment(ctx, actor, id)
		return openMsg{owner: owner, kind: kind, appt: a, err: err}
	}
}

// open opens the form a key asked for, unless the book has gone on to something else
// meanwhile.
func (b *Book) open(msg openMsg) tea.Cmd {
	if msg.owner != b.owner || b.mode != modeGrid {
		return nil
	}
	if msg.err != nil {
		b.setMessage(common.ErrorText(msg.err), true)
		return nil
	}
	switch msg.kind {
	case openReschedule:
		w, cmd := rescheduleFor(b.c, msg.appt)
		b.wizard, b.mode = w, modeWizard
		return cmd
	case openPayment:
		return b.openPayment(msg.appt)
	case openSeries:
		return b.openSeries(msg.appt)
	}
	return nil
}

func (b *Book) updatePrompt(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	p := b.prompt
	switch k.Type {
	case tea.KeyEsc:
		b.mode, b.prompt = modeGrid, nil
		return nil
	case tea.KeyEnter:
		return b.submitPrompt()
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

func (b *Book) submitPrompt() tea.Cmd {
	p := b.prompt
	p.err = ""
	switch p.kind {
	case promptDate:
		day, err := parseDay(p.input.Value(), b.c.Store.Now(), b.c.Settings.Location())
		if err != nil {
			p.err = err.Error()
			return nil
		}
		b.mode, b.prompt = modeGrid, nil
		return b.goTo(day)
	case promptCancel:
		id, reason := p.appt.ID, p.input.Value()
		return b.act(p.appt.Code+" cancelled.", func(s store.Appointments, actor store.Actor) error {
			ctx, cancel := common.Ctx()
			defer cancel()
			return s.Cancel(ctx, actor, id, reason)
		})
	}
	return nil
}

// syncKeys enables the keys that act on an appointment only where they work on the one
// selected, so the footer, '?' and the keys themselves agree: no check-in for a
// completed visit, no no-show before its time, a receipt rather than a payment once paid.
func (b *Book) syncKeys() {
	k := &b.keys
	a, ok := b.selected()
	now := b.c.Store.Now()
	loc := b.c.Settings.Location()
	open := ok && (a.Status == store.AppointmentScheduled || a.Status == store.AppointmentConfirmed)
	waiting := open || ok && a.Status == store.AppointmentCheckedIn
	k.Confirm.SetEnabled(ok && (a.Status == store.AppointmentScheduled || a.Status == store.AppointmentCheckedIn))
	if ok && a.Status == store.AppointmentCheckedIn {
		k.Confirm.SetHelp("c", "undo check-in")
	} else {
		k.Confirm.SetHelp("c", "confirm")
	}
	k.CheckIn.SetEnabled(open && localDay(a.Start, loc).Equal(localDay(now, loc)))
	k.NoShow.SetEnabled(waiting && !now.Before(a.Start))
	k.Cancel.SetEnabled(waiting)
	k.Reschedule.SetEnabled(waiting)
	// A cancelled visit owes nothing: no payment, though a receipt of one made before
	// stays readable.
	k.Pay.SetEnabled(ok && (a.Status != store.AppointmentCancelled || a.PaymentStatus != store.PaymentUnpaid))
	if ok && a.PaymentStatus != store.PaymentUnpaid {
		k.Pay.SetHelp("$", "receipt")
	} else {
		k.Pay.SetHelp("$", "payment")
	}
	k.FollowUp.SetEnabled(ok)
}
