// Package setup is the first-run wizard: it names the clinic, sets its time zone and
// currency, and creates the first administrator, on a database with no accounts yet.
package setup

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/auth"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// DoneMsg is sent when the clinic is set up and its administrator logged in.
type DoneMsg struct{ User store.User }

type resultMsg struct {
	user store.User
	err  error
}

// Model is the first-run wizard.
type Model struct {
	store  store.Sessions
	styles *theme.Styles

	clinicName, timeZone, currency, fullName, email, password, confirm string

	form *huh.Form
	busy bool
	err  string
}

// New returns the wizard.
func New(s store.Sessions, styles *theme.Styles) *Model {
	m := &Model{store: s, styles: styles, timeZone: "UTC", currency: "USD"}
	m.form = m.newForm()
	return m
}

func required(field string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(field + " is required.")
		}
		return nil
	}
}

// newForm builds the form over the model's fields, so a form rebuilt after a refusal
// shows everything as typed.
func (m *Model) newForm() *huh.Form {
	fields := append([]huh.Field{
		huh.NewInput().Title("Clinic name").Value(&m.clinicName).CharLimit(120).
			Validate(required("The clinic's name")),
		huh.NewInput().Title("Time zone").Description("A zone name such as Europe/London or Asia/Kolkata.").
			Value(&m.timeZone).CharLimit(64).Validate(required("Time zone")),
		huh.NewInput().Title("Currency").Description("A code such as INR, USD or EUR.").
			Value(&m.currency).CharLimit(8).Validate(required("Currency")),
		huh.NewInput().Title("Your full name").Description("You will be the clinic's first administrator.").
			Value(&m.fullName).CharLimit(120).Validate(required("Your name")),
		huh.NewInput().Title("Your email").Value(&m.email).CharLimit(254).Validate(required("Email")),
	}, common.PasswordFields("Password", &m.password, &m.confirm,
		func() auth.UserFacts {
			return store.Settings{ClinicName: m.clinicName}.PasswordFacts(m.email, m.fullName)
		})...)
	return huh.NewForm(huh.NewGroup(fields...)).WithTheme(m.styles.Form).WithShowHelp(false).WithWidth(60)
}

// Init starts the form.
func (m *Model) Init() tea.Cmd { return m.form.Init() }

// Update runs the form, then the setup itself.
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	if res, ok := msg.(resultMsg); ok {
		// On success the form stays busy until the desk replaces this screen: a message
		// arriving before then (a key typed ahead, a resize) must not run the setup again.
		if res.err != nil {
			m.busy = false
			m.err = common.ErrorText(res.err)
			m.form = m.newForm()
			return m, m.form.Init()
		}
		return m, func() tea.Msg { return DoneMsg{User: res.user} }
	}
	if m.busy {
		return m, nil
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State == huh.StateCompleted {
		m.busy = true
		s := m.store
		clinic := store.ClinicSetup{Name: m.clinicName, TimeZone: m.timeZone, Currency: m.currency}
		admin := store.NewUser{Email: m.email, FullName: m.fullName, Role: store.RoleAdmin, Password: m.password}
		return m, tea.Batch(cmd, func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			u, err := s.Setup(ctx, clinic, admin)
			return resultMsg{user: u, err: err}
		})
	}
	return m, cmd
}

// View draws the wizard.
func (m *Model) View() string {
	st := m.styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Welcome to ClinicDesk") + "\n")
	b.WriteString(st.Faint.Render("This clinic has no accounts yet. Name it and create its administrator.") + "\n\n")
	b.WriteString(m.form.View() + "\n")
	switch {
	case m.busy:
		b.WriteString(st.Faint.Render("Setting up…"))
	case m.err != "":
		b.WriteString(st.Error.Render(common.Safe(m.err)))
	default:
		b.WriteString(st.Faint.Render("enter: next · shift+tab: back · ctrl+c: quit"))
	}
	return b.String() + "\n"
}

// Dirty reports whether anything was typed.
func (m *Model) Dirty() bool {
	return m.clinicName != "" || m.fullName != "" || m.email != "" || m.password != ""
}
