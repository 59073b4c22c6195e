package sshserver

import (
	"runtime/debug"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
)

// guard catches a panic in one session's desk, so that it ends that session only,
// logged with its stack, and the user is told why. Bubble Tea would catch most of these
// itself, but it prints them on the server's standard output and ends the session
// without a word to the user.
type guard struct {
	srv    *Server
	remote string
	id     Identity
	l      *live // set once the program exists, before it runs
	once   sync.Once
	view   trimmed // the program's loop alone draws
}

// failed logs the first panic of the session and gives the reason the user is told.
func (g *guard) failed(r any) {
	g.once.Do(func() {
		g.srv.logf("panic in session %s %s: %v\n%s", g.remote, describe(g.id), r, debug.Stack())
		g.l.mu.Lock()
		g.l.reason = crashedReason
		g.l.mu.Unlock()
	})
}

// cmd wraps a command so that a panic while it runs ends the session: the command
// returns a quit instead. The commands of a batch are wrapped as the batch is opened.
// (Those of a tea.Sequence are not reachable; Bubble Tea's own recovery ends the
// session for them.)
func (g *guard) cmd(c tea.Cmd) tea.Cmd {
	if c == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				g.failed(r)
				msg = tea.QuitMsg{}
			}
		}()
		msg = c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			wrapped := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				wrapped[i] = g.cmd(c)
			}
			return wrapped
		}
		return msg
	}
}

// guarded is the session's model under its guard.
type guarded struct {
	tea.Model
	g *guard
}

// trimmed is a frame with the blanks at the end of its lines taken off, and the frame
// it was made from; see trim.
type trimmed struct{ from, frame string }

// trim takes the blanks off the end of each line of a frame. Bubble Tea ends a line
// narrower than the terminal by erasing the rest of it, which draws what the blanks
// drew (in the colour they were drawn in, if any was still set), so the terminal shows
// the same screen; but fewer bytes go over the link, and Bubble Tea measures and cuts
// shorter lines on every redraw of a line. The desk pads every line to the width: at
// 50 SSH sessions pressing keys that were a fifth of the bytes sent (issue 17). The
// last frame trimmed is kept, as View is asked again for a frame that has not changed.
func (t *trimmed) trim(frame string) string {
	if frame == t.from {
		return t.frame
	}
	var b strings.Builder
	b.Grow(len(frame))
	for rest := frame; ; {
		line, more, found := strings.Cut(rest, "\n")
		b.WriteString(strings.TrimRight(line, " "))
		if !found {
			break
		}
		b.WriteByte('\n')
		rest = more
	}
	t.from, t.frame = frame, b.String()
	return t.frame
}

func (m guarded) Init() (cmd tea.Cmd) {
	defer m.catch(&cmd)
	return m.g.cmd(m.Model.Init())
}

func (m guarded) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	next = m
	defer m.catch(&cmd)
	inner, c := m.Model.Update(msg)
	return guarded{Model: inner, g: m.g}, m.g.cmd(c)
}

func (m guarded) View() (view string) {
	defer func() {
		if r := recover(); r != nil {
			m.g.failed(r)
			view = ""
			// View runs on the program's loop, which Quit would wait for: quit from aside.
			go m.g.l.prog.Quit()
		}
	}()
	return m.g.view.trim(m.Model.View())
}

// catch, deferred, turns a panic into the end of the session.
func (m guarded) catch(cmd *tea.Cmd) {
	if r := recover(); r != nil {
		m.g.failed(r)
		*cmd = tea.Quit
	}
}
