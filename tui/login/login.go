// Package login is the desk's login screen: email and password, the clinic's name, and
// on a demo clinic the demo accounts to try.
package login

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// LoggedInMsg is sent when a user has logged in.
type LoggedInMsg struct{ User store.User }

type resultMsg struct {
	user store.User
	err  error
}

type demoMsg struct {
	password string
	accounts []store.DemoAccount
}

// Model is the login screen.
type Model struct {
	store      store.Sessions
	styles     *theme.Styles
	clinicName string
	notice     string // a line above the form, e.g. why the last session ended

	email    string
	password string
	form     *huh.Form
	busy     bool
	err      string

	demoPassword string
	demo         []store.DemoAccount
	width        int
}

// New returns the login screen of the clinic. notice, when set, says why the user sees
// it (logged out, session ended).
func New(s store.Sessions, styles *theme.Styles, clinicName, notice string) *Model {
	m := &Model{store: s, styles: styles, clinicName: clinicName, notice: notice}
	m.form = m.newForm()
	return m
}

// newForm builds the form over the model's fields, so a rebuilt form after a failed
// login shows what was typed.
func (m *Model) newForm() *huh.Form {
	email := huh.NewInput().Key("email").Title("Email").Value(&m.email).
		Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return fmt.Errorf("Email is required.")
			}
			return nil
		})
	password := huh.NewInput().Key("password").Title("Password").EchoMode(huh.EchoModePassword).
		Value(&m.password)
	return huh.NewForm(huh.NewGroup(email, password)).
		WithTheme(m.styles.Form).WithShowHelp(false).WithWidth(44)
}

// Init loads the demo accounts, if this is a demo clinic, and starts the form.
func (m *Model) Init() tea.Cmd {
	s := m.store
	loadDemo := func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		password, accounts, err := s.DemoAccounts(ctx)
		if err != nil {
			return nil
		}
		return demoMsg{password: password, accounts: accounts}
	}
	return tea.Batch(m.form.Init(), loadDemo)
}

// Update handles the form and the result of a login attempt.
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width = msg.Width
	case demoMsg:
		m.demoPassword, m.demo = msg.password, msg.accounts
		return m, nil
	case resultMsg:
		// On success the form stays busy: it is complete until the desk replaces this
		// screen, and a message arriving before then must not log in a second time.
		if msg.err != nil {
			m.busy = false
			m.err = common.ErrorText(msg.err)
			m.password = ""
			m.form = m.newForm()
			// Straight back to the password: the email is kept as typed.
			return m, tea.Sequence(m.form.Init(), m.form.NextField())
		}
		return m, func() tea.Msg { return LoggedInMsg{User: msg.user} }
	}
	if m.busy {
		return m, nil
	}
	if k, ok := msg.(tea.KeyMsg); ok && m.err != "" && k.Type != tea.KeyEnter {
		m.err = "" // the message stays until the user starts typing again
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State == huh.StateCompleted {
		m.busy = true
		return m, tea.Batch(cmd, m.login())
	}
	return m, cmd
}

// login checks the credentials in a command: bcrypt takes a quarter second, and the
// screen must keep answering meanwhile.
func (m *Model) login() tea.Cmd {
	s, email, password := m.store, m.email, m.password
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		u, err := s.Login(ctx, email, password)
		return resultMsg{user: u, err: err}
	}
}

// View draws the screen.
func (m *Model) View() string {
	st := m.styles
	var b strings.Builder
	b.WriteString(st.Title.Render(common.Safe(m.clinicName)) + "\n")
	b.WriteString(st.Faint.Render("ClinicDesk — log in to the desk") + "\n\n")
	if m.notice != "" {
		b.WriteString(st.Warning.Render(common.Safe(m.notice)) + "\n\n")
	}
	b.WriteString(m.form.View() + "\n")
	switch {
	case m.busy:
		b.WriteString(st.Faint.Render("Checking…"))
	case m.err != "":
		b.WriteString(st.Error.Width(common.FormMessageWidth).Render(common.Safe(m.err)))
	default:
		b.WriteString(st.Faint.Render("enter: next / log in · ctrl+c: quit"))
	}
	b.WriteString("\n")
	if len(m.demo) > 0 {
		b.WriteString("\n" + m.demoView())
	}
	return b.String()
}

func (m *Model) demoView() string {
	st := m.styles
	lines := []string{st.Bold.Render("Demo clinic") + st.Faint.Render(" — every staff account's password: ") +
		st.Badge.Render(common.Safe(m.demoPassword))}
	for _, a := range m.demo {
		lines = append(lines, fmt.Sprintf("%-13s %s", string(a.Role), common.Safe(a.Email)))
	}
	return st.Box.Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}

// Typing is always true: the login screen is a form.
func (m *Model) Typing() bool { return true }
