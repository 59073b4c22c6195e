// Package reports is the reports tab: the reports the user's role may read (takings,
// appointments and refunds for the admin and the front desk, stock and sales for the
// pharmacist), over a month or any dates, each a table with its total and a chart.
package reports

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/report"
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
	seq      int // the latest run asked for; older answers are dropped
	shown    *report.Report
	view     viewport.Model
	form     *huh.Form
	dates    struct{ from, to string }
	err      string
	width    int
	height   int
}

// New returns the reports tab for the user's role.
func New(c *common.Common) *Model {
	m := &Model{c: c, keys: keys.NewReports(), list: store.Reports(c.User.Role), view: viewport.New(0, 0)}
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
	m.view.Width, m.view.Height = max(20, w), max(3, h-2)
	m.layout()
}

// Typing is true while the dates are being typed.
func (m *Model) Typing() bool { return m.form != nil }

// Dirty is false: a report changes nothing.
func (m *Model) Dirty() bool { return false }

// ShortHelp lists the tab's main keys for the footer.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Next, m.keys.PrevMonth, m.keys.NextMonth, m.keys.Dates}
}

// FullHelp lists every key of the tab.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Prev, m.keys.Next, m.keys.PrevMonth, m.keys.NextMonth, m.keys.Dates},
		{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown}}
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

// layout draws the shown report into the viewport at the tab's width.
func (m *Model) layout() {
	if m.shown == nil {
		return
	}
	m.view.SetContent(m.shown.Text(max(40, m.width-1)))
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
			m.layout()
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
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(k, m.keys.Next) && len(m.list) > 0:
		m.chosen = (m.chosen + 1) % len(m.list)
		return m, m.run()
	case key.Matches(k, m.keys.Prev) && len(m.list) > 0:
		m.chosen = (m.chosen + len(m.list) - 1) % len(m.list)
		return m, m.run()
	case key.Matches(k, m.keys.PrevMonth), key.Matches(k, m.keys.NextMonth):
		step := 1
		if key.Matches(k, m.keys.PrevMonth) {
			step = -1
		}
		first := time.Date(m.from.Year(), m.from.Month()+time.Month(step), 1, 0, 0, 0, 0, time.UTC)
		m.from, m.to = first, first.AddDate(0, 1, -1)
		return m, m.run()
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
	return m.run()
}

// View draws the report chooser, the dates and the report.
func (m *Model) View() string {
	st := m.c.Styles
	if len(m.list) == 0 {
		return st.Faint.Render("Your role has no reports.")
	}
	info := m.list[m.chosen]
	head := st.Faint.Render("Report " + strconv.Itoa(m.chosen+1) + " of " + strconv.Itoa(len(m.list)) +
		" · ←/→ another · [/] month · d dates")
	about := st.Faint.Render(common.Safe(info.About))
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
