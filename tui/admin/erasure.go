package admin

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// erasureStage is where the erasure view is: finding a patient, reading what their
// erasure does, typing its reason, confirming; or reviewing the retention list.
type erasureStage int

const (
	erasureFind      erasureStage = iota // the search and its matches
	erasurePlan                          // one patient: what is kept, what is taken out, what is open
	erasureReason                        // the reason being typed
	erasureConfirm                       // y erases
	erasureRetention                     // the patients past the retention period
)

type erasureFoundMsg struct {
	seq   int
	found []store.ErasureCandidate
	err   error
}

type erasurePlanMsg struct {
	stamp uint64
	plan  store.ErasurePlan
	err   error
}

type retentionMsg struct {
	stamp  uint64
	report store.RetentionReport
	err    error
}

type erasedMsg struct {
	done []store.Erasure
	err  error
}

// Erasure is the admin's view (Settings, x) for erasing a patient's identifying details: on their
// request (find them, read what the erasure keeps and takes out, type the reason,
// confirm), or past the clinic's retention period (review the list, type the reason,
// confirm). The rule and the work are the store's (store/erasure.go); the tab shows
// the plan and the refusals in its words.
type Erasure struct {
	c    *common.Common
	keys keys.Erasure

	stage     erasureStage
	retention bool // the reason and the confirmation are for the retention list
	search    textinput.Model
	searching bool
	seq       int
	found     []store.ErasureCandidate
	cursor    int
	plan      store.ErasurePlan
	plans     common.Reloads // of the plan, apart from the list and the report
	report    store.RetentionReport
	reports   common.Reloads
	reason    textinput.Model
	busy      bool
	message   string
	failed    bool

	width, height int
}

// NewErasure returns the Erasure view.
func NewErasure(c *common.Common) *Erasure {
	search := textinput.New()
	search.Placeholder = "name, phone, e-mail or code"
	search.Prompt = "/ "
	search.CharLimit = 80
	reason := textinput.New()
	reason.Placeholder = "who asked, how, when — not their name"
	reason.Prompt = "Reason: "
	reason.CharLimit = 500
	return &Erasure{c: c, keys: keys.NewErasure(), search: search, reason: reason}
}

// Title is the view's name.
func (m *Erasure) Title() string { return "Erasure" }

// atHome reports whether esc leaves the view: the list of patients, nothing under way.
func (m *Erasure) atHome() bool { return m.stage == erasureFind && !m.searching && !m.busy }

// Init lists the most recently registered patients.
func (m *Erasure) Init() tea.Cmd {
	m.stage, m.searching, m.message = erasureFind, false, ""
	m.search.Blur()
	return m.find()
}

// SetSize records the body's size.
func (m *Erasure) SetSize(w, h int) {
	m.width, m.height = w, h
	m.search.Width, m.reason.Width = max(10, w-4), max(10, w-12)
}

// Typing reports a focused field: the search or the reason.
func (m *Erasure) Typing() bool { return m.searching || m.stage == erasureReason }

// Dirty reports a reason typed and not yet used.
func (m *Erasure) Dirty() bool {
	return (m.stage == erasureReason || m.stage == erasureConfirm) && strings.TrimSpace(m.reason.Value()) != ""
}

// ShortHelp lists the keys of the stage.
func (m *Erasure) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.searching:
		return []key.Binding{k.Open, k.Back}
	case m.stage == erasurePlan && m.plan.Allowed():
		return []key.Binding{k.Erase, k.Back}
	case m.stage == erasurePlan, m.stage == erasureReason:
		return []key.Binding{k.Back}
	case m.stage == erasureConfirm:
		return []key.Binding{k.Yes, k.No}
	case m.stage == erasureRetention && len(m.report.Ready()) > 0:
		return []key.Binding{k.Apply, k.Up, k.Down, k.Back}
	case m.stage == erasureRetention:
		return []key.Binding{k.Up, k.Down, k.Back}
	}
	return []key.Binding{k.Search, k.Open, k.Retention, k.Up, k.Down, k.Back}
}

// FullHelp lists every key the tab binds now.
func (m *Erasure) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

func (m *Erasure) find() tea.Cmd {
	m.seq++
	s, actor, query, seq := m.c.Store, m.c.Actor(), m.search.Value(), m.seq
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		found, err := s.ErasureSearch(ctx, actor, query, 50)
		return erasureFoundMsg{seq: seq, found: found, err: err}
	}
}

func (m *Erasure) loadPlan(id int64) tea.Cmd {
	s, actor, stamp := m.c.Store, m.c.Actor(), m.plans.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		plan, err := s.ErasurePlan(ctx, actor, id)
		return erasurePlanMsg{stamp: stamp, plan: plan, err: err}
	}
}

func (m *Erasure) loadRetention() tea.Cmd {
	s, actor, stamp := m.c.Store, m.c.Actor(), m.reports.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		report, err := s.RetentionDue(ctx, actor)
		return retentionMsg{stamp: stamp, report: report, err: err}
	}
}

// eraseTimeout bounds an erasure: it compacts the whole file, which on a large clinic
// takes far longer than a screen's usual call.
const eraseTimeout = 10 * time.Minute

// erase runs the erasure the stage confirmed.
func (m *Erasure) erase() tea.Cmd {
	s, actor, reason := m.c.Store, m.c.Actor(), m.reason.Value()
	id, ready, retention := m.plan.PatientID, m.report.Ready(), m.retention
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), eraseTimeout)
		defer cancel()
		if retention {
			done, err := s.ApplyRetention(ctx, actor, ready, reason)
			return erasedMsg{done: done, err: err}
		}
		e, err := s.ErasePatient(ctx, actor, id, reason)
		if e.PatientID == 0 {
			return erasedMsg{err: err}
		}
		return erasedMsg{done: []store.Erasure{e}, err: err}
	}
}

// Update handles the answers, the store's changes and the keys of each stage.
func (m *Erasure) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case erasureFoundMsg:
		if msg.seq == m.seq {
			m.found, m.cursor = msg.found, min(m.cursor, max(0, len(msg.found)-1))
			m.setError(msg.err)
		}
		return m, nil
	case erasurePlanMsg:
		if !m.plans.Newest(msg.stamp) || m.setError(msg.err) {
			return m, nil
		}
		// A reload of the plan refreshes it under the reason being typed; only the
		// plan the admin opened from the list changes the stage.
		m.plan = msg.plan
		if m.stage == erasureFind {
			m.stage = erasurePlan
		}
		return m, nil
	case retentionMsg:
		if m.reports.Newest(msg.stamp) && !m.setError(msg.err) {
			m.report = msg.report
		}
		return m, nil
	case erasedMsg:
		return m, m.erased(msg)
	case common.StoreChangedMsg:
		return m, m.reload(msg)
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

// setError shows err, if any, and reports whether there was one.
func (m *Erasure) setError(err error) bool {
	if err != nil {
		m.message, m.failed = common.ErrorText(err), true
	}
	return err != nil
}

func (m *Erasure) erased(msg erasedMsg) tea.Cmd {
	m.busy = false
	if len(msg.done) == 0 {
		m.setError(msg.err)
		m.stage = erasureReason
		return m.reason.Focus()
	}
	m.message, m.failed = erasedText(msg.done), false
	if msg.err != nil {
		m.message += " " + common.ErrorText(msg.err)
	}
	m.reason.SetValue("")
	m.reason.Blur()
	if m.retention {
		m.stage = erasureRetention
		return m.loadRetention()
	}
	m.stage = erasureFind
	return m.find()
}

// reload reads again what the stage shows when the patients changed.
func (m *Erasure) reload(msg common.StoreChangedMsg) tea.Cmd {
	if m.busy || !msg.Touches(store.TopicPatients, store.TopicAppointments, store.TopicPrescriptions, store.TopicMoney) {
		return nil
	}
	switch m.stage {
	case erasureFind:
		return m.find()
	case erasurePlan:
		return m.loadPlan(m.plan.PatientID)
	case erasureRetention:
		return m.loadRetention()
	}
	return nil
}

func (m *Erasure) key(k tea.KeyMsg) tea.Cmd {
	if m.busy {
		return nil
	}
	switch {
	case m.searching:
		return m.searchKey(k)
	case m.stage == erasureReason:
		return m.reasonKey(k)
	case m.stage == erasureConfirm:
		if key.Matches(k, m.keys.Yes) {
			m.busy, m.message = true, ""
			return m.erase()
		}
		m.stage = erasureReason
		return m.reason.Focus()
	}
	m.message = ""
	if key.Matches(k, m.keys.Back) {
		if m.stage != erasureFind {
			m.plans.Cancel() // a plan on its way must not reopen what was left
			m.stage = erasureFind
			return m.find()
		}
		return nil
	}
	switch m.stage {
	case erasurePlan:
		if key.Matches(k, m.keys.Erase) && m.plan.Allowed() {
			m.retention, m.stage = false, erasureReason
			return m.reason.Focus()
		}
	case erasureRetention:
		switch {
		case key.Matches(k, m.keys.Up):
			m.cursor = max(0, m.cursor-1)
		case key.Matches(k, m.keys.Down):
			m.cursor = min(max(0, len(m.report.Patients)-1), m.cursor+1)
		case key.Matches(k, m.keys.Apply) && len(m.report.Ready()) > 0:
			m.retention, m.stage = true, erasureReason
			return m.reason.Focus()
		}
	default:
		return m.findKey(k)
	}
	return nil
}

func (m *Erasure) findKey(k tea.KeyMsg) tea.Cmd {
	if cursor, moved := common.MoveCursor(m.keys.List, k, m.cursor, len(m.found)); moved {
		m.cursor = cursor
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Search):
		m.searching = true
		return m.search.Focus()
	case key.Matches(k, m.keys.Open):
		if m.cursor < len(m.found) {
			return m.loadPlan(m.found[m.cursor].PatientID)
		}
	case key.Matches(k, m.keys.Retention):
		m.stage, m.cursor, m.report = erasureRetention, 0, store.RetentionReport{}
		return m.loadRetention()
	}
	return nil
}

func (m *Erasure) searchKey(k tea.KeyMsg) tea.Cmd {
	switch k.Type {
	case tea.KeyEnter, tea.KeyEsc:
		m.searching = false
		m.search.Blur()
		if k.Type == tea.KeyEsc {
			m.search.SetValue("")
			return m.find()
		}
		return nil
	case tea.KeyUp, tea.KeyDown:
		return m.findKey(k)
	}
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(k)
	m.cursor = 0
	return tea.Batch(cmd, m.find())
}

func (m *Erasure) reasonKey(k tea.KeyMsg) tea.Cmd {
	switch k.Type {
	case tea.KeyEsc: // the frame asked first when a reason was typed
		m.reason.Blur()
		m.reason.SetValue("")
		m.stage = erasurePlan
		if m.retention {
			m.stage = erasureRetention
		}
		return nil
	case tea.KeyEnter:
		if err := store.CheckErasureReason(m.reason.Value()); err != nil {
			m.setError(err)
			return nil
		}
		m.message = ""
		m.reason.Blur()
		m.stage = erasureConfirm
		return nil
	}
	var cmd tea.Cmd
	m.reason, cmd = m.reason.Update(k)
	return cmd
}
