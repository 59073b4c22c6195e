package admin

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// outboxPage is how many messages of a state the tab loads: the newest.
const outboxPage = 200

type outboxMsg struct {
	stamp  uint64
	state  store.Delivery
	list   []store.OutboxMessage
	counts map[store.Delivery]int
	err    error
}

type outboxDoneMsg struct {
	text string
	err  error
}

// Outbox is the admin's view (Settings, o) of the e-mail and SMS the clinic sends: the messages of
// one state at a time (pending, failed, skipped, sent, cancelled) with why, and a
// failed one tried again or a pending one cancelled.
type Outbox struct {
	c    *common.Common
	keys keys.Outbox

	state   int                   // index into store.Deliveries
	all     []store.OutboxMessage // the state's messages, as read
	list    []store.OutboxMessage // those the filter lets through, as listed
	filter  common.Filter
	counts  map[store.Delivery]int
	reloads common.Reloads
	cursor  int
	top     int
	confirm bool // x asked: cancel the message under the cursor?
	message string
	failed  bool
	width   int
	height  int
}

// NewOutbox returns the Outbox tab.
func NewOutbox(c *common.Common) *Outbox {
	return &Outbox{c: c, keys: keys.NewOutbox(), filter: common.NewFilter("filter by patient, address, title or note")}
}

// Title is the tab's name.
func (m *Outbox) Title() string { return "Outbox" }

// Init loads the pending messages.
func (m *Outbox) Init() tea.Cmd { return m.load() }

// SetSize sets the body's size.
func (m *Outbox) SetSize(w, h int) {
	m.width, m.height = w, h
	m.follow()
}

// Typing reports whether the filter is being typed.
func (m *Outbox) Typing() bool { return m.filter.Typing() }

// keepsEsc reports whether esc is the outbox's own (it answers a question or clears
// the filter) rather than the way back to Settings.
func (m *Outbox) keepsEsc() bool { return m.confirm || m.filter.Typing() || m.filter.On() }

// Dirty is false: each action saves at once.
func (m *Outbox) Dirty() bool { return false }

// ShortHelp lists the keys that apply to the selected message.
func (m *Outbox) ShortHelp() []key.Binding {
	k := m.keys
	if m.filter.Typing() {
		return m.filter.Help()
	}
	out := []key.Binding{k.PrevState, k.NextState}
	switch m.current() {
	case store.DeliveryPending:
		out = append(out, k.Cancel)
	case store.DeliveryFailed, store.DeliverySkipped, store.DeliveryCancelled:
		out = append(out, k.Retry)
	}
	return append(out, m.filter.Help()...)
}

// FullHelp lists every key of the tab.
func (m *Outbox) FullHelp() [][]key.Binding {
	k := m.keys
	if m.filter.Typing() {
		return [][]key.Binding{m.filter.Help()}
	}
	return [][]key.Binding{{k.Up, k.Down, k.Home, k.End}, {k.PrevState, k.NextState, k.Retry, k.Cancel}, m.filter.Help()}
}

func (m *Outbox) current() store.Delivery { return store.Deliveries[m.state] }

func (m *Outbox) load() tea.Cmd {
	s, actor, state, stamp := m.c.Store, m.c.Actor(), m.current(), m.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := outboxMsg{stamp: stamp, state: state}
		if msg.counts, msg.err = s.OutboxCounts(ctx, actor); msg.err != nil {
			return msg
		}
		msg.list, msg.err = s.Outbox(ctx, actor, state, outboxPage)
		return msg
	}
}

func (m *Outbox) act(retry bool, id int64) tea.Cmd {
	s, actor := m.c.Store, m.c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		if retry {
			return outboxDoneMsg{text: "Queued again: the sender tries it within a minute.", err: s.RetryMessage(ctx, actor, id)}
		}
		return outboxDoneMsg{text: "Message cancelled.", err: s.CancelMessage(ctx, actor, id)}
	}
}

// Update handles keys, loads and the store's changes.
func (m *Outbox) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.StoreChangedMsg:
		if msg.Touches(store.TopicNotifications) {
			return m, m.load()
		}
	case outboxMsg:
		if msg.state != m.current() || !m.reloads.Newest(msg.stamp) {
			return m, nil
		}
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			return m, nil
		}
		m.all, m.counts = msg.list, msg.counts
		m.refilter()
	case outboxDoneMsg:
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
		} else {
			m.message, m.failed = msg.text, false
		}
		return m, m.load()
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		if i, ok := common.ClickedRow(msg, m.headRows(), m.top, m.listRows(), len(m.list)); ok && !m.confirm {
			m.cursor = i
		}
	}
	return m, nil
}

// headRows are the lines above the messages: the states, and the filter when it is
// typed or applies.
func (m *Outbox) headRows() int {
	if m.filter.View() != "" {
		return 2
	}
	return 1
}

// refilter lists the messages the filter lets through, keeping the selected one
// selected while listed.
func (m *Outbox) refilter() {
	m.list, m.cursor = common.Narrow(&m.filter, m.all, m.list, m.cursor,
		func(o store.OutboxMessage) int64 { return o.ID },
		func(o store.OutboxMessage) []string {
			return []string{o.PatientName, o.PatientCode, o.Address, o.Title, o.Note}
		})
	m.follow()
}

// listRows is how many messages fit above the details.
func (m *Outbox) listRows() int {
	rows := max(1, m.height-detailRows-3)
	if m.filter.View() != "" {
		rows = max(1, rows-1)
	}
	return rows
}

// follow keeps the cursor's row inside the rows drawn.
func (m *Outbox) follow() {
	rows := m.listRows()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+rows {
		m.top = m.cursor - rows + 1
	}
}

func (m *Outbox) key(msg tea.KeyMsg) tea.Cmd {
	defer m.follow()
	k := m.keys
	if m.confirm {
		m.confirm = false
		if msg.String() == "y" && m.cursor < len(m.list) {
			return m.act(false, m.list[m.cursor].ID)
		}
		m.message = ""
		return nil
	}
	if handled, changed, cmd := m.filter.Key(msg); handled {
		if changed {
			m.cursor, m.top = 0, 0
			m.refilter()
		}
		return cmd
	}
	if cursor, moved := common.MoveCursor(k.List, msg, m.cursor, len(m.list)); moved {
		m.cursor = cursor
		return nil
	}
	switch {
	case key.Matches(msg, k.NextState), key.Matches(msg, k.PrevState):
		step := 1
		if key.Matches(msg, k.PrevState) {
			step = len(store.Deliveries) - 1
		}
		m.state = (m.state + step) % len(store.Deliveries)
		m.all, m.list, m.cursor, m.top, m.message = nil, nil, 0, 0, ""
		return m.load()
	case key.Matches(msg, k.Retry):
		if d := m.current(); m.cursor < len(m.list) && d != store.DeliveryPending && d != store.DeliverySent {
			return m.act(true, m.list[m.cursor].ID)
		}
	case key.Matches(msg, k.Cancel):
		if m.current() == store.DeliveryPending && m.cursor < len(m.list) {
			m.confirm = true
		}
	}
	return nil
}

// detailRows is the height of the selected message's details under the list.
const detailRows = 5

// View draws the states with their counts, the page of messages and the selected one.
func (m *Outbox) View() string {
	st := m.c.Styles
	var tabs []string
	for i, d := range store.Deliveries {
		label := fmt.Sprintf("%s %d", d, m.counts[d])
		if i == m.state {
			tabs = append(tabs, st.Selected.Render(" "+label+" "))
		} else {
			tabs = append(tabs, st.Faint.Render(" "+label+" "))
		}
	}
	lines := []string{strings.Join(tabs, " ")}
	if f := m.filter.View(); f != "" {
		lines = append(lines, f+st.Faint.Render(fmt.Sprintf("  %d of %d", len(m.list), len(m.all))))
	}
	rows := m.listRows()
	head := m.headRows()
	switch {
	case len(m.all) == 0:
		lines = append(lines, st.Faint.Render("No "+string(m.current())+" messages."))
	case len(m.list) == 0:
		lines = append(lines, st.Faint.Render("No "+string(m.current())+" message matches the filter."))
	}
	for i := m.top; i < min(len(m.list), m.top+rows); i++ {
		lines = append(lines, m.row(i))
	}
	for len(lines) < rows+head {
		lines = append(lines, "")
	}
	lines = append(lines, st.Faint.Render(strings.Repeat("─", max(1, m.width))))
	if m.cursor < len(m.list) {
		lines = append(lines, m.detail(m.list[m.cursor]))
	}
	switch {
	case m.confirm:
		lines = append(lines, st.Warning.Render("Cancel this message? y: yes · any other key: no"))
	case m.message != "" && m.failed:
		lines = append(lines, st.Error.Width(max(10, m.width)).Render(common.Safe(m.message)))
	case m.message != "":
		lines = append(lines, st.Success.Render(common.Safe(m.message)))
	}
	return strings.Join(lines, "\n")
}

func (m *Outbox) row(i int) string {
	st := m.c.Styles
	msg := m.list[i]
	channel := map[store.Channel]string{store.ChannelEmail: "e-mail", store.ChannelSMS: "SMS"}[msg.Channel]
	when := m.c.Local(msg.CreatedAt).Format("02 Jan 15:04")
	line := fmt.Sprintf("%s  %-6s  %-20s  %s", when, channel, textsafe.Truncate(common.Safe(msg.PatientName), 20),
		common.Safe(msg.Title))
	line = textsafe.Truncate(line, max(10, m.width-2))
	if i == m.cursor {
		return st.Selected.Render("› " + line)
	}
	return "  " + line
}

func (m *Outbox) detail(msg store.OutboxMessage) string {
	st := m.c.Styles
	to := common.Safe(msg.PatientName)
	if msg.PatientCode != "" {
		to += " (" + common.Safe(msg.PatientCode) + ")"
	}
	if msg.Address != "" {
		to += " at " + common.Safe(msg.Address)
	}
	attempts := "not tried yet"
	switch {
	case msg.Attempts == 1:
		attempts = "1 attempt"
	case msg.Attempts > 1:
		attempts = fmt.Sprintf("%d attempts", msg.Attempts)
	}
	status := attempts
	switch {
	case msg.Delivery == store.DeliverySent:
		status += " · sent " + m.c.Local(msg.SentAt).Format("02 Jan 15:04")
	case msg.Delivery == store.DeliveryPending && !msg.NextAttemptAt.IsZero():
		status += " · next try " + m.c.Local(msg.NextAttemptAt).Format("02 Jan 15:04")
	}
	out := []string{st.Label.Render("To ") + st.Text.Render(to), st.Faint.Render(status)}
	if msg.Note != "" {
		style := st.Text
		if msg.Delivery == store.DeliveryFailed || msg.Delivery == store.DeliverySkipped {
			style = st.Warning
		}
		out = append(out, style.Render(common.Safe(msg.Note)))
	}
	body := lipgloss.NewStyle().Width(max(10, m.width)).MaxHeight(2).Render(textsafe.Block(msg.Body))
	out = append(out, body)
	return strings.Join(out, "\n")
}
