package frontdesk

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/auth"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// accountForm gives the page's patient an account of their own: an email (their
// record's, unless changed) and a one-time password they must change at first login.
// The form is bound to the values here, so a form rebuilt after a refusal keeps them.
type accountForm struct {
	patient  store.Patient
	original string // the email the form started with
	email    string
	password string
	form     *huh.Form
	err      string
	busy     bool
}

type accountGivenMsg struct {
	owner int64
	user  store.User
	err   error
}

func (p *Patients) openAccountForm(pt store.Patient) tea.Cmd {
	f := &accountForm{patient: pt, original: pt.Email, email: pt.Email}
	p.account, p.mode, p.message = f, modeAccount, ""
	return f.rebuild(p.c, "")
}

func (f *accountForm) dirty() bool { return f.email != f.original || f.password != "" }

func (f *accountForm) name() string { return f.patient.FirstName + " " + f.patient.LastName }

// rebuild makes the form again over the same values, with the cursor on the field a
// refusal named ("password"), or on the first.
func (f *accountForm) rebuild(c *common.Common, field string) tea.Cmd {
	f.form = huh.NewForm(huh.NewGroup(
		huh.NewInput().Key("email").Title("Email").Description("The patient logs in with it.").Value(&f.email).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("The email is required.")
				}
				return nil
			}),
		huh.NewInput().Key("password").Title("One-time password").
			Description("At least 15 characters; changed by the patient at first login.").
			EchoMode(huh.EchoModePassword).Value(&f.password).
			Validate(func(s string) error {
				return auth.CheckPassword(s, c.Settings.PasswordFacts(f.email, f.name()))
			}),
	)).WithTheme(c.Styles.Form).WithShowHelp(false).WithWidth(60)
	cmds := []tea.Cmd{f.form.Init()}
	if field == "password" {
		cmds = append(cmds, f.form.NextField())
	}
	return tea.Batch(cmds...)
}

func (p *Patients) updateAccount(msg tea.Msg) tea.Cmd {
	f := p.account
	switch msg := msg.(type) {
	case accountGivenMsg:
		if msg.owner != p.owner {
			return nil
		}
		f.busy = false
		if msg.err != nil {
			f.err = common.ErrorText(msg.err)
			var fe *store.FieldError
			field := ""
			if errors.As(msg.err, &fe) {
				field = fe.Field
			}
			return f.rebuild(p.c, field)
		}
		p.message, p.failed = "Account given; "+common.Safe(msg.user.Email)+" must change the password at first login.", false
		p.account, p.mode = nil, modePage
		return p.page.load(p.c)
	case tea.KeyMsg:
		if f.busy {
			return nil
		}
		if msg.Type == tea.KeyEsc {
			p.account, p.mode = nil, modePage
			return nil
		}
	}
	if f.busy {
		return nil
	}
	model, cmd := f.form.Update(msg)
	f.form = model.(*huh.Form)
	if f.form.State == huh.StateCompleted {
		f.busy, f.err = true, ""
		s, actor, owner, id, email, password := p.c.Store, p.c.Actor(), p.owner, f.patient.ID, strings.TrimSpace(f.email), f.password
		return tea.Batch(cmd, func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			u, err := s.GivePatientAccount(ctx, actor, id, email, password)
			return accountGivenMsg{owner: owner, user: u, err: err}
		})
	}
	return cmd
}

func (f *accountForm) view(c *common.Common, width int) string {
	st := c.Styles
	out := []string{st.Title.Render(fit("Give "+common.Safe(f.name())+" an account", width)),
		st.Faint.Render(fit("They will see only their own appointments, prescriptions and notifications.", width)),
		f.form.View()}
	switch {
	case f.busy:
		out = append(out, st.Faint.Render("Saving…"))
	case f.err != "":
		out = append(out, st.Error.Width(width).Render(common.Safe(f.err)))
	default:
		out = append(out, st.Faint.Render(fit("enter: next field / save · shift+tab: back · esc: leave", width)))
	}
	return strings.Join(out, "\n")
}
