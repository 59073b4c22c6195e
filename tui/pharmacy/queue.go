package pharmacy

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// queuePage is how many waiting prescriptions the queue reads at a time: a screenful
// and a margin, the oldest first (the ones to serve first). The next page is read when
// the cursor comes within a screen of the last row read.
const queuePage = 50

// queueTopics are the changes that can change the queue or the prescription open at the
// counter (its stock, its patient's allergies).
var queueTopics = []store.Topic{store.TopicPrescriptions, store.TopicDispensing, store.TopicInventory,
	store.TopicAllergies}

// Queue is the pharmacist's home: the prescriptions waiting at the counter, oldest
// first, live as doctors submit them; enter opens one for fulfilment.
type Queue struct {
	c       *common.Common
	list    keys.List
	fulfil  keys.Fulfil
	all     []store.QueueEntry // the queue as read, oldest first
	entries []store.QueueEntry // those the filter lets through, as listed
	filter  common.Filter
	cursor  int
	offset  int
	loaded  bool
	page    int  // rows read at a time: queuePage
	more    bool // the last page read was full: more may wait after entries
	seq     int  // counts reloads from the front, so a later page read before one is dropped
	paging  bool // a later page is being read
	err     string
	now     time.Time
	width   int
	height  int
	open    *fulfil
}

// queueMsg brings the queue read from the front; more says whether more may follow.
type queueMsg struct {
	seq     int
	entries []store.QueueEntry
	more    bool
	err     error
}

// queuePageMsg brings the page after the entries read so far.
type queuePageMsg struct {
	seq     int
	entries []store.QueueEntry
	err     error
}

type queueTickMsg time.Time

// NewQueue returns the pharmacy queue.
func NewQueue(c *common.Common) *Queue {
	return &Queue{c: c, list: keys.NewList(), fulfil: keys.NewFulfil(), now: c.Store.Now(), page: queuePage,
		filter: common.NewFilter("filter by code, patient or doctor")}
}

// Title is the tab's name.
func (q *Queue) Title() string { return "Pharmacy queue" }

// Init loads the queue and starts the clock for waiting times.
func (q *Queue) Init() tea.Cmd { return tea.Batch(q.load(), q.tick()) }

func (q *Queue) tick() tea.Cmd {
	return q.c.Tick(30*time.Second, func(t time.Time) tea.Msg { return queueTickMsg(t) })
}

// load reads the queue again from the front, as many rows as are shown now (at least a
// page), so that a reload keeps the cursor's row; a later page being read is dropped.
func (q *Queue) load() tea.Cmd {
	s, actor, page := q.c.Store, q.c.Actor(), q.page
	want := max(page, len(q.all))
	q.seq++
	q.paging = false
	seq := q.seq
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		var entries []store.QueueEntry
		var last store.QueueEntry
		for len(entries) < want {
			n := min(page, want-len(entries))
			next, err := s.QueueAfter(ctx, actor, last, n)
			if err != nil {
				return queueMsg{seq: seq, err: err}
			}
			entries = append(entries, next...)
			if len(next) < n {
				return queueMsg{seq: seq, entries: entries}
			}
			last = next[len(next)-1]
		}
		return queueMsg{seq: seq, entries: entries, more: true}
	}
}

// loadMore reads the page after the last entry read, when the cursor comes within a
// screen of it and more may follow.
func (q *Queue) loadMore() tea.Cmd {
	if !q.more || q.paging || len(q.all) == 0 || q.cursor+q.rows() < len(q.entries)-1 {
		return nil
	}
	q.paging = true
	s, actor, seq, page, last := q.c.Store, q.c.Actor(), q.seq, q.page, q.all[len(q.all)-1]
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		entries, err := s.QueueAfter(ctx, actor, last, page)
		return queuePageMsg{seq: seq, entries: entries, err: err}
	}
}

// SetSize is the body's size.
func (q *Queue) SetSize(w, h int) {
	q.width, q.height = w, h
	q.follow()
	if q.open != nil && q.open.print != nil {
		q.open.print.SetSize(w, h)
	}
}

// Typing is true while a form or search of the open prescription has focus.
func (q *Queue) Typing() bool {
	if q.open != nil {
		return q.open.typing()
	}
	return q.filter.Typing()
}

// Dirty is true while quantities chosen at the counter are not yet dispensed.
func (q *Queue) Dirty() bool { return q.open != nil && q.open.dirty() }

// EscKeeps reports that esc keeps the quantities chosen: it only closes the payment form.
func (q *Queue) EscKeeps() bool { return q.open != nil && q.open.escKeeps() }

// Update handles the queue's keys, its reloads and the open prescription.
func (q *Queue) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case queueMsg:
		if msg.seq != q.seq {
			return q, nil
		}
		q.loaded = true
		if msg.err != nil {
			q.err = common.ErrorText(msg.err)
			return q, nil
		}
		q.err = ""
		q.more = msg.more
		q.keepCursor(msg.entries)
		return q, tea.Batch(q.loadMore(), q.followFulfilment())
	case queuePageMsg:
		if msg.seq != q.seq {
			return q, nil
		}
		q.paging = false
		if msg.err != nil {
			q.err = common.ErrorText(msg.err)
			return q, nil
		}
		q.all = append(q.all, msg.entries...)
		q.more = len(msg.entries) == q.page
		q.refilter()
		return q, q.loadMore()
	case common.OpenMsg:
		return q, q.openNamed(msg.ID)
	case queueTickMsg:
		q.now = q.c.Store.Now()
		if q.validityMoved() {
			return q, tea.Batch(q.load(), q.tick())
		}
		return q, q.tick()
	case common.StoreChangedMsg:
		if !msg.Touches(queueTopics...) {
			return q, nil
		}
		cmds := []tea.Cmd{q.load()}
		if q.open != nil && q.open.mode == fulfilLines && !q.open.busy {
			cmds = append(cmds, q.open.load())
		}
		return q, tea.Batch(cmds...)
	}
	if q.open != nil {
		closed, cmd := q.open.update(msg)
		if closed {
			q.open = nil
		}
		return q, cmd
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		cmd := q.handleKey(k)
		if q.open != nil {
			return q, cmd
		}
		return q, tea.Batch(cmd, q.loadMore())
	}
	if m, ok := msg.(tea.MouseMsg); ok && m.Action == tea.MouseActionPress && m.Button == tea.MouseButtonLeft {
		if i := q.offset + m.Y - q.headerRows(); m.Y >= q.headerRows() && i < len(q.entries) && i < q.offset+q.rows() {
			q.cursor = i
		}
	}
	return q, nil
}

// followFulfilment reloads the open prescription when a colleague has started its
// fulfilment since it opened (its fulfilment was unknown, so it showed nothing
// dispensed).
func (q *Queue) followFulfilment() tea.Cmd {
	if q.open == nil || q.open.f.ID != 0 || q.open.mode != fulfilLines || q.open.busy {
		return nil
	}
	for _, e := range q.all {
		if e.PrescriptionID == q.open.rxID && e.FulfilmentID != 0 {
			q.open.f.ID = e.FulfilmentID
			return q.open.load()
		}
	}
	return nil
}

// Opens reports that the queue shows prescriptions a notification names.
func (q *Queue) Opens(entity string) bool { return entity == "prescriptions" }

// openNamed opens a prescription of the queue by its id, unless one with unsaved
// quantities is open.
func (q *Queue) openNamed(rxID int64) tea.Cmd {
	if q.open != nil && q.open.dirty() {
		return nil
	}
	for _, e := range q.all {
		if e.PrescriptionID == rxID {
			q.selectRx(rxID)
			q.open = newFulfil(q.c, e.PrescriptionID, e.FulfilmentID)
			return q.open.load()
		}
	}
	q.err = "That prescription is no longer waiting in the queue."
	return nil
}

// keepCursor keeps the selected prescription selected when the queue reloads.
func (q *Queue) keepCursor(entries []store.QueueEntry) {
	q.all = entries
	q.refilter()
}

// refilter lists the prescriptions the filter lets through, keeping the selected one
// selected while it is listed.
func (q *Queue) refilter() {
	var selected int64
	if q.cursor < len(q.entries) {
		selected = q.entries[q.cursor].PrescriptionID
	}
	q.entries = q.entries[:0:0]
	for _, e := range q.all {
		if q.filter.Match(e.Code, e.PatientName, e.DoctorName) {
			q.entries = append(q.entries, e)
		}
	}
	q.cursor = min(q.cursor, max(0, len(q.entries)-1))
	q.selectRx(selected)
}

// selectRx puts the cursor on a listed prescription, and keeps it in view.
func (q *Queue) selectRx(rxID int64) {
	for i, e := range q.entries {
		if e.PrescriptionID == rxID {
			q.cursor = i
		}
	}
	q.follow()
}

// follow keeps the cursor's row inside the rows drawn.
func (q *Queue) follow() { q.offset = scrolled(q.cursor, q.offset, q.rows()) }

func (q *Queue) handleKey(msg tea.KeyMsg) tea.Cmd {
	defer q.follow()
	if handled, changed, cmd := q.filter.Key(msg); handled {
		if changed {
			q.cursor = 0
			q.refilter()
		}
		return cmd
	}
	rows := q.rows()
	switch {
	case key.Matches(msg, q.list.Up):
		q.cursor = max(0, q.cursor-1)
	case key.Matches(msg, q.list.Down):
		q.cursor = min(max(0, len(q.entries)-1), q.cursor+1)
	case key.Matches(msg, q.list.PageUp):
		q.cursor = max(0, q.cursor-rows)
	case key.Matches(msg, q.list.PageDown):
		q.cursor = min(max(0, len(q.entries)-1), q.cursor+rows)
	case key.Matches(msg, q.list.Home):
		q.cursor = 0
	case key.Matches(msg, q.list.End):
		q.cursor = max(0, len(q.entries)-1)
	case key.Matches(msg, q.list.Open) && q.cursor < len(q.entries):
		e := q.entries[q.cursor]
		q.open = newFulfil(q.c, e.PrescriptionID, e.FulfilmentID)
		return q.open.load()
	}
	return nil
}

// headerRows are the rows above the list: the summary, the filter when one is typed or
// applies, and the column titles.
func (q *Queue) headerRows() int {
	if q.filter.View() != "" {
		return 3
	}
	return 2
}

// validityMoved reports whether a shown prescription has since expired, or come within
// store.ExpiringWithin of its end, so its mark is stale even though nothing was written.
func (q *Queue) validityMoved() bool {
	for _, e := range q.all {
		if e.ValidUntil.IsZero() {
			continue
		}
		expired := q.now.After(e.ValidUntil)
		if expired != e.Expired || (!expired && e.ValidUntil.Sub(q.now) <= store.ExpiringWithin) != e.ExpiresSoon {
			return true
		}
	}
	return false
}

func (q *Queue) rows() int { return max(1, q.height-q.headerRows()-1) }

// View draws the queue, or the open prescription.
func (q *Queue) View() string {
	if q.open != nil {
		return q.open.view(q.width, q.height)
	}
	st := q.c.Styles
	switch {
	case q.err != "":
		return st.Error.Render(common.Safe(q.err))
	case !q.loaded:
		return st.Faint.Render("Loading the queue…")
	}
	var b strings.Builder
	summary := fmt.Sprintf("%d waiting, oldest first", len(q.all))
	if q.more {
		summary = fmt.Sprintf("The oldest %d waiting; more follow as you scroll", len(q.all))
	}
	expired, expiring, review := 0, 0, 0
	for _, e := range q.all {
		if e.Expired {
			expired++
		} else if e.ExpiresSoon {
			expiring++
		}
		if e.Unreviewed > 0 {
			review++
		}
	}
	if review > 0 {
		summary += fmt.Sprintf(" · %d free text to review", review)
	}
	if expired > 0 {
		summary += fmt.Sprintf(" · %d expired", expired)
	}
	if expiring > 0 {
		summary += fmt.Sprintf(" · %d expiring within %d days", expiring, int(store.ExpiringWithin/(24*time.Hour)))
	}
	b.WriteString(st.Bold.Render(summary) + "\n")
	if f := q.filter.View(); f != "" {
		b.WriteString(f + st.Faint.Render(fmt.Sprintf("  %d of %d", len(q.entries), len(q.all))) + "\n")
	}
	w := q.width
	nameW := max(8, min(24, (w-52)/2)) // the rest goes to the flags: expiry, refills, urgent tests
	b.WriteString(st.Faint.Render(cell("Code", 10)+rcell("Waited", 8)+"  "+cell("Patient", nameW)+" "+cell("Doctor", nameW)+
		" "+cell("Items", 12)+cell("Stock", 8)+"Flags") + "\n")
	switch {
	case len(q.all) == 0:
		b.WriteString(st.Faint.Render("No prescriptions are waiting. New ones appear here as doctors submit them."))
		return b.String()
	case len(q.entries) == 0:
		b.WriteString(st.Faint.Render("No waiting prescription matches the filter."))
		return b.String()
	}
	rows := q.rows()
	for i := q.offset; i < len(q.entries) && i < q.offset+rows; i++ {
		b.WriteString(q.row(q.entries[i], i == q.cursor, nameW, w) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (q *Queue) row(e store.QueueEntry, selected bool, nameW, width int) string {
	st := q.c.Styles
	items := fmt.Sprintf("%d items", e.Items)
	if e.Items == 1 {
		items = "1 item"
	}
	if e.Status == store.PrescriptionDispensing {
		items = fmt.Sprintf("%d of %d open", e.Outstanding, e.Items)
	}
	if e.RefillDue {
		items = "refill due"
	}
	stock := "covers"
	if !e.StockCovers {
		stock = "SHORT"
	}
	// Most pressing first: at 80 columns the column holds one flag.
	var flags []string
	if e.Expired {
		flags = append(flags, "EXPIRED")
	}
	if e.Unreviewed > 0 {
		flags = append(flags, "⚠ REVIEW") // a free-text line holds the prescription back until reviewed
	}
	if e.AllergyOverride {
		flags = append(flags, "ALLERGY") // the doctor overrode a warning: read the reason before handing over
	}
	if e.UrgentTest {
		flags = append(flags, "URGENT TEST")
	}
	if e.ExpiresSoon {
		flags = append(flags, "EXP "+q.c.Local(e.ValidUntil).Format("2 Jan")) // fits the column at 80
	}
	if e.Refills > 0 {
		flags = append(flags, plural.S(e.RefillsLeft, "refill")+" left")
	}
	text := cell(e.Code, 10) + rcell(waited(e.SubmittedAt, q.now), 8) + "  " + cell(safe(e.PatientName), nameW) + " " +
		cell(safe(e.DoctorName), nameW) + " " + cell(items, 12) + cell(stock, 8)
	flagText := cell(strings.Join(flags, " "), max(0, width-lipWidth(text)))
	if selected {
		return st.Selected.Render(text + flagText)
	}
	if !e.StockCovers {
		text = cell(e.Code, 10) + rcell(waited(e.SubmittedAt, q.now), 8) + "  " + cell(safe(e.PatientName), nameW) + " " +
			cell(safe(e.DoctorName), nameW) + " " + cell(items, 12) + st.Warning.Render(cell(stock, 8))
	}
	return text + st.Error.Render(flagText)
}

// ShortHelp lists the keys for the footer.
func (q *Queue) ShortHelp() []key.Binding {
	if q.open != nil {
		return q.open.shortHelp()
	}
	if q.filter.Typing() {
		return q.filter.Help()
	}
	return append([]key.Binding{q.list.Up, q.list.Down, q.list.Open}, q.filter.Help()...)
}

// FullHelp lists every key of the queue, or of the open prescription.
func (q *Queue) FullHelp() [][]key.Binding {
	if q.open != nil {
		return [][]key.Binding{q.open.shortHelp(), {q.fulfil.Erase, q.fulfil.Pay, q.fulfil.Cancel, q.fulfil.Labels, q.fulfil.Receipt}}
	}
	if q.filter.Typing() {
		return [][]key.Binding{q.filter.Help()}
	}
	return [][]key.Binding{{q.list.Up, q.list.Down, q.list.PageUp, q.list.PageDown, q.list.Home, q.list.End, q.list.Open},
		q.filter.Help()}
}
