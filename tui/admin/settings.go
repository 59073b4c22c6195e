package admin

import (
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
	settings store.Settings
	err      error
}

type settingsSavedMsg struct{ err error }

// settingsFields are the form's values.
type settingsFields struct{ Name, Zone, Currency, Idle, Print, RxDays string }

// Settings is the admin's tab for the clinic's preferences.
type Settings struct {
	c    *common.Common
	keys keys.Admin

	current         store.Settings
	fields, initial settingsFields
	form            *huh.Form
	busy            bool
	message         string
	failed          bool
}

// NewSettings returns the Settings tab.
func NewSettings(c *common.Common) *Settings { return &Settings{c: c, keys: keys.NewAdmin()} }

// Title is the tab's name.
func (m *Settings) Title() string { return "Settings" }

// Init reads the settings.
func (m *Settings) Init() tea.Cmd { return m.load() }

func (m *Settings) load() tea.Cmd {
	s := m.c.Store
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		set, err := s.Settings(ctx)
		return settingsMsg{settings: set, err: err}
	}
}

// SetSize is a no-op: the tab is a few lines.
func (m *Settings) SetSize(int, int) {}

// Typing reports the form's focus.
func (m *Settings) Typing() bool { return m.form != nil }

// Dirty reports changed, unsaved values.
func (m *Settings) Dirty() bool { return m.form != nil && m.fields != m.initial }

// ShortHelp lists the tab's keys.
func (m *Settings) ShortHelp() []key.Binding {
	if m.form != nil {
		return []key.Binding{m.keys.Back}
	}
	return []key.Binding{m.keys.Edit}
}

// FullHelp lists the tab's keys.
func (m *Settings) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

func (m *Settings) build() *huh.Form {
	f := &m.fields
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
	)).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(64)
}

// Update handles the tab's keys and the form.
func (m *Settings) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case settingsMsg:
		if msg.err != nil {
			m.message, m.failed = common.ErrorText(msg.err), true
		} else {
			m.current = msg.settings
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
	case common.StoreChangedMsg:
		if msg.Touches(store.TopicSettings) {
			return m, m.load()
		}
		return m, nil
	case tea.KeyMsg:
		if m.form == nil {
			if key.Matches(msg, m.keys.Edit) {
				c := m.current
				m.fields = settingsFields{Name: common.Safe(c.ClinicName), Zone: common.Safe(c.TimeZone), Currency: common.Safe(c.Currency),
					Idle: strconv.Itoa(c.IdleLockMinutes), Print: common.Safe(c.PrintCommand),
					RxDays: strconv.Itoa(c.PrescriptionValidDays)}
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
		}
		for _, c := range changes {
			if c.value == c.was {
				continue
			}
			if err := s.PutSetting(ctx, actor, c.key, c.value); err != nil {
				return settingsSavedMsg{err: err}
			}
		}
		return settingsSavedMsg{}
	}
}

// View draws the settings, or the form.
func (m *Settings) View() string {
	st := m.c.Styles
	var b strings.Builder
	if m.form != nil {
		b.WriteString(m.form.View() + "\n")
	} else {
		c := m.current
		row := func(label, value string) {
			b.WriteString(st.Label.Render(label) + st.Text.Render(common.Safe(value)) + "\n")
		}
		row("Clinic name", c.ClinicName)
		row("Time zone", c.TimeZone)
		row("Currency", c.Currency)
		row("Idle lock", strconv.Itoa(c.IdleLockMinutes)+" minutes")
		row("Prescriptions", "valid for "+plural.S(c.PrescriptionValidDays, "day"))
		if c.PrintCommand != "" {
			row("Printouts", "sent to "+c.PrintCommand)
		} else {
			row("Printouts", "saved in "+m.c.Store.PrintDir())
		}
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
