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
	c      *common.Common
	id     int64 // 0 for a new item
	form   *huh.Form
	height int // the body's rows: a taller form scrolls to its focused field

	itemValues
	saved itemValues // as the form opened: esc asks when they differ

	busy bool
	err  string
	done string
}

// itemValues is what the form edits, as typed.
type itemValues struct {
	name, generic, class, strength, dosageForm, unit, minimum, price string
	otc                                                              bool
}

type itemSavedMsg struct{ err error }

// newItemForm opens the form on an item, or on a new one with its minimum stock and
// price empty: typed digits would follow a prefilled "0" ("012"), and empty means 0.
func newItemForm(c *common.Common, it store.InventoryItem, height int) *itemForm {
	f := &itemForm{c: c, id: it.ID, height: height, itemValues: itemValues{name: safe(it.Name), generic: safe(it.GenericName),
		class: safe(it.DrugClass), strength: safe(it.Strength), dosageForm: safe(it.Form), unit: safe(it.Unit),
		otc: it.OverTheCounter}}
	if it.ID != 0 {
		f.minimum, f.price = fmt.Sprint(it.MinimumStock), money.Cents(it.UnitPriceCents).String()
	}
	f.saved = f.itemValues
	f.form = f.newForm()
	return f
}

// fieldRows is the rows the form's fields have: the body less huh's error under them (a
// blank line and the error) and the line under the form (saving, or a refusal).
func (f *itemForm) fieldRows() int { return max(5, f.height-2-1) }

// setHeight fits an open form to a new body height.
func (f *itemForm) setHeight(h int) {
	f.height = h
	f.form = f.form.WithHeight(f.fieldRows())
}

// orZero reads an empty number field as 0, the value it stands for.
func orZero(s string) string {
	if strings.TrimSpace(s) == "" {
		return "0"
	}
	return s
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
		huh.NewInput().Title("Minimum stock").Placeholder("0").Value(&f.minimum).Validate(func(s string) error {
			return wholeNumber(true)(orZero(s))
		}),
		huh.NewInput().Title("Unit price ("+f.c.Settings.Currency+")").Placeholder("0.00").Value(&f.price).Validate(func(s string) error {
			_, err := common.AmountOr(s, 0)
			return err
		}),
		huh.NewConfirm().Title("Sold over the counter?").Value(&f.otc),
	).Title(title)).WithTheme(f.c.Styles.Form).WithShowHelp(false).WithWidth(min(70, max(30, f.c.Width))).
		WithHeight(f.fieldRows())
}

func (f *itemForm) init() tea.Cmd { return f.form.Init() }

func (f *itemForm) dirty() bool { return f.form.State == huh.StateNormal && f.itemValues != f.saved }

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
	minimum, _ := strconv.Atoi(strings.TrimSpace(orZero(f.minimum)))
	price, _ := common.AmountOr(f.price, 0)
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
