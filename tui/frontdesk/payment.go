package frontdesk

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// payment is the form that settles an appointment's fee.
type payment struct {
	appt   store.Appointment
	form   *huh.Form
	status string
	method string
	amount string
	err    string
	// saving is true from the form's completion until the store answers: a message
	// reaching the completed form meanwhile (a key typed ahead, the cursor's blink on a
	// busy machine) would record the payment a second time.
	saving bool
	height int // the body's rows: the form scrolls to its focused field
	styles *huh.Theme
	// initial is the form as it opened (paid in cash, the amount empty: the whole fee),
	// for dirty.
	initial [3]string
}

// formRows is the rows the form's fields have: the body less the four lines about the
// visit and a blank above, and below huh's error (a blank and the error), a refusal and
// the hint.
func (p *payment) formRows() int { return max(5, p.height-5-2-1-1) }

// setHeight fits an open form to a new body height.
func (p *payment) setHeight(h int) {
	p.height = h
	p.form = p.form.WithHeight(p.formRows())
}

// dirty reports a change to the form as it opened.
func (p *payment) dirty() bool { return [3]string{p.status, p.method, p.amount} != p.initial }

func (p *payment) rebuild() tea.Cmd {
	p.saving = false
	methods := make([]huh.Option[string], len(store.PaymentMethods))
	for i, m := range store.PaymentMethods {
		methods[i] = huh.NewOption(string(m), string(m))
	}
	p.form = huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Key("status").Title("Fee").Options(
			huh.NewOption("paid", string(store.PaymentPaid)), huh.NewOption("waived", string(store.PaymentWaived))).
			Value(&p.status),
		huh.NewSelect[string]().Key("method").Title("Method (when paid)").Options(methods...).Value(&p.method),
		huh.NewInput().Key("amount").Title("Amount paid").Description("Empty: the whole fee. Less is a discount.").
			Placeholder(money.Cents(p.appt.FeeCents).String()).Value(&p.amount).Validate(func(s string) error {
			if p.status == string(store.PaymentWaived) {
				return nil
			}
			_, err := common.AmountOr(s, money.Cents(p.appt.FeeCents))
			return err
		}),
	)).WithTheme(p.styles).WithShowHelp(false).WithWidth(50).WithHeight(p.formRows())
	return p.form.Init()
}

// openPayment opens the payment form, or the receipt when the fee is settled already.
func (b *Book) openPayment(a store.Appointment) tea.Cmd {
	if a.PaymentStatus != store.PaymentUnpaid {
		return b.loadReceipt(a)
	}
	b.payment = &payment{appt: a, status: string(store.PaymentPaid), method: string(store.PaymentCash),
		height: b.height, styles: b.c.Styles.Form}
	b.payment.initial = [3]string{b.payment.status, b.payment.method, b.payment.amount}
	b.mode = modePayment
	return b.payment.rebuild()
}

func (b *Book) updatePayment(msg tea.Msg) tea.Cmd {
	p := b.payment
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc {
		b.mode, b.payment = modeGrid, nil
		return nil
	}
	if p.saving {
		return nil
	}
	model, cmd := p.form.Update(msg)
	p.form = model.(*huh.Form)
	if p.form.State != huh.StateCompleted {
		return cmd
	}
	p.saving = true
	in := store.PaymentInput{Status: store.PaymentStatus(p.status)}
	if in.Status == store.PaymentPaid {
		in.Method = store.PaymentMethod(p.method)
		cents, _ := common.AmountOr(p.amount, money.Cents(p.appt.FeeCents))
		in.AmountCents = int64(cents)
	}
	a := p.appt
	done := a.Code + " " + string(in.Status) + "."
	s, actor, owner, after := b.c.Store, b.c.Actor(), b.owner, b.loadReceipt(a)
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		err := s.RecordPayment(ctx, actor, a.ID, in)
		return actionMsg{owner: owner, text: done, err: err, after: after}
	}
}

func (p *payment) view(c *common.Common) string {
	st := c.Styles
	a := p.appt
	lines := []string{
		st.Title.Render("Payment for " + a.Code),
		st.Label.Render("Patient") + common.Safe(a.PatientName) + " " + st.Faint.Render(a.PatientCode),
		st.Label.Render("Doctor") + doctorName(a.DoctorName),
		st.Label.Render("Fee") + money.Cents(a.FeeCents).Format(c.Settings.Currency),
		"", p.form.View(),
	}
	if p.err != "" {
		lines = append(lines, st.Error.Render(common.Safe(p.err)))
	}
	lines = append(lines, st.Faint.Render("enter: next / save · esc: back to the book"))
	return strings.Join(lines, "\n")
}

type receiptMsg struct {
	owner int64
	id    int64
	code  string
	text  string
	err   error
}

func (b *Book) loadReceipt(a store.Appointment) tea.Cmd {
	s, actor, owner, id, code := b.c.Store, b.c.Actor(), b.owner, a.ID, a.Code
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		text, err := s.Receipt(ctx, actor, id)
		return receiptMsg{owner: owner, id: id, code: code, text: text, err: err}
	}
}

// showReceipt opens a loaded receipt on screen; p prints it where the clinic prints.
func (b *Book) showReceipt(msg receiptMsg) {
	if msg.err != nil {
		b.setMessage(common.ErrorText(msg.err), true)
		return
	}
	id := msg.id
	b.receipt = common.NewPrintout(b.c, "Receipt "+msg.code, msg.text,
		func(ctx context.Context, s *store.Store, actor store.Actor) (store.Printed, error) {
			return s.PrintAppointmentReceipt(ctx, actor, id)
		})
	b.receipt.SetSize(b.width, b.height)
	b.mode = modeReceipt
}

func (b *Book) updateReceipt(msg tea.Msg) tea.Cmd {
	closed, cmd := b.receipt.Update(msg)
	if closed {
		b.mode, b.receipt = modeGrid, nil
	}
	return cmd
}
