// Package tui is the desk: a root model that owns the session (who is logged in, the
// terminal's size, styles) and routes between the first-run wizard, the login screen
// and the role's tabs.
package tui

import (
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
	"github.com/clinicdesk/clinicdesk/tui/lock"
	"github.com/clinicdesk/clinicdesk/tui/login"
	"github.com/clinicdesk/clinicdesk/tui/setup"
	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// Options configure one desk session.
type Options struct {
	Store *store.Store
	// Renderer draws for this session's terminal; an SSH session passes its own.
	Renderer *lipgloss.Renderer
	NoColor  bool
	// Now is the clock the idle lock reads; tests set it. time.Now when nil.
	Now func() time.Time
	// User, when set, starts the session already logged in as this user (an SSH
	// session whose key proved who it is).
	User *store.User
	// KeyLogin says the SSH key of User proved who they are: they typed no password,
	// and may have none of their own.
	KeyLogin bool
	// Remote is the client's address of an SSH session, "" on a local terminal.
	// Passwords typed at a remote desk's lock screen are network logins: the
	// account's throttle applies to them.
	Remote string
}

// StoppingMsg tells the desk that the server is stopping. A desk with nothing unsaved
// ends at once; one with unsaved input says so and ends as soon as it is saved or
// dropped, or when the server's grace period runs out.
type StoppingMsg struct{ Notice string }

type phase int

const (
	phaseLoading phase = iota
	phaseSetup
	phaseLogin
	phaseMustChange // a user whose password an admin set chooses their own first
	phaseDesk
)

// confirmation is a pending question that needs y/n before it happens.
type confirmation int

const (
	confirmNone confirmation = iota
	confirmQuit
	confirmLogout
	confirmDiscard // esc on a screen holding unsaved input
)

// Model is the root of the desk.
type Model struct {
	store  *store.Store
	styles *theme.Styles
	keys   keys.Global
	yesNo  keys.Confirm
	help   help.Model

	phase    phase
	settings store.Settings
	setup    *setup.Model
	login    *login.Model
	change   *lock.MustChange

	// settingsLoads keeps the newest of the reloads an admin's changes start.
	settingsLoads common.Reloads

	now     func() time.Time
	lastKey time.Time   // the last key the desk's user pressed: the idle lock's clock
	locked  *lock.Model // the lock screen, while the desk is locked
	session int         // counts desks opened, so a closed desk's idle ticks are ignored
	// accountRead says the desk has read the user's account since it opened, at the
	// store's accountVersion (see verifySession).
	accountRead    bool
	accountVersion uint64

	common  *common.Common
	screens []common.Screen
	active  int
	// resizedBehind are the tabs the terminal was resized under while another was
	// shown: each hears of it (common.ResizedMsg) when next shown.
	resizedBehind map[int]bool

	confirm confirmation
	overlay helpOverlay // the keys of the shown screen, over its body
	list    keys.List   // the keys that scroll the overlay
	cache   *frameCache
	// lastFrame is the frame View drew last; it stands while frameFresh, which every
	// Update that may change the desk clears.
	lastFrame  string
	frameFresh bool
	views      []keptView // each screen's view as drawn last (see screenBody)
	width      int
	height     int
	loadErr    string

	events      <-chan []store.Event
	unsubscribe func()
	done        chan struct{} // closed by Close: the session's timers give up
	closeOnce   sync.Once

	startAs  *store.User
	remote   string // the SSH client's address; "" on a local terminal
	keyUser  int64  // the user an SSH key logged in, whose lock screen says how to come back
	stopping string // the server's notice while it waits for unsaved input
}

type bootMsg struct {
	settings   store.Settings
	needsSetup bool
	err        error
}

type eventsMsg struct{ events []store.Event }

// deskMsg carries what the desk needs once a user is in: the settings are read again
// because the first-run setup has just named the clinic.
type deskMsg struct {
	user     store.User
	settings store.Settings
}

// New returns the desk for one terminal.
func New(o Options) *Model {
	r := o.Renderer
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	styles := theme.New(r, o.NoColor)
	h := help.New()
	h.Styles.ShortKey, h.Styles.FullKey = styles.Bold, styles.Bold
	h.Styles.ShortDesc, h.Styles.FullDesc = styles.Faint, styles.Faint
	h.Styles.ShortSeparator, h.Styles.FullSeparator = styles.Faint, styles.Faint
	now := o.Now
	if now == nil {
		now = time.Now
	}
	m := &Model{store: o.Store, styles: styles, keys: keys.NewGlobal(), yesNo: keys.NewConfirm(), list: keys.NewList(), help: h, now: now,
		startAs: o.User, remote: o.Remote, done: make(chan struct{}), cache: &frameCache{sharedParts: partsFor(styles)}}
	if o.User != nil && o.KeyLogin {
		m.keyUser = o.User.ID
	}
	return m
}

// Init reads the clinic's settings and whether it needs its first-run setup.
func (m *Model) Init() tea.Cmd {
	s := m.store
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		set, err := s.Settings(ctx)
		if err != nil {
			return bootMsg{err: err}
		}
		need, err := s.NeedsSetup(ctx)
		return bootMsg{settings: set, needsSetup: need, err: err}
	}
}

// Update routes a message; while the server stops, it ends the desk once nothing is
// left unsaved.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if check, ok := msg.(sessionCheckMsg); ok && m.sessionStands(check) {
		// The check that follows every key changes nothing: the frame drawn for the key
		// stands, and View need not draw it again.
		return m, nil
	}
	m.frameFresh = false
	switch msg.(type) {
	case tea.KeyMsg, tea.MouseMsg, screenMsg:
		// They change a screen only through updateScreen, which marks it.
	default:
		// Anything else may change what any screen draws: a size, the settings, a new
		// desk, the time (an idle tick redraws a screen that shows how long ago).
		m.views = nil
	}
	model, cmd := m.update(msg)
	if m.stopping != "" && !m.dirty() {
		m.endSubscription()
		return model, tea.Quit
	}
	return model, cmd
}

// update routes a message: sizes and store events to everyone, keys to what has focus.
func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.resizeScreens()
		if m.phase == phaseDesk && m.active < len(m.screens) {
			m.markResizedBehind()
			return m, tea.Batch(m.updateFocused(msg), m.updateScreen(m.active, common.ResizedMsg{}))
		}
	case bootMsg:
		return m, m.boot(msg)
	case setup.DoneMsg:
		return m, m.loggedIn(msg.User)
	case login.LoggedInMsg:
		return m, m.loggedIn(msg.User)
	case lock.ChangedMsg:
		return m, m.loadDesk(msg.User)
	case deskMsg:
		return m, m.enterDesk(msg.user, msg.settings)
	case eventsMsg:
		return m, m.deliverEvents(msg.events)
	case settingsMsg:
		if m.settingsLoads.Newest(msg.stamp) {
			m.applySettings(msg.settings)
		}
		return m, nil
	case idleTickMsg:
		return m, m.checkIdle(msg)
	case lock.UnlockedMsg:
		return m, m.unlocked(msg.User)
	case sessionCheckMsg:
		return m, m.checkSession(msg)
	case screenMsg:
		if msg.desk != m.session || m.phase != phaseDesk || msg.screen >= len(m.screens) {
			return m, nil
		}
		if open, ok := msg.msg.(common.OpenMsg); ok {
			return m, m.open(msg.screen, open)
		}
		return m, m.updateScreen(msg.screen, msg.msg)
	case StoppingMsg:
		m.stopping = msg.Notice
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		return m, m.mouse(msg)
	}
	return m, m.updateFocused(msg)
}

func (m *Model) boot(msg bootMsg) tea.Cmd {
	if msg.err != nil {
		m.loadErr = common.ErrorText(msg.err)
		return nil
	}
	m.settings = msg.settings
	if msg.needsSetup {
		m.phase = phaseSetup
		m.setup = setup.New(m.store, m.styles)
		return m.setup.Init()
	}
	if m.startAs != nil {
		u := *m.startAs
		m.startAs = nil
		return m.loadDesk(u)
	}
	return m.showLogin("")
}

func (m *Model) showLogin(notice string) tea.Cmd {
	m.phase = phaseLogin
	m.login = login.New(m.store, m.styles, m.settings.ClinicName, notice)
	return m.login.Init()
}

func (m *Model) loadDesk(u store.User) tea.Cmd {
	s, fallback := m.store, m.settings
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		set, err := s.Settings(ctx)
		if err != nil {
			set = fallback
		}
		return deskMsg{user: u, settings: set}
	}
}

// enterDesk opens the role's tabs for a user who just logged in.
func (m *Model) enterDesk(u store.User, settings store.Settings) tea.Cmd {
	m.settings = settings
	m.phase, m.setup, m.login, m.change, m.locked = phaseDesk, nil, nil, nil, nil
	m.common = &common.Common{Store: m.store, User: u, Settings: settings, Styles: m.styles, Done: m.done}
	m.screens, m.views = screensFor(m.common), nil
	m.active, m.resizedBehind = 0, nil
	m.resizeScreens()
	m.events, m.unsubscribe = m.store.Subscribe()
	m.lastKey = m.now()
	m.session++
	m.accountRead = false
	// The account is read once as the desk opens (it may have changed since the login
	// read it), not on its first key; then again after a key only if it may have changed.
	cmds := []tea.Cmd{m.waitForEvents(), m.idleTick(), m.verifySession()}
	for i, s := range m.screens {
		cmds = append(cmds, routeTo(m.session, i, s.Init()))
	}
	return tea.Batch(cmds...)
}

// logout ends the session's desk and returns to the login screen.
func (m *Model) logout() tea.Cmd {
	return tea.Batch(m.recordLogout(), m.closeDesk("You have logged out."))
}

// closeDesk drops the desk, and with it any unsaved input, and shows the login screen.
func (m *Model) closeDesk(notice string) tea.Cmd {
	m.endSubscription()
	m.common, m.screens, m.confirm, m.overlay, m.locked, m.change = nil, nil, confirmNone, helpOverlay{}, nil, nil
	return m.showLogin(notice)
}

// Close ends the session's subscription to the store's changes. The SSH server calls it
// when a session's program has ended, however it ended (the client went away, the
// server stopped), so nothing waits on the subscription afterwards.
func (m *Model) Close() error {
	m.endSubscription()
	m.closeOnce.Do(func() { close(m.done) })
	return nil
}

func (m *Model) endSubscription() {
	if m.unsubscribe != nil {
		m.unsubscribe()
		m.unsubscribe, m.events = nil, nil
	}
}

// waitForEvents waits for the next batch of committed changes.
func (m *Model) waitForEvents() tea.Cmd {
	ch := m.events
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		batch, ok := <-ch
		if !ok {
			return nil
		}
		return eventsMsg{events: batch}
	}
}

// deliverEvents gives every screen, shown or not, the chance to reload.
func (m *Model) deliverEvents(events []store.Event) tea.Cmd {
	cmds := []tea.Cmd{m.waitForEvents()}
	changed := common.StoreChangedMsg{Events: events}
	if changed.Touches(store.TopicSettings) {
		cmds = append(cmds, m.reloadSettings())
	}
	for i := range m.screens {
		cmds = append(cmds, m.updateScreen(i, changed))
	}
	return tea.Batch(cmds...)
}

// ask quits or logs out at once when nothing would be lost, and asks first otherwise.
func (m *Model) ask(what confirmation) tea.Cmd {
	if !m.dirty() {
		return m.do(what)
	}
	m.confirm = what
	return nil
}

func (m *Model) answer(msg tea.KeyMsg) tea.Cmd {
	what := m.confirm
	switch {
	case key.Matches(msg, m.yesNo.Yes):
		m.confirm = confirmNone
		return m.do(what)
	case key.Matches(msg, m.yesNo.No), key.Matches(msg, m.keys.ForceQuit):
		m.confirm = confirmNone
	}
	return nil
}

func (m *Model) do(what confirmation) tea.Cmd {
	switch what {
	case confirmLogout:
		return m.logout()
	case confirmDiscard:
		return m.updateScreen(m.active, tea.KeyMsg{Type: tea.KeyEsc})
	}
	m.endSubscription()
	return tea.Quit
}

// dirty reports unsaved input anywhere in the session.
func (m *Model) dirty() bool {
	switch m.phase {
	case phaseSetup:
		return m.setup.Dirty()
	case phaseMustChange:
		return m.change.Dirty()
	case phaseDesk:
		for _, s := range m.screens {
			if s.Dirty() {
				return true
			}
		}
	}
	return false
}

// updateFocused gives a message to what has focus.
func (m *Model) updateFocused(msg tea.Msg) tea.Cmd {
	return settled(m.updateOuter, msg)
}

// updateOuter gives a message to the screen shown outside the desk.
func (m *Model) updateOuter(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.phase {
	case phaseSetup:
		m.setup, cmd = m.setup.Update(msg)
	case phaseLogin:
		m.login, cmd = m.login.Update(msg)
	case phaseMustChange:
		m.change, cmd = m.change.Update(msg)
	case phaseDesk:
		// The desk's own answers come as screenMsg; what else reaches it is the lock
		// screen's, whose commands the frame does not wrap.
		if m.locked != nil {
			m.locked, cmd = m.locked.Update(msg)
		}
	}
	return cmd
}
