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

// backupRefresh is how often the backup panel reads the record again: the last
// backup's age moves with the clock, and serve writes the record from another process.
const backupRefresh = time.Minute

type backupStatusMsg struct {
	stamp  uint64
	status store.BackupStatus
	now    time.Time
	err    error
}

type backupTickMsg struct{}

// backupPanel shows the last good backup (when, how old, how large, where), the
// schedule serve runs, the last failure and the replica.
type backupPanel struct {
	c       *common.Common
	status  store.BackupStatus
	now     time.Time
	loaded  bool
	reloads common.Reloads
	err     string
}

func newBackupPanel(c *common.Common) *backupPanel { return &backupPanel{c: c} }

func (p *backupPanel) Init() tea.Cmd { return p.load() }

func (p *backupPanel) load() tea.Cmd {
	s, actor, stamp := p.c.Store, p.c.Actor(), p.reloads.Start()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		st, err := s.BackupStatus(ctx, actor)
		return backupStatusMsg{stamp: stamp, status: st, now: s.Now(), err: err}
	}
}

func (p *backupPanel) tick() tea.Cmd {
	return p.c.Tick(backupRefresh, func(time.Time) tea.Msg { return backupTickMsg{} })
}

func (p *backupPanel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case backupStatusMsg:
		if !p.reloads.Newest(msg.stamp) {
			return nil
		}
		first := !p.loaded
		p.loaded, p.err = true, common.ErrorText(msg.err)
		if msg.err == nil {
			p.status, p.now = msg.status, msg.now
		}
		if first {
			return p.tick()
		}
	case backupTickMsg:
		return tea.Batch(p.load(), p.tick())
	case common.StoreChangedMsg:
		// A failed scheduled backup notifies the admins as it records the run.
		if msg.Touches(store.TopicNotifications) {
			return p.load()
		}
	}
	return nil
}

// Badge warns every admin when the last good backup is older than a day.
func (p *backupPanel) Badge() string {
	if !p.loaded || !p.status.Stale(p.now) {
		return ""
	}
	if p.status.LastGood == nil {
		return "no good backup yet"
	}
	return "last good backup " + ago(p.now.Sub(p.status.LastGood.At))
}

func (p *backupPanel) View(width int) string {
	st := p.c.Styles
	var b strings.Builder
	b.WriteString(st.Bold.Render("Backups") + "\n")
	if p.err != "" {
		b.WriteString(st.Error.Render(p.err))
		return b.String()
	}
	if !p.loaded {
		b.WriteString(st.Faint.Render("Reading the backup record…"))
		return b.String()
	}
	room := max(10, width-20)
	row := func(label, value string) {
		b.WriteString(st.Label.Render(label) + textsafe.Truncate(common.Safe(value), room) + "\n")
	}
	s := p.status
	if good := s.LastGood; good != nil {
		line := p.c.Local(good.At).Format("2006-01-02 15:04") + ", " + ago(p.now.Sub(good.At))
		if s.Stale(p.now) {
			b.WriteString(st.Label.Render("Last good backup") + st.Warning.Render(common.Safe(line)+" — older than a day") + "\n")
		} else {
			row("Last good backup", line)
		}
		row("Size", humanSize(good.Size)+encryptedNote(good.Encrypted))
		row("Place", good.Path)
		row("Holds", plural.S(int(good.Patients), "patient")+", "+plural.S(int(good.Appointments), "appointment"))
	} else {
		b.WriteString(st.Warning.Render("No good backup has been made of this clinic.") + "\n")
	}
	if last := s.Last; last != nil && !last.OK {
		b.WriteString(st.Label.Render("Last attempt") + st.Error.Render(common.Safe(
			"failed "+p.c.Local(last.At).Format("2006-01-02 15:04")+": "+last.Error)) + "\n")
	}
	if s.Schedule.Dir != "" {
		row("Schedule", fmt.Sprintf("every %s into %s, keeping the newest %d", shortDuration(s.Schedule.Every), s.Schedule.Dir, s.Schedule.Keep))
	} else {
		row("Schedule", "none running (start serve with --backup-dir)")
	}
	if s.Schedule.Replica != "" {
		row("Replica", "continuous, into "+s.Schedule.Replica)
	} else {
		row("Replica", "none running (start serve with --replica)")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func encryptedNote(encrypted bool) string {
	if encrypted {
		return ", encrypted"
	}
	return ", NOT encrypted"
}

// ago says how long ago in the largest whole unit: "5 minutes ago", "1 day ago".
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural.S(int(d/time.Minute), "minute") + " ago"
	case d < 48*time.Hour:
		return plural.S(int(d/time.Hour), "hour") + " ago"
	}
	return plural.S(int(d/(24*time.Hour)), "day") + " ago"
}

func shortDuration(d time.Duration) string {
	if d%time.Hour == 0 {
		return plural.S(int(d/time.Hour), "hour")
	}
	return d.String()
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
