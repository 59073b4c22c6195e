package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/tui/common"
)

// The frame's one rule for a key on the desk, first match wins:
//
//  1. a question the frame is asking (quit? log out? discard?) takes the key;
//     esc on a screen holding unsaved input asks first (unless common.EscKeeps);
//  2. ctrl+c (quit) and ctrl+x (log out) are the frame's, whatever has focus: both ask
//     first when something is unsaved;
//  3. the help overlay, while open, takes the key (esc, ? or f1 close it);
//  4. f1 opens the help overlay, even over a text field (no field reads it);
//  5. a screen that is typing (a text field, a quantity, the sketchpad's text tool)
//     gets every other key, so q, ?, digits, tab and ctrl+n are text there;
//  6. a key one of the screen's bindings names goes to the screen;
//  7. the frame's keys: ? help, tab and shift+tab, 1–9, ctrl+n, q;
//  8. anything else goes to the screen.

// key handles a key message, wherever the session is.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case m.phase != phaseDesk:
		return m.outerKey(msg)
	case m.locked != nil:
		return m.lockedKey(msg)
	}
	m.lastKey = m.now()
	var cmds []tea.Cmd
	for {
		first, rest, more := m.nextKey(msg)
		cmds = append(cmds, m.deskKey(first))
		if m.phase != phaseDesk || m.common == nil {
			return tea.Batch(cmds...) // the key closed the desk
		}
		if !more {
			break
		}
		msg = rest
	}
	return tea.Batch(append(cmds, m.verifySession())...)
}

// outerKey is a key before the desk opens: the setup, the login, a forced change of
// password. The form has every key but ctrl+c (and ctrl+x out of a forced change).
func (m *Model) outerKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case m.confirm != confirmNone:
		return m.answer(msg)
	case key.Matches(msg, m.keys.ForceQuit):
		return m.ask(confirmQuit)
	case m.phase == phaseMustChange && key.Matches(msg, m.keys.Logout):
		return m.closeDesk("You have logged out.")
	}
	return m.updateFocused(msg)
}

// lockedKey is a key while the desk is locked: the lock screen has all but ctrl+c.
func (m *Model) lockedKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case m.confirm != confirmNone:
		return m.answer(msg)
	case key.Matches(msg, m.keys.ForceQuit):
		return m.ask(confirmQuit)
	}
	return m.updateFocused(msg)
}

// deskKey gives one key to what has it first (see the rule above).
func (m *Model) deskKey(msg tea.KeyMsg) tea.Cmd {
	screen := m.screens[m.active]
	switch {
	case m.confirm != confirmNone:
		return m.answer(msg)
	case key.Matches(msg, m.keys.ForceQuit):
		return m.ask(confirmQuit)
	case key.Matches(msg, m.keys.Logout):
		return m.ask(confirmLogout)
	case m.overlay.open:
		m.helpKey(msg)
		return nil
	case key.Matches(msg, m.keys.HelpAnywhere):
		m.openHelp()
		return nil
	case key.Matches(msg, m.keys.Back) && screen.Dirty() && !escKeeps(screen):
		m.confirm = confirmDiscard
		return nil
	case screen.Typing(), screenBinds(screen, msg):
		return m.updateScreen(m.active, msg)
	}
	if cmd, ok := m.frameKey(msg); ok {
		return cmd
	}
	return m.updateScreen(m.active, msg)
}

func escKeeps(s any) bool {
	k, ok := s.(interface{ EscKeeps() bool })
	return ok && k.EscKeeps()
}

// screenBinds reports whether one of the screen's bindings (those its help lists) is
// the key: the screen has it before the frame.
func screenBinds(s interface {
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}, msg tea.KeyMsg) bool {
	if key.Matches(msg, s.ShortHelp()...) {
		return true
	}
	for _, group := range s.FullHelp() {
		if key.Matches(msg, group...) {
			return true
		}
	}
	return false
}

// frameKey handles the frame's own keys, those no screen binds.
func (m *Model) frameKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.ask(confirmQuit), true
	case key.Matches(msg, m.keys.Help):
		m.openHelp()
		return nil, true
	case key.Matches(msg, m.keys.Inbox):
		for i, s := range m.screens {
			if _, ok := s.(interface{ Badge() string }); ok {
				return m.showTab(i), true
			}
		}
	case key.Matches(msg, m.keys.NextTab):
		return m.showTab((m.active + 1) % len(m.screens)), true
	case key.Matches(msg, m.keys.PrevTab):
		return m.showTab((m.active + len(m.screens) - 1) % len(m.screens)), true
	case len(msg.Runes) == 1 && msg.Runes[0] >= '1' && msg.Runes[0] <= '9' && !msg.Alt:
		if i := int(msg.Runes[0] - '1'); i < len(m.screens) {
			return m.showTab(i), true
		}
	}
	return nil, false
}

// showTab shows the i-th tab, telling it of a resize it missed while hidden: a
// screen reads what its new size shows on that message (the book its names).
func (m *Model) showTab(i int) tea.Cmd {
	m.active = i
	if !m.resizedBehind[i] {
		return nil
	}
	delete(m.resizedBehind, i)
	return m.updateScreen(i, common.ResizedMsg{})
}

// markResizedBehind notes that every tab but the one shown missed a resize.
func (m *Model) markResizedBehind() {
	m.resizedBehind = map[int]bool{}
	for i := range m.screens {
		if i != m.active {
			m.resizedBehind[i] = true
		}
	}
}

// nextKey takes the first key off a message that carries several runes at once (keys
// typed ahead, sent in one write by tmux or a slow SSH link), so that a list reads
// "jjj" as three moves and "12" as tab 1 then tab 2, exactly as if typed slowly. A
// screen that is typing gets them one by one too: a form's choice or yes/no reads one
// key, and "yn" then a name typed ahead answer two questions and fill the next field,
// not vanish into the first question; a text field reads them as it would typed slowly.
// Only a paste comes whole. It asks again for every key, as a key may open a text field
// that takes the rest, or close the form that had them.
func (m *Model) nextKey(msg tea.KeyMsg) (first, rest tea.KeyMsg, more bool) {
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 || msg.Paste || msg.Alt {
		return msg, tea.KeyMsg{}, false
	}
	first, rest = msg, msg
	first.Runes, rest.Runes = msg.Runes[:1:1], msg.Runes[1:]
	return first, rest, true
}

// updateScreen gives a message to the i-th screen, its form's focus moves included
// (see settled); the screen's commands answer to it alone (see screenMsg).
func (m *Model) updateScreen(i int, msg tea.Msg) tea.Cmd {
	if i < len(m.views) {
		m.views[i].drawn = false
	}
	return routeTo(m.session, i, settled(func(msg tea.Msg) (cmd tea.Cmd) {
		m.screens[i], cmd = m.screens[i].Update(msg)
		return cmd
	}, msg))
}

// The body's top-left cell on the terminal: below the header and the tab bar, inside a
// column of padding.
const (
	bodyTop  = headerRows + tabRows
	bodyLeft = 1
)

// mouse handles the mouse on the desk. The frame translates a position once, into the
// body's cells: a screen reads msg.X and msg.Y from its own top-left corner and never
// guesses the frame's size. The wheel moves the shown list or viewport as ↑ and ↓ do.
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	switch {
	case m.phase != phaseDesk:
		return m.updateFocused(msg)
	case m.locked != nil, m.confirm != confirmNone:
		return nil
	case m.overlay.open:
		m.overlayMouse(msg)
		return nil
	}
	if i, ok := m.tabAt(msg); ok {
		return m.showTab(i)
	}
	if msg.Y < bodyTop || msg.Y >= bodyTop+m.bodyHeight() || msg.X < bodyLeft || msg.X >= m.width-1 {
		return nil
	}
	msg.X, msg.Y = msg.X-bodyLeft, msg.Y-bodyTop
	screen := m.screens[m.active]
	if wheel, ok := wheelKey(msg); ok && !screen.Typing() {
		m.lastKey = m.now()
		return m.updateScreen(m.active, wheel)
	}
	if msg.Action == tea.MouseActionPress {
		m.lastKey = m.now()
	}
	return m.updateScreen(m.active, msg)
}

// wheelKey is the key a turn of the mouse wheel stands for: ↑ or ↓.
func wheelKey(msg tea.MouseMsg) (tea.KeyMsg, bool) {
	if msg.Action != tea.MouseActionPress {
		return tea.KeyMsg{}, false
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return tea.KeyMsg{Type: tea.KeyUp}, true
	case tea.MouseButtonWheelDown:
		return tea.KeyMsg{Type: tea.KeyDown}, true
	}
	return tea.KeyMsg{}, false
}

// open shows the first tab that opens the record's kind and gives it the record; the
// screen that asked hears when no tab does.
func (m *Model) open(from int, msg common.OpenMsg) tea.Cmd {
	for i, s := range m.screens {
		if o, ok := s.(common.Opener); ok && o.Opens(msg.Entity) {
			return tea.Batch(m.showTab(i), m.updateScreen(i, msg))
		}
	}
	return m.updateScreen(from, common.NotOpenedMsg{OpenMsg: msg})
}
