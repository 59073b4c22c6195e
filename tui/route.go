package tui

import (
	"reflect"

	tea "github.com/charmbracelet/bubbletea"
)

// screenMsg is the answer to a command one screen of one desk gave: the frame hands it
// to that screen only, shown or not, and drops it when the desk that asked has closed
// since (a log-out, another user at the lock). So a screen's Update sees its own
// answers, the keys and mouse when it is shown, the size, and the store's changes; never
// another screen's answers, and two forms on two tabs never read each other's messages.
type screenMsg struct {
	desk   int // the session number of the desk that asked
	screen int // the index of the screen in the desk's tabs
	msg    tea.Msg
}

// teaPkg is Bubble Tea's import path: its messages (quit, window size, batches, the
// terminal's modes) are the program's and pass through unwrapped.
var teaPkg = reflect.TypeOf(tea.QuitMsg{}).PkgPath()

var cmdType = reflect.TypeOf(tea.Cmd(nil))

// routeTo wraps a screen's command so that its answer comes back as a screenMsg for
// that screen. A batch or a sequence is wrapped command by command, so every answer in
// it is routed the same way.
func routeTo(desk, screen int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg { return wrapAnswer(desk, screen, cmd()) }
}

func wrapAnswer(desk, screen int, msg tea.Msg) tea.Msg {
	if msg == nil {
		return nil
	}
	if batch, ok := msg.(tea.BatchMsg); ok {
		out := make(tea.BatchMsg, len(batch))
		for i, c := range batch {
			out[i] = routeTo(desk, screen, c)
		}
		return out
	}
	t := reflect.TypeOf(msg)
	if t.PkgPath() != teaPkg {
		return screenMsg{desk: desk, screen: screen, msg: msg}
	}
	if t.Kind() == reflect.Slice && t.Elem() == cmdType {
		// tea.Sequence's message, whose type Bubble Tea does not export.
		v := reflect.ValueOf(msg)
		cmds := make([]tea.Cmd, v.Len())
		for i := range cmds {
			c, _ := v.Index(i).Interface().(tea.Cmd)
			cmds[i] = routeTo(desk, screen, c)
		}
		return tea.Sequence(cmds...)()
	}
	return msg
}
