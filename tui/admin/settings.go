package admin

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

type settingsMsg struct {
	stamp    uint64
	settings store.Settings
	err      error
}

type settingsSavedMsg struct{ err error }

// settingsFields are the form's values.
type settingsFields struct {
	Name, Zone, Currency, Idle, Print, RxDays       string
	RetentionYears                                  string
	SMTPHost, SMTPPort, SMTPTLS, SMTPUser, SMTPFrom string
	SMSURL, SMSTemplate, ReminderHours              string
	SMTPPassword                                    string // typed only: never read back
	ClearPassword                                   bool
}

// Settings is the admin's tab for the clinic's preferences.
type Settings struct {
	c    *common.Common
	keys keys.Admin

	current         store.Settings
	loaded          bool // current has been read: the form opens on it, never on zeros
	reloads         common.Reloads
	fields, initial settingsFields
	form            *huh.Form
	messages        bool // the form is the e-mail and SMS one (m), not the clinic's (e)
	// outbox is the e-mail and SMS the clinic sends (o opens it, esc comes back): in
	// this tab, as the settings say how they leave.
	outbox     *Outbox
	showOutbox bool
	// erasure erases patients' details, on request or past the retention period set
	// here (x opens it, esc comes back).
	erasure     *Erasure
	showErasure bool
	busy        bool
	message     string
	failed      bool
	height      int // the body's rows: a taller form scrolls to its focused field
}

// NewSettings returns the Settings tab.
func NewSettings(c *common.Common) *Settings {
	return &Settings{c: c, keys: keys.NewAdmin(), outbox: NewOutbox(c), erasure: NewErasure(c)}
}

// Title is the tab's name.
func (m *Settings) Title() string { return "Settings" }

// Init reads the settings.
func (m *Settings) Init() tea.Cmd { return m.load() }

func (m *Settings) load() tea.Cmd {
	s, stamp := m.c.Store, m.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		set, err := s.Settings(ctx)
		return settingsMsg{stamp: stamp, settings: set, err: err}
	}
}

// SetSize fits the open form, the outbox and the erasure to the body.
func (m *Settings) SetSize(w, h int) {
	m.height = h
	if m.form != nil {
		m.form = m.form.WithHeight(m.formRows())
	}
	m.outbox.SetSize(w, h)
	m.erasure.SetSize(w, h)
}

// formRows is the rows the form's fields have: the body less huh's error under them (a
// blank line and the error) and the line under the form (saving, or a refusal). The
// clinic's page is taller than 24 rows: it scrolls to the focused field.
func (m *Settings) formRows() int { return max(5, m.height-2-1) }

// Typing reports the form's focus, or the outbox's or the erasure's.
func (m *Settings) Typing() bool {
	return m.form != nil || (m.showOutbox && m.outbox.Typing()) || (m.showErasure && m.erasure.Typing())
}

// Dirty reports changed, unsaved values, or an erasure's reason typed.
func (m *Settings) Dirty() bool {
	return m.form != nil && m.fields != m.initial || m.showErasure && m.erasure.Dirty()
}

// ShortHelp lists the tab's keys.
func (m *Settings) ShortHelp() []key.Binding {
	if m.showErasure {
		return m.erasure.ShortHelp()
	}
	if m.showOutbox && m.outbox.keepsEsc() {
		return m.outbox.ShortHelp()
	}
	if m.showOutbox {
		return append(m.outbox.ShortHelp(), m.keys.Back)
	}
	if m.form != nil {
		return []key.Binding{m.keys.Back}
	}
	return []key.Binding{m.keys.Edit, m.keys.Messages, m.keys.Outbox, m.keys.Erasure}
}

// FullHelp lists the tab's keys.
func (m *Settings) FullHelp() [][]key.Binding {
	if m.showErasure {
		return m.erasure.FullHelp()
	}
	if m.showOutbox {
		return append(m.outbox.FullHelp(), []key.Binding{m.keys.Back})
	}
	return [][]key.Binding{m.ShortHelp()}
}

func (m *Settings) build() *huh.Form {
	f := &m.fields
	if m.messages {
		return huh.NewForm(append(m.mailGroups(), huh.NewGroup(
			huh.NewInput().Title("SMS gateway").Description("Each SMS is POSTed here, e.g. https://sms.example/send. Empty: no SMS.").
				Value(&f.SMSURL).CharLimit(500),
			huh.NewInput().Title("SMS body").Description("The request's body with {to} and {message}; JSON when it starts with {, else a form.").
				Value(&f.SMSTemplate).CharLimit(1000),
			huh.NewInput().Title("Reminder hours").Description("Appointment reminders go this many hours before (1 to 168).").
				Value(&f.ReminderHours).CharLimit(3),
		).Title("SMS and reminders"))...).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(64).
			WithHeight(m.formRows())
	}
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Clinic name").Value(&f.Name).CharLimit(120),
		huh.NewInput().Title("Time zone").Description("A zone name such as Europe/London or Asia/Kolkata.").Value(&f.Zone).CharLimit(64),
		huh.NewInput().Title("Currency").Description("A code such as INR, USD or EUR.").Value(&f.Currency).CharLimit(8),
		huh.NewInput().Title("Idle lock (minutes)").Description("The desk locks after this long without a key (1 to 240).").Value(&f.Idle).CharLimit(3),
		huh.NewInput().Title("Print command").
			Description("Printouts are piped to this command, e.g. lp -d frontdesk (split at spaces, no shell).\n"+
				"Empty: they are saved in "+common.Safe(m.c.Store.PrintDir())+".").
			Value(&f.Print).CharLimit(200).Validate(store.CheckPrintCommand),
		huh.NewInput().Title("Prescription validity (days)").
			Description("A submitted prescription can be dispensed for this long (1 to 365); a doctor may give up to 365 for a chronic line.").
			Value(&f.RxDays).CharLimit(3).Validate(store.CheckPrescriptionValidDays),
	), huh.NewGroup(
		huh.NewInput().Title("Retention (years)").
			Description("Patients last seen longer ago are listed for erasure (x on this tab) (1 to 100).").
			Value(&f.RetentionYears).CharLimit(3).Validate(store.CheckRetentionYears),
	).Title("Patients' records")).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(64).
		WithHeight(m.formRows())
}

// mailGroups are the form's pages of SMTP settings. The password is typed, never shown:
// empty keeps the stored one.
func (m *Settings) mailGroups() []*huh.Group {
	f := &m.fields
	pass := "No password is stored. Type one if the server asks for it."
	if m.current.Outbox.SMTPPasswordSet {
		pass = "A password is stored (never shown). Type a new one to replace it; empty keeps it."
	}
	server := huh.NewGroup(
		huh.NewInput().Title("SMTP server").Description("Host name, e.g. smtp.example.com. Empty: no e-mail.").Value(&f.SMTPHost).CharLimit(253),
		huh.NewInput().Title("SMTP port").Description("587 for STARTTLS, 465 for TLS.").Value(&f.SMTPPort).CharLimit(5),
		huh.NewSelect[string]().Title("SMTP security").Options(
			huh.NewOption("STARTTLS (required)", store.SMTPStartTLS), huh.NewOption("TLS from the start", store.SMTPTLS),
			huh.NewOption("None: a relay on this machine only", store.SMTPNoTLS)).Value(&f.SMTPTLS),
	).Title("E-mail server")
	fields := []huh.Field{
		huh.NewInput().Title("SMTP user").Description("Empty: the server takes mail without a login.").Value(&f.SMTPUser).CharLimit(254),
		huh.NewInput().Title("SMTP password").Description(pass).EchoMode(huh.EchoModePassword).Value(&f.SMTPPassword).CharLimit(500),
	}
	if m.current.Outbox.SMTPPasswordSet {
		fields = append(fields, huh.NewConfirm().Title("Remove the stored password?").Value(&f.ClearPassword))
	}
	fields = append(fields, huh.NewInput().Title("Sender address").Description("The From of every e-mail, e.g. desk@clinic.example.").
		Value(&f.SMTPFrom).CharLimit(254))
	return []*huh.Group{server, huh.NewGroup(fields...).Title("E-mail login and sender")}
}

// Update handles the tab's keys and the form.
func (m *Settings) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case settingsMsg:
		if !m.reloads.Newest(msg.stamp) {
			return m, nil
		}
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
		} else {
			m.current, m.loaded = msg.settings, true
		}
		return m, nil
	case settingsSavedMsg:
		m.busy = false
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
			m.form = m.build()
			return m, m.form.Init()
		}
		m.form, m.message, m.failed = nil, "Settings saved.", false
		return m, m.load()
	case outboxMsg, outboxDoneMsg:
		_, cmd := m.outbox.Update(msg)
		return m, cmd
	case erasureFoundMsg, erasurePlanMsg, retentionMsg, erasedMsg:
		_, cmd := m.erasure.Update(msg)
		return m, cmd
	case tea.MouseMsg:
		if m.showOutbox {
			_, cmd := m.outbox.Update(msg)
			return m, cmd
		}
	case common.StoreChangedMsg:
		var cmds []tea.Cmd
		if m.showErasure {
			_, cmd := m.erasure.Update(msg)
			cmds = append(cmds, cmd)
		}
		if m.showOutbox {
			_, cmd := m.outbox.Update(msg)
			cmds = append(cmds, cmd)
		}
		if msg.Touches(store.TopicSettings) {
			cmds = append(cmds, m.load())
		}
		return m, tea.Batch(cmds...)
	case tea.KeyMsg:
		if m.showErasure {
			if key.Matches(msg, m.keys.Back) && m.erasure.atHome() {
				m.showErasure = false
				return m, nil
			}
			_, cmd := m.erasure.Update(msg)
			return m, cmd
		}
		if m.showOutbox {
			if key.Matches(msg, m.keys.Back) && !m.outbox.keepsEsc() {
				m.showOutbox = false
				return m, nil
			}
			_, cmd := m.outbox.Update(msg)
			return m, cmd
		}
		if m.form == nil && key.Matches(msg, m.keys.Erasure) {
			m.showErasure, m.message = true, ""
			return m, m.erasure.Init()
		}
		if m.form == nil && key.Matches(msg, m.keys.Outbox) {
			m.showOutbox, m.message = true, ""
			return m, m.outbox.Init()
		}
		if m.form == nil {
			if m.loaded && (key.Matches(msg, m.keys.Edit) || key.Matches(msg, m.keys.Messages)) {
				m.messages = key.Matches(msg, m.keys.Messages)
				c := m.current
				o := c.Outbox
				m.fields = settingsFields{Name: common.Safe(c.ClinicName), Zone: common.Safe(c.TimeZone), Currency: common.Safe(c.Currency),
					Idle: strconv.Itoa(c.IdleLockMinutes), Print: common.Safe(c.PrintCommand),
					SMTPHost: common.Safe(o.SMTPHost), SMTPPort: strconv.Itoa(o.SMTPPort), SMTPTLS: o.SMTPTLS,
					SMTPUser: common.Safe(o.SMTPUser), SMTPFrom: common.Safe(o.SMTPFrom), SMSURL: common.Safe(o.SMSGatewayURL),
					SMSTemplate: common.Safe(o.SMSBodyTemplate), ReminderHours: strconv.Itoa(o.ReminderHours),
					RxDays: strconv.Itoa(c.PrescriptionValidDays), RetentionYears: strconv.Itoa(c.RetentionYears)}
				m.initial, m.message = m.fields, ""
				m.form = m.build()
				return m, m.form.Init()
			}
			return m, nil
		}
		if key.Matches(msg, m.keys.Back) && !m.busy {
			m.form = nil
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
		return m, tea.Batch(cmd, m.save())
	}
	return m, cmd
}

// save writes the settings that changed, each in its own audited write.
func (m *Settings) save() tea.Cmd {
	s, actor, f, was := m.c.Store, m.c.Actor(), m.fields, m.initial
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		changes := []struct{ key, value, was string }{
			{store.SettingClinicName, strings.TrimSpace(f.Name), was.Name},
			{store.SettingTimeZone, strings.TrimSpace(f.Zone), was.Zone},
			{store.SettingCurrency, strings.ToUpper(strings.TrimSpace(f.Currency)), was.Currency},
			{store.SettingIdleLockMinutes, strings.TrimSpace(f.Idle), was.Idle},
			{store.SettingPrintCommand, strings.TrimSpace(f.Print), was.Print},
			{store.SettingPrescriptionValidDays, strings.TrimSpace(f.RxDays), was.RxDays},
			{store.SettingRetentionYears, strings.TrimSpace(f.RetentionYears), was.RetentionYears},
			{store.SettingSMTPHost, strings.TrimSpace(f.SMTPHost), was.SMTPHost},
			{store.SettingSMTPPort, strings.TrimSpace(f.SMTPPort), was.SMTPPort},
			{store.SettingSMTPTLS, f.SMTPTLS, was.SMTPTLS},
			{store.SettingSMTPUser, strings.TrimSpace(f.SMTPUser), was.SMTPUser},
			{store.SettingSMTPFrom, strings.TrimSpace(f.SMTPFrom), was.SMTPFrom},
			{store.SettingSMSGatewayURL, strings.TrimSpace(f.SMSURL), was.SMSURL},
			{store.SettingSMSBodyTemplate, strings.TrimSpace(f.SMSTemplate), was.SMSTemplate},
			{store.SettingReminderHours, strings.TrimSpace(f.ReminderHours), was.ReminderHours},
		}
		for _, c := range changes {
			if c.value == c.was {
				continue
			}
			if err := s.PutSetting(ctx, actor, c.key, c.value); err != nil {
				return settingsSavedMsg{err: err}
			}
		}
		switch {
		case f.SMTPPassword != "":
			if err := s.PutSMTPPassword(ctx, actor, f.SMTPPassword); err != nil {
				return settingsSavedMsg{err: err}
			}
		case f.ClearPassword:
			if err := s.PutSMTPPassword(ctx, actor, ""); err != nil {
				return settingsSavedMsg{err: err}
			}
		}
		return settingsSavedMsg{}
	}
}

// View draws the settings, or the form.
func (m *Settings) View() string {
	if m.showErasure {
		return m.erasure.View()
	}
	if m.showOutbox {
		return m.outbox.View()
	}
	st := m.c.Styles
	var b strings.Builder
	switch {
	case m.form != nil:
		b.WriteString(m.form.View() + "\n")
	case !m.loaded:
		b.WriteString(st.Faint.Render("Reading the settings…") + "\n")
	default:
		c := m.current
		row := func(label, value string) {
			b.WriteString(st.Label.Render(label) + st.Text.Render(common.Safe(value)) + "\n")
		}
		row("Clinic name", c.ClinicName)
		row("Time zone", c.TimeZone)
		row("Currency", c.Currency)
		row("Idle lock", strconv.Itoa(c.IdleLockMinutes)+" minutes")
		row("Prescriptions", "valid for "+plural.S(c.PrescriptionValidDays, "day"))
		row("Retention", "details kept "+plural.S(c.RetentionYears, "year")+" after the last visit")
		if c.PrintCommand != "" {
			row("Printouts", "sent to "+c.PrintCommand)
		} else {
			row("Printouts", "saved in "+m.c.Store.PrintDir())
		}
		o := c.Outbox
		if o.EmailReady() {
			login := "no login"
			if o.SMTPUser != "" {
				login = "as " + o.SMTPUser
				if o.SMTPPasswordSet {
					login += " (password stored)"
				}
			}
			row("E-mail", fmt.Sprintf("from %s via %s:%d, %s, %s", o.SMTPFrom, o.SMTPHost, o.SMTPPort, o.SMTPTLS, login))
		} else {
			row("E-mail", "not set up: no server and sender address")
		}
		if o.SMSReady() {
			row("SMS", "via "+o.SMSGatewayURL)
		} else {
			row("SMS", "not set up: no gateway")
		}
		row("Reminders", fmt.Sprintf("%d hours before each appointment", o.ReminderHours))
		b.WriteString("\n")
	}
	switch {
	case m.busy:
		b.WriteString(st.Faint.Render("Saving…"))
	case m.failed:
		b.WriteString(st.Error.Render(common.Safe(m.message)))
	case m.message != "":
		b.WriteString(st.Success.Render(common.Safe(m.message)))
	case m.form != nil:
		b.WriteString(st.Faint.Render("enter: next / save · esc: cancel"))
	}
	return b.String()
}
