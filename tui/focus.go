package tui

import (
	"reflect"
	"runtime"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
)

// A huh form moves its focus in two steps: a key (tab, enter, y on a confirm) makes the
// field answer with a command, huh.NextField or huh.PrevField, and only the message that
// command returns moves the focus; on the group's last field that message answers with
// another command, huh's nextGroup, whose message shows the next group or completes
// the form. Keys that arrived in the same write (typed ahead, a paste of "e-mail, tab,
// password, enter", a slow SSH link) are all queued before those messages, so they
// landed in the field the user had already left: the e-mail field got the password.
//
// settled closes that gap for every form on every screen: it runs huh's focus
// commands at once, in the Update that gave them, and hands their messages straight
// back to the model that asked, so the next key finds the focus where the user put it.
// Those commands only return a message; every other command (a cursor's blink, a call
// to the store) runs as before, and nothing waits on the clock. A key that moves no
// focus (a field whose value is refused, enter in a multi-line text) gives no focus
// command, and the next key goes to the same field, as typed slowly.

// focusCmds are huh's commands that move a form's focus, by name: nextGroup and
// prevGroup are not exported.
var focusCmds = func() map[string]bool {
	next := funcName(huh.NextField)
	pkg := next[:strings.LastIndex(next, ".")+1]
	return map[string]bool{next: true, funcName(huh.PrevField): true,
		pkg + "nextGroup": true, pkg + "prevGroup": true}
}()

// holdsCommands reports whether a command's function is the one tea.Batch and
// tea.Sequence make of several commands: calling it only returns the list it holds. Go
// copies that function into each caller of tea.Batch (inlining), so its code differs
// from caller to caller; its name keeps Bubble Tea's compactCmds.
func holdsCommands(name string) bool { return strings.Contains(name, ".compactCmds[") }

func funcName(f any) string {
	return runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name()
}

// settled gives msg to update, then gives it the messages of the focus commands it
// answers with, until none is left; it returns the commands left to run.
func settled(update func(tea.Msg) tea.Cmd, msg tea.Msg) tea.Cmd {
	return settle(update, update(msg))
}

// settle runs the focus commands in cmd, batches included, and returns the rest. A
// sequence keeps its order: it is left whole.
func settle(update func(tea.Msg) tea.Cmd, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	name := funcName(cmd)
	switch {
	case focusCmds[name]:
		return settled(update, cmd())
	case holdsCommands(name):
		batch, ok := cmd().(tea.BatchMsg)
		if !ok {
			return cmd
		}
		rest := make([]tea.Cmd, len(batch))
		for i, c := range batch {
			rest[i] = settle(update, c)
		}
		return tea.Batch(rest...)
	}
	return cmd
}
