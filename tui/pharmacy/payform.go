package pharmacy

import (
	"errors"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// The ways a bill is settled at the counter.
const (
	payNow   = "paid"
	payWaive = "waive"
	payLater = "later"
)

// payment is what the payment form is bound to, so a form rebuilt after a refusal
// keeps what was chosen and typed.
type payment struct {
	choice string
	method string
	amount string // empty: the whole amount due
	due    money.Cents
}

// nothingTyped reports that the form holds only choices, each a key away (an amount
// typed is the one thing esc would lose).
func (p *payment) nothingTyped() bool { return p.amount == "" }

func newPayment(dueCents int64) payment {
	return payment{choice: payNow, method: "cash", due: money.Cents(dueCents)}
}

// sale is the payment the store takes, or nil when it is left for later.
func (p *payment) sale() (*store.SalePayment, error) {
	switch p.choice {
	case payLater:
		return nil, nil
	case payWaive:
		return &store.SalePayment{Waive: true}, nil
	}
	cents, err := common.AmountOr(p.amount, p.due)
	if err != nil {
		return nil, err
	}
	return &store.SalePayment{Method: p.method, AmountCents: int64(cents)}, nil
}

// paymentForm asks how the bill is settled: paid (with method and amount), waived, or
// (when allowed) left unpaid for now.
func paymentForm(c *common.Common, p *payment, title string, allowLater bool) *huh.Form {
	choices := []huh.Option[string]{huh.NewOption("Paid now", payNow), huh.NewOption("Waived", payWaive)}
	if allowLater {
		choices = append(choices, huh.NewOption("Unpaid for now", payLater))
	}
	methods := []huh.Option[string]{huh.NewOption("Cash", "cash"), huh.NewOption("Card", "card"),
		huh.NewOption("UPI", "upi"), huh.NewOption("Insurance", "insurance"), huh.NewOption("Other", "other")}
	return huh.NewForm(
		huh.NewGroup(huh.NewSelect[string]().Title("Payment").Description(title).Options(choices...).Value(&p.choice)),
		huh.NewGroup(
			huh.NewSelect[string]().Title("Method").Options(methods...).Value(&p.method),
			huh.NewInput().Title("Amount ("+c.Settings.Currency+")").Description("Empty: the whole amount due.").
				Placeholder(p.due.String()).Value(&p.amount).Validate(func(s string) error {
				_, err := common.AmountOr(s, p.due)
				return err
			}),
		).WithHideFunc(func() bool { return p.choice != payNow }),
	).WithTheme(c.Styles.Form).WithShowHelp(false).WithWidth(min(60, max(30, c.Width)))
}

// reasonForm asks for a reason, required, into *reason.
func reasonForm(c *common.Common, title, description string, reason *string) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().Title(title).Description(description).Value(reason).Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New("A reason is required.")
			}
			return nil
		}),
	)).WithTheme(c.Styles.Form).WithShowHelp(false).WithWidth(min(70, max(30, c.Width)))
}
