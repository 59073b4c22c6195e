package pharmacy

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// pickerRows is how many matches the item picker shows (and asks the store for).
const pickerRows = 8

// picker finds an inventory item as the pharmacist types; only over-the-counter items
// when otcOnly (a walk-in sale).
type picker struct {
	c       *common.Common
	input   textinput.Model
	otcOnly bool
	seq     int
	items   []store.InventoryItem
	cursor  int
	err     string
	keys    pickerKeys
}

type pickerKeys struct{ up, down, choose, back key.Binding }

type pickedItemsMsg struct {
	seq   int
	items []store.InventoryItem
	err   error
}

func newPicker(c *common.Common, otcOnly bool) *picker {
	in := textinput.New()
	in.Prompt = "Find item: "
	in.Placeholder = "name or generic name"
	in.Focus()
	return &picker{c: c, input: in, otcOnly: otcOnly, keys: pickerKeys{
		up:     key.NewBinding(key.WithKeys("up", "ctrl+p")),
		down:   key.NewBinding(key.WithKeys("down", "ctrl+n")),
		choose: key.NewBinding(key.WithKeys("enter")),
		back:   key.NewBinding(key.WithKeys("esc")),
	}}
}

// search asks the store for the matches of what is typed; a later answer replaces an
// earlier one, and an answer to an older query is dropped.
func (p *picker) search() tea.Cmd {
	p.seq++
	s, actor, q, seq, otc := p.c.Store, p.c.Actor(), p.input.Value(), p.seq, p.otcOnly
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		search := s.SearchInventory
		if otc {
			search = s.SearchOverTheCounter
		}
		items, err := search(ctx, actor, q, pickerRows)
		return pickedItemsMsg{seq: seq, items: items, err: err}
	}
}

// update returns the chosen item once enter picks one, or closed after esc.
func (p *picker) update(msg tea.Msg) (chosen *store.InventoryItem, closed bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case pickedItemsMsg:
		if msg.seq == p.seq {
			p.items, p.err = msg.items, common.ErrorText(msg.err)
			p.cursor = min(p.cursor, max(0, len(p.items)-1))
		}
		return nil, false, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.back):
			return nil, true, nil
		case key.Matches(msg, p.keys.up):
			p.cursor = max(0, p.cursor-1)
			return nil, false, nil
		case key.Matches(msg, p.keys.down):
			p.cursor = min(max(0, len(p.items)-1), p.cursor+1)
			return nil, false, nil
		case key.Matches(msg, p.keys.choose):
			if p.cursor < len(p.items) {
				it := p.items[p.cursor]
				return &it, true, nil
			}
			return nil, false, nil
		}
	}
	before := p.input.Value()
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.cursor = 0
		return nil, false, tea.Batch(cmd, p.search())
	}
	return nil, false, cmd
}

func (p *picker) view(width int) string {
	st := p.c.Styles
	out := p.input.View() + "\n"
	if p.err != "" {
		out += st.Error.Render(common.Safe(p.err)) + "\n"
	}
	if len(p.items) == 0 && p.input.Value() != "" {
		out += st.Faint.Render("No matching item.") + "\n"
	}
	for i, it := range p.items {
		row := cell(itemLabel(it), max(10, width-34)) + rcell(fmt.Sprint(it.CurrentStock)+" "+common.Safe(it.Unit), 16) +
			rcell(money.Cents(it.UnitPriceCents).Format(p.c.Settings.Currency), 16)
		if i == p.cursor {
			row = st.Selected.Render(row)
		}
		out += row + "\n"
	}
	return out + st.Faint.Render("type to search · ↑/↓ choose · enter pick · esc back")
}
