// Package account is the "My account" tab every role has: who is logged in, and a
// change of password.
package account

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/auth"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

type keyMap struct {
	ChangePassword key.Binding
	Cancel         key.Binding
}

type savedMsg struct{ err error }

// Model is the account tab.
type Model struct {
	c    *common.Common
	keys keyMap

	form                     *huh.Form // non-nil while changing the password
	current, next, nextAgain string
	busy                     bool
	message                  string
	failed                   bool
}

// New returns the account tab.
func New(c *common.Common) *Model {
	return &Model{c: c, keys: keyMap{
		ChangePassword: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "change password")),
		Cancel:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}}
}

// Title is the tab's name.
func (m *Model) Title() string { return "My account" }

// Init does nothing: the account is the session's own user.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize is a no-op: the tab's content is a few short lines.
func (m *Model) SetSize(int, int) {}

// Typing reports whether the password form has focus.
func (m *Model) Typing() bool { return m.form != nil }

// Dirty reports a half-typed password change.
func (m *Model) Dirty() bool {
	return m.form != nil && (m.current != "" || m.next != "" || m.nextAgain != "")
}

// ShortHelp lists the tab's keys for the footer.
func (m *Model) ShortHelp() []key.Binding {
	if m.form != nil {
		return []key.Binding{m.keys.Cancel}
	}
	return []key.Binding{m.keys.ChangePassword}
}

// FullHelp lists every key of the tab.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

func (m *Model) newForm() *huh.Form {
	u := m.c.User
	fields := append([]huh.Field{
		huh.NewInput().Title("Current password").EchoMode(huh.EchoModePassword).Value(&m.current),
	}, common.PasswordFields("New password", &m.next, &m.nextAgain,
		func() auth.UserFacts { return m.c.Settings.PasswordFacts(u.Email, u.FullName) })...)
	return huh.NewForm(huh.NewGroup(fields...)).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(60)
}

// Update handles the tab's keys and the password form.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case savedMsg:
		m.busy = false
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			m.form = m.newForm()
			return m, m.form.Init()
		}
		m.form, m.current, m.next, m.nextAgain = nil, "", "", ""
		m.message, m.failed = "Password changed.", false
		return m, nil
	case tea.KeyMsg:
		if m.form == nil {
			if key.Matches(msg, m.keys.ChangePassword) {
				m.message = ""
				m.form = m.newForm()
				return m, m.form.Init()
			}
			return m, nil
		}
		if key.Matches(msg, m.keys.Cancel) && !m.busy {
			m.form, m.current, m.next, m.nextAgain, m.message = nil, "", "", "", ""
			return m, nil
		}
	}
	if m.form == nil || m.busy {
		return m, nil
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State == huh.StateCompleted {
		m.busy = true
		s, actor, current, next := m.c.Store, m.c.Actor(), m.current, m.next
		return m, tea.Batch(cmd, func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			return savedMsg{err: s.ChangePassword(ctx, actor, current, next)}
		})
	}
	return m, cmd
}

// View draws the account's details, or the password form.
func (m *Model) View() string {
	st, u := m.c.Styles, m.c.User
	var b strings.Builder
	row := func(label, value string) {
		b.WriteString(st.Label.Render(label) + st.Text.Render(common.Safe(value)) + "\n")
	}
	row("Name", u.FullName)
	row("Email", u.Email)
	row("Role", string(u.Role))
	if !u.LastLoginAt.IsZero() {
		row("Logged in", m.c.Local(u.LastLoginAt).Format("Mon 2 Jan 2006 15:04"))
	}
	b.WriteString("\n")
	if m.form != nil {
		b.WriteString(m.form.View() + "\n")
	}
	switch {
	case m.busy:
		b.WriteString(st.Faint.Render("Saving…"))
	case m.failed:
		b.WriteString(st.Error.Render(common.Safe(m.message)))
	case m.message != "":
		b.WriteString(st.Success.Render(common.Safe(m.message)))
	}
	return strings.TrimRight(b.String(), "\n") + fmt.Sprintln()
}
