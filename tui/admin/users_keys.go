package admin

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/keys"
)

type sshKeysMsg struct {
	user  int64 // whose keys: a closed view's read must not fill the next user's
	stamp uint64
	keys  []store.SSHKey
	err   error
}

// keysView lists one user's SSH public keys, adds (pasted authorized_keys lines) and
// removes them.
type keysView struct {
	c       *common.Common
	keys    keys.Admin
	list    keys.List
	user    store.User
	items   []store.SSHKey
	cursor  int
	reloads common.Reloads
	input   textinput.Model
	adding  bool
	msg     string
	failed  bool
}

func newKeysView(c *common.Common, u store.User) *keysView {
	in := textinput.New()
	in.Placeholder = "ssh-ed25519 AAAA… name@laptop"
	in.Prompt = "Key: "
	in.CharLimit = 16000
	return &keysView{c: c, keys: keys.NewAdmin(), list: keys.NewList(), user: u, input: in}
}

func (v *keysView) load() tea.Cmd {
	s, actor, id, stamp := v.c.Store, v.c.Actor(), v.user.ID, v.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		k, err := s.SSHKeys(ctx, actor, id)
		return sshKeysMsg{user: id, stamp: stamp, keys: k, err: err}
	}
}

func (v *keysView) dirty() bool { return v.adding && v.input.Value() != "" }

func (v *keysView) help() []key.Binding {
	if v.adding {
		return []key.Binding{v.keys.Back}
	}
	return []key.Binding{v.keys.AddKey, v.keys.RemoveKey, v.keys.Back}
}

type keySavedMsg struct {
	done string
	err  error
}

// update handles the view's keys; back reports that esc left the view.
func (v *keysView) update(msg tea.Msg) (back bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case sshKeysMsg:
		if msg.user != v.user.ID || !v.reloads.Newest(msg.stamp) {
			return false, nil
		}
		if msg.err != nil {
			v.msg, v.failed = common.ErrorText(msg.err), true
			return false, nil
		}
		v.items = msg.keys
		v.cursor = min(v.cursor, max(0, len(v.items)-1))
		return false, nil
	case keySavedMsg:
		if msg.err != nil {
			v.msg, v.failed = common.ErrorText(msg.err), true
			return false, nil
		}
		v.msg, v.failed, v.adding = msg.done, false, false
		v.input.SetValue("")
		v.input.Blur()
		return false, v.load()
	case tea.KeyMsg:
		if v.adding {
			switch msg.Type {
			case tea.KeyEsc:
				v.adding = false
				v.input.SetValue("")
				v.input.Blur()
				return false, nil
			case tea.KeyEnter:
				return false, v.add(v.input.Value())
			}
			var c tea.Cmd
			v.input, c = v.input.Update(msg)
			return false, c
		}
		v.msg = ""
		switch {
		case key.Matches(msg, v.keys.Back):
			return true, nil
		case key.Matches(msg, v.list.Up):
			v.cursor = max(0, v.cursor-1)
		case key.Matches(msg, v.list.Down):
			v.cursor = min(max(0, len(v.items)-1), v.cursor+1)
		case key.Matches(msg, v.keys.AddKey):
			v.adding = true
			return false, v.input.Focus()
		case key.Matches(msg, v.keys.RemoveKey):
			if v.cursor < len(v.items) {
				return false, v.remove(v.items[v.cursor])
			}
		}
	}
	return false, nil
}

func (v *keysView) add(line string) tea.Cmd {
	s, actor, id := v.c.Store, v.c.Actor(), v.user.ID
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		k, err := s.AddSSHKey(ctx, actor, id, line)
		return keySavedMsg{done: "Added key " + k.Fingerprint + ".", err: err}
	}
}

func (v *keysView) remove(k store.SSHKey) tea.Cmd {
	s, actor := v.c.Store, v.c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		return keySavedMsg{done: "Removed key " + k.Fingerprint + ".", err: s.RemoveSSHKey(ctx, actor, k.ID)}
	}
}

func (v *keysView) view(width, height int) string {
	st := v.c.Styles
	var b strings.Builder
	b.WriteString(st.Bold.Render("SSH keys of "+common.Safe(v.user.FullName)) + "\n")
	b.WriteString(st.Faint.Render("Each key lets this user open the desk over SSH without a password.") + "\n\n")
	if len(v.items) == 0 {
		b.WriteString(st.Faint.Render("No keys yet. a: add one.") + "\n")
	}
	for i, k := range v.items {
		if i >= max(1, height-8) {
			break
		}
		line := pad(k.Fingerprint, 52) + " " + textsafe.Truncate(k.Comment, max(8, width-54))
		if i == v.cursor {
			line = st.Selected.Render(line)
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n")
	if v.adding {
		v.input.Width = max(20, width-10)
		b.WriteString(v.input.View() + "\n" + st.Faint.Render("Paste one line of authorized_keys; enter: add · esc: cancel") + "\n")
	}
	switch {
	case v.failed:
		b.WriteString(st.Error.Render(common.Safe(v.msg)))
	case v.msg != "":
		b.WriteString(st.Success.Render(common.Safe(v.msg)))
	}
	return b.String()
}
