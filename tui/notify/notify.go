// Package notify is the notifications tab every role has: the user's in-app
// notifications, newest first, read and marked read, with the unread count as the
// frame's badge. enter opens what a notification names on the tab that shows it.
package notify

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// pageSize is how many notifications the tab loads: the newest, which are the ones
// anyone reads.
const pageSize = 100

type loadedMsg struct {
	stamp   uint64
	items   []store.Notification
	unread  int
	waiting int
	err     error
}

type markedMsg struct {
	all int // how many "mark all read" marked
	err error
}

// Model is the notifications tab.
type Model struct {
	c      *common.Common
	keys   keys.Notifications
	items  []store.Notification
	shown  []int // indexes into items that pass the filter, in order
	unread int
	// waiting is the pharmacy queue's length for a pharmacist: the queue is their
	// notification, one count rather than a row per prescription.
	waiting int
	cursor  int // an index into shown
	top     int // the first shown row drawn
	filter  common.Filter
	reloads common.Reloads
	note    string
	err     string
	width   int
	height  int
}

// New returns the notifications tab.
func New(c *common.Common) *Model {
	return &Model{c: c, keys: keys.NewNotifications(), filter: common.NewFilter("filter by title or text")}
}

// Title is the tab's name.
func (m *Model) Title() string { return "Notifications" }

// Badge is the unread count for the frame's header, after a pharmacist's count of
// prescriptions waiting ("14 waiting · 2 unread"); empty when there is neither.
func (m *Model) Badge() string {
	var parts []string
	if m.waiting > 0 {
		parts = append(parts, strconv.Itoa(m.waiting)+" waiting")
	}
	if m.unread > 0 {
		parts = append(parts, strconv.Itoa(m.unread)+" unread")
	}
	return strings.Join(parts, " · ")
}

// Init loads the notifications.
func (m *Model) Init() tea.Cmd { return m.load() }

// SetSize sets the body's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.follow()
}

// Typing reports whether the filter has focus.
func (m *Model) Typing() bool { return m.filter.Typing() }

// Dirty is false: marking read saves at once, and a filter is not work to lose.
func (m *Model) Dirty() bool { return false }

// ShortHelp lists the tab's keys for the footer.
func (m *Model) ShortHelp() []key.Binding {
	if m.filter.Typing() {
		return m.filter.Help()
	}
	return append([]key.Binding{m.keys.Open, m.keys.MarkRead, m.keys.MarkAllRead}, m.filter.Help()...)
}

// FullHelp lists every key of the tab.
func (m *Model) FullHelp() [][]key.Binding {
	if m.filter.Typing() {
		return [][]key.Binding{m.ShortHelp()}
	}
	return [][]key.Binding{m.ShortHelp(), {m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Home, m.keys.End}}
}

func (m *Model) load() tea.Cmd {
	s, actor, stamp := m.c.Store, m.c.Actor(), m.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		items, err := s.Notifications(ctx, actor, false, pageSize)
		if err != nil {
			return loadedMsg{stamp: stamp, err: err}
		}
		unread, err := s.UnreadCount(ctx, actor)
		if err != nil {
			return loadedMsg{stamp: stamp, err: err}
		}
		waiting, err := s.WaitingCount(ctx, actor)
		return loadedMsg{stamp: stamp, items: items, unread: unread, waiting: waiting, err: err}
	}
}

func (m *Model) markRead(id int64) tea.Cmd {
	s, actor := m.c.Store, m.c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		return markedMsg{err: s.MarkRead(ctx, actor, id)}
	}
}

func (m *Model) markAllRead() tea.Cmd {
	s, actor := m.c.Store, m.c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		n, err := s.MarkAllRead(ctx, actor)
		if err == nil && n == 0 {
			n = -1 // nothing was unread
		}
		return markedMsg{all: n, err: err}
	}
}

// Update handles keys, loads and the store's changes.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.StoreChangedMsg:
		if msg.Touches(store.TopicNotifications, store.TopicAccounts, store.TopicPrescriptions, store.TopicDispensing) {
			return m, m.load()
		}
	case loadedMsg:
		if !m.reloads.Newest(msg.stamp) {
			return m, nil
		}
		m.err = common.ErrorText(msg.err)
		if msg.err == nil {
			m.setItems(msg.items)
			m.unread, m.waiting = msg.unread, msg.waiting
		}
	case markedMsg:
		m.err = common.ErrorText(msg.err)
		switch {
		case msg.err != nil:
		case msg.all > 0:
			m.note = plural.S(msg.all, "notification") + " marked read."
		case msg.all < 0:
			m.note = "Nothing was unread."
		}
	case common.NotOpenedMsg:
		m.note = "Nothing on your tabs shows what this notification names; its text is below."
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
			m.clickRow(msg.Y)
		}
	}
	return m, nil
}

// setItems takes a new list, keeping the cursor on the same notification.
func (m *Model) setItems(next []store.Notification) {
	var id int64
	if n, ok := m.selected(); ok {
		id = n.ID
	}
	m.items = next
	m.refilter()
	for i, j := range m.shown {
		if m.items[j].ID == id {
			m.cursor = i
		}
	}
	m.follow()
}

// refilter lists the notifications whose title or text holds the filter.
func (m *Model) refilter() {
	m.shown = m.shown[:0]
	for i, n := range m.items {
		if m.filter.Match(n.Title, n.Body) {
			m.shown = append(m.shown, i)
		}
	}
	m.cursor = min(m.cursor, max(0, len(m.shown)-1))
	m.follow()
}

func (m *Model) selected() (store.Notification, bool) {
	if m.cursor < len(m.shown) {
		return m.items[m.shown[m.cursor]], true
	}
	return store.Notification{}, false
}

// follow keeps the cursor's row inside the window drawn.
func (m *Model) follow() {
	rows := m.rows()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+rows {
		m.top = m.cursor - rows + 1
	}
	m.top = max(0, min(m.top, len(m.shown)-rows))
}

func (m *Model) move(by int) {
	m.cursor = max(0, min(len(m.shown)-1, m.cursor+by))
	m.follow()
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if handled, changed, cmd := m.filter.Key(msg); handled {
		if changed {
			m.refilter()
		}
		return cmd
	}
	m.note = ""
	switch {
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-m.rows())
	case key.Matches(msg, k.PageDown):
		m.move(m.rows())
	case key.Matches(msg, k.Home):
		m.move(-len(m.shown))
	case key.Matches(msg, k.End):
		m.move(len(m.shown))
	case key.Matches(msg, k.MarkAllRead):
		return m.markAllRead()
	case key.Matches(msg, k.MarkRead):
		if n, ok := m.selected(); ok && n.ReadAt.IsZero() {
			return m.markRead(n.ID)
		}
	case key.Matches(msg, k.Open):
		n, ok := m.selected()
		if !ok {
			return nil
		}
		var cmds []tea.Cmd
		if n.ReadAt.IsZero() {
			cmds = append(cmds, m.markRead(n.ID))
		}
		if n.Entity == "" || n.EntityID == 0 {
			m.note = "This notification names no record to open; its text is below."
		} else {
			open := common.OpenMsg{Entity: n.Entity, ID: n.EntityID, Kind: n.Kind}
			cmds = append(cmds, func() tea.Msg { return open })
		}
		return tea.Batch(cmds...)
	}
	return nil
}
