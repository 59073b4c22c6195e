package pharmacy

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

type stockAction int

const (
	stockReceive stockAction = iota
	stockAdjust
	stockReturn
	stockWriteOff
)

// stockForm records one stock change of an item: a delivery received, a batch adjusted
// or returned to its supplier, or an expired batch written off. Its fields are bound
// to the model, so a refused save keeps everything typed.
type stockForm struct {
	c      *common.Common
	action stockAction
	item   store.InventoryItem
	batch  store.Batch
	form   *huh.Form

	supplier, batchNumber, expires, quantity, unitCost, reason string
	confirm                                                    bool

	busy bool
	err  string
	done string // what was recorded, once it is
}

type stockSavedMsg struct{ err error }

func newStockForm(c *common.Common, action stockAction, item store.InventoryItem, batch store.Batch) *stockForm {
	f := &stockForm{c: c, action: action, item: item, batch: batch}
	if action == stockReceive && !batch.ExpiresOn.IsZero() {
		f.expires = date(batch.ExpiresOn)
	}
	f.form = f.newForm()
	return f
}

func (f *stockForm) title() string {
	name := itemLabel(f.item)
	switch f.action {
	case stockAdjust:
		return "Adjust batch " + safe(f.batch.BatchNumber) + " of " + name + fmt.Sprintf(" (%d left)", f.batch.QuantityLeft)
	case stockReturn:
		return "Return batch " + safe(f.batch.BatchNumber) + " of " + name + " to " + safe(f.batch.Supplier)
	case stockWriteOff:
		return "Write off batch " + safe(f.batch.BatchNumber) + " of " + name
	}
	return "Receive a delivery of " + name
}

func wholeNumber(signed bool) func(string) error {
	return func(s string) error {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		switch {
		case err != nil:
			return errors.New("Enter a whole number.")
		case !signed && n <= 0:
			return errors.New("Enter at least 1.")
		}
		return nil
	}
}

func (f *stockForm) newForm() *huh.Form {
	var fields []huh.Field
	switch f.action {
	case stockReceive:
		fields = []huh.Field{
			huh.NewInput().Title("Supplier").Value(&f.supplier),
			huh.NewInput().Title("Batch number").Value(&f.batchNumber),
			huh.NewInput().Title("Expiry date").Placeholder("YYYY-MM-DD").Value(&f.expires).Validate(func(s string) error {
				if _, err := time.Parse("2006-01-02", strings.TrimSpace(s)); err != nil {
					return errors.New("Enter the expiry as YYYY-MM-DD.")
				}
				return nil
			}),
			huh.NewInput().Title("Quantity").Value(&f.quantity).Validate(wholeNumber(false)),
			huh.NewInput().Title("Unit cost (" + f.c.Settings.Currency + ")").Placeholder("0.00").Value(&f.unitCost).
				Validate(func(s string) error {
					if strings.TrimSpace(s) == "" {
						return nil
					}
					_, err := money.Parse(s)
					return err
				}),
		}
	case stockAdjust:
		fields = []huh.Field{
			huh.NewInput().Title("Change").Description("Negative takes away: -2 for two damaged packs.").
				Value(&f.quantity).Validate(wholeNumber(true)),
			huh.NewInput().Title("Reason").Description("For example: count correction, damage.").Value(&f.reason),
		}
	case stockReturn:
		fields = []huh.Field{
			huh.NewInput().Title("Quantity").Value(&f.quantity).Validate(wholeNumber(false)),
			huh.NewInput().Title("Reason").Value(&f.reason),
		}
	case stockWriteOff:
		fields = []huh.Field{huh.NewConfirm().Title(fmt.Sprintf("Write off all %d left?", f.batch.QuantityLeft)).
			Affirmative("Write off").Negative("Keep").Value(&f.confirm)}
	}
	return huh.NewForm(huh.NewGroup(fields...).Title(f.title())).WithTheme(f.c.Styles.Form).WithShowHelp(false).
		WithWidth(min(70, max(30, f.c.Width)))
}

func (f *stockForm) init() tea.Cmd { return f.form.Init() }

func (f *stockForm) dirty() bool {
	return f.supplier != "" || f.batchNumber != "" || f.quantity != "" || f.reason != ""
}

// update runs the form; done is true once it is saved or left with esc.
func (f *stockForm) update(msg tea.Msg) (done bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case stockSavedMsg:
		f.busy = false
		if msg.err != nil {
			f.err = common.ErrorText(msg.err)
			f.form = f.newForm()
			return false, f.form.Init()
		}
		f.done = f.doneText()
		return true, nil
	case tea.KeyMsg:
		if msg.String() == "esc" && !f.busy {
			return true, nil
		}
	}
	if f.busy {
		return false, nil
	}
	m, cmd := f.form.Update(msg)
	f.form = m.(*huh.Form)
	if f.form.State != huh.StateCompleted {
		return false, cmd
	}
	if f.action == stockWriteOff && !f.confirm {
		return true, nil
	}
	f.busy, f.err = true, ""
	return false, tea.Batch(cmd, f.save())
}

func (f *stockForm) doneText() string {
	switch f.action {
	case stockAdjust:
		return "Adjusted batch " + safe(f.batch.BatchNumber) + " by " + strings.TrimSpace(f.quantity) + "."
	case stockReturn:
		return "Returned " + strings.TrimSpace(f.quantity) + " of batch " + safe(f.batch.BatchNumber) + " to the supplier."
	case stockWriteOff:
		return "Wrote off batch " + safe(f.batch.BatchNumber) + "."
	}
	return "Received " + strings.TrimSpace(f.quantity) + " under batch " + safe(strings.TrimSpace(f.batchNumber)) + "."
}

func (f *stockForm) save() tea.Cmd {
	s, actor, itemID, batchID := f.c.Store, f.c.Actor(), f.item.ID, f.batch.ID
	qty, _ := strconv.Atoi(strings.TrimSpace(f.quantity))
	reason, action := f.reason, f.action
	var in store.ReceiveInput
	if action == stockReceive {
		cost, _ := money.Parse(f.unitCost) // empty is free stock: 0
		expires, _ := time.Parse("2006-01-02", strings.TrimSpace(f.expires))
		in = store.ReceiveInput{BatchNumber: f.batchNumber, ExpiresOn: expires, Quantity: qty, UnitCostCents: int64(cost),
			Supplier: f.supplier}
	}
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		var err error
		switch action {
		case stockReceive:
			_, err = s.ReceiveStock(ctx, actor, itemID, in)
		case stockAdjust:
			err = s.AdjustStock(ctx, actor, batchID, qty, reason)
		case stockReturn:
			err = s.ReturnToSupplier(ctx, actor, batchID, qty, reason)
		case stockWriteOff:
			err = s.WriteOffExpired(ctx, actor, batchID)
		}
		return stockSavedMsg{err: err}
	}
}

func (f *stockForm) view() string {
	st := f.c.Styles
	out := f.form.View()
	if f.busy {
		out += "\n" + st.Faint.Render("Saving…")
	}
	if f.err != "" {
		out += "\n" + st.Error.Render(common.Safe(f.err))
	}
	return out + "\n" + st.Faint.Render("enter next · esc cancel")
}
