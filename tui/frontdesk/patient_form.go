package frontdesk

import (
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// patientFields are the form's pages of fields, by the store's field names, so a
// refusal can put the cursor back on the field it names.
var patientFields = [][]string{{"first_name", "last_name", "date_of_birth", "sex"},
	{"phone", "email", "address", "consent_email", "consent_sms"},
	{"emergency_contact_name", "emergency_contact_phone", "blood_group"}}

// patientForm registers a patient or edits one. The form is bound to the values here,
// so a form rebuilt after a refusal shows everything as typed.
type patientForm struct {
	id       int64 // 0 for a new patient
	original store.PatientInput
	in       store.PatientInput
	dob      string
	// consent is the patient's answer to e-mail and SMS contact, recorded (with the
	// date and who recorded it) where it changed; wasConsent is what was recorded.
	consent, wasConsent store.ContactConsent
	form                *huh.Form
	err                 string
	busy                bool
	dups                []store.Patient
	dupOK               bool // the user has seen the possible duplicates and saves anyway
	dupKeys             dupKeys
}

type dupKeys struct{ open, save, back key.Binding }

type (
	duplicatesMsg struct {
		owner int64
		dups  []store.Patient
		err   error
	}
	patientSavedMsg struct {
		owner   int64
		patient store.Patient
		err     error
	}
)

func inputOf(p store.Patient) store.PatientInput {
	s := common.Safe
	return store.PatientInput{FirstName: s(p.FirstName), LastName: s(p.LastName), DateOfBirth: p.DateOfBirth, Sex: p.Sex,
		Phone: s(p.Phone), Email: s(p.Email), Address: s(p.Address), EmergencyContactName: s(p.EmergencyContactName),
		EmergencyContactPhone: s(p.EmergencyContactPhone), BloodGroup: p.BloodGroup}
}

func (p *Patients) openForm(existing *store.Patient) tea.Cmd {
	f := &patientForm{dupKeys: dupKeys{
		open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open the existing record")),
		save: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save anyway")),
		back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the form")),
	}}
	if existing != nil {
		f.id, f.in = existing.ID, inputOf(*existing)
		f.dob = existing.DateOfBirth.Format("2006-01-02")
		f.consent = store.ContactConsent{Email: existing.EmailConsent.Granted, SMS: existing.SMSConsent.Granted}
		f.wasConsent = f.consent
	} else {
		f.in.Sex, f.in.BloodGroup = "unknown", "unknown"
	}
	f.original = f.in
	p.form, p.mode, p.message = f, modeForm, ""
	return f.rebuild(p.c, "")
}

func (f *patientForm) dirty() bool {
	return f.in != f.original || f.consent != f.wasConsent || (f.id == 0 && f.dob != "")
}

func options(values []string) []huh.Option[string] {
	opts := make([]huh.Option[string], len(values))
	for i, v := range values {
		opts[i] = huh.NewOption(v, v)
	}
	return opts
}

// rebuild makes the form again over the same values and puts the cursor on field (a
// store field name), or on the first field.
func (f *patientForm) rebuild(c *common.Common, field string) tea.Cmd {
	required := func(label string) func(string) error {
		return func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New(label + " is required.")
			}
			return nil
		}
	}
	f.form = huh.NewForm(
		huh.NewGroup(
			huh.NewInput().Key("first_name").Title("First name").Value(&f.in.FirstName).Validate(required("First name")),
			huh.NewInput().Key("last_name").Title("Last name").Value(&f.in.LastName).Validate(required("Last name")),
			huh.NewInput().Key("date_of_birth").Title("Date of birth").Placeholder("YYYY-MM-DD").Value(&f.dob).
				Validate(func(s string) error {
					if _, err := time.Parse("2006-01-02", strings.TrimSpace(s)); err != nil {
						return errors.New("Date of birth must be a date such as 1990-04-25.")
					}
					return nil
				}),
			huh.NewSelect[string]().Key("sex").Title("Sex").Options(options(store.Sexes)...).Value(&f.in.Sex).Inline(true),
		),
		huh.NewGroup(
			huh.NewInput().Key("phone").Title("Phone").Placeholder("+91 98765 43210").Value(&f.in.Phone),
			huh.NewInput().Key("email").Title("Email").Value(&f.in.Email),
			huh.NewInput().Key("address").Title("Address").Value(&f.in.Address),
			huh.NewConfirm().Key("consent_email").Title("Agrees to reminders by e-mail").Value(&f.consent.Email).
				Affirmative("Yes").Negative("No"),
			huh.NewConfirm().Key("consent_sms").Title("Agrees to reminders by SMS").Value(&f.consent.SMS).
				Affirmative("Yes").Negative("No"),
		),
		huh.NewGroup(
			huh.NewInput().Key("emergency_contact_name").Title("Emergency contact").Value(&f.in.EmergencyContactName),
			huh.NewInput().Key("emergency_contact_phone").Title("Emergency contact phone").Value(&f.in.EmergencyContactPhone),
			huh.NewSelect[string]().Key("blood_group").Title("Blood group").Options(options(store.BloodGroups)...).
				Value(&f.in.BloodGroup).Inline(true),
		),
	).WithTheme(c.Styles.Form).WithShowHelp(false).WithWidth(60)
	cmds := []tea.Cmd{f.form.Init()}
	// NextGroup and NextField move the form at once; their commands only focus.
	for g, names := range patientFields {
		for i, name := range names {
			if name != field {
				continue
			}
			for range g {
				cmds = append(cmds, f.form.NextGroup())
			}
			for range i {
				cmds = append(cmds, f.form.NextField())
			}
		}
	}
	return tea.Batch(cmds...)
}

func (p *Patients) updateForm(msg tea.Msg) tea.Cmd {
	f := p.form
	switch msg := msg.(type) {
	case duplicatesMsg:
		if msg.owner != p.owner {
			return nil
		}
		if msg.err != nil {
			f.busy, f.err = false, common.ErrorText(msg.err)
			return f.rebuild(p.c, "")
		}
		if len(msg.dups) > 0 {
			f.busy, f.dups, p.mode = false, msg.dups, modeDuplicates
			return nil
		}
		return p.savePatient()
	case patientSavedMsg:
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
			p.mode = modeForm
			return f.rebuild(p.c, field)
		}
		verb := "Registered "
		if f.id != 0 {
			verb = "Saved "
		}
		p.message, p.failed = verb+common.Safe(msg.patient.FirstName+" "+msg.patient.LastName)+" as "+msg.patient.Code+".", false
		p.form = nil
		return tea.Batch(p.showPage(msg.patient), p.runSearch())
	case tea.KeyMsg:
		if f.busy {
			return nil
		}
		if p.mode == modeDuplicates {
			return p.duplicateKey(msg)
		}
		if msg.Type == tea.KeyEsc {
			p.form = nil
			p.mode = modeList
			if p.page != nil {
				p.mode = modePage
			}
			return nil
		}
	}
	if p.mode != modeForm || f.busy {
		return nil
	}
	model, cmd := f.form.Update(msg)
	f.form = model.(*huh.Form)
	if f.form.State == huh.StateCompleted {
		f.err = ""
		f.in.DateOfBirth, _ = time.Parse("2006-01-02", strings.TrimSpace(f.dob))
		if f.dupOK {
			return p.savePatient()
		}
		return tea.Batch(cmd, p.checkDuplicates())
	}
	return cmd
}

func (p *Patients) duplicateKey(msg tea.KeyMsg) tea.Cmd {
	f := p.form
	switch {
	case key.Matches(msg, f.dupKeys.open):
		existing := f.dups[0]
		p.form = nil
		return p.showPage(existing)
	case key.Matches(msg, f.dupKeys.save):
		f.dupOK = true
		return p.savePatient()
	case key.Matches(msg, f.dupKeys.back):
		p.mode = modeForm
		return f.rebuild(p.c, "")
	}
	return nil
}

func (p *Patients) checkDuplicates() tea.Cmd {
	f := p.form
	f.busy = true
	s, actor, owner, in, id := p.c.Store, p.c.Actor(), p.owner, f.in, f.id
	consent := f.consent
	in.Consent = &consent
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		dups, err := s.PossibleDuplicates(ctx, actor, in, id)
		return duplicatesMsg{owner: owner, dups: dups, err: err}
	}
}

func (p *Patients) savePatient() tea.Cmd {
	f := p.form
	f.busy = true
	s, actor, owner, in, id := p.c.Store, p.c.Actor(), p.owner, f.in, f.id
	consent := f.consent
	in.Consent = &consent
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		var pt store.Patient
		var err error
		if id == 0 {
			pt, err = s.AddPatient(ctx, actor, in)
		} else {
			pt, err = s.UpdatePatient(ctx, actor, id, in)
		}
		return patientSavedMsg{owner: owner, patient: pt, err: err}
	}
}

func (f *patientForm) dupHelp() []key.Binding {
	return []key.Binding{f.dupKeys.open, f.dupKeys.save, f.dupKeys.back}
}

func (f *patientForm) view(c *common.Common, width int, showDups bool) string {
	st := c.Styles
	title := "Register a patient"
	if f.id != 0 {
		title = "Edit " + common.Safe(f.original.FirstName+" "+f.original.LastName)
	}
	out := []string{st.Title.Render(title)}
	if showDups {
		out = append(out, st.Warning.Render("Possible duplicate — this patient may be registered already:"), "")
		for i, d := range f.dups {
			line := fit(d.Code+"  "+common.Safe(d.FirstName+" "+d.LastName)+"  born "+d.DateOfBirth.Format("2006-01-02")+
				"  "+common.Safe(d.Phone), width-2)
			if i == 0 {
				line = st.Selected.Render("› " + line)
			} else {
				line = "  " + line
			}
			out = append(out, line)
		}
		out = append(out, "", st.Faint.Render("enter: open "+f.dups[0].Code+" · s: save as a new patient anyway · esc: back to the form"))
		return strings.Join(out, "\n")
	}
	out = append(out, f.form.View())
	switch {
	case f.busy:
		out = append(out, st.Faint.Render("Saving…"))
	case f.err != "":
		out = append(out, st.Error.Width(width).Render(common.Safe(f.err)))
	default:
		out = append(out, st.Faint.Render("enter: next field / next page / save · shift+tab: back · esc: leave"))
	}
	return strings.Join(out, "\n")
}
