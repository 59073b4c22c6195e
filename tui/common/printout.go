package common

import (
	"context"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
)

// PrintFunc prints one printout through the store, which decides where it goes (the
// print directory beside the database, or the admin's print command) and returns its
// text and where it went. The desk never names a file: over SSH, that file would be
// on the server.
type PrintFunc func(ctx context.Context, s *store.Store, actor store.Actor) (store.Printed, error)

// Printout shows a printout on screen, in a viewport the user pages through (j/k,
// pgup/pgdn), so that a user at an SSH desk can read what was printed; p prints it
// (again), and esc closes it. The line above the text says where the last print went.
type Printout struct {
	c      *Common
	title  string
	print  PrintFunc
	view   viewport.Model
	status string
	failed bool
	keys   struct{ Print, Close key.Binding }
}

// PrintedMsg is the result of a print, for the printout that asked.
type PrintedMsg struct {
	from    *Printout
	printed store.Printed
	err     error
}

// NewPrintout shows text (as the store made it) under title; print prints it.
func NewPrintout(c *Common, title, text string, print PrintFunc) *Printout {
	p := &Printout{c: c, title: title, print: print, view: viewport.New(0, 0)}
	p.keys.Print = key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "print"))
	p.keys.Close = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))
	p.view.SetContent(textsafe.Block(text))
	p.SetSize(c.Width, c.Height)
	return p
}

// SetSize fits the viewport to the body, below the title and status lines.
func (p *Printout) SetSize(w, h int) {
	p.view.Width = max(20, w)
	p.view.Height = max(3, h-3)
}

// Print prints the printout; the result comes back as a PrintedMsg.
func (p *Printout) Print() tea.Cmd {
	p.status, p.failed = "Printing…", false
	s, actor, print := p.c.Store, p.c.Actor(), p.print
	return func() tea.Msg {
		// A print command may take up to the store's timeout, beyond a plain read's.
		ctx, cancel := context.WithTimeout(context.Background(), store.PrintTimeout+10*time.Second)
		defer cancel()
		printed, err := print(ctx, s, actor)
		return PrintedMsg{from: p, printed: printed, err: err}
	}
}

// Update handles the print's result, p, esc and paging; closed is true once esc
// closes the printout.
func (p *Printout) Update(msg tea.Msg) (closed bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case PrintedMsg:
		if msg.from != p {
			return false, nil
		}
		if msg.printed.Text != "" {
			p.view.SetContent(textsafe.Block(msg.printed.Text))
		}
		if msg.err != nil {
			p.status, p.failed = "Not printed: "+ErrorText(msg.err), true
			return false, nil
		}
		p.status, p.failed = msg.printed.Where+".", false
		return false, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.Close):
			return true, nil
		case key.Matches(msg, p.keys.Print):
			return false, p.Print()
		}
	}
	p.view, cmd = p.view.Update(msg)
	return false, cmd
}

// Help lists the printout's keys.
func (p *Printout) Help() []key.Binding {
	return []key.Binding{p.keys.Print, p.view.KeyMap.Down, p.view.KeyMap.PageDown, p.keys.Close}
}

// View draws the title, where the printout went, and the text.
func (p *Printout) View() string {
	st := p.c.Styles
	var b strings.Builder
	// The keys are the footer's (Help): a copy here ran past 80 columns after a long title.
	b.WriteString(st.Bold.Render(textsafe.Truncate(Safe(p.title), p.view.Width)) + "\n")
	switch {
	case p.failed:
		b.WriteString(st.Error.Render(Safe(p.status)) + "\n")
	case p.status != "":
		b.WriteString(st.Success.Render(Safe(p.status)) + "\n")
	default:
		b.WriteString(st.Faint.Render("Not printed yet.") + "\n")
	}
	b.WriteString(p.view.View())
	return b.String()
}
