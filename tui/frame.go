package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// The frame's fixed rows: a header line, the tab bar with its rule, and the footer.
const (
	headerRows = 1
	tabRows    = 2
)

// View draws the frame around whatever has focus.
func (m *Model) View() string {
	if !m.frameFresh {
		m.lastFrame, m.frameFresh = m.view(), true
	}
	return m.lastFrame
}

func (m *Model) view() string {
	switch {
	case m.loadErr != "":
		return m.styles.Error.Render("The clinic database could not be read: "+m.loadErr) + "\n"
	case m.width == 0:
		return "" // the terminal's size is not known yet
	}
	var body string
	switch m.phase {
	case phaseLoading:
		return m.styles.Faint.Render("Opening the clinic…")
	case phaseSetup:
		body = m.setup.View()
	case phaseLogin:
		body = m.login.View()
	case phaseMustChange:
		body = m.change.View()
	case phaseDesk:
		if m.locked == nil {
			return m.deskView()
		}
		body = m.locked.View() // nothing of the desk shows behind the lock
	}
	if m.confirm == confirmQuit {
		body = m.dialog("Quit? What you typed will be lost.")
	}
	if m.stopping != "" {
		// A desk locked over unsaved input shows no footer: the notice goes on top.
		body = m.styles.Warning.Width(common.FormMessageWidth).Render(textsafe.Line(m.stopping)) + "\n\n" + body
	}
	return m.styles.App.Padding(1, 2).Render(body)
}

func (m *Model) deskView() string {
	bodyHeight := m.bodyHeight()
	var body block
	switch question := m.confirmQuestion(); {
	case question != "":
		body = m.layBody(m.dialog(question), bodyHeight)
	case m.overlay.open:
		body = m.layBody(m.helpView(), bodyHeight)
	default:
		body = m.screenBody(bodyHeight)
	}
	return joinLeft(m.headerBlock(), m.tabsBlock(), body, m.footerBlock())
}

// confirmQuestion is the question the frame is asking, if any.
func (m *Model) confirmQuestion() string {
	switch m.confirm {
	case confirmQuit:
		return "Quit? Unsaved input on this desk will be lost."
	case confirmLogout:
		return "Log out? Unsaved input on this desk will be lost."
	case confirmDiscard:
		return "Leave without saving? What you typed here will be lost."
	}
	return ""
}

// layBody lays text into the body, height lines of the frame's width.
func (m *Model) layBody(text string, height int) block {
	body, ok := padBody(text, m.width, height)
	if !ok {
		body = newBlock(m.styles.Body.Width(m.width).Height(height).MaxHeight(height).Render(text))
	}
	return body
}

// screenBody is the shown screen's view laid into the body, drawn and laid again only
// when the screen may have changed since it was last drawn (a screen changes only in
// its Update and SetSize, and the frame marks it: see Update and updateScreen), or the
// body's size has. Going back to a tab, or closing the help over it, finds it drawn:
// the book's view was a tenth of the desk's CPU at 50 SSH sessions pressing keys, and
// measuring every line of the body to lay it out a sixteenth (issue 17).
func (m *Model) screenBody(height int) block {
	if len(m.views) != len(m.screens) {
		m.views = make([]keptView, len(m.screens))
	}
	v := &m.views[m.active]
	if v.drawn && v.width == m.width && v.height == height {
		return v.body
	}
	last := v.body
	if v.width != m.width {
		last = block{}
	}
	text := m.screens[m.active].View()
	body, ok := padBodyAfter(last, text, m.width, height)
	if !ok {
		body = m.layBody(text, height)
	}
	v.body, v.width, v.height, v.drawn = body, m.width, height, true
	return v.body
}

// keptView is a screen's view as laid into the body last, at that size; drawn is false
// once the screen may have changed since.
type keptView struct {
	body          block
	width, height int
	drawn         bool
}

// headerBlock is the header, drawn again only when the size, the clinic's name, the
// user or a badge has changed.
func (m *Model) headerBlock() block {
	var k inputs
	k.int(m.width).str(m.settings.ClinicName).str(m.common.User.FullName).str(string(m.common.User.Role))
	for _, s := range m.screens {
		if b, ok := s.(common.Badged); ok {
			k.str(b.Badge())
		}
	}
	return m.cache.header.get(k.String(), m.header)
}

// tabsBlock is the tab bar, drawn again only when the size, the active tab or a tab's
// title has changed.
func (m *Model) tabsBlock() block {
	var k inputs
	k.int(m.width).int(m.active)
	for _, s := range m.screens {
		k.str(s.Title())
	}
	return m.cache.tabs.get(k.String(), func() string { return m.styles.TabBar.Width(m.width).Render(m.tabBar()) })
}

// footerBlock is the footer, drawn again only when the size or the keys it shows have
// changed.
func (m *Model) footerBlock() block {
	var k inputs
	k.int(m.width).str(m.stopping)
	if m.stopping == "" {
		k.bindings(m.shortHelp())
	}
	return m.cache.footer.get(k.String(), m.footer)
}

// fullHelpBlock is the full help, drawn again only when the size or the keys have
// changed.
func (m *Model) fullHelpBlock() block {
	var k inputs
	k.int(m.width)
	for _, group := range m.fullHelp() {
		k.bindings(group)
	}
	return m.cache.fullHelp.get(k.String(), m.fullHelpView)
}

// header names the clinic on the left and the user on the right.
func (m *Model) header() string {
	st := m.styles
	left := st.Title.Render(textsafe.Truncate(m.settings.ClinicName, max(10, m.width/2)))
	u := m.common.User
	right := st.Header.Render(textsafe.Truncate(u.FullName, 30) + " · " + string(u.Role))
	for _, s := range m.screens {
		if b, ok := s.(common.Badged); ok && b.Badge() != "" {
			right = st.Badge.Render(b.Badge()) + " " + right
		}
	}
	gap := max(1, m.width-lipgloss.Width(left)-lipgloss.Width(right)-2)
	return " " + left + strings.Repeat(" ", gap) + right
}

// tabBar draws the tabs, numbered for the 1–9 keys.
func (m *Model) tabBar() string {
	return lipgloss.JoinHorizontal(lipgloss.Top, m.tabParts()...)
}

// tabParts are the tabs as drawn. When they do not fit the width (an admin's eight
// tabs at 80 columns), they lose their padding for a single space between them; when
// that is still too wide, the titles of the tabs not shown are cut, all to one length,
// the longest that fits (the shown tab keeps its whole title, every tab its number).
func (m *Model) tabParts() []string {
	parts := make([]string, len(m.screens))
	total := 0
	for i, s := range m.screens {
		parts[i] = m.tabStyle(i, false).Render(tabLabel(i, s.Title()))
		total += lipgloss.Width(parts[i])
	}
	if total <= m.width {
		return parts
	}
	longest := 0
	for _, s := range m.screens {
		longest = max(longest, textsafe.Width(s.Title()))
	}
	for cut := longest; ; cut-- {
		total = 0
		for i, s := range m.screens {
			title := s.Title()
			if i != m.active && textsafe.Width(title) > cut {
				title = textsafe.Truncate(title, cut) // "" at 0
			}
			parts[i] = m.tabStyle(i, true).Render(strings.TrimSpace(tabLabel(i, title)))
			if i < len(parts)-1 {
				parts[i] += " "
			}
			total += lipgloss.Width(parts[i])
		}
		if total <= m.width || cut <= 0 {
			return parts
		}
	}
}

func (m *Model) tabStyle(i int, compact bool) lipgloss.Style {
	style := m.styles.Tab
	if i == m.active {
		style = m.styles.ActiveTab
	}
	if compact {
		style = style.UnsetPadding()
	}
	return style
}

func tabLabel(i int, title string) string {
	return string(rune('1'+i)) + " " + title
}

// tabAt finds the tab under a mouse click on the tab bar.
func (m *Model) tabAt(msg tea.MouseMsg) (int, bool) {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft || msg.Y != headerRows {
		return 0, false
	}
	x := 0
	for i, part := range m.tabParts() {
		w := lipgloss.Width(part)
		if msg.X >= x && msg.X < x+w {
			return i, true
		}
		x += w
	}
	return 0, false
}

// footer shows the active screen's keys and the frame's, or all of them after '?'.
func (m *Model) footer() string {
	if m.stopping != "" {
		return " " + m.styles.Warning.Render(textsafe.Truncate(m.stopping, max(10, m.width-2)))
	}
	return " " + m.shortHelpView(m.width-1)
}

// shortHelpView draws the keys that matter now: the screen's first, in the screen's
// order, then the key of the help overlay (which lists the rest), then the frame's. A
// key too wide for the room left is skipped and the next ones still get their chance,
// so one long hint never pushes out the short ones after it (the till's "/ filter"
// after its "enter closed till's report"); the frame's keys come only when every key of
// the screen is shown. The help key is always there; no key is ever cut mid-word.
func (m *Model) shortHelpView(width int) string {
	wide := m.help
	wide.Width = 0 // measure without help's own truncation
	if m.confirm != confirmNone {
		// Only the question's answers work while it is asked.
		return textsafe.Truncate(wide.ShortHelpView(m.shortHelp()), max(1, width))
	}
	hint := m.helpHint()
	sep := lipgloss.Width(wide.ShortSeparator)
	used := lipgloss.Width(wide.ShortHelpView([]key.Binding{hint}))
	var shown []key.Binding
	skipped := false
	add := func(bs []key.Binding) {
		for _, b := range bs {
			if !b.Enabled() {
				continue
			}
			w := lipgloss.Width(wide.ShortHelpView([]key.Binding{b})) + sep
			if used+w > width {
				skipped = true
				continue
			}
			shown, used = append(shown, b), used+w
		}
	}
	add(m.screens[m.active].ShortHelp())
	shown = append(shown, hint)
	if !skipped {
		add(m.globalKeys())
	}
	if view := wide.ShortHelpView(shown); lipgloss.Width(view) <= width {
		return view
	}
	return textsafe.Truncate(wide.ShortHelpView([]key.Binding{hint}), max(1, width))
}

// helpHint is the key that opens the help overlay now: ? on a screen, f1 over a text
// field (which takes the ?).
func (m *Model) helpHint() key.Binding {
	if m.screens[m.active].Typing() {
		return m.keys.HelpAnywhere
	}
	return m.keys.Help
}

// fullHelpView draws every key: the columns that fit side by side in the terminal's
// width, then the next columns below them, so that no key is cut off at 80 columns.
func (m *Model) fullHelpView() string {
	wide := m.help
	wide.Width = 0 // measure without help's own truncation
	var rows []string
	var row [][]key.Binding
	for _, group := range m.fullHelp() {
		next := append(append([][]key.Binding{}, row...), group)
		if len(row) > 0 && lipgloss.Width(wide.FullHelpView(next)) > m.width-2 {
			rows = append(rows, m.help.FullHelpView(row))
			next = [][]key.Binding{group}
		}
		row = next
	}
	if len(row) > 0 {
		rows = append(rows, m.help.FullHelpView(row))
	}
	return strings.Join(rows, "\n")
}

func (m *Model) globalKeys() []key.Binding {
	screen := m.screens[m.active]
	if screen.Typing() {
		return []key.Binding{m.keys.Logout, m.keys.ForceQuit}
	}
	return []key.Binding{m.keys.NextTab, m.keys.Logout, m.keys.Quit}
}

func (m *Model) shortHelp() []key.Binding {
	if m.confirm != confirmNone {
		return []key.Binding{m.yesNo.Yes, m.yesNo.No}
	}
	return append(m.screens[m.active].ShortHelp(), m.globalKeys()...)
}

func (m *Model) fullHelp() [][]key.Binding {
	return append(m.screens[m.active].FullHelp(),
		[]key.Binding{m.keys.NextTab, m.keys.PrevTab, m.keys.Help, m.keys.HelpAnywhere, m.keys.Back},
		[]key.Binding{m.keys.Inbox, m.keys.Logout, m.keys.Quit, m.keys.ForceQuit})
}

// footerRows is the footer's height: one line of keys, or the server's notice.
const footerRows = 1

func (m *Model) bodyHeight() int {
	return max(1, m.height-headerRows-tabRows-footerRows)
}

// resizeScreens tells each screen the size of the body it draws into.
func (m *Model) resizeScreens() {
	if m.phase != phaseDesk || m.common == nil {
		return
	}
	w, h := m.width-2, m.bodyHeight() // the body's padding takes a column each side
	m.common.Width, m.common.Height = w, h
	for _, s := range m.screens {
		s.SetSize(w, h)
	}
}

// dialog draws a yes/no question in the middle of the body.
func (m *Model) dialog(question string) string {
	box := m.styles.Dialog.Render(question + "\n\n" + m.styles.Faint.Render("y: yes · n or esc: no"))
	return lipgloss.Place(max(lipgloss.Width(box), m.width-2), max(lipgloss.Height(box), m.bodyHeight()),
		lipgloss.Center, lipgloss.Center, box)
}
