package admin

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// databaseRefresh is how often the database panel reads the store's measures again.
const databaseRefresh = time.Minute

// databaseShown is how many of the day's slowest calls the panel lists.
const databaseShown = 5

type databaseMsg struct{ m store.Metrics }

type databaseTickMsg struct{}

// databasePanel shows the database at a glance: the sizes of its file and log, the
// commits and logins since this process opened it, and the day's slowest calls of
// the store (the same measures serve --metrics exposes). They are this process's: a
// desk's own, or the server's for its sessions.
type databasePanel struct {
	c      *common.Common
	m      store.Metrics
	loaded bool
}

func newDatabasePanel(c *common.Common) *databasePanel { return &databasePanel{c: c} }

func (p *databasePanel) Init() tea.Cmd { return tea.Batch(p.load(), p.tick()) }

func (p *databasePanel) load() tea.Cmd {
	s := p.c.Store
	return func() tea.Msg { return databaseMsg{m: s.Metrics()} }
}

func (p *databasePanel) tick() tea.Cmd {
	return p.c.Tick(databaseRefresh, func(time.Time) tea.Msg { return databaseTickMsg{} })
}

func (p *databasePanel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case databaseMsg:
		p.m, p.loaded = msg.m, true
	case databaseTickMsg:
		return tea.Batch(p.load(), p.tick())
	}
	return nil
}

// Badge is empty: the panel only informs.
func (p *databasePanel) Badge() string { return "" }

func (p *databasePanel) View(width int) string {
	st := p.c.Styles
	var b strings.Builder
	b.WriteString(st.Bold.Render("Database") + "\n")
	if !p.loaded {
		b.WriteString(st.Faint.Render("Reading the database's measures…"))
		return b.String()
	}
	room := max(10, width-20)
	row := func(label, value string) {
		b.WriteString(st.Label.Render(label) + textsafe.Truncate(value, room) + "\n")
	}
	m := p.m
	row("File", humanSize(m.FileBytes)+", its log "+humanSize(m.WALBytes))
	row("Since opened", plural.S(int(m.Commits), "commit")+", "+plural.S(int(m.Logins), "login")+", "+
		plural.S(int(m.LoginFailures), "failed login"))
	if len(m.SlowestToday) == 0 {
		row("Slowest today", "nothing measured yet")
		return strings.TrimRight(b.String(), "\n")
	}
	for i, s := range m.SlowestToday[:min(databaseShown, len(m.SlowestToday))] {
		label := ""
		if i == 0 {
			label = "Slowest today"
		}
		row(label, fmt.Sprintf("%s %s at %s", millis(s.Took), common.Safe(s.Op), p.c.Local(s.At).Format("15:04")))
	}
	return strings.TrimRight(b.String(), "\n")
}

// millis is a duration in milliseconds, to a tenth.
func millis(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
