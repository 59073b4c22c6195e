// Package admin holds the administrator's tabs: Users (accounts, passwords, SSH keys),
// Settings (the clinic's preferences) and Audit (the sealed audit trail, filtered and
// paged, with each change as a readable diff).
package admin

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

type usersMode int

const (
	usersList usersMode = iota
	usersForm
	usersKeys
	usersConfirm
)

type usersMsg struct {
	seq   int
	users []store.User
	err   error
}

type userSavedMsg struct {
	done string // what happened, in words, when err is nil
	err  error
	// list marks the answer to the list's own action (a deactivation), not to a form's
	// save: a form opened before it arrives (keys typed ahead) is left alone.
	list bool
}

// Users is the admin's list of accounts with everything an admin does to one.
type Users struct {
	c     *common.Common
	keys  keys.Admin
	list  keys.List
	yesNo keys.Confirm

	mode      usersMode
	search    textinput.Model
	searching bool
	users     []store.User
	seq       int // counts loads, so the answer to an older search never replaces a newer one
	cursor    int
	offset    int
	message   string
	failed    bool

	form   *userForm
	sshKey *keysView

	width, height int
}

// NewUsers returns the Users tab.
func NewUsers(c *common.Common) *Users {
	search := textinput.New()
	search.Placeholder = "name or email"
	search.Prompt = "/ "
	search.CharLimit = 80
	yesNo := keys.NewConfirm()
	yesNo.Yes.SetHelp("y", "deactivate")
	yesNo.No.SetHelp("n/esc", "keep active")
	return &Users{c: c, keys: keys.NewAdmin(), list: keys.NewList(), yesNo: yesNo, search: search}
}

// Title is the tab's name.
func (m *Users) Title() string { return "Users" }

// Init loads the accounts.
func (m *Users) Init() tea.Cmd { return m.load() }

// SetSize records the body's size.
func (m *Users) SetSize(w, h int) {
	m.width, m.height = w, h
	m.follow()
}

// Typing reports a focused text field: the search, a form, or a key being pasted.
func (m *Users) Typing() bool {
	return m.searching || m.mode == usersForm || (m.mode == usersKeys && m.sshKey.adding)
}

// Dirty reports unsaved input in a form.
func (m *Users) Dirty() bool {
	return (m.mode == usersForm && m.form.dirty()) || (m.mode == usersKeys && m.sshKey.dirty())
}

func (m *Users) load() tea.Cmd {
	m.seq++
	s, actor, search, seq := m.c.Store, m.c.Actor(), m.search.Value(), m.seq
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		users, err := s.ListUsers(ctx, actor, search)
		return usersMsg{seq: seq, users: users, err: err}
	}
}

func (m *Users) selected() (store.User, bool) {
	if m.cursor < 0 || m.cursor >= len(m.users) {
		return store.User{}, false
	}
	return m.users[m.cursor], true
}

// Update handles the list's keys and clicks and routes to the form or the keys view;
// the list's window then follows the cursor.
func (m *Users) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	cmd := m.update(msg)
	m.follow()
	return m, cmd
}

// usersHeadRows are the lines above the rows: the count or search, the column titles.
const usersHeadRows = 2

func (m *Users) listRows() int { return max(1, m.height-5) }

// follow keeps the cursor's row inside the rows drawn.
func (m *Users) follow() {
	rows := m.listRows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	} else if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
}

// click selects the account under a click (the frame gives the body's own cells).
func (m *Users) click(msg tea.MouseMsg) {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft || msg.Y < usersHeadRows {
		return
	}
	if i := m.offset + msg.Y - usersHeadRows; i < len(m.users) && i < m.offset+m.listRows() {
		m.cursor = i
	}
}

func (m *Users) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case usersMsg:
		if msg.seq != m.seq {
			return nil
		}
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			return nil
		}
		m.users = msg.users
		m.cursor = min(m.cursor, max(0, len(m.users)-1))
		return nil
	case userSavedMsg:
		// The list's answer must not close a form opened since, nor rebuild one that is
		// saving: its save would be sent again.
		formOpen := m.mode == usersForm && msg.list
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			if m.mode == usersForm && !formOpen {
				return m.form.failed(msg.err)
			}
			return nil
		}
		m.message, m.failed = msg.done, false
		if m.mode != usersKeys && !formOpen {
			m.mode, m.form = usersList, nil
		}
		return m.load()
	case common.StoreChangedMsg:
		switch {
		case msg.Touches(store.TopicSSHKeys) && m.mode == usersKeys:
			return tea.Batch(m.load(), m.sshKey.load())
		case msg.Touches(store.TopicAccounts, store.TopicStaff):
			return m.load()
		}
		return nil
	}
	switch m.mode {
	case usersForm:
		if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, m.keys.Back) && !m.form.busy {
			m.mode, m.form = usersList, nil
			return nil
		}
		cmd := m.form.update(msg)
		return cmd
	case usersKeys:
		back, cmd := m.sshKey.update(msg)
		if back {
			m.mode, m.sshKey = usersList, nil
		}
		return cmd
	case usersConfirm:
		return m.updateConfirm(msg)
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.listKey(msg)
	case tea.MouseMsg:
		m.click(msg)
	}
	return nil
}

func (m *Users) listKey(k tea.KeyMsg) tea.Cmd {
	if m.searching {
		switch k.Type {
		case tea.KeyEnter, tea.KeyEsc:
			m.searching = false
			m.search.Blur()
			if k.Type == tea.KeyEsc {
				m.search.SetValue("")
			}
			return m.load()
		}
		var cmd tea.Cmd
		m.search, cmd = m.search.Update(k)
		return tea.Batch(cmd, m.load())
	}
	m.message = ""
	u, ok := m.selected()
	if cursor, moved := common.MoveCursor(m.list, k, m.cursor, len(m.users)); moved {
		m.cursor = cursor
		return nil
	}
	switch {
	case key.Matches(k, m.list.Search):
		m.searching = true
		return m.search.Focus()
	case key.Matches(k, m.keys.New):
		m.mode, m.form = usersForm, newCreateForm(m.c)
		return m.form.init()
	case key.Matches(k, m.keys.Edit), key.Matches(k, m.list.Open):
		if ok {
			m.mode, m.form = usersForm, newEditForm(m.c, u)
			return m.form.init()
		}
	case key.Matches(k, m.keys.Password):
		if ok {
			m.mode, m.form = usersForm, newResetForm(m.c, u)
			return m.form.init()
		}
	case key.Matches(k, m.keys.Deactivate):
		if ok && u.Active {
			m.mode = usersConfirm
		}
	case key.Matches(k, m.keys.Reactivate):
		if ok && !u.Active {
			return m.setActive(u, true)
		}
	case key.Matches(k, m.keys.SSHKeys):
		if ok {
			m.mode, m.sshKey = usersKeys, newKeysView(m.c, u)
			return m.sshKey.load()
		}
	}
	return nil
}

func (m *Users) updateConfirm(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, m.yesNo.Yes):
		m.mode = usersList
		if u, ok := m.selected(); ok {
			return m.setActive(u, false)
		}
	case key.Matches(k, m.yesNo.No):
		m.mode = usersList
	}
	return nil
}

func (m *Users) setActive(u store.User, active bool) tea.Cmd {
	s, actor := m.c.Store, m.c.Actor()
	done := common.Safe(u.FullName) + " is deactivated; their open sessions end at their next key."
	if active {
		done = common.Safe(u.FullName) + " is active again."
	}
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		return userSavedMsg{done: done, err: s.SetUserActive(ctx, actor, u.ID, active), list: true}
	}
}

// ShortHelp lists the keys of what is shown.
func (m *Users) ShortHelp() []key.Binding {
	switch m.mode {
	case usersForm:
		return []key.Binding{m.keys.Back}
	case usersKeys:
		return m.sshKey.help()
	case usersConfirm:
		return []key.Binding{m.yesNo.Yes, m.yesNo.No}
	}
	if m.searching {
		return []key.Binding{m.keys.Back}
	}
	// The selected account's state decides the first key; the footer shows what fits.
	state := m.keys.Deactivate
	if u, ok := m.selected(); ok && !u.Active {
		state = m.keys.Reactivate
	}
	return []key.Binding{m.list.Search, m.keys.New, m.keys.Edit, state, m.keys.Password, m.keys.SSHKeys}
}

// FullHelp lists every key of the tab.
func (m *Users) FullHelp() [][]key.Binding {
	if m.mode == usersConfirm {
		return [][]key.Binding{m.ShortHelp()}
	}
	return [][]key.Binding{m.ShortHelp(), {m.list.Up, m.list.Down, m.list.Home, m.list.End}}
}

// View draws the list, the form, or the keys of one user.
func (m *Users) View() string {
	switch m.mode {
	case usersForm:
		return m.form.view()
	case usersKeys:
		return m.sshKey.view(m.width, m.height)
	}
	st := m.c.Styles
	var b strings.Builder
	if m.searching || m.search.Value() != "" {
		b.WriteString(m.search.View() + st.Faint.Render(fmt.Sprintf("  %d found", len(m.users))) + "\n")
	} else {
		b.WriteString(st.Faint.Render(plural.S(len(m.users), "account")+" · / to search") + "\n")
	}
	b.WriteString(st.Bold.Render(m.row("Name", "Email", "Role", "State")) + "\n")
	rows := m.listRows()
	for i := m.offset; i < len(m.users) && i < m.offset+rows; i++ {
		u := m.users[i]
		line := m.row(u.FullName, u.Email, string(u.Role), userState(u))
		switch {
		case i == m.cursor:
			line = st.Selected.Render(line)
		case !u.Active:
			line = st.Faint.Render(line)
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n")
	switch {
	case m.mode == usersConfirm:
		u, _ := m.selected()
		b.WriteString(st.Warning.Render(textsafe.Truncate("Deactivate "+common.Safe(u.FullName)+
			"? They cannot log in, and their open sessions end at their next key.", m.width)))
	case m.failed:
		b.WriteString(st.Error.Render(common.Safe(m.message)))
	case m.message != "":
		b.WriteString(st.Success.Render(common.Safe(m.message)))
	}
	return b.String()
}

// row lays out one line of the list in columns that fit the width.
func (m *Users) row(name, email, role, state string) string {
	w := max(40, m.width-2)
	nameW := max(12, w*30/100)
	emailW := max(12, w*34/100)
	return pad(name, nameW) + " " + pad(email, emailW) + " " +
		pad(role, 13) + " " + textsafe.Truncate(state, max(8, w-nameW-emailW-15))
}

func userState(u store.User) string {
	switch {
	case !u.Active:
		return "deactivated"
	case u.MustChangePassword:
		return "must change password"
	}
	return "active"
}

// pad truncates user text to width cells and fills the rest with spaces, so columns
// line up.
func pad(s string, width int) string {
	s = textsafe.Truncate(s, width)
	return s + strings.Repeat(" ", max(0, width-textsafe.Width(s)))
}
