// Package emergency is emergency ("break-glass") access to a chart, for staff whose
// role may not read charts: the front desk when a patient collapses at the counter.
// The user states a reason; the store grants a short, logged access, notifies the
// admins, and this view shows what matters in an emergency: allergies, current
// medications, conditions and the latest vital signs.
//
// A host screen (the front desk's patient view) opens it with New for one patient and
// shows it until Closed reports true.
package emergency

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// grantedMsg is the store's answer: until is zero when it refused the grant; err with a
// grant is a chart that could not be read under it.
type grantedMsg struct {
	until time.Time
	chart store.Chart
	err   error
}

// Model asks for the reason, then shows the chart until the grant expires.
type Model struct {
	c         *common.Common
	patientID int64
	name      string
	back      key.Binding
	retry     key.Binding

	reason string
	form   *huh.Form
	busy   bool
	err    string
	until  time.Time
	chart  *store.Chart
	closed bool
}

// New starts emergency access to one patient's chart; name is how the host shows them.
func New(c *common.Common, patientID int64, name string) *Model {
	m := &Model{c: c, patientID: patientID, name: name,
		back:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		retry: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read the chart again"))}
	m.form = m.newForm()
	return m
}

// Available reports whether the user's role may use emergency access at all, so hosts
// offer it only then.
func Available(c *common.Common) bool { return store.Allowed(c.User.Role, store.ActBreakGlass) }

func (m *Model) newForm() *huh.Form {
	return huh.NewForm(huh.NewGroup(
		huh.NewText().Title("Why do you need this chart now?").
			Description("Recorded with your name; the administrators are told at once.").
			Value(&m.reason).CharLimit(500).Lines(3),
	)).WithTheme(m.c.Styles.Form).WithShowHelp(false).WithWidth(70)
}

// Init starts the reason form.
func (m *Model) Init() tea.Cmd { return m.form.Init() }

// Closed reports that the user left the view.
func (m *Model) Closed() bool { return m.closed }

// granted reports that the store granted access: the form is done with.
func (m *Model) granted() bool { return !m.until.IsZero() }

// Typing reports the reason form's focus.
func (m *Model) Typing() bool { return !m.granted() }

// Dirty reports a reason typed but not yet submitted.
func (m *Model) Dirty() bool { return !m.granted() && strings.TrimSpace(m.reason) != "" }

// ShortHelp lists the view's keys.
func (m *Model) ShortHelp() []key.Binding {
	if m.granted() && m.chart == nil {
		return []key.Binding{m.retry, m.back}
	}
	return []key.Binding{m.back}
}

// Update handles the form, the grant, and closing.
func (m *Model) Update(msg tea.Msg) (*Model, tea.Cmd) {
	switch msg := msg.(type) {
	case grantedMsg:
		m.busy = false
		if msg.until.IsZero() { // refused: the form again, with the reason typed
			m.err = common.ErrorText(msg.err)
			m.form = m.newForm()
			return m, m.form.Init()
		}
		var expiry tea.Cmd
		if !m.granted() {
			// The store's clock, not the wall clock, says how long is left: the grant was
			// stamped by it.
			expiry = m.c.Tick(msg.until.Sub(m.c.Store.Now()), func(time.Time) tea.Msg { return expiredMsg{view: m} })
		}
		m.until = msg.until
		if msg.err != nil {
			// Granted, but the chart was not read: enter reads it again under this grant.
			// The form again would ask the store for a second grant, logged and sent to
			// the administrators a second time.
			m.err = common.ErrorText(msg.err)
			return m, expiry
		}
		m.err, m.chart = "", &msg.chart
		return m, expiry
	case expiredMsg:
		if msg.view != m {
			return m, nil // the timer of an earlier grant, closed since
		}
		m.chart, m.closed = nil, true // the grant is over: nothing of the chart stays on screen
		return m, nil
	case tea.KeyMsg:
		if key.Matches(msg, m.back) && !m.busy {
			m.chart, m.closed = nil, true
			return m, nil
		}
		if m.granted() && m.chart == nil && !m.busy && key.Matches(msg, m.retry) {
			m.busy, m.err = true, ""
			s, actor, id, until := m.c.Store, m.c.Actor(), m.patientID, m.until
			return m, func() tea.Msg { return readChart(s, actor, id, until) }
		}
	}
	if m.granted() || m.busy {
		return m, nil
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State == huh.StateCompleted {
		m.busy, m.err = true, ""
		s, actor, id, reason := m.c.Store, m.c.Actor(), m.patientID, m.reason
		return m, tea.Batch(cmd, func() tea.Msg {
			ctx, cancel := common.Ctx()
			defer cancel()
			until, err := s.BreakGlass(ctx, actor, id, reason)
			if err != nil {
				return grantedMsg{err: err}
			}
			return readChart(s, actor, id, until)
		})
	}
	return m, cmd
}

// readChart reads the patient's chart under a grant that lasts until until.
func readChart(s *store.Store, actor store.Actor, patientID int64, until time.Time) tea.Msg {
	ctx, cancel := common.Ctx()
	defer cancel()
	chart, err := s.Chart(ctx, actor, patientID)
	return grantedMsg{until: until, chart: chart, err: err}
}

// expiredMsg ends the grant of one view: a host may open a new view for another grant
// before an earlier view's timer fires.
type expiredMsg struct{ view *Model }

// View draws the reason form, or the emergency summary of the chart.
func (m *Model) View() string {
	st := m.c.Styles
	var b strings.Builder
	b.WriteString(st.Warning.Render("Emergency access · "+common.Safe(m.name)) + "\n")
	if m.chart == nil && m.granted() {
		b.WriteString(st.Faint.Render("Access granted until "+m.c.Local(m.until).Format("15:04")+"; it is logged.") + "\n\n")
		if m.busy {
			b.WriteString(st.Faint.Render("Opening…"))
		} else {
			b.WriteString(st.Error.Render("The chart could not be read: "+common.Safe(m.err)) + "\n")
			b.WriteString(st.Faint.Render("enter: read the chart again · esc: close"))
		}
		return b.String()
	}
	if m.chart == nil {
		b.WriteString(st.Faint.Render(fmt.Sprintf("Opens this patient's chart for %s. Use it only when care cannot wait.",
			plural.S(int(store.EmergencyAccessDuration.Minutes()), "minute"))) + "\n\n")
		b.WriteString(m.form.View() + "\n")
		switch {
		case m.busy:
			b.WriteString(st.Faint.Render("Opening…"))
		case m.err != "":
			b.WriteString(st.Error.Render(common.Safe(m.err)))
		default:
			b.WriteString(st.Faint.Render("enter: open the chart · esc: cancel"))
		}
		return b.String()
	}
	c := m.chart
	b.WriteString(st.Faint.Render("Access ends at "+m.c.Local(m.until).Format("15:04")+"; it is logged.") + "\n\n")
	section := func(title string, lines []string) {
		b.WriteString(st.Bold.Render(title) + "\n")
		if len(lines) == 0 {
			lines = []string{st.Faint.Render("none recorded")}
		}
		for _, l := range lines {
			b.WriteString("  " + textsafe.Truncate(l, max(20, m.c.Width-4)) + "\n")
		}
	}
	var allergies, meds, conditions []string
	for _, a := range c.Allergies {
		allergies = append(allergies, fmt.Sprintf("%s — %s %s", common.Safe(a.Allergen), a.Severity, common.Safe(a.Reaction)))
	}
	for _, med := range c.Medications {
		if med.EndedOn.IsZero() {
			meds = append(meds, common.Safe(med.Name+" "+med.Dosage+" "+med.Frequency))
		}
	}
	for _, h := range c.History {
		if h.Status != "resolved" {
			conditions = append(conditions, common.Safe(h.Condition)+" ("+h.Status+")")
		}
	}
	section("Allergies", allergies)
	section("Current medications", meds)
	section("Conditions", conditions)
	section("Latest vital signs", vitalsLines(c.Vitals, m.c.Local))
	return b.String()
}

func vitalsLines(v []store.Vitals, local func(time.Time) time.Time) []string {
	if len(v) == 0 {
		return nil
	}
	x := v[0].Measurements
	var parts []string
	if x.Systolic != nil && x.Diastolic != nil {
		parts = append(parts, fmt.Sprintf("BP %d/%d", *x.Systolic, *x.Diastolic))
	}
	if x.Pulse != nil {
		parts = append(parts, fmt.Sprintf("pulse %d", *x.Pulse))
	}
	if x.SpO2 != nil {
		parts = append(parts, fmt.Sprintf("SpO₂ %d%%", *x.SpO2))
	}
	if x.TemperatureC != nil {
		parts = append(parts, fmt.Sprintf("%.1f °C", *x.TemperatureC))
	}
	return []string{local(v[0].RecordedAt).Format("2 Jan 15:04") + ": " + strings.Join(parts, ", ")}
}
