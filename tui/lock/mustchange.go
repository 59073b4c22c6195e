package lock

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/auth"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// ChangedMsg says the user has chosen their own password; the desk may open.
type ChangedMsg struct{ User store.User }

type changedMsg struct{ err error }

// MustChange is the change of password a user makes before the desk opens, after an
// admin set or reset their password, or the front desk gave a patient an account.
type MustChange struct {
	store  store.Sessions
	styles *theme.Styles
	user   store.User
	facts  auth.UserFacts // what the new password is checked against

	current, next, again string
	form                 *huh.Form
	busy                 bool
	err                  string
}

// NewMustChange returns the forced change of password for the user who just logged in.
// clinic is the clinic's settings, which the new password is checked against.
func NewMustChange(s store.Sessions, styles *theme.Styles, u store.User, clinic store.Settings) *MustChange {
	m := &MustChange{store: s, styles: styles, user: u, facts: clinic.PasswordFacts(u.Email, u.FullName)}
	m.form = m.newForm()
	return m
}

func (m *MustChange) newForm() *huh.Form {
	fields := append([]huh.Field{
		huh.NewInput().Title("Password you were given").EchoMode(huh.EchoModePassword).Value(&m.current),
	}, common.PasswordFields("New password", &m.next, &m.again,
		func() auth.UserFacts { return m.facts })...)
	return huh.NewForm(huh.NewGroup(fields...)).WithTheme(m.styles.Form).WithShowHelp(false).WithWidth(60)
}

// Init starts the form.
func (m *MustChange) Init() tea.Cmd { return m.form.Init() }

// Dirty reports typed input.
func (m *MustChange) Dirty() bool { return m.current != "" || m.next != "" || m.again != "" }

// Update handles the form and the result of the change.
func (m *MustChange) Update(msg tea.Msg) (*MustChange, tea.Cmd) {
	if r, ok := msg.(changedMsg); ok {
		// On success the form stays busy until the desk opens: a message arriving
		// before then must not change the password a second time.
		if r.err != nil {
			m.busy = false
			m.err = common.ErrorText(r.err)
			m.form = m.newForm()
			return m, m.form.Init()
		}
		u := m.user
		u.MustChangePassword = false
		return m, func() tea.Msg { return ChangedMsg{User: u} }
	}
	if m.busy {
		return m, nil
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State == huh.StateCompleted {
		m.busy = true
		s, actor, current, next := m.store, m.user.Actor(), m.current, m.next
		return m, tea.Batch(cmd, func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			return changedMsg{err: s.ChangePassword(ctx, actor, current, next)}
		})
	}
	return m, cmd
}

// View draws the form.
func (m *MustChange) View() string {
	st := m.styles
	var b strings.Builder
	b.WriteString(st.Warning.Render("Choose your own password") + "\n")
	b.WriteString(st.Faint.Render("Your password was set for you; choose one only you know before you start.") + "\n\n")
	b.WriteString(m.form.View() + "\n")
	switch {
	case m.busy:
		b.WriteString(st.Faint.Render("Saving…"))
	case m.err != "":
		b.WriteString(st.Error.Width(common.FormMessageWidth).Render(common.Safe(m.err)))
	default:
		b.WriteString(st.Faint.Render("enter: next / save · ctrl+x: log out · ctrl+c: quit"))
	}
	return b.String() + "\n"
}
