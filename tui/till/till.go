// Package till is the till tab of the front desk and of the pharmacy: the day's money
// by method, counted and closed at the end of the day into a numbered close-of-day
// report, and the closed tills of past days with their reports.
package till

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// closesShown is how many closed tills the tab lists.
const closesShown = 60

type mode int

const (
	modeView mode = iota
	modeCount
	modeReport
)

type loadedMsg struct {
	stamp  uint64
	day    time.Time
	till   store.Till
	closes []store.Till
	err    error
}

type closedMsg struct {
	day    time.Time
	number int64
	err    error
}

type reportMsg struct {
	day  time.Time
	text string
	err  error
}

// count is what the counting form is bound to, so a refused close keeps what was typed.
type count struct {
	amounts map[store.PaymentMethod]*string
	reason  string
}

// Model is the till tab of one desk.
type Model struct {
	c       *common.Common
	desk    store.Desk
	keys    keys.Till
	day     time.Time // the clinic's date shown
	till    store.Till
	closes  []store.Till // the closed tills, as read
	shown   []store.Till // those the filter lets through, as listed
	filter  common.Filter
	cursor  int // over shown
	mode    mode
	form    *huh.Form
	count   count
	report  *common.Printout
	loaded  bool // the shown day's till has been read
	reloads common.Reloads
	message string
	isError bool
	busy    bool
	width   int
	height  int
}

// New returns the till tab of the desk.
func New(c *common.Common, desk store.Desk) *Model {
	m := &Model{c: c, desk: desk, keys: keys.NewTill(), filter: common.NewFilter("filter closed tills by number, day, who or reason")}
	m.day = m.today()
	return m
}

func (m *Model) today() time.Time {
	now := m.c.Local(m.c.Store.Now())
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}

// Title is the tab's name.
func (m *Model) Title() string { return "Till" }

// Init loads the day's till.
func (m *Model) Init() tea.Cmd { return m.load() }

// SetSize sets the body's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.report != nil {
		m.report.SetSize(w, h)
	}
}

// Typing is true while the count or the filter is being typed.
func (m *Model) Typing() bool { return m.mode == modeCount || m.mode == modeView && m.filter.Typing() }

// Dirty is true while a count is open: leaving would lose it.
func (m *Model) Dirty() bool { return m.mode == modeCount }

// ShortHelp lists the tab's main keys for the footer.
func (m *Model) ShortHelp() []key.Binding {
	if m.filter.Typing() {
		return m.filter.Help()
	}
	return append([]key.Binding{m.keys.Count, m.keys.PrevDay, m.keys.NextDay, m.keys.Open}, m.filter.Help()...)
}

// FullHelp lists every key of the tab.
func (m *Model) FullHelp() [][]key.Binding {
	if m.filter.Typing() {
		return [][]key.Binding{m.filter.Help()}
	}
	return [][]key.Binding{{m.keys.Count, m.keys.PrevDay, m.keys.NextDay, m.keys.Today},
		{m.keys.Up, m.keys.Down, m.keys.Open}, m.filter.Help()}
}

func (m *Model) load() tea.Cmd {
	s, actor, desk, day, stamp := m.c.Store, m.c.Actor(), m.desk, m.day, m.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		till, err := s.Till(ctx, actor, desk, day)
		if err != nil {
			return loadedMsg{stamp: stamp, day: day, err: err}
		}
		closes, err := s.TillCloses(ctx, actor, desk, closesShown)
		return loadedMsg{stamp: stamp, day: day, till: till, closes: closes, err: err}
	}
}

// Update handles keys, loads, the close and the store's changes.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.StoreChangedMsg:
		if msg.Touches(store.TopicMoney) && m.mode != modeCount {
			return m, m.load()
		}
		return m, nil
	case loadedMsg:
		if !m.reloads.Newest(msg.stamp) {
			return m, nil
		}
		if msg.err != nil {
			m.setMessage(common.ErrorText(msg.err), true)
		} else if msg.day.Equal(m.day) {
			m.till, m.closes, m.loaded = msg.till, msg.closes, true
			m.refilter()
		}
		return m, nil
	case closedMsg:
		m.busy = false
		if msg.err != nil {
			m.setMessage(common.ErrorText(msg.err), true)
			var fe *store.FieldError
			return m, m.rebuildForm(errors.As(msg.err, &fe) && fe.Field == "reason")
		}
		m.mode, m.form = modeView, nil
		m.setMessage("Till closed: close-of-day report No. "+number(msg.number)+".", false)
		return m, tea.Batch(m.load(), m.openReport(msg.day))
	case reportMsg:
		if msg.err != nil {
			m.setMessage(common.ErrorText(msg.err), true)
			return m, nil
		}
		desk, day := m.desk, msg.day
		m.report = common.NewPrintout(m.c, "Close of day · "+desk.String()+" · "+msg.day.Format("Mon 2 Jan 2006"),
			msg.text, func(ctx context.Context, s *store.Store, actor store.Actor) (store.Printed, error) {
				return s.PrintCloseOfDay(ctx, actor, desk, day)
			})
		m.report.SetSize(m.width, m.height)
		m.mode = modeReport
		return m, nil
	}
	switch m.mode {
	case modeCount:
		return m, m.updateCount(msg)
	case modeReport:
		closed, cmd := m.report.Update(msg)
		if closed {
			m.mode, m.report = modeView, nil
		}
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		top, room := m.closesWindow()
		if i, ok := common.ClickedRow(msg, m.closesTop(), top, room, len(m.shown)); ok {
			m.cursor = i
		}
	}
	return m, nil
}

// refilter lists the closed tills the filter lets through, keeping the selected one
// selected while listed.
func (m *Model) refilter() {
	m.shown, m.cursor = common.Narrow(&m.filter, m.closes, m.shown, m.cursor,
		func(t store.Till) int64 { return t.Number },
		func(t store.Till) []string {
			return []string{"No. " + number(t.Number), t.Day.Format("Mon 2 Jan 2006"), t.ClosedBy, t.Reason}
		})
}

func (m *Model) setMessage(text string, isError bool) { m.message, m.isError = text, isError }

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if handled, changed, cmd := m.filter.Key(msg); handled {
		if changed {
			m.cursor = 0
			m.refilter()
		}
		return cmd
	}
	switch {
	case key.Matches(msg, k.Count):
		switch {
		case !m.loaded:
		case m.till.Closed:
			m.setMessage("That till is closed; its report is below.", true)
		case !m.till.CanClose:
			m.setMessage("A till is closed on its day or after, not before.", true)
		default:
			return m.startCount()
		}
	case key.Matches(msg, k.PrevDay):
		m.day = m.day.AddDate(0, 0, -1)
		m.loaded = false
		return m.load()
	case key.Matches(msg, k.NextDay):
		m.day = m.day.AddDate(0, 0, 1)
		m.loaded = false
		return m.load()
	case key.Matches(msg, k.Today):
		m.day = m.today()
		m.loaded = false
		return m.load()
	case key.Matches(msg, k.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(msg, k.Down):
		m.cursor = min(max(0, len(m.shown)-1), m.cursor+1)
	case key.Matches(msg, k.Open):
		if m.till.Closed {
			return m.openReport(m.day)
		}
		if m.cursor < len(m.shown) {
			return m.openReport(m.shown[m.cursor].Day)
		}
	}
	return nil
}

func (m *Model) openReport(day time.Time) tea.Cmd {
	s, actor, desk := m.c.Store, m.c.Actor(), m.desk
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		text, err := s.CloseOfDayReport(ctx, actor, desk, day)
		return reportMsg{day: day, text: text, err: err}
	}
}

func (m *Model) startCount() tea.Cmd {
	m.count = count{amounts: map[store.PaymentMethod]*string{}}
	for _, method := range store.PaymentMethods {
		m.count.amounts[method] = new(string)
	}
	m.mode, m.message = modeCount, ""
	return m.rebuildForm(false)
}

// rebuildForm makes the counting form over what was typed; toReason puts the cursor on
// the reason, when that is what the store asked for.
func (m *Model) rebuildForm(toReason bool) tea.Cmd {
	var fields []huh.Field
	for _, l := range m.till.Lines {
		method := l.Method
		fields = append(fields, huh.NewInput().Key(string(method)).Inline(true).
			Title(fmt.Sprintf("%-9s counted (expected %s): ", methodName(method),
				money.Cents(l.Expected).Format(m.c.Settings.Currency))).
			Value(m.count.amounts[method]).Validate(func(s string) error {
			if s == "" {
				return nil
			}
			_, err := money.Parse(s)
			return err
		}))
	}
	fields = append(fields, huh.NewInput().Key("reason").Title("Reason for a difference").
		Description("Needed when a count differs from the expected; an empty amount is none.").Value(&m.count.reason))
	m.form = huh.NewForm(huh.NewGroup(fields...)).WithTheme(m.c.Styles.Form).WithShowHelp(false).
		WithWidth(min(76, max(30, m.width-4)))
	cmds := []tea.Cmd{m.form.Init()}
	for range m.till.Lines {
		if toReason {
			cmds = append(cmds, m.form.NextField())
		}
	}
	return tea.Batch(cmds...)
}

func (m *Model) updateCount(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc {
		// The frame has asked before an esc reaches a screen holding a count.
		m.mode, m.form = modeView, nil
		m.setMessage("The count was discarded; the till is still open.", false)
		return nil
	}
	if m.busy {
		return nil
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State != huh.StateCompleted {
		return cmd
	}
	in := store.TillCount{Counted: map[store.PaymentMethod]int64{}, Reason: m.count.reason}
	for method, typed := range m.count.amounts {
		if *typed == "" {
			continue
		}
		cents, err := money.Parse(*typed)
		if err != nil {
			m.setMessage(methodName(method)+": "+err.Error(), true)
			return m.rebuildForm(false)
		}
		in.Counted[method] = int64(cents)
	}
	m.busy = true
	s, actor, desk, day := m.c.Store, m.c.Actor(), m.desk, m.day
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		n, err := s.CloseTill(ctx, actor, desk, day, in)
		return closedMsg{day: day, number: n, err: err}
	}
}
