package pharmacy

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// expiringDays is the window of the expiring-soon view.
const expiringDays = 90

type invView int

const (
	viewAll invView = iota
	viewLow
	viewExpiring
)

// Inventory lists the pharmacy's items with search as you type, the items below their
// minimum, and the batches expiring soon; enter opens an item's batches, ledger and
// stock chart.
type Inventory struct {
	c       *common.Common
	list    keys.List
	keys    keys.Inventory
	search  textinput.Model
	view    invView
	items   []store.InventoryItem
	batches []store.Batch // the expiring view
	shown   string        // the search the list shows the results of
	seq     int
	cursor  int
	offset  int
	loaded  bool
	err     string
	width   int
	height  int
	item    *itemPage
	form    *itemForm
}

type invItemsMsg struct {
	seq     int
	query   string
	items   []store.InventoryItem
	batches []store.Batch
	err     error
}

// NewInventory returns the inventory tab.
func NewInventory(c *common.Common) *Inventory {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "search by name or generic name"
	return &Inventory{c: c, list: keys.NewList(), keys: keys.NewInventory(), search: in}
}

// Title is the tab's name.
func (v *Inventory) Title() string { return "Inventory" }

// Init loads the first page of the catalogue.
func (v *Inventory) Init() tea.Cmd { return v.load() }

// load asks for the page the current view shows; an answer to an older request is
// dropped, so typing fast never shows stale results.
func (v *Inventory) load() tea.Cmd {
	v.seq++
	s, actor, seq, view, query, limit := v.c.Store, v.c.Actor(), v.seq, v.view, v.search.Value(), v.pageRows()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := invItemsMsg{seq: seq, query: strings.TrimSpace(query)}
		switch view {
		case viewLow:
			msg.items, msg.err = s.LowStock(ctx, actor, limit)
		case viewExpiring:
			msg.batches, msg.err = s.ExpiringWithin(ctx, actor, expiringDays, limit)
		default:
			msg.items, msg.err = s.SearchInventory(ctx, actor, query, limit)
		}
		return msg
	}
}

// pageRows is how many rows the list reads: a screenful and some, so scrolling within
// it costs nothing; a search narrows it further.
func (v *Inventory) pageRows() int { return 200 }

// SetSize is the body's size.
func (v *Inventory) SetSize(w, h int) {
	v.width, v.height = w, h
	v.search.Width = max(10, w-4)
	if v.item != nil {
		v.item.setSize(w, h)
	}
	if v.form != nil {
		v.form.setHeight(h)
	}
}

// Typing is true while the search or a form has focus.
func (v *Inventory) Typing() bool {
	switch {
	case v.item != nil:
		return v.item.typing()
	case v.form != nil:
		return true
	}
	return v.search.Focused()
}

// Dirty is true with a half-filled form.
func (v *Inventory) Dirty() bool {
	return v.item != nil && v.item.dirty() || v.form != nil && v.form.dirty()
}

// Opens reports that the inventory shows the items (and the batches, on their item's
// page) a notification names; a pharmacist's notice of a day (the day's expiring
// batches or low items, grouped) opens the expiring or low list, where they all are.
func (v *Inventory) Opens(entity string) bool {
	return entity == "inventory_items" || entity == "inventory_batches" || entity == "day"
}

// invOpenMsg is the item of a batch a notification named.
type invOpenMsg struct {
	itemID int64
	err    error
}

// openNamed opens the item page of an item, or of a batch's item once read, unless a
// form with unsaved input is open.
func (v *Inventory) openNamed(msg common.OpenMsg) tea.Cmd {
	if v.Dirty() {
		return nil
	}
	if msg.Entity == "day" { // the day's expiring batches, or its items below minimum
		v.form, v.item = nil, nil
		v.view = viewLow
		if msg.Kind == store.KindBatchExpiring {
			v.view = viewExpiring
		}
		v.cursor, v.offset, v.items, v.batches = 0, 0, nil, nil
		return v.load()
	}
	if msg.Entity == "inventory_batches" {
		s, actor, id := v.c.Store, v.c.Actor(), msg.ID
		return func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			item, err := s.BatchItem(ctx, actor, id)
			return invOpenMsg{itemID: item, err: err}
		}
	}
	v.form = nil
	v.item = newItemPage(v.c, msg.ID, v.width, v.height)
	return v.item.reload()
}

// Update handles the list's keys and clicks, the search, reloads, and the open item;
// the list's window then follows the cursor.
func (v *Inventory) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	cmd := v.update(msg)
	v.offset = scrolled(v.cursor, v.offset, v.rows())
	return v, cmd
}

func (v *Inventory) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case invItemsMsg:
		if msg.seq != v.seq {
			return nil
		}
		v.loaded, v.err = true, common.ErrorText(msg.err)
		v.items, v.batches, v.shown = msg.items, msg.batches, msg.query
		v.cursor = min(v.cursor, max(0, v.count()-1))
		return nil
	case common.OpenMsg:
		return v.openNamed(msg)
	case invOpenMsg:
		if msg.err != nil {
			v.err = common.ErrorText(msg.err)
			return nil
		}
		return v.openNamed(common.OpenMsg{Entity: "inventory_items", ID: msg.itemID})
	case common.StoreChangedMsg:
		if !msg.Touches(store.TopicInventory) {
			return nil
		}
		cmds := []tea.Cmd{v.load()}
		if v.item != nil {
			cmds = append(cmds, v.item.reload())
		}
		return tea.Batch(cmds...)
	}
	if v.item != nil {
		closed, cmd := v.item.update(msg)
		if closed {
			v.item = nil
		}
		return cmd
	}
	if v.form != nil {
		done, cmd := v.form.update(msg)
		if done {
			v.form = nil
			return tea.Batch(cmd, v.load())
		}
		return cmd
	}
	switch msg := msg.(type) {
	case tea.MouseMsg:
		v.click(msg)
	case tea.KeyMsg:
		if v.search.Focused() {
			return v.updateSearch(msg)
		}
		return v.handleKey(msg)
	}
	return nil
}

// click selects the row under a click (the frame gives the body's own cells).
func (v *Inventory) click(m tea.MouseMsg) {
	if m.Action != tea.MouseActionPress || m.Button != tea.MouseButtonLeft || m.Y < invHeaderRows {
		return
	}
	if i := v.offset + m.Y - invHeaderRows; i < v.count() && i < v.offset+v.rows() {
		v.cursor = i
	}
}

func (v *Inventory) updateSearch(k tea.KeyMsg) tea.Cmd {
	switch k.String() {
	case "esc", "enter", "down", "up":
		v.search.Blur()
		if k.String() == "esc" && v.search.Value() != "" {
			v.search.SetValue("")
			return v.load()
		}
		return nil
	}
	before := v.search.Value()
	var cmd tea.Cmd
	v.search, cmd = v.search.Update(k)
	if v.search.Value() != before {
		v.cursor, v.offset = 0, 0
		return tea.Batch(cmd, v.load())
	}
	return cmd
}

func (v *Inventory) count() int {
	if v.view == viewExpiring {
		return len(v.batches)
	}
	return len(v.items)
}

func (v *Inventory) handleKey(k tea.KeyMsg) tea.Cmd {
	rows := v.rows()
	last := max(0, v.count()-1)
	switch {
	case key.Matches(k, v.list.Search):
		v.view = viewAll
		v.search.Focus()
		return tea.Batch(textinput.Blink, v.load())
	case key.Matches(k, v.list.Up):
		v.cursor = max(0, v.cursor-1)
	case key.Matches(k, v.list.Down):
		v.cursor = min(last, v.cursor+1)
	case key.Matches(k, v.list.PageUp):
		v.cursor = max(0, v.cursor-rows)
	case key.Matches(k, v.list.PageDown):
		v.cursor = min(last, v.cursor+rows)
	case key.Matches(k, v.list.Home):
		v.cursor = 0
	case key.Matches(k, v.list.End):
		v.cursor = last
	case key.Matches(k, v.keys.All), key.Matches(k, v.keys.Low), key.Matches(k, v.keys.Expiring):
		v.view = map[string]invView{"A": viewAll, "L": viewLow, "E": viewExpiring}[k.String()]
		v.cursor, v.offset, v.items, v.batches = 0, 0, nil, nil
		return v.load()
	case key.Matches(k, v.keys.NewItem):
		v.form = newItemForm(v.c, store.InventoryItem{}, v.height)
		return v.form.init()
	case key.Matches(k, v.list.Open) && v.cursor < v.count():
		var id int64
		if v.view == viewExpiring {
			id = v.batches[v.cursor].ItemID
		} else {
			id = v.items[v.cursor].ID
		}
		v.item = newItemPage(v.c, id, v.width, v.height)
		return v.item.reload()
	}
	return nil
}

// invHeaderRows are the rows above the list: search, view name and column titles.
const invHeaderRows = 3

func (v *Inventory) rows() int { return max(1, v.height-invHeaderRows) }

// View draws the list, or the open item or form.
func (v *Inventory) View() string {
	switch {
	case v.item != nil:
		return v.item.view()
	case v.form != nil:
		return v.form.view()
	}
	st := v.c.Styles
	var b strings.Builder
	b.WriteString(v.search.View() + "\n")
	title := map[invView]string{viewAll: "All items", viewLow: "Below minimum stock",
		viewExpiring: fmt.Sprintf("Batches expiring within %d days", expiringDays)}[v.view]
	if v.view == viewAll && v.shown != "" {
		title = fmt.Sprintf("%d matching “%s”", len(v.items), safe(v.shown))
	}
	b.WriteString(st.Bold.Render(title) + st.Faint.Render("   A all · L below minimum · E expiring") + "\n")
	if v.err != "" {
		return b.String() + st.Error.Render(common.Safe(v.err))
	}
	if v.view == viewExpiring {
		v.drawBatches(&b)
	} else {
		v.drawItems(&b)
	}
	return strings.TrimRight(b.String(), "\n")
}

func (v *Inventory) drawItems(b *strings.Builder) {
	st := v.c.Styles
	nameW := max(12, v.width-50)
	b.WriteString(st.Faint.Render(cell("Item", nameW)+rcell("Stock", 8)+rcell("Min", 7)+"  "+cell("Nearest expiry", 15)+
		rcell("Price", 14)) + "\n")
	if v.loaded && len(v.items) == 0 {
		b.WriteString(st.Faint.Render("No items."))
		return
	}
	rows := v.rows()
	for i := v.offset; i < len(v.items) && i < v.offset+rows; i++ {
		it := v.items[i]
		row := cell(itemLabel(it), nameW-1) + " " + rcell(fmt.Sprint(it.CurrentStock), 8) + rcell(fmt.Sprint(it.MinimumStock), 7) +
			"  " + cell(date(it.NearestExpiry), 15) + rcell(money.Cents(it.UnitPriceCents).Format(v.c.Settings.Currency), 14)
		low := it.CurrentStock < it.MinimumStock
		if low {
			row += " LOW" // the selected row keeps its tag
		}
		switch {
		case i == v.cursor:
			row = st.Selected.Render(row)
		case low:
			row = st.Warning.Render(row)
		}
		b.WriteString(row + "\n")
	}
}

func (v *Inventory) drawBatches(b *strings.Builder) {
	st := v.c.Styles
	nameW := max(12, v.width-48)
	b.WriteString(st.Faint.Render(cell("Item", nameW-1)+" "+cell("Batch", 16)+cell("Expires", 12)+rcell("Left", 8)) + "\n")
	if v.loaded && len(v.batches) == 0 {
		b.WriteString(st.Faint.Render("No batch expires within 90 days."))
		return
	}
	rows := v.rows()
	for i := v.offset; i < len(v.batches) && i < v.offset+rows; i++ {
		bt := v.batches[i]
		row := cell(safe(bt.ItemName), nameW-1) + " " + cell(safe(bt.BatchNumber), 16) + cell(date(bt.ExpiresOn), 12) +
			rcell(fmt.Sprint(bt.QuantityLeft), 8)
		if bt.Expired {
			row += " EXPIRED" // the selected row keeps its tag
		}
		switch {
		case i == v.cursor:
			row = st.Selected.Render(row)
		case bt.Expired:
			row = st.Error.Render(row)
		}
		b.WriteString(row + "\n")
	}
}

// ShortHelp lists the keys for the footer.
func (v *Inventory) ShortHelp() []key.Binding {
	switch {
	case v.item != nil:
		return v.item.shortHelp()
	case v.form != nil:
		return []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
	}
	return []key.Binding{v.list.Search, v.list.Open, v.keys.Low, v.keys.Expiring, v.keys.NewItem}
}

// FullHelp lists every key of the inventory.
func (v *Inventory) FullHelp() [][]key.Binding {
	if v.item != nil {
		return v.item.fullHelp()
	}
	return [][]key.Binding{{v.list.Up, v.list.Down, v.list.PageUp, v.list.PageDown, v.list.Open, v.list.Search},
		{v.keys.All, v.keys.Low, v.keys.Expiring, v.keys.NewItem}}
}
