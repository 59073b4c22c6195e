package pharmacy

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// Rows of the item page above the ledger: facts, chart (3 + caption), batches title.
const (
	chartRows    = 3
	batchRowsMax = 4
)

// itemPage is one item: its facts, a 90-day stock chart, its batches (first expiry
// first) and its ledger, paged newest first with the running balance.
type itemPage struct {
	c       *common.Common
	list    keys.List
	keys    keys.Inventory
	id      int64
	item    store.InventoryItem
	batches []store.Batch // the item's batches, as read
	shown   []store.Batch // those the filter lets through, as listed
	filter  common.Filter
	history []store.DailyStock
	ledger  []store.StockMovement
	pages   []store.LedgerPlace // where each page opened starts, newest first; the last is shown
	seq     int                 // the latest load asked for; older answers are dropped
	cursor  int                 // the selected batch, in shown
	loaded  bool
	err     string
	message string
	width   int
	height  int
	form    *stockForm
	edit    *itemForm
}

type itemLoadedMsg struct {
	id      int64 // the item it was read for: a closed page's read must not fill the next one
	item    store.InventoryItem
	batches []store.Batch
	history []store.DailyStock
	ledger  []store.StockMovement
	pages   []store.LedgerPlace
	seq     int
	err     error
}

func newItemPage(c *common.Common, id int64, w, h int) *itemPage {
	return &itemPage{c: c, list: keys.NewList(), keys: keys.NewInventory(), id: id, pages: []store.LedgerPlace{{}}, width: w, height: h,
		filter: common.NewFilter("batch number, supplier or expiry")}
}

func (p *itemPage) setSize(w, h int) {
	p.width, p.height = w, h
	if p.edit != nil {
		p.edit.setHeight(h)
	}
}

// ledgerRows is how many movements fit under the facts, chart and batches.
func (p *itemPage) ledgerRows() int {
	return max(3, p.height-(1+chartRows+1+1+1+min(batchRowsMax, max(1, len(p.batches)))+1+1+1))
}

// reload reads the item, its batches, its history and the ledger page on screen.
func (p *itemPage) reload() tea.Cmd { return p.loadPages(p.pages) }

// loadPages loads the last page of the stack pages, which becomes the page stack once
// it arrives (unless a later load was asked for meanwhile).
func (p *itemPage) loadPages(pages []store.LedgerPlace) tea.Cmd {
	p.seq++
	s, actor, id, rows, seq := p.c.Store, p.c.Actor(), p.id, p.ledgerRows(), p.seq
	pages = append([]store.LedgerPlace(nil), pages...)
	before := pages[len(pages)-1]
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := itemLoadedMsg{id: id, pages: pages, seq: seq}
		if msg.item, msg.err = s.InventoryItem(ctx, actor, id); msg.err != nil {
			return msg
		}
		if msg.batches, msg.err = s.Batches(ctx, actor, id); msg.err != nil {
			return msg
		}
		if msg.history, msg.err = s.StockHistory(ctx, actor, id, chartDays); msg.err != nil {
			return msg
		}
		msg.ledger, msg.err = s.Ledger(ctx, actor, id, before, rows)
		return msg
	}
}

func (p *itemPage) typing() bool { return p.form != nil || p.edit != nil || p.filter.Typing() }

func (p *itemPage) dirty() bool {
	return p.form != nil && p.form.dirty() || p.edit != nil && p.edit.dirty()
}

func (p *itemPage) update(msg tea.Msg) (closed bool, cmd tea.Cmd) {
	if m, ok := msg.(itemLoadedMsg); ok {
		if m.id != p.id || m.seq != p.seq {
			return false, nil
		}
		p.loaded, p.err = true, common.ErrorText(m.err)
		if m.err != nil {
			return false, nil
		}
		p.item, p.batches, p.history, p.ledger, p.pages = m.item, m.batches, m.history, m.ledger, m.pages
		p.refilter()
		return false, nil
	}
	if p.form != nil {
		done, cmd := p.form.update(msg)
		if done {
			p.message, p.form = p.form.done, nil
			return false, tea.Batch(cmd, p.loadPages([]store.LedgerPlace{{}}))
		}
		return false, cmd
	}
	if p.edit != nil {
		done, cmd := p.edit.update(msg)
		if done {
			p.message, p.edit = p.edit.done, nil
			return false, tea.Batch(cmd, p.reload())
		}
		return false, cmd
	}
	if m, ok := msg.(tea.MouseMsg); ok && p.loaded && p.err == "" {
		if i, ok := common.ClickedRow(m, p.batchesTop(), p.batchOffset(), batchRowsMax, len(p.shown)); ok {
			p.cursor = i
		}
		return false, nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return false, nil
	}
	if handled, changed, cmd := p.filter.Key(k); handled {
		if changed {
			p.cursor = 0
			p.refilter()
		}
		return false, cmd
	}
	var batch *store.Batch
	if p.cursor < len(p.shown) {
		batch = &p.shown[p.cursor]
	}
	switch {
	case k.String() == "esc":
		return true, nil
	case key.Matches(k, p.list.Up):
		p.cursor = max(0, p.cursor-1)
	case key.Matches(k, p.list.Down):
		p.cursor = min(max(0, len(p.shown)-1), p.cursor+1)
	case key.Matches(k, p.keys.Older):
		if len(p.ledger) == p.ledgerRows() {
			return false, p.loadPages(append(p.pages, p.ledger[len(p.ledger)-1].Place()))
		}
	case key.Matches(k, p.keys.Newer):
		if len(p.pages) > 1 {
			p.pages = p.pages[:len(p.pages)-1]
			return false, p.reload()
		}
	case key.Matches(k, p.keys.Receive):
		p.message, p.form = "", newStockForm(p.c, stockReceive, p.item, store.Batch{})
		return false, p.form.init()
	case key.Matches(k, p.keys.Adjust) && batch != nil:
		p.message, p.form = "", newStockForm(p.c, stockAdjust, p.item, *batch)
		return false, p.form.init()
	case key.Matches(k, p.keys.Return) && batch != nil:
		p.message, p.form = "", newStockForm(p.c, stockReturn, p.item, *batch)
		return false, p.form.init()
	case key.Matches(k, p.keys.WriteOff) && batch != nil:
		p.message, p.form = "", newStockForm(p.c, stockWriteOff, p.item, *batch)
		return false, p.form.init()
	case key.Matches(k, p.keys.Edit):
		p.message, p.edit = "", newItemForm(p.c, p.item, p.height)
		return false, p.edit.init()
	}
	return false, nil
}

// refilter lists the batches the filter lets through, keeping the selected one
// selected while listed.
func (p *itemPage) refilter() {
	p.shown, p.cursor = common.Narrow(&p.filter, p.batches, p.shown, p.cursor,
		func(b store.Batch) int64 { return b.ID },
		func(b store.Batch) []string { return []string{b.BatchNumber, b.Supplier, "exp " + date(b.ExpiresOn)} })
}

// head is the page above the batches' rows: the item's facts, its stock chart and the
// batches' title (or their filter, while it is typed or applies).
func (p *itemPage) head() string {
	st := p.c.Styles
	it := p.item
	var b strings.Builder
	facts := fmt.Sprintf("%s · stock %d %s (minimum %d) · %s", itemLabel(it), it.CurrentStock, safe(it.Unit),
		it.MinimumStock, money.Cents(it.UnitPriceCents).Format(p.c.Settings.Currency))
	if it.OverTheCounter {
		facts += " · OTC"
	}
	style := st.Bold
	if it.CurrentStock < it.MinimumStock {
		style = st.Warning.Bold(true)
	}
	b.WriteString(style.Render(cell(facts, p.width)) + "\n")
	for _, l := range stockChart(p.history, p.width, chartRows) {
		b.WriteString(st.Success.Render(l) + "\n")
	}
	b.WriteString(st.Faint.Render(cell(chartCaption(p.history), p.width)) + "\n")
	// The store's order is the order batches are dispensed in: the usable ones first
	// expiry first, then the expired ones waiting to be written off. The filter takes
	// the title's line, so the page keeps its height and the ledger its rows.
	if f := p.filter.View(); f != "" {
		b.WriteString(st.Bold.Render("Batches ") + f + st.Faint.Render(fmt.Sprintf("  %d of %d", len(p.shown), len(p.batches))) + "\n")
	} else {
		b.WriteString(st.Bold.Render("Batches") + st.Faint.Render(" (dispensed first expiry first; expired last)") + "\n")
	}
	return b.String()
}

// batchesTop is the body's line of the first batch drawn: a click there selects it.
func (p *itemPage) batchesTop() int { return strings.Count(p.head(), "\n") }

// batchOffset is the first batch drawn: the rows scroll to keep the selected one shown.
func (p *itemPage) batchOffset() int { return scrolled(p.cursor, 0, batchRowsMax) }

func (p *itemPage) view() string {
	st := p.c.Styles
	switch {
	case p.form != nil:
		return p.form.view()
	case p.edit != nil:
		return p.edit.view()
	case p.err != "":
		return st.Error.Render(common.Safe(p.err))
	case !p.loaded:
		return st.Faint.Render("Opening the item…")
	}
	var b strings.Builder
	b.WriteString(p.head())
	b.WriteString(p.batchesView())
	b.WriteString(p.ledgerView())
	if p.message != "" {
		b.WriteString(st.Success.Render(common.Safe(p.message)))
	}
	return strings.TrimRight(b.String(), "\n")
}

func (p *itemPage) batchesView() string {
	st := p.c.Styles
	var b strings.Builder
	switch {
	case len(p.batches) == 0:
		return st.Faint.Render("No stock on the shelf. Press r to receive a delivery.") + "\n"
	case len(p.shown) == 0:
		return st.Faint.Render("No batch matches the filter.") + "\n"
	}
	offset := p.batchOffset()
	for i := offset; i < len(p.shown) && i < offset+batchRowsMax; i++ {
		bt := p.shown[i]
		row := cell(safe(bt.BatchNumber), 16) + cell("exp "+date(bt.ExpiresOn), 16) + rcell(fmt.Sprint(bt.QuantityLeft), 7) +
			"  " + cell(safe(bt.Supplier), max(8, p.width-49))
		if bt.Expired {
			row += " EXPIRED" // the selected row keeps its tag
		}
		switch {
		case i == p.cursor:
			row = st.Selected.Render(row)
		case bt.Expired:
			row = st.Error.Render(row)
		}
		b.WriteString(row + "\n")
	}
	return b.String()
}

func (p *itemPage) ledgerView() string {
	st := p.c.Styles
	var b strings.Builder
	b.WriteString(st.Bold.Render(fmt.Sprintf("Ledger, page %d", len(p.pages))) + st.Faint.Render(" (newest first · pgdn/] older · pgup/[ newer)") + "\n")
	// Batch and By end in a blank column of their own, so a full batch number or name
	// never runs into the next column.
	batchW, byW := 13, 15
	reasonW := max(6, p.width-17-9-7-9-2-batchW-byW)
	b.WriteString(st.Faint.Render(cell("When", 17)+cell("Kind", 9)+rcell("Qty", 7)+rcell("Balance", 9)+"  "+cell("Batch", batchW)+
		cell("By", byW)+cell("Reason", reasonW)) + "\n")
	if len(p.ledger) == 0 {
		return b.String() + st.Faint.Render("No movements.") + "\n"
	}
	for _, m := range p.ledger {
		b.WriteString(cell(p.c.Local(m.CreatedAt).Format("2006-01-02 15:04"), 17) + cell(string(m.Kind), 9) +
			rcell(fmt.Sprintf("%+d", m.Quantity), 7) + rcell(fmt.Sprint(m.RunningBalance), 9) + "  " +
			cell(safe(m.BatchNumber), batchW-1) + " " + cell(safe(m.ActorName), byW-1) + " " + cell(safe(m.Reason), reasonW) + "\n")
	}
	return b.String()
}

func (p *itemPage) shortHelp() []key.Binding {
	back := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))
	switch {
	case p.form != nil || p.edit != nil:
		return []key.Binding{back}
	case p.filter.Typing():
		return p.filter.Help()
	}
	page := []key.Binding{p.keys.Receive, p.keys.Adjust, p.keys.WriteOff, p.keys.Return, p.keys.Older, p.keys.Edit}
	if p.filter.On() { // esc clears the filter first
		return append(p.filter.Help(), page...)
	}
	return append(append(page, back), p.filter.Help()...)
}

// fullHelp lists every key of the page.
func (p *itemPage) fullHelp() [][]key.Binding {
	if p.filter.Typing() {
		return [][]key.Binding{p.filter.Help()}
	}
	return [][]key.Binding{p.shortHelp(), {p.list.Up, p.list.Down, p.keys.Older, p.keys.Newer}, p.filter.Help()}
}
