package admin

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

type formKind int

const (
	formCreate formKind = iota
	formEdit
	formReset
)

// userFields are the form's values, bound to huh's fields so a form rebuilt after a
// failed save shows what was typed.
type userFields struct {
	Role, Name, Email, Password        string
	Qualification, Licence, Specs, Fee string
}

type detailMsg struct {
	detail store.UserDetail
	err    error
}

// userForm creates, edits, or resets the password of one account.
type userForm struct {
	c       *common.Common
	kind    formKind
	user    store.User // the account edited or reset
	fields  userFields
	initial userFields
	form    *huh.Form
	busy    bool
	loading bool
	err     string
}

func newCreateForm(c *common.Common) *userForm {
	f := &userForm{c: c, kind: formCreate, fields: userFields{Role: string(store.RoleReceptionist)}}
	f.initial = f.fields
	f.form = f.build()
	return f
}

func newEditForm(c *common.Common, u store.User) *userForm {
	f := &userForm{c: c, kind: formEdit, user: u, loading: true,
		fields: userFields{Role: string(u.Role), Name: common.Safe(u.FullName), Email: common.Safe(u.Email)}}
	f.initial = f.fields
	return f
}

func newResetForm(c *common.Common, u store.User) *userForm {
	f := &userForm{c: c, kind: formReset, user: u}
	f.form = f.build()
	return f
}

func (f *userForm) init() tea.Cmd {
	if f.kind != formEdit {
		return f.form.Init()
	}
	s, actor, id := f.c.Store, f.c.Actor(), f.user.ID
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		d, err := s.UserDetail(ctx, actor, id)
		return detailMsg{detail: d, err: err}
	}
}

func (f *userForm) dirty() bool { return f.fields != f.initial }

func (f *userForm) build() *huh.Form {
	fs := &f.fields
	required := func(what string) func(string) error {
		return func(v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New(what + " is required.")
			}
			return nil
		}
	}
	if f.kind == formReset {
		return huh.NewForm(huh.NewGroup(
			huh.NewInput().Title("Temporary password for " + common.Safe(f.user.FullName)).
				// One line: huh sizes the group before the description wraps, and a
				// wrapped one pushed the input itself out of the form.
				Description("At least 15 characters; they choose their own at next login.").
				EchoMode(huh.EchoModePassword).Value(&fs.Password).Validate(required("The password")),
		)).WithTheme(f.c.Styles.Form).WithShowHelp(false).WithWidth(70)
	}
	var account []huh.Field
	if f.kind == formCreate {
		var roles []huh.Option[string]
		for _, r := range store.Roles {
			if r != store.RolePatient { // a patient's login is given from their record
				roles = append(roles, huh.NewOption(string(r), string(r)))
			}
		}
		account = append(account, huh.NewSelect[string]().Title("Role").Options(roles...).Value(&fs.Role))
	}
	account = append(account,
		huh.NewInput().Title("Full name").Value(&fs.Name).CharLimit(120).Validate(required("Full name")),
		huh.NewInput().Title("Email").Value(&fs.Email).CharLimit(254).Validate(required("Email")))
	if f.kind == formCreate {
		account = append(account, huh.NewInput().Title("Temporary password").
			Description("At least 15 characters; they choose their own at first login.").
			EchoMode(huh.EchoModePassword).Value(&fs.Password).Validate(required("The password")))
	}
	doctor := huh.NewGroup(
		huh.NewInput().Title("Qualification").Placeholder("MBBS, MD").Value(&fs.Qualification).CharLimit(120),
		huh.NewInput().Title("Licence number").Value(&fs.Licence).CharLimit(60).Validate(required("The licence number")),
		huh.NewInput().Title("Specialisations").Description("Separated by commas.").Value(&fs.Specs).CharLimit(300),
		huh.NewInput().Title("Consultation fee").Description("In "+common.Safe(f.c.Settings.Currency)+", e.g. 500 or 12.50.").
			Value(&fs.Fee).Validate(func(v string) error { _, err := parseFee(v); return err }),
	).WithHideFunc(func() bool { return fs.Role != string(store.RoleDoctor) })
	pharmacist := huh.NewGroup(
		huh.NewInput().Title("Licence number").Value(&fs.Licence).CharLimit(60).Validate(required("The licence number")),
	).WithHideFunc(func() bool { return fs.Role != string(store.RolePharmacist) })
	return huh.NewForm(huh.NewGroup(account...), doctor, pharmacist).
		WithTheme(f.c.Styles.Form).WithShowHelp(false).WithWidth(70)
}

// parseFee reads the consultation fee as cents; an empty field is no fee.
func parseFee(v string) (money.Cents, error) {
	if strings.TrimSpace(v) == "" {
		return 0, nil
	}
	return money.Parse(v)
}

func (f *userForm) update(msg tea.Msg) tea.Cmd {
	if d, ok := msg.(detailMsg); ok {
		f.loading = false
		if d.err != nil {
			f.err = common.ErrorText(d.err)
			return nil
		}
		if p := d.detail.Doctor; p != nil {
			f.fields.Qualification, f.fields.Licence = common.Safe(p.Qualification), common.Safe(p.LicenceNumber)
			f.fields.Specs = common.Safe(strings.Join(p.Specialisations, ", "))
			f.fields.Fee = money.Cents(p.FeeCents).String()
		}
		if p := d.detail.Pharmacist; p != nil {
			f.fields.Licence = common.Safe(p.LicenceNumber)
		}
		f.initial = f.fields
		f.form = f.build()
		return f.form.Init()
	}
	if f.form == nil || f.busy {
		return nil
	}
	model, cmd := f.form.Update(msg)
	f.form = model.(*huh.Form)
	if f.form.State == huh.StateCompleted {
		f.busy, f.err = true, ""
		return tea.Batch(cmd, f.save())
	}
	return cmd
}

// failed shows the store's refusal and rebuilds the form with everything typed.
func (f *userForm) failed(err error) tea.Cmd {
	f.busy, f.err = false, common.ErrorText(err)
	f.form = f.build()
	return f.form.Init()
}

func (f *userForm) save() tea.Cmd {
	s, actor, fs, u, kind := f.c.Store, f.c.Actor(), f.fields, f.user, f.kind
	fee, _ := parseFee(fs.Fee)
	var specs []string
	for _, sp := range strings.Split(fs.Specs, ",") {
		if sp = strings.TrimSpace(sp); sp != "" {
			specs = append(specs, sp)
		}
	}
	role := store.Role(fs.Role)
	var doctor *store.DoctorProfile
	var pharmacist *store.PharmacistProfile
	switch role {
	case store.RoleDoctor:
		doctor = &store.DoctorProfile{Qualification: fs.Qualification, LicenceNumber: fs.Licence,
			Specialisations: specs, FeeCents: int64(fee)}
	case store.RolePharmacist:
		pharmacist = &store.PharmacistProfile{LicenceNumber: fs.Licence}
	}
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		switch kind {
		case formCreate:
			nu, err := s.CreateUser(ctx, actor, store.NewUser{Email: fs.Email, FullName: fs.Name, Role: role,
				Password: fs.Password, Doctor: doctor, Pharmacist: pharmacist, MustChangePassword: true})
			return userSavedMsg{done: "Created " + common.Safe(nu.FullName) + " (" + string(nu.Role) +
				"); they choose their own password at first login.", err: err}
		case formEdit:
			_, err := s.UpdateUser(ctx, actor, u.ID, store.UserEdit{Email: fs.Email, FullName: fs.Name,
				Doctor: doctor, Pharmacist: pharmacist})
			return userSavedMsg{done: "Saved " + common.Safe(fs.Name) + ".", err: err}
		default:
			err := s.ResetPassword(ctx, actor, u.ID, fs.Password)
			return userSavedMsg{done: "Password reset; " + common.Safe(u.FullName) +
				" must change it at their next login.", err: err}
		}
	}
}

func (f *userForm) view() string {
	st := f.c.Styles
	var b strings.Builder
	switch f.kind {
	case formCreate:
		b.WriteString(st.Bold.Render("New user") + "\n\n")
	case formEdit:
		b.WriteString(st.Bold.Render("Edit "+common.Safe(f.user.FullName)+" · "+string(f.user.Role)) + "\n\n")
	default:
		b.WriteString(st.Bold.Render("Reset password") + "\n\n")
	}
	if f.loading {
		return b.String() + st.Faint.Render("Loading…")
	}
	if f.form != nil {
		b.WriteString(f.form.View() + "\n")
	}
	switch {
	case f.busy:
		b.WriteString(st.Faint.Render("Saving…"))
	case f.err != "":
		b.WriteString(st.Error.Render(common.Safe(f.err)))
	default:
		b.WriteString(st.Faint.Render("enter: next / save · esc: cancel"))
	}
	return b.String()
}
