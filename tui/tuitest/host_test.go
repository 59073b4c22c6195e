package tuitest

import (
	"slices"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/tui/common"
)

// sizedScreen records the sizes and the messages the host gives it, in order.
type sizedScreen struct{ got *[]any }

func (s sizedScreen) ShortHelp() []key.Binding  { return nil }
func (s sizedScreen) FullHelp() [][]key.Binding { return nil }
func (s sizedScreen) Title() string             { return "Sized" }
func (s sizedScreen) Init() tea.Cmd             { return nil }
func (s sizedScreen) View() string              { return "sized" }
func (s sizedScreen) Typing() bool              { return false }
func (s sizedScreen) Dirty() bool               { return false }
func (s sizedScreen) SetSize(w, h int)          { *s.got = append(*s.got, [2]int{w, h}) }
func (s sizedScreen) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	*s.got = append(*s.got, msg)
	return s, nil
}

// The host plays the frame: a new size is followed by a ResizedMsg, so a screen reads
// what its size now shows even when the size arrives after the screen's first read
// (the day book's names never came in CI when it did not).
func TestTheHostTellsTheScreenItWasResized(t *testing.T) {
	t.Parallel()
	var got []any
	p := StartScreen(t, NewStore(t), nil, sizedScreen{got: &got}, 80, 24)
	p.Send(tea.WindowSizeMsg{Width: 100, Height: 30})
	p.Inside(func() {
		at := slices.Index(got, any([2]int{100, 29}))
		if at < 0 || at+1 >= len(got) || got[at+1] != any(common.ResizedMsg{}) {
			t.Errorf("after the resize to 100×30 the screen got %v", got)
		}
	})
}
