package common

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/tui/keys"
)

// Filter is a list's "/" filter, the same on every list of the desk: after /, what is
// typed narrows the list at every key; enter (or ↑/↓) keeps the filter and returns to
// the list, esc clears it (also once kept). While it is being typed it has every key,
// so the screen holding it reports Typing.
type Filter struct {
	Keys   keys.Filter
	input  textinput.Model
	typing bool
}

// NewFilter returns a filter whose empty field says what it matches.
func NewFilter(placeholder string) Filter {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.CharLimit = 80
	return Filter{Keys: keys.NewFilter(), input: in}
}

// Typing reports whether the filter is being typed.
func (f *Filter) Typing() bool { return f.typing }

// On reports whether a filter applies to the list.
func (f *Filter) On() bool { return f.query() != "" }

func (f *Filter) query() string { return strings.ToLower(strings.TrimSpace(f.input.Value())) }

// Match reports whether one of the texts holds what was typed, ignoring case; with no
// filter everything matches.
func (f *Filter) Match(texts ...string) bool {
	q := f.query()
	if q == "" {
		return true
	}
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), q) {
			return true
		}
	}
	return false
}

// Key takes a key that is the filter's: / to start, every key while typing, esc while a
// filter applies. handled is false for any other key, which the list handles;
// changed reports that the filter's text changed, so the list is narrowed again.
func (f *Filter) Key(msg tea.KeyMsg) (handled, changed bool, cmd tea.Cmd) {
	before := f.query()
	switch {
	case !f.typing && key.Matches(msg, f.Keys.Start):
		f.typing = true
		return true, false, f.input.Focus()
	case !f.typing && f.On() && key.Matches(msg, f.Keys.Clear):
		f.input.SetValue("")
		return true, true, nil
	case !f.typing:
		return false, false, nil
	case key.Matches(msg, f.Keys.Clear):
		f.typing = false
		f.input.Blur()
		f.input.SetValue("")
	case key.Matches(msg, f.Keys.Keep):
		f.typing = false
		f.input.Blur()
	default:
		f.input, cmd = f.input.Update(msg)
	}
	return true, f.query() != before, cmd
}

// View is the filter's line while it is typed or applies, and "" otherwise.
func (f *Filter) View() string {
	if !f.typing && !f.On() {
		return ""
	}
	return f.input.View()
}

// Help is the filter's keys that apply now, for a screen's ShortHelp and FullHelp.
func (f *Filter) Help() []key.Binding {
	switch {
	case f.typing:
		return []key.Binding{f.Keys.Keep, f.Keys.Clear}
	case f.On():
		return []key.Binding{f.Keys.Start, f.Keys.Clear}
	}
	return []key.Binding{f.Keys.Start}
}

// Narrow lists the rows of all that the filter lets through (texts are what a row is
// matched on), and returns the cursor over them: on the row that was selected in shown
// (id tells rows apart) while it is still listed, else kept inside the list.
func Narrow[T any, K comparable](f *Filter, all, shown []T, cursor int, id func(T) K, texts func(T) []string) ([]T, int) {
	var selected K
	wasSelected := cursor >= 0 && cursor < len(shown)
	if wasSelected {
		selected = id(shown[cursor])
	}
	var out []T
	for _, row := range all {
		if f.Match(texts(row)...) {
			if wasSelected && id(row) == selected {
				cursor = len(out)
			}
			out = append(out, row)
		}
	}
	return out, max(0, min(cursor, len(out)-1))
}
