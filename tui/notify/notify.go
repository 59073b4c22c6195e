// Package notify is the notifications tab every role has: the user's in-app
// notifications, newest first, read and marked read, with the unread count as the
// frame's badge.
package notify

import (
	"strconv"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// pageSize is how many notifications the tab loads: the newest, which are the ones
// anyone reads.
const pageSize = 100

type loadedMsg struct {
	items  []store.Notification
	unread int
	err    error
}

type markedMsg struct{ err error }

// Model is the notifications tab.
type Model struct {
	c      *common.Common
	keys   keys.Notifications
	items  []store.Notification
	unread int
	cursor int
	top    int // the first row drawn
	err    string
	width  int
	height int
}

// New returns the notifications tab.
func New(c *common.Common) *Model { return &Model{c: c, keys: keys.NewNotifications()} }

// Title is the tab's name.
func (m *Model) Title() string { return "Notifications" }

// Badge is the unread count for the frame's header; empty when there is none.
func (m *Model) Badge() string {
	if m.unread == 0 {
		return ""
	}
	if m.unread == 1 {
		return "1 unread"
	}
	return strconv.Itoa(m.unread) + " unread"
}

// Init loads the notifications.
func (m *Model) Init() tea.Cmd { return m.load() }

// SetSize sets the body's size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Typing is false: the tab has no text field.
func (m *Model) Typing() bool { return false }

// Dirty is false: marking read saves at once.
func (m *Model) Dirty() bool { return false }

// ShortHelp lists the tab's keys for the footer.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.MarkRead}
}

// FullHelp lists every key of the tab.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.Home, m.keys.End, m.keys.MarkRead}}
}

func (m *Model) load() tea.Cmd {
	s, actor := m.c.Store, m.c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		items, err := s.Notifications(ctx, actor, false, pageSize)
		if err != nil {
			return loadedMsg{err: err}
		}
		unread, err := s.UnreadCount(ctx, actor)
		return loadedMsg{items: items, unread: unread, err: err}
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

// Update handles keys, loads and the store's changes.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.StoreChangedMsg:
		if msg.Touches(store.TopicNotifications, store.TopicAccounts) {
			return m, m.load()
		}
	case loadedMsg:
		m.err = common.ErrorText(msg.err)
		if msg.err == nil {
			m.keepCursor(msg.items)
			m.items, m.unread = msg.items, msg.unread
		}
	case markedMsg:
		m.err = common.ErrorText(msg.err)
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
			m.clickRow(msg.Y)
		}
	}
	return m, nil
}

// keepCursor keeps the cursor on the same notification when the list reloads.
func (m *Model) keepCursor(next []store.Notification) {
	if m.cursor < len(m.items) {
		id := m.items[m.cursor].ID
		for i, n := range next {
			if n.ID == id {
				m.cursor = i
				return
			}
		}
	}
	m.cursor = min(m.cursor, max(0, len(next)-1))
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(msg, k.Down):
		m.cursor = min(max(0, len(m.items)-1), m.cursor+1)
	case key.Matches(msg, k.PageUp):
		m.cursor = max(0, m.cursor-m.rows())
	case key.Matches(msg, k.PageDown):
		m.cursor = min(max(0, len(m.items)-1), m.cursor+m.rows())
	case key.Matches(msg, k.Home):
		m.cursor = 0
	case key.Matches(msg, k.End):
		m.cursor = max(0, len(m.items)-1)
	case key.Matches(msg, k.MarkRead):
		if m.cursor < len(m.items) && m.items[m.cursor].ReadAt.IsZero() {
			return m.markRead(m.items[m.cursor].ID)
		}
	}
	return nil
}
