package tui

import (
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// countedScreen is a screen that counts how often it is drawn.
type countedScreen struct {
	title string
	views int
}

func (s *countedScreen) ShortHelp() []key.Binding                { return nil }
func (s *countedScreen) FullHelp() [][]key.Binding               { return nil }
func (s *countedScreen) Title() string                           { return s.title }
func (s *countedScreen) Init() tea.Cmd                           { return nil }
func (s *countedScreen) Update(tea.Msg) (common.Screen, tea.Cmd) { return s, nil }
func (s *countedScreen) SetSize(int, int)                        {}
func (s *countedScreen) Typing() bool                            { return false }
func (s *countedScreen) Dirty() bool                             { return false }
func (s *countedScreen) View() string                            { s.views++; return s.title + " body" }

// The frame draws a screen again only when it may have changed: a key the frame takes
// (a tab, the help) or a message of another screen leaves it as drawn, so going back
// to the book or closing the help over it does not draw it again (the book's view was
// a tenth of the desk's CPU at 50 SSH sessions pressing keys, issue 17). A key or a
// message it gets, and any message of the frame's own (a size, an idle tick), draw it.
func TestTheFrameDrawsAScreenAgainOnlyWhenItMayHaveChanged(t *testing.T) {
	t.Parallel()
	s := tuitest.NewStore(t)
	u := addUser(t, s, store.RoleReceptionist, "maya@clinic.test", "Maya Desk")
	m := New(Options{Store: s, Renderer: tuitest.Renderer()})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	book, other := &countedScreen{title: "Book"}, &countedScreen{title: "Other"}
	m.phase, m.common = phaseDesk, &common.Common{Store: s, User: u, Styles: m.styles}
	m.screens = []common.Screen{book, other}
	step := func(what string, msg tea.Msg, want int) {
		t.Helper()
		m.Update(msg)
		m.View()
		if book.views != want {
			t.Errorf("after %s the book was drawn %d times; want %d", what, book.views, want)
		}
	}
	m.View()
	step("tab", tea.KeyMsg{Type: tea.KeyTab}, 1)
	step("shift+tab", tea.KeyMsg{Type: tea.KeyShiftTab}, 1)
	step("? (the help opens)", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")}, 1)
	step("? (the help closes)", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")}, 1)
	step("a message of the other screen", screenMsg{desk: m.session, screen: 1, msg: "reloaded"}, 1)
	step("a key of the book's", tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}, 2)
	step("a message of the book's", screenMsg{desk: m.session, screen: 0, msg: "reloaded"}, 3)
	step("an idle tick", idleTickMsg{session: m.session}, 4)
	step("a new size", tea.WindowSizeMsg{Width: 90, Height: 30}, 5)
}
