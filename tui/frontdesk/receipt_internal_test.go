package frontdesk

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

func TestTypingAReceiptsFileNameIsTyping(t *testing.T) {
	t.Parallel()
	b := NewBook(&common.Common{Store: tuitest.NewStore(t), Styles: theme.New(tuitest.Renderer(), true)})
	b.SetSize(80, 20)
	b.showReceipt(receiptMsg{code: "APT000001", text: "RECEIPT"})
	if b.Typing() {
		t.Fatal("a receipt on show takes single keys")
	}
	b.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("s")})
	if !b.Typing() {
		t.Fatal("while the file name has focus the frame must pass q and ? to it, not quit")
	}
	b.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if b.Typing() {
		t.Fatal("esc leaves the file name")
	}
}
