// Package lock holds the screens the frame shows instead of the desk: the idle lock,
// which hides everything until the same user unlocks (or another logs in), and the
// change of password a user must make before the desk opens.
package lock

import (
	"errors"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// UnlockedMsg says who logged in at the lock screen: the locked user (resume the desk as
// it was) or someone else (discard the first user's desk).
type UnlockedMsg struct{ User store.User }

type resultMsg struct {
	user store.User
	err  error
}

// Model is the idle lock screen. It shows no patient data: only the clinic, who locked
// it, and a login form whose email starts as the locked user's.
type Model struct {
	store  store.Sessions
	styles *theme.Styles
	user   store.User
	remote string         // the SSH client's address; "" at a local desk
	byKey  bool           // the locked user logged in with an SSH key, typing no password
	loc    *time.Location // the clinic's time zone

	email, password string
	form            *huh.Form
	busy            bool
	err             string
}

// New returns the lock screen for the user whose desk locked; remote is the SSH
// client's address, "" at a local desk; byKey says the user logged in with an SSH key;
// loc is the clinic's time zone.
func New(s store.Sessions, styles *theme.Styles, u store.User, remote string, byKey bool, loc *time.Location) *Model {
	m := &Model{store: s, styles: styles, user: u, remote: remote, byKey: byKey, loc: loc}
	if m.canUnlock() {
		m.email = u.Email
	}
	m.form = m.newForm()
	return m
}

// canUnlock reports whether the locked user has a password of their own to unlock
// with. A user who logged in with an SSH key while their password is still one an
// administrator set (to be changed at the first password login) has none: they get
// back to their desk by connecting again with the key, and the form is for someone
// else.
func (m *Model) canUnlock() bool { return !m.byKey || !m.user.MustChangePassword }

func (m *Model) newForm() *huh.Form {
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().Key("email").Title("Email").Value(&m.email),
		huh.NewInput().Key("password").Title("Password").EchoMode(huh.EchoModePassword).Value(&m.password),
	)).WithTheme(m.styles.Form).WithShowHelp(false).WithWidth(44)
}

// Init starts the form on the password when the email is already the locked user's.
func (m *Model) Init() tea.Cmd { return m.start() }

func (m *Model) start() tea.Cmd {
	if m.email == "" {
		return m.form.Init()
	}
	return tea.Sequence(m.form.Init(), m.form.NextField())
}

// Update handles the form and the login's result.
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	if r, ok := msg.(resultMsg); ok {
		// On success the form stays busy until the desk takes over: a message arriving
		// before then must not unlock a second time.
		if r.err != nil {
			m.busy = false
			m.err, m.password = m.refusal(r.err), ""
			m.form = m.newForm()
			return m, m.start()
		}
		return m, func() tea.Msg { return UnlockedMsg{User: r.user} }
	}
	if m.busy {
		return m, nil
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State == huh.StateCompleted {
		m.busy = true
		s, email, password, locked, remote := m.store, m.email, m.password, m.user.ID, m.remote
		return m, tea.Batch(cmd, func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			u, err := s.Unlock(ctx, locked, email, password, remote)
			return resultMsg{user: u, err: err}
		})
	}
	return m, cmd
}

// View draws the lock screen.
func (m *Model) View() string {
	st := m.styles
	var b strings.Builder
	b.WriteString(st.Warning.Render("The desk is locked") + "\n")
	b.WriteString(st.Faint.Width(common.FormMessageWidth).Render(m.explain()) + "\n\n")
	b.WriteString(m.form.View() + "\n")
	switch {
	case m.busy:
		b.WriteString(st.Faint.Render("Checking…"))
	case m.err != "":
		b.WriteString(st.Error.Width(common.FormMessageWidth).Render(common.Safe(m.err)))
	case !m.canUnlock():
		b.WriteString(st.Faint.Render("enter: log in · ctrl+c: quit"))
	default:
		b.WriteString(st.Faint.Render("enter: unlock · ctrl+c: quit"))
	}
	return b.String() + "\n"
}

// explain says whose desk is locked and what each person at the terminal can do.
func (m *Model) explain() string {
	name := common.Safe(m.user.FullName)
	switch {
	case !m.canUnlock():
		return name + " logged in with an SSH key and has no password of their own yet, so this desk " +
			"cannot be unlocked here: to carry on, press ctrl+c and connect again with the key (unsaved " +
			"input on this desk is lost). Someone else may log in below."
	case m.byKey:
		return name + " was away; their work is kept. Enter the password to carry on. Logged in with an " +
			"SSH key and no password? Press ctrl+c and connect again with the key (unsaved input is lost). " +
			"Someone else logging in discards the unsaved input too."
	}
	return name + " was away; their work is kept.\nEnter the password to carry on, or log in as someone " +
		"else;\ntheir unsaved input is then discarded."
}

// refusal is the sentence for a refused unlock: for the locked user's own account held
// back by the network throttle, until when, in the clinic's time, and what else works.
func (m *Model) refusal(err error) string {
	var paused *store.ThrottledError
	if !errors.As(err, &paused) {
		return common.ErrorText(err)
	}
	text := "Password logins to your account over the network are paused until " +
		paused.Until.In(m.loc).Format("15:04") + " after repeated wrong passwords. Try again then"
	if m.byKey {
		return text + ", or press ctrl+c and connect again with your SSH key."
	}
	return text + ", or ask an administrator."
}
