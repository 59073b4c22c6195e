package pharmacy

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// printout shows labels or a receipt and writes them to a file the pharmacist names.
// The text comes from the store, already terminal-safe; it is drawn through
// textsafe.Block all the same.
type printout struct {
	c     *common.Common
	title string
	text  string
	path  string
	form  *huh.Form
	view  viewport.Model
	saved string // the file written, once it is
	err   string
	back  key.Binding
}

type printedMsg struct {
	from *printout
	path string
	err  error
}

func newPrintout(c *common.Common, title, text, defaultPath string) *printout {
	p := &printout{c: c, title: title, text: textsafe.Block(text), path: defaultPath,
		back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))}
	p.view = viewport.New(0, 0)
	p.view.SetContent(p.text)
	p.form = p.newForm()
	p.setSize(c.Width, c.Height)
	return p
}

func (p *printout) newForm() *huh.Form {
	return huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Save to file").Value(&p.path).Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New("Name the file to write.")
			}
			return nil
		}),
	)).WithTheme(p.c.Styles.Form).WithShowHelp(false).WithWidth(min(70, max(30, p.c.Width)))
}

func (p *printout) setSize(w, h int) {
	p.view.Width = max(20, w)
	p.view.Height = max(3, h-6)
}

func (p *printout) init() tea.Cmd { return p.form.Init() }

func (p *printout) typing() bool { return p.form != nil }

// update handles the file form and scrolling; closed is true once esc leaves it.
func (p *printout) update(msg tea.Msg) (closed bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case printedMsg:
		if msg.from != p {
			return false, nil
		}
		if msg.err != nil {
			p.err = "The file could not be written: " + msg.err.Error()
			p.form = p.newForm()
			return false, p.form.Init()
		}
		p.saved, p.err = msg.path, ""
		return false, nil
	case tea.KeyMsg:
		if key.Matches(msg, p.back) {
			return true, nil
		}
	}
	if p.form == nil {
		p.view, cmd = p.view.Update(msg)
		return false, cmd
	}
	m, cmd := p.form.Update(msg)
	p.form = m.(*huh.Form)
	if p.form.State == huh.StateCompleted {
		p.form = nil
		path, text := p.path, p.text
		return false, tea.Batch(cmd, func() tea.Msg {
			abs, err := common.SaveText(path, text)
			return printedMsg{from: p, path: abs, err: err}
		})
	}
	return false, cmd
}

func (p *printout) viewText() string {
	st := p.c.Styles
	var b strings.Builder
	b.WriteString(st.Bold.Render(p.title) + "\n")
	switch {
	case p.form != nil:
		b.WriteString(p.form.View() + "\n")
	case p.saved != "":
		b.WriteString(st.Success.Render("Written to "+common.Safe(p.saved)) + st.Faint.Render("  ↑/↓ scroll · esc close") + "\n")
	default:
		b.WriteString(st.Faint.Render("Writing…") + "\n")
	}
	if p.err != "" {
		b.WriteString(st.Error.Render(common.Safe(p.err)) + "\n")
	}
	b.WriteString(p.view.View())
	return b.String()
}
