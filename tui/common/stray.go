package common

import (
	"fmt"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
)

// StrayLetters keeps a word typed on a list from acting as commands. On a list letters
// are keys (they filter only after /), so a receptionist typing "sue" to find Sue would
// give an account (u) and edit (e) whoever is selected. Once a letter that is no key of
// the list arrives, the letters after it are part of that word and do nothing, until a
// key that is not a letter (an arrow, enter, esc, /) ends it.
type StrayLetters struct {
	typing bool
}

// Catch reports whether msg is a letter of a stray word, and the sentence to show for it.
// bound says whether msg is one of the list's keys.
func (s *StrayLetters) Catch(msg tea.KeyMsg, bound bool) (bool, string) {
	letter := msg.Type == tea.KeyRunes && len(msg.Runes) == 1 && unicode.IsLetter(msg.Runes[0]) && !msg.Alt
	switch {
	case !letter:
		s.typing = false
		return false, ""
	case bound && !s.typing:
		return false, ""
	}
	s.typing = true
	return true, fmt.Sprintf(`"%c" is not a key here: / searches by name; esc, then the list's keys.`, msg.Runes[0])
}
