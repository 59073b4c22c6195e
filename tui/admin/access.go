package admin

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// accessFields are the access log filter's values as typed.
type accessFields struct{ User, Patient, From, To string }

type accessPageMsg struct {
	stamp  uint64
	limit  int // the rows asked for
	rows   []store.AccessRecord
	fields accessFields
	err    error
}

// Access is the admin's view of the access log, within the Audit tab: who opened which
// patient's record, when, emergency access with its reason, and refusals; filtered by
// user, patient and dates, paged by id, and each row opened whole.
type Access struct {
	c    *common.Common
	keys keys.Admin
	list keys.List

	fields  accessFields // the filter being typed, or left with esc (kept for next time)
	applied accessFields // the filter of the rows shown: pages turn and reload with it
	form    *huh.Form
	pg      idPages
	rows    []store.AccessRecord
	open    bool
	loading bool
	reloads common.Reloads
	err     string

	width, height int
}

func newAccess(c *common.Common) *Access {
	return &Access{c: c, keys: keys.NewAdmin(), list: keys.NewList(), pg: newIDPages()}
}

// Init reads the page shown, of the filter shown (at first the newest, of every
// access): the audit tab calls it each time it shows the log, which so reopens where
// the admin left it.
func (m *Access) Init() tea.Cmd { return m.fetch(m.applied, m.pg.before()) }

// SetSize records the body's size; the page holds as many rows as fit.
func (m *Access) SetSize(w, h int) { m.width, m.height = w, h }

// Typing reports the filter form's focus.
func (m *Access) Typing() bool { return m.form != nil }

// browsing reports that the list is shown, not a form or one row.
func (m *Access) browsing() bool { return m.form == nil && !m.open }

// accessHeadRows are the lines above the rows: the title with the filter, the column
// titles.
const accessHeadRows = 2

// pageSize is the rows the body fits, at most what the store reads a page (a shorter
// page is the oldest, so a taller terminal's would never turn).
func (m *Access) pageSize() int { return min(store.AccessPageSize, max(3, m.height-4)) }

// fetch resolves the typed filter (an account's email or name, a patient's code, the
// clinic's dates) and reads one page.
func (m *Access) fetch(f accessFields, beforeID int64) tea.Cmd {
	s, actor, loc, limit, stamp := m.c.Store, m.c.Actor(), m.c.Settings.Location(), m.pageSize(), m.reloads.Start()
	m.loading = true
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		var filter store.AccessFilter
		var err error
		if filter.UserID, err = findUser(ctx, s, actor, f.User); err != nil {
			return accessPageMsg{stamp: stamp, limit: limit, err: err}
		}
		if p := strings.TrimSpace(f.Patient); p != "" {
			if filter.PatientID, err = s.AccessPatientID(ctx, actor, p); err != nil {
				return accessPageMsg{stamp: stamp, limit: limit, err: err}
			}
		}
		if filter.From, err = parseDay(f.From, loc); err != nil {
			return accessPageMsg{stamp: stamp, limit: limit, err: err}
		}
		if filter.To, err = parseDay(f.To, loc); err != nil {
			return accessPageMsg{stamp: stamp, limit: limit, err: err}
		}
		if !filter.To.IsZero() {
			filter.To = filter.To.AddDate(0, 0, 1) // "to" includes that whole day
		}
		rows, err := s.AccessLogPage(ctx, actor, filter, beforeID, limit)
		return accessPageMsg{stamp: stamp, limit: limit, rows: rows, fields: f, err: err}
	}
}

func (m *Access) buildForm() *huh.Form {
	f := &m.fields
	day := func(v string) error { _, err := parseDay(v, time.UTC); return err }
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("User").Description("Email or name of who opened records; empty for anyone.").Value(&f.User),
		huh.NewInput().Title("Patient").Description("Patient code, such as PAT000123.").Value(&f.Patient),
		huh.NewInput().Title("From").Placeholder("YYYY-MM-DD").Value(&f.From).Validate(day),
		huh.NewInput().Title("To").Placeholder("YYYY-MM-DD").Value(&f.To).Validate(day),
	)).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(min(90, max(40, m.width-2)))
}

// Update handles paging, the filter form and opening a row. A page read for another
// size than the body's is read again (fitPage).
func (m *Access) Update(msg tea.Msg) tea.Cmd {
	cmd := m.update(msg)
	if fit := m.fitPage(); fit != nil {
		cmd = tea.Batch(cmd, fit)
	}
	return cmd
}

// fitPage reads the shown page again when the body's height changed since it was
// read: a taller terminal fills, a shorter one shows no row below its edge.
func (m *Access) fitPage() tea.Cmd {
	if m.loading || !m.browsing() || m.pg.fits(m.pageSize()) {
		return nil
	}
	return m.fetch(m.applied, m.pg.before())
}

func (m *Access) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case accessPageMsg:
		if !m.reloads.Newest(msg.stamp) {
			return nil // a newer page is on its way, and ends the loading
		}
		m.loading = false
		if msg.err != nil {
			m.pg.failed(msg.limit)
			m.err = common.ErrorText(msg.err)
			return nil
		}
		m.err, m.rows, m.applied = "", msg.rows, msg.fields
		m.pg.arrived(len(m.rows), msg.limit)
		return nil
	case common.StoreChangedMsg:
		// The newest page follows the log live; an error stays until the admin acts.
		if m.pg.first() && m.browsing() && !m.loading && m.err == "" {
			return m.fetch(m.applied, 0)
		}
		return nil
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		if i, ok := common.ClickedRow(msg, accessHeadRows, 0, len(m.rows), len(m.rows)); ok && m.browsing() {
			m.pg.cursor = i
		}
		return nil
	}
	return m.updateForm(msg)
}

func (m *Access) updateForm(msg tea.Msg) tea.Cmd {
	cmd, done := runFilter(&m.form, msg)
	if done {
		m.pg.reset()
		return tea.Batch(cmd, m.fetch(m.fields, 0))
	}
	return cmd
}

func (m *Access) key(k tea.KeyMsg) tea.Cmd {
	if m.form != nil {
		if key.Matches(k, m.keys.Back) {
			m.form = nil
			return nil
		}
		return m.updateForm(k)
	}
	if m.open {
		if key.Matches(k, m.keys.Back) || key.Matches(k, m.list.Open) {
			m.open = false
		}
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Filter), key.Matches(k, m.list.Search):
		m.form = m.buildForm()
		return m.form.Init()
	case key.Matches(k, m.keys.ClearAll):
		m.fields = accessFields{}
		m.pg.reset()
		return m.fetch(m.fields, 0)
	case key.Matches(k, m.list.Open):
		m.open = len(m.rows) > 0
	default:
		var last int64
		if len(m.rows) > 0 {
			last = m.rows[len(m.rows)-1].ID
		}
		if before, turn := m.pg.move(k, m.keys, m.list, len(m.rows), last); turn {
			return m.fetch(m.applied, before)
		}
	}
	return nil
}

// ShortHelp lists the keys of what is shown.
func (m *Access) ShortHelp() []key.Binding {
	if m.form != nil || m.open {
		return []key.Binding{m.keys.Back}
	}
	return []key.Binding{m.list.Search, m.list.Open, m.keys.ClearAll, m.keys.NextPage, m.keys.PrevPage}
}

// FullHelp lists every key of the tab.
func (m *Access) FullHelp() [][]key.Binding {
	return [][]key.Binding{m.ShortHelp(), {m.list.Up, m.list.Down, m.keys.Filter}}
}

// View draws the page, the filter form, or one row whole.
func (m *Access) View() string {
	st := m.c.Styles
	if m.form != nil {
		return st.Bold.Render("Filter the access log") + "\n\n" + m.form.View() + "\n" +
			st.Faint.Render("enter: next / apply · esc: cancel")
	}
	if m.open && m.pg.cursor < len(m.rows) {
		return m.rowView(m.rows[m.pg.cursor])
	}
	var b strings.Builder
	b.WriteString(st.Bold.Render("Access log") + st.Faint.Render(textsafeLine(" · "+m.filterLine(), m.width-10)) + "\n")
	b.WriteString(st.Bold.Render(m.accessRow("When", "Who", "Role", "Patient", "What")) + "\n")
	for i, r := range m.rows {
		line := m.accessRow(m.c.Local(r.At).Format("02 Jan 15:04"), r.Who(), string(r.UserRole), r.PatientCode, whatText(r))
		switch {
		case i == m.pg.cursor:
			line = st.Selected.Render(line)
		case !r.Allowed:
			line = st.Error.Render(line)
		}
		b.WriteString(line + "\n")
	}
	if len(m.rows) == 0 && !m.loading {
		b.WriteString(st.Faint.Render("No access matches.") + "\n")
	}
	if m.err != "" {
		b.WriteString(st.Error.Render(textsafeWrapped(m.err, m.width)) + "\n")
	}
	return b.String()
}

// whatText is what was done, refusals marked.
func whatText(r store.AccessRecord) string {
	if !r.Allowed {
		return "refused: " + r.What
	}
	return r.What
}

// rowView is one access with its reason whole.
func (m *Access) rowView(r store.AccessRecord) string {
	st := m.c.Styles
	lines := []string{st.Bold.Render(fmt.Sprintf("Access row %d", r.ID))}
	field := func(label, value string) {
		if value != "" {
			lines = append(lines, lipgloss.JoinHorizontal(lipgloss.Top, st.Label.Width(10).Render(label),
				textsafeWrapped(value, m.width-10)))
		}
	}
	field("When", m.c.Local(r.At).Format("Monday 2 January 2006 15:04:05"))
	field("Who", strings.TrimSpace(r.Who()+" "+string(r.UserRole)))
	field("Patient", r.PatientCode)
	field("What", whatText(r))
	if r.Entity != "" && r.EntityID != 0 {
		field("Record", fmt.Sprintf("%s %d", r.Entity, r.EntityID))
	}
	field("Reason", r.Reason)
	return strings.Join(lines, "\n") + "\n"
}

func (m *Access) filterLine() string {
	f := m.applied
	var parts []string
	for _, p := range []struct{ label, value string }{{"user", f.User}, {"patient", f.Patient},
		{"from", f.From}, {"to", f.To}} {
		if strings.TrimSpace(p.value) != "" {
			parts = append(parts, p.label+" "+p.value)
		}
	}
	filter := "every access"
	if len(parts) > 0 {
		filter = strings.Join(parts, " · ")
	}
	return fmt.Sprintf("Page %d · %s · newest first", m.pg.number(), filter)
}

func (m *Access) accessRow(when, who, role, patient, what string) string {
	// The fixed columns take 38 cells and the name 14, so what was done has 26 at 80
	// columns; a wider terminal gives the name and the action more. What a narrower one
	// cannot show is cut, never wrapped. The year is in the filter and the opened row.
	w := max(20, m.width)
	rest := max(20, w-12-1-12-1-9-1-1)
	whoW := max(14, rest*2/5)
	return textsafeLine(pad(when, 12)+" "+pad(who, whoW)+" "+pad(role, 12)+" "+pad(patient, 9)+" "+
		pad(what, rest-whoW), w)
}
