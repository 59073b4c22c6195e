package frontdesk

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
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
	styles *huh.Theme
}

func (p *payment) rebuild() tea.Cmd {
	methods := make([]huh.Option[string], len(store.PaymentMethods))
	for i, m := range store.PaymentMethods {
		methods[i] = huh.NewOption(string(m), string(m))
	}
	p.form = huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Key("status").Title("Fee").Options(
			huh.NewOption("paid", string(store.PaymentPaid)), huh.NewOption("waived", string(store.PaymentWaived))).
			Value(&p.status),
		huh.NewSelect[string]().Key("method").Title("Method (when paid)").Options(methods...).Value(&p.method),
		huh.NewInput().Key("amount").Title("Amount paid").Description("Up to the fee; less is a discount.").
			Value(&p.amount).Validate(func(s string) error {
			if p.status == string(store.PaymentWaived) {
				return nil
			}
			_, err := money.Parse(s)
			return err
		}),
	)).WithTheme(p.styles).WithShowHelp(false).WithWidth(50)
	return p.form.Init()
}

// openPayment opens the payment form, or the receipt when the fee is settled already.
func (b *Book) openPayment(a store.Appointment) tea.Cmd {
	if a.PaymentStatus != store.PaymentUnpaid {
		return b.loadReceipt(a)
	}
	b.payment = &payment{appt: a, status: string(store.PaymentPaid), method: string(store.PaymentCash),
		amount: money.Cents(a.FeeCents).String(), styles: b.c.Styles.Form}
	b.mode = modePayment
	return b.payment.rebuild()
}

func (b *Book) updatePayment(msg tea.Msg) tea.Cmd {
	p := b.payment
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc {
		b.mode, b.payment = modeGrid, nil
		return nil
	}
	model, cmd := p.form.Update(msg)
	p.form = model.(*huh.Form)
	if p.form.State != huh.StateCompleted {
		return cmd
	}
	in := store.PaymentInput{Status: store.PaymentStatus(p.status)}
	if in.Status == store.PaymentPaid {
		in.Method = store.PaymentMethod(p.method)
		cents, _ := money.Parse(p.amount)
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

// receipt shows a print-ready receipt and saves it to a file the user names.
type receipt struct {
	code    string
	text    string
	vp      viewport.Model
	saving  bool
	file    textinput.Model
	message string
	failed  bool
}

type receiptMsg struct {
	owner int64
	code  string
	text  string
	err   error
}

type savedMsg struct {
	owner int64
	path  string
	err   error
}

func (b *Book) loadReceipt(a store.Appointment) tea.Cmd {
	s, actor, owner, id, code := b.c.Store, b.c.Actor(), b.owner, a.ID, a.Code
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		text, err := s.Receipt(ctx, actor, id)
		return receiptMsg{owner: owner, code: code, text: text, err: err}
	}
}

var receiptKeys = struct{ save, back key.Binding }{
	save: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save to file")),
	back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
}

func (r *receipt) help() []key.Binding {
	if r.saving {
		return []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")), receiptKeys.back}
	}
	return []key.Binding{receiptKeys.save, receiptKeys.back}
}

func (b *Book) updateReceipt(msg tea.Msg) tea.Cmd {
	r := b.receipt
	switch msg := msg.(type) {
	case savedMsg:
		if msg.owner == b.owner {
			r.saving = msg.err != nil
			r.message, r.failed = "Saved to "+common.Safe(msg.path)+".", false
			if msg.err != nil {
				r.message, r.failed = "Could not save: "+common.Safe(msg.err.Error()), true
			}
		}
		return nil
	case tea.KeyMsg:
		if r.saving {
			switch msg.Type {
			case tea.KeyEsc:
				r.saving = false
				return nil
			case tea.KeyEnter:
				path, text, owner := r.file.Value(), r.text, b.owner
				return func() tea.Msg {
					abs, err := common.SaveText(path, text)
					return savedMsg{owner: owner, path: abs, err: err}
				}
			}
			var cmd tea.Cmd
			r.file, cmd = r.file.Update(msg)
			return cmd
		}
		switch {
		case key.Matches(msg, receiptKeys.back):
			b.mode, b.receipt = modeGrid, nil
			return nil
		case key.Matches(msg, receiptKeys.save):
			r.saving, r.message = true, ""
			return r.file.Focus()
		}
	}
	var cmd tea.Cmd
	r.vp, cmd = r.vp.Update(msg)
	return cmd
}

func (r *receipt) view(c *common.Common) string {
	st := c.Styles
	out := []string{st.Box.Render(r.vp.View())}
	if r.saving {
		out = append(out, r.file.View())
	}
	if r.message != "" {
		style := st.Success
		if r.failed {
			style = st.Error
		}
		out = append(out, style.Render(common.Safe(r.message)))
	}
	return strings.Join(out, "\n")
}

// showReceipt opens a loaded receipt in a viewport sized to the body.
func (b *Book) showReceipt(msg receiptMsg) {
	if msg.err != nil {
		b.setMessage(common.ErrorText(msg.err), true)
		return
	}
	vp := viewport.New(min(60, b.width-4), max(3, b.height-4))
	vp.SetContent(msg.text)
	in := textinput.New()
	in.Prompt, in.CharLimit = "Save as: ", 300
	in.SetValue("receipt-" + msg.code + ".txt")
	b.receipt, b.mode = &receipt{code: msg.code, text: msg.text, vp: vp, file: in}, modeReceipt
}
