package pharmacy

import (
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// itemForm adds an item to the catalogue or edits one; stock arrives only by receiving.
type itemForm struct {
	c    *common.Common
	id   int64 // 0 for a new item
	form *huh.Form

	name, generic, class, strength, dosageForm, unit, minimum, price string
	otc                                                              bool

	busy bool
	err  string
	done string
}

type itemSavedMsg struct{ err error }

func newItemForm(c *common.Common, it store.InventoryItem) *itemForm {
	f := &itemForm{c: c, id: it.ID, name: safe(it.Name), generic: safe(it.GenericName), class: safe(it.DrugClass),
		strength: safe(it.Strength), dosageForm: safe(it.Form), unit: safe(it.Unit), otc: it.OverTheCounter, minimum: fmt.Sprint(it.MinimumStock),
		price: money.Cents(it.UnitPriceCents).String()}
	f.form = f.newForm()
	return f
}

func (f *itemForm) newForm() *huh.Form {
	title := "New item"
	if f.id != 0 {
		title = "Edit " + safe(f.name)
	}
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Name").Value(&f.name),
		huh.NewInput().Title("Generic name").Value(&f.generic),
		huh.NewInput().Title("Strength").Placeholder("500 mg").Value(&f.strength),
		huh.NewInput().Title("Form").Placeholder("tablet").Value(&f.dosageForm),
		huh.NewInput().Title("Unit").Placeholder("tablet").Value(&f.unit),
		huh.NewInput().Title("Minimum stock").Value(&f.minimum).Validate(wholeNumber(true)),
		huh.NewInput().Title("Unit price ("+f.c.Settings.Currency+")").Value(&f.price).Validate(func(s string) error {
			_, err := money.Parse(s)
			return err
		}),
		huh.NewConfirm().Title("Sold over the counter?").Value(&f.otc),
	).Title(title)).WithTheme(f.c.Styles.Form).WithShowHelp(false).WithWidth(min(70, max(30, f.c.Width)))
}

func (f *itemForm) init() tea.Cmd { return f.form.Init() }

func (f *itemForm) dirty() bool { return f.form.State == huh.StateNormal && f.id == 0 && f.name != "" }

func (f *itemForm) update(msg tea.Msg) (done bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case itemSavedMsg:
		f.busy = false
		if msg.err != nil {
			f.err = common.ErrorText(msg.err)
			f.form = f.newForm()
			return false, f.form.Init()
		}
		f.done = "Saved " + safe(f.name) + "."
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
	f.busy, f.err = true, ""
	minimum, _ := strconv.Atoi(strings.TrimSpace(f.minimum))
	price, _ := money.Parse(f.price)
	in := store.ItemInput{Name: f.name, GenericName: f.generic, DrugClass: f.class, Strength: f.strength,
		Form: f.dosageForm, Unit: f.unit, OverTheCounter: f.otc, MinimumStock: minimum, UnitPriceCents: int64(price)}
	s, actor, id := f.c.Store, f.c.Actor(), f.id
	return false, tea.Batch(cmd, func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		if id == 0 {
			_, err := s.AddInventoryItem(ctx, actor, in)
			return itemSavedMsg{err: err}
		}
		return itemSavedMsg{err: s.UpdateInventoryItem(ctx, actor, id, in)}
	})
}

func (f *itemForm) view() string {
	st := f.c.Styles
	out := f.form.View()
	if f.busy {
		out += "\n" + st.Faint.Render("Saving…")
	}
	if f.err != "" {
		out += "\n" + st.Error.Render(common.Safe(f.err))
	}
	return out
}
