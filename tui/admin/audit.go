package admin

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// auditFields are the filter form's values as typed.
type auditFields struct{ User, Patient, Table, Action, From, To string }

type auditPageMsg struct {
	stamp   uint64
	limit   int // the rows asked for
	rows    []store.AuditEntry
	fields  auditFields // the filter as typed, for the line above the rows
	err     error
	refusal error // why the store writes nothing (schema drift, a missing audit key), or nil
}

// Audit is the admin's view of the sealed audit trail: filtered by user, patient,
// table, action and dates, paged by id so every page costs the same, and each row
// opened as an old → new diff.
type Audit struct {
	c    *common.Common
	keys keys.Admin
	list keys.List

	fields  auditFields // the filter being typed, or left with esc (kept for next time)
	applied auditFields // the filter of the rows shown: pages turn and reload with it
	form    *huh.Form
	pg      idPages
	rows    []store.AuditEntry
	open    bool // the selected row's diff is shown
	loading bool
	reloads common.Reloads
	err     string
	refusal string // why nothing can be saved, shown above the rows
	// opening is the form asking why the admin opens the shown row's hidden values.
	opening   *huh.Form
	reason    string
	openValue key.Binding
	// access is the access log, shown instead of the trail while showAccess; the
	// switch key toggles them (its help names the other view).
	access     *Access
	showAccess bool
	toAccess   key.Binding
	toTrail    key.Binding

	width, height int
}

// NewAudit returns the Audit tab.
func NewAudit(c *common.Common) *Audit {
	k := keys.NewAdmin()
	return &Audit{c: c, keys: k, list: keys.NewList(), pg: newIDPages(),
		openValue: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "open the values (say why; logged)")),
		access:    newAccess(c), toAccess: k.AccessLog,
		toTrail: key.NewBinding(key.WithKeys(k.AccessLog.Keys()...), key.WithHelp(k.AccessLog.Help().Key, "audit trail"))}
}

// Title is the tab's name.
func (m *Audit) Title() string { return "Audit" }

// Init loads the newest page.
func (m *Audit) Init() tea.Cmd { return m.fetch(m.fields, 0) }

// SetSize records the body's size; the page holds as many rows as fit.
func (m *Audit) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.form != nil {
		m.form = m.form.WithHeight(m.formRows())
	}
	m.access.SetSize(w, h)
}

// Typing reports the filter form's focus.
func (m *Audit) Typing() bool {
	if m.showAccess {
		return m.access.Typing()
	}
	return m.form != nil || m.opening != nil
}

// Dirty is false: a filter is not work to lose.
func (m *Audit) Dirty() bool { return false }

// pageSize is the rows the body fits, at most what the store reads a page (a shorter
// page is the oldest, so a taller terminal's would never turn).
func (m *Audit) pageSize() int { return min(store.AuditPageSize, max(3, m.height-5)) }

// fetch resolves the typed filter (an account's email or name, a patient's code, local
// dates) and reads one page.
func (m *Audit) fetch(f auditFields, beforeID int64) tea.Cmd {
	s, actor, loc, limit, stamp := m.c.Store, m.c.Actor(), m.c.Settings.Location(), m.pageSize(), m.reloads.Start()
	m.loading = true
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		var filter store.AuditFilter
		var err error
		if filter.ActorID, err = findUser(ctx, s, actor, f.User); err != nil {
			return auditPageMsg{stamp: stamp, limit: limit, err: err}
		}
		if p := strings.TrimSpace(f.Patient); p != "" {
			id, err := s.AuditPatientID(ctx, actor, p)
			if err != nil {
				return auditPageMsg{stamp: stamp, limit: limit, err: err}
			}
			filter.PatientID = id
		}
		filter.Table, filter.Action = f.Table, strings.TrimSpace(f.Action)
		if filter.From, err = parseDay(f.From, loc); err != nil {
			return auditPageMsg{stamp: stamp, limit: limit, err: err}
		}
		if filter.To, err = parseDay(f.To, loc); err != nil {
			return auditPageMsg{stamp: stamp, limit: limit, err: err}
		}
		if !filter.To.IsZero() {
			filter.To = filter.To.AddDate(0, 0, 1) // "to" includes that whole day
		}
		rows, err := s.AuditPage(ctx, actor, filter, beforeID, limit)
		return auditPageMsg{stamp: stamp, limit: limit, rows: rows, fields: f, err: err, refusal: s.WriteRefusal(ctx)}
	}
}

// findUser finds the account an admin typed into a filter, by email or name (0: the
// filter is empty): the exact email when several match, else the first.
func findUser(ctx context.Context, s *store.Store, actor store.Actor, typed string) (int64, error) {
	u := strings.TrimSpace(typed)
	if u == "" {
		return 0, nil
	}
	users, err := s.ListUsers(ctx, actor, u)
	if err != nil {
		return 0, err
	}
	if len(users) == 0 {
		return 0, errors.New("No account matches " + common.Safe(u) + ".")
	}
	id := users[0].ID
	for _, cand := range users {
		if strings.EqualFold(cand.Email, u) {
			id = cand.ID
		}
	}
	return id, nil
}

// parseDay reads YYYY-MM-DD as the start of that day in the clinic's time zone.
func parseDay(v string, loc *time.Location) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, loc)
	if err != nil {
		return time.Time{}, errors.New("Dates must look like 2026-03-31.")
	}
	return t, nil
}

func (m *Audit) buildForm() *huh.Form {
	f := &m.fields
	tables := []huh.Option[string]{huh.NewOption("any table", "")}
	for _, t := range store.AuditTables() {
		tables = append(tables, huh.NewOption(t, t))
	}
	day := func(v string) error { _, err := parseDay(v, time.UTC); return err }
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("User").Description("Email or name of who acted; empty for anyone.").Value(&f.User),
		huh.NewInput().Title("Patient").Description("Patient code, such as PAT000123.").Value(&f.Patient),
		huh.NewSelect[string]().Title("Table").Options(tables...).Value(&f.Table).Height(6),
		huh.NewInput().Title("Action").Description("INSERT, UPDATE, DELETE, login, failed_login, lockout, idle_lock, unlock, permission_refused, break_glass…").Value(&f.Action),
		huh.NewInput().Title("From").Placeholder("YYYY-MM-DD").Value(&f.From).Validate(day),
		huh.NewInput().Title("To").Placeholder("YYYY-MM-DD").Value(&f.To).Validate(day),
	)).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(min(90, max(40, m.width-2))).WithHeight(m.formRows())
}

// formRows is the filter form's height: the body less the title above it and the hint
// below, so that the form scrolls its focused field into view (at 24 lines From and To
// were typed below the screen's edge).
func (m *Audit) formRows() int { return max(6, m.height-4) }

// Update handles paging, the filter form and opening a row, and hands the access log's
// answers, and keys and changes while it is shown, to it. A page read for another size
// than the body's is read again (fitPage).
func (m *Audit) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg.(type) {
	case accessPageMsg:
		return m, m.access.Update(msg)
	case auditPageMsg, auditValuesMsg:
		// The trail's own answers, whichever view is shown: a page asked for just
		// before the access log was shown arrives under it.
	default:
		if m.showAccess {
			if k, ok := msg.(tea.KeyMsg); ok && m.access.browsing() && key.Matches(k, m.toTrail) {
				m.showAccess = false
				return m, m.fitPage()
			}
			return m, m.access.Update(msg)
		}
	}
	cmd := m.update(msg)
	if fit := m.fitPage(); fit != nil {
		cmd = tea.Batch(cmd, fit)
	}
	return m, cmd
}

// fitPage reads the shown page again when the body's height changed since it was
// read: a taller terminal fills, a shorter one shows no row below its edge.
func (m *Audit) fitPage() tea.Cmd {
	if m.loading || m.showAccess || !m.browsing() || m.pg.fits(m.pageSize()) {
		return nil
	}
	return m.fetch(m.applied, m.pg.before())
}

func (m *Audit) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case auditPageMsg:
		if !m.reloads.Newest(msg.stamp) {
			return nil // a newer page is on its way, and ends the loading
		}
		m.loading = false
		if msg.err != nil {
			m.pg.failed(msg.limit)
			m.err = common.ErrorText(msg.err)
			return nil
		}
		m.err, m.rows, m.applied, m.refusal = "", msg.rows, msg.fields, ""
		if msg.refusal != nil {
			m.refusal = msg.refusal.Error()
		}
		m.pg.arrived(len(m.rows), msg.limit)
		return nil
	case common.StoreChangedMsg:
		// The newest page follows the trail live; an error stays until the admin acts.
		if m.pg.first() && !m.open && m.form == nil && !m.loading && m.err == "" {
			return m.fetch(m.applied, 0)
		}
		return nil
	case auditValuesMsg:
		m.err = common.ErrorText(msg.err)
		if msg.err == nil && m.pg.cursor < len(m.rows) && m.rows[m.pg.cursor].ID == msg.entry.ID {
			m.rows[m.pg.cursor] = msg.entry
		}
		return nil
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		if i, ok := common.ClickedRow(msg, m.headRows(), 0, len(m.rows), len(m.rows)); ok && m.browsing() {
			m.pg.cursor = i
		}
		return nil
	}
	if m.opening != nil {
		return m.updateOpening(msg)
	}
	return m.updateForm(msg)
}

// auditValuesMsg is one row's values, opened for a reason.
type auditValuesMsg struct {
	entry store.AuditEntry
	err   error
}

// updateOpening runs the reason form; once it is filled, the store opens the values.
func (m *Audit) updateOpening(msg tea.Msg) tea.Cmd {
	model, cmd := m.opening.Update(msg)
	m.opening = model.(*huh.Form)
	if m.opening.State != huh.StateCompleted {
		return cmd
	}
	m.opening = nil
	s, actor, id, reason := m.c.Store, m.c.Actor(), m.rows[m.pg.cursor].ID, m.reason
	return tea.Batch(cmd, func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		e, err := s.OpenAuditValues(ctx, actor, id, reason)
		return auditValuesMsg{entry: e, err: err}
	})
}

func (m *Audit) updateForm(msg tea.Msg) tea.Cmd {
	cmd, done := runFilter(&m.form, msg)
	if done {
		m.pg.reset()
		return tea.Batch(cmd, m.fetch(m.fields, 0))
	}
	return cmd
}

func (m *Audit) key(k tea.KeyMsg) tea.Cmd {
	if m.form != nil {
		if key.Matches(k, m.keys.Back) {
			m.form = nil
			return nil
		}
		return m.updateForm(k)
	}
	if m.opening != nil {
		if key.Matches(k, m.keys.Back) {
			m.opening = nil
			return nil
		}
		return m.updateOpening(k)
	}
	if m.open {
		switch {
		case key.Matches(k, m.keys.Back) || key.Matches(k, m.list.Open):
			m.open, m.err = false, ""
		case key.Matches(k, m.openValue) && m.pg.cursor < len(m.rows) && m.rows[m.pg.cursor].ValuesHidden:
			m.reason = ""
			m.opening = huh.NewForm(huh.NewGroup(huh.NewInput().Title("Why do you need this record's values?").
				Description("10 to 500 characters. The reason goes into the access log, and the admins are told.").
				Value(&m.reason).Validate(func(v string) error {
				if n := len([]rune(strings.TrimSpace(v))); n < 10 || n > 500 {
					return errors.New("say why in 10 to 500 characters")
				}
				return nil
			}))).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(min(90, max(40, m.width-2)))
			return m.opening.Init()
		}
		return nil
	}
	switch {
	case key.Matches(k, m.toAccess):
		m.showAccess = true
		return m.access.Init()
	case key.Matches(k, m.keys.Filter), key.Matches(k, m.list.Search):
		m.form = m.buildForm()
		return m.form.Init()
	case key.Matches(k, m.keys.ClearAll):
		m.fields = auditFields{}
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
func (m *Audit) ShortHelp() []key.Binding {
	if m.showAccess {
		if m.access.browsing() {
			h := m.access.ShortHelp() // the way back second, so a narrow footer keeps it
			return append([]key.Binding{h[0], m.toTrail}, h[1:]...)
		}
		return m.access.ShortHelp()
	}
	switch {
	case m.open && m.opening == nil && m.pg.cursor < len(m.rows) && m.rows[m.pg.cursor].ValuesHidden:
		return []key.Binding{m.keys.Back, m.openValue}
	case m.form != nil, m.open:
		return []key.Binding{m.keys.Back}
	}
	return []key.Binding{m.keys.Filter, m.toAccess, m.keys.ClearAll, m.list.Open, m.keys.NextPage, m.keys.PrevPage}
}

// FullHelp lists every key of the tab.
func (m *Audit) FullHelp() [][]key.Binding {
	if m.showAccess {
		return [][]key.Binding{m.ShortHelp(), {m.list.Up, m.list.Down, m.keys.Filter}}
	}
	return [][]key.Binding{m.ShortHelp(), {m.list.Up, m.list.Down}}
}

// View draws the page, the filter form, or one row's diff; or the access log.
func (m *Audit) View() string {
	if m.showAccess {
		return m.access.View()
	}
	st := m.c.Styles
	if m.form != nil {
		return st.Bold.Render("Filter the audit trail") + "\n\n" + m.form.View() + "\n" +
			st.Faint.Render("enter: next / apply · esc: cancel")
	}
	if m.opening != nil {
		return st.Bold.Render("Open the values of a patient's record") + "\n\n" + m.opening.View() + "\n" +
			st.Faint.Render("enter: open · esc: cancel")
	}
	if m.open && m.pg.cursor < len(m.rows) {
		view := m.diffView(m.rows[m.pg.cursor])
		if m.err != "" {
			view += st.Error.Render(textsafeWrapped(m.err, m.width)) + "\n"
		}
		return view
	}
	var b strings.Builder
	b.WriteString(m.head())
	for i, r := range m.rows {
		line := m.auditRow(m.c.Local(r.At).Format("2006-01-02 15:04:05"), actorName(r), r.Table, r.Action,
			idText(r.RowID), idText(r.PatientID))
		if i == m.pg.cursor {
			line = st.Selected.Render(line)
		}
		b.WriteString(line + "\n")
	}
	if len(m.rows) == 0 && !m.loading {
		b.WriteString(st.Faint.Render("No audit rows match.") + "\n")
	}
	if m.err != "" {
		b.WriteString(st.Error.Render(common.Safe(m.err)) + "\n")
	}
	return b.String()
}

// browsing reports that the page of rows is shown, not a form or one row's diff.
func (m *Audit) browsing() bool { return m.form == nil && m.opening == nil && !m.open }

// head is what is drawn above the rows: why nothing can be saved (wrapped), the
// filter's line and the column titles.
func (m *Audit) head() string {
	st := m.c.Styles
	var b strings.Builder
	if m.refusal != "" {
		b.WriteString(st.Error.Render(textsafeWrapped("Nothing can be saved: "+m.refusal, m.width)) + "\n")
	}
	b.WriteString(st.Faint.Render(textsafeLine(m.filterLine(), m.width)) + "\n")
	b.WriteString(st.Bold.Render(m.auditRow("When", "Who", "Table", "Action", "Row", "Patient")) + "\n")
	return b.String()
}

// headRows is the body's line of the first row: a click there selects it.
func (m *Audit) headRows() int { return strings.Count(m.head(), "\n") }

func (m *Audit) filterLine() string {
	f := m.applied
	var parts []string
	for _, p := range []struct{ label, value string }{{"user", f.User}, {"patient", f.Patient}, {"table", f.Table},
		{"action", f.Action}, {"from", f.From}, {"to", f.To}} {
		if strings.TrimSpace(p.value) != "" {
			parts = append(parts, p.label+" "+p.value)
		}
	}
	filter := "all rows"
	if len(parts) > 0 {
		filter = strings.Join(parts, " · ")
	}
	return fmt.Sprintf("Page %d · %s · newest first", m.pg.number(), filter)
}

func (m *Audit) auditRow(when, who, table, action, row, patient string) string {
	// The fixed columns take 61 cells, so the row fits 80 columns with a name of 10;
	// what a narrower terminal cannot show is cut, never wrapped onto the next row.
	w := max(20, m.width)
	whoW := max(10, w-19-1-16-1-12-1-7-1-7-1)
	return textsafeLine(pad(when, 19)+" "+pad(who, whoW)+" "+pad(table, 16)+" "+pad(action, 12)+" "+
		pad(row, 7)+" "+pad(patient, 7), w)
}

func actorName(r store.AuditEntry) string {
	if r.ActorName == "" {
		return "(outside ClinicDesk)"
	}
	return r.ActorName
}

func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return fmt.Sprint(id)
}
