// Package reports is the reports tab: the reports the user's role may read (takings,
// appointments and refunds for the admin and the front desk, stock and sales for the
// pharmacist), over a month or any dates, each a table with its total and a chart.
package reports

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/report"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

type ranMsg struct {
	seq    int
	report report.Report
	err    error
}

// Model is the reports tab.
type Model struct {
	c        *common.Common
	keys     keys.Reports
	list     []store.ReportInfo
	chosen   int
	from, to time.Time
	seq      int            // the latest run asked for; older answers are dropped
	shown    *report.Report // the report as run
	listed   *report.Report // its rows the filter lets through, as laid out
	filter   common.Filter
	cursor   int // the selected row of listed
	view     viewport.Model
	form     *huh.Form
	dates    struct{ from, to string }
	err      string
	width    int
	height   int
}

// New returns the reports tab for the user's role.
func New(c *common.Common) *Model {
	m := &Model{c: c, keys: keys.NewReports(), list: store.Reports(c.User.Role), view: viewport.New(0, 0),
		filter: common.NewFilter("filter the rows by their label or detail")}
	now := c.Local(c.Store.Now())
	m.from = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	m.to = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return m
}

// Title is the tab's name.
func (m *Model) Title() string { return "Reports" }

// Init runs the first report.
func (m *Model) Init() tea.Cmd { return m.run() }

// SetSize sets the body's size; the report is laid out again for the width.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

// viewTop is the body's line where the report starts: under the chooser's line, what
// the report is about, and the filter while it is typed or applies.
func (m *Model) viewTop() int {
	top := 1 + strings.Count(m.about(), "\n") + 1
	if m.filter.View() != "" {
		top++
	}
	return top
}

// about says what the chosen report is, wrapped at the tab's width: a line the frame
// had to wrap would move the report under it.
func (m *Model) about() string {
	if len(m.list) == 0 {
		return ""
	}
	return lipgloss.NewStyle().Width(max(20, m.width)).Render(common.Safe(m.list[m.chosen].About))
}

// Typing is true while the dates or the filter are being typed.
func (m *Model) Typing() bool { return m.form != nil || m.filter.Typing() }

// Dirty is false: a report changes nothing.
func (m *Model) Dirty() bool { return false }

// ShortHelp lists the tab's main keys for the footer.
func (m *Model) ShortHelp() []key.Binding {
	if m.filter.Typing() {
		return m.filter.Help()
	}
	// The filter comes before the months: at 80 columns the frame drops the last keys
	// that do not fit, and the list's filter matters more than the choice of dates.
	return append(append([]key.Binding{m.keys.Next}, m.filter.Help()...), m.keys.PrevMonth, m.keys.NextMonth, m.keys.Dates)
}

// FullHelp lists every key of the tab.
func (m *Model) FullHelp() [][]key.Binding {
	if m.filter.Typing() {
		return [][]key.Binding{m.filter.Help()}
	}
	return [][]key.Binding{{m.keys.Prev, m.keys.Next, m.keys.PrevMonth, m.keys.NextMonth, m.keys.Dates},
		{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown}, m.filter.Help()}
}

func (m *Model) run() tea.Cmd {
	if len(m.list) == 0 {
		return nil
	}
	m.seq++
	s, actor, name, from, to, seq := m.c.Store, m.c.Actor(), m.list[m.chosen].Name, m.from, m.to, m.seq
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		r, err := s.Report(ctx, actor, name, from, to)
		return ranMsg{seq: seq, report: r, err: err}
	}
}

// refilter lists the report's rows the filter lets through and lays them out. A total
// over every row would mislead under rows the filter hides, so a filtered report has none.
func (m *Model) refilter() {
	if m.shown == nil {
		return
	}
	r := *m.shown
	if m.filter.On() {
		r.Rows, r.Total = nil, nil
		for _, row := range m.shown.Rows {
			if m.filter.Match(row.Label, row.Detail) {
				r.Rows = append(r.Rows, row)
			}
		}
	}
	m.listed = &r
	m.cursor = min(m.cursor, max(0, len(r.Rows)-1))
	m.layout()
}

// layout draws the listed rows into the viewport at the tab's width, the selected row
// marked, and scrolls to keep it shown.
func (m *Model) layout() {
	m.view.Width, m.view.Height = max(20, m.width), max(3, m.height-m.viewTop())
	if m.listed == nil {
		return
	}
	lines := strings.Split(m.listed.Text(max(40, m.width-1)), "\n")
	if len(m.listed.Rows) > 0 {
		at := m.listed.RowLine(m.cursor)
		lines[at] = m.c.Styles.Selected.Render(lines[at])
	}
	m.view.SetContent(strings.Join(lines, "\n"))
}

// follow scrolls the report so that the selected row is shown.
func (m *Model) follow() {
	if m.listed == nil || len(m.listed.Rows) == 0 {
		return
	}
	at := m.listed.RowLine(m.cursor)
	switch {
	case at < m.view.YOffset:
		m.view.SetYOffset(at)
	case at >= m.view.YOffset+m.view.Height:
		m.view.SetYOffset(at - m.view.Height + 1)
	}
}

// rows is how many rows are listed.
func (m *Model) rows() int {
	if m.listed == nil {
		return 0
	}
	return len(m.listed.Rows)
}

// move moves the selection a row up or down; past the first or the last row the
// report scrolls on, to its title or its chart.
func (m *Model) move(step int) {
	next := m.cursor + step
	if next < 0 || next >= m.rows() {
		if step < 0 {
			m.view.ScrollUp(1)
		} else {
			m.view.ScrollDown(1)
		}
		return
	}
	m.cursor = next
	m.layout()
	m.follow()
}

// click selects the row under a click on the report.
func (m *Model) click(msg tea.MouseMsg) {
	top := m.viewTop()
	if m.listed == nil || msg.Y < top || msg.Y >= top+m.view.Height {
		return
	}
	if i, ok := common.ClickedRow(msg, top+m.listed.RowLine(0)-m.view.YOffset, 0, m.rows(), m.rows()); ok {
		m.cursor = i
		m.layout()
	}
}

// chosenAnew runs the report chosen anew (another report, month or dates), from its first row.
func (m *Model) chosenAnew() tea.Cmd {
	m.cursor = 0
	m.view.GotoTop()
	return m.run()
}

// Update handles keys, the report's answer, the dates form and the store's changes.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case ranMsg:
		if msg.seq != m.seq {
			return m, nil
		}
		m.err = common.ErrorText(msg.err)
		if msg.err == nil {
			m.shown = &msg.report
			m.refilter()
		}
		return m, nil
	case common.StoreChangedMsg:
		if msg.Touches(store.TopicMoney, store.TopicAppointments, store.TopicInventory, store.TopicDispensing) && m.form == nil {
			return m, m.run()
		}
		return m, nil
	}
	if m.form != nil {
		return m, m.updateDates(msg)
	}
	if click, ok := msg.(tea.MouseMsg); ok {
		m.click(click)
		return m, nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	if handled, changed, cmd := m.filter.Key(k); handled {
		if changed {
			m.cursor = 0
			m.view.GotoTop()
		}
		m.refilter() // the filter's line comes or goes, and the report moves under it
		return m, cmd
	}
	switch {
	case key.Matches(k, m.keys.Up):
		m.move(-1)
		return m, nil
	case key.Matches(k, m.keys.Down):
		m.move(1)
		return m, nil
	case key.Matches(k, m.keys.Next) && len(m.list) > 0:
		m.chosen = (m.chosen + 1) % len(m.list)
		return m, m.chosenAnew()
	case key.Matches(k, m.keys.Prev) && len(m.list) > 0:
		m.chosen = (m.chosen + len(m.list) - 1) % len(m.list)
		return m, m.chosenAnew()
	case key.Matches(k, m.keys.PrevMonth), key.Matches(k, m.keys.NextMonth):
		step := 1
		if key.Matches(k, m.keys.PrevMonth) {
			step = -1
		}
		first := time.Date(m.from.Year(), m.from.Month()+time.Month(step), 1, 0, 0, 0, 0, time.UTC)
		m.from, m.to = first, first.AddDate(0, 1, -1)
		return m, m.chosenAnew()
	case key.Matches(k, m.keys.Dates):
		m.dates.from, m.dates.to = m.from.Format(dateLayout), m.to.Format(dateLayout)
		return m, m.datesForm()
	}
	var cmd tea.Cmd
	m.view, cmd = m.view.Update(msg)
	return m, cmd
}

const dateLayout = "2006-01-02"

func validDate(s string) error {
	if _, err := time.Parse(dateLayout, strings.TrimSpace(s)); err != nil {
		return errDate
	}
	return nil
}

var errDate = errors.New("Write the date as YYYY-MM-DD, e.g. 2026-12-01.")

func (m *Model) datesForm() tea.Cmd {
	m.form = huh.NewForm(huh.NewGroup(
		huh.NewInput().Key("from").Title("First day").Value(&m.dates.from).Validate(validDate),
		huh.NewInput().Key("to").Title("Last day").Value(&m.dates.to).Validate(validDate),
	)).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(40)
	return m.form.Init()
}

func (m *Model) updateDates(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc {
		m.form = nil
		return nil
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State != huh.StateCompleted {
		return cmd
	}
	m.form = nil
	from, _ := time.Parse(dateLayout, strings.TrimSpace(m.dates.from))
	to, _ := time.Parse(dateLayout, strings.TrimSpace(m.dates.to))
	m.from, m.to = from, to
	return m.chosenAnew()
}

// View draws the report chooser, the dates and the report.
func (m *Model) View() string {
	st := m.c.Styles
	if len(m.list) == 0 {
		return st.Faint.Render("Your role has no reports.")
	}
	k := m.keys
	head := st.Faint.Render(textsafe.Truncate("Report "+strconv.Itoa(m.chosen+1)+" of "+strconv.Itoa(len(m.list))+
		" · "+k.Prev.Help().Key+" "+k.Next.Help().Key+" another · "+k.PrevMonth.Help().Key+" "+k.NextMonth.Help().Key+
		" month · "+k.Dates.Help().Key+" dates · "+m.filter.Keys.Start.Help().Key+" filter", max(20, m.width)))
	about := st.Faint.Render(m.about())
	if f := m.filter.View(); f != "" {
		all := 0
		if m.shown != nil {
			all = len(m.shown.Rows)
		}
		about += "\n" + f + st.Faint.Render(fmt.Sprintf("  %d of %d rows", m.rows(), all))
	}
	var body string
	switch {
	case m.form != nil:
		body = m.form.View() + "\n" + st.Faint.Render("enter: next / run · esc: keep the dates")
	case m.err != "":
		body = st.Error.Render(m.err)
	case m.shown == nil:
		body = st.Faint.Render("Running the report…")
	default:
		body = m.view.View()
	}
	return lipgloss.NewStyle().MaxHeight(max(1, m.height)).Render(strings.Join([]string{head, about, body}, "\n"))
}
