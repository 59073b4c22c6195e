package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/lock"
)

// idleCheckEvery is how often the idle lock looks at the clock. The tick is not
// activity: only keys are.
const idleCheckEvery = 10 * time.Second

// idleTickMsg asks the frame whether the desk has been idle long enough to lock.
type idleTickMsg struct{ session int }

// sessionCheckMsg carries the logged-in account as the store has it now.
type sessionCheckMsg struct {
	userID int64
	active bool
	err    error
}

type settingsMsg struct {
	stamp    uint64 // of Model.settingsLoads
	settings store.Settings
}

// loggedIn opens the desk, or first the change of password an admin asked for.
func (m *Model) loggedIn(u store.User) tea.Cmd {
	if u.MustChangePassword {
		m.phase, m.setup, m.login = phaseMustChange, nil, nil
		m.change = lock.NewMustChange(m.store, m.styles, u, m.settings)
		return m.change.Init()
	}
	return m.loadDesk(u)
}

func (m *Model) idleTick() tea.Cmd {
	session := m.session
	return common.TickUntil(m.done, idleCheckEvery, func(time.Time) tea.Msg { return idleTickMsg{session: session} })
}

// checkIdle locks the desk once the settings' idle minutes have passed without a key.
func (m *Model) checkIdle(msg idleTickMsg) tea.Cmd {
	if msg.session != m.session || m.phase != phaseDesk {
		return nil // a tick of a desk that has closed since
	}
	if m.locked != nil {
		return m.idleTick()
	}
	idle := time.Duration(max(1, m.settings.IdleLockMinutes)) * time.Minute
	if m.now().Sub(m.lastKey) < idle {
		return m.idleTick()
	}
	m.confirm, m.overlay = confirmNone, helpOverlay{}
	m.locked = lock.New(m.store, m.styles, m.common.User, m.remote, m.common.User.ID == m.keyUser,
		m.settings.Location())
	s, actor := m.store, m.common.Actor()
	return tea.Batch(m.locked.Init(), m.idleTick(), func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		_ = s.RecordIdleLock(ctx, actor) // the lock holds whether or not the log write succeeds
		return nil
	})
}

// unlocked resumes the desk as it was for the same user; another user gets a fresh
// desk, and the first user's unsaved input is dropped unseen.
func (m *Model) unlocked(u store.User) tea.Cmd {
	if m.common != nil && u.ID == m.common.User.ID && !u.MustChangePassword {
		m.locked, m.lastKey = nil, m.now()
		return nil
	}
	m.endSubscription()
	m.common, m.screens, m.locked, m.confirm = nil, nil, nil, confirmNone
	m.phase = phaseLoading // until the new user's desk is ready
	return m.loggedIn(u)
}

// verifySession re-reads the user's account after a key, so a deactivation made
// anywhere (another terminal, SSH, the command line) ends this session at the next key.
// It reads as the desk opens, then only when an account may have changed since the
// last read (the store's AccountsVersion moved): a key on a quiet clinic costs no query.
func (m *Model) verifySession() tea.Cmd {
	v := m.store.AccountsVersion()
	if m.accountRead && v == m.accountVersion {
		return nil
	}
	m.accountRead, m.accountVersion = true, v // read before the query, so a change during it is read again
	s, actor := m.store, m.common.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		u, err := s.SessionUser(ctx, actor)
		return sessionCheckMsg{userID: actor.ID, active: u.Active, err: err}
	}
}

func (m *Model) checkSession(msg sessionCheckMsg) tea.Cmd {
	if m.sessionStands(msg) {
		return nil
	}
	return m.closeDesk("Your account has been deactivated. Ask an administrator.")
}

// sessionStands reports whether a check of the account leaves the desk as it is: the
// account is active, could not be read, or belongs to a desk closed since.
func (m *Model) sessionStands(msg sessionCheckMsg) bool {
	return msg.err != nil || msg.active || m.phase != phaseDesk || m.common == nil || m.common.User.ID != msg.userID
}

func (m *Model) recordLogout() tea.Cmd {
	if m.common == nil {
		return nil
	}
	s, actor := m.store, m.common.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		_ = s.Logout(ctx, actor)
		return nil
	}
}

// reloadSettings reads the settings again after an admin changed them, so the idle
// minutes, the clinic's name and its time zone apply at once.
func (m *Model) reloadSettings() tea.Cmd {
	s, stamp := m.store, m.settingsLoads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		set, err := s.Settings(ctx)
		if err != nil {
			return nil
		}
		return settingsMsg{stamp: stamp, settings: set}
	}
}

func (m *Model) applySettings(set store.Settings) {
	m.settings = set
	if m.common != nil {
		m.common.Settings = set
	}
}
