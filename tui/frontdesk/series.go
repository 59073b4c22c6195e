package frontdesk

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// series books follow-up visits of an appointment: the same patient with the same
// doctor every N days or weeks, K times. Visits that cannot be booked are listed, each
// one key away from placing it by hand; nothing is booked other than as asked.
type series struct {
	appt       store.Appointment
	form       *huh.Form
	every      string
	count      string
	err        string
	busy       bool
	booked     int
	collisions []store.SeriesCollision
	cursor     int
}

type seriesMsg struct {
	owner      int64
	booked     []int64
	collisions []store.SeriesCollision
	err        error
}

// parseEvery reads "2w", "10d", "2 weeks", "10 days" as a whole number of days.
func parseEvery(s string) (time.Duration, error) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	unit := 24 * time.Hour
	switch {
	case strings.HasSuffix(s, "weeks"), strings.HasSuffix(s, "week"), strings.HasSuffix(s, "w"):
		unit *= 7
		s = strings.TrimRight(s, "weks")
	default:
		s = strings.TrimRight(s, "days")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, errors.New("Repeat every N days or weeks: 10d, 2w.")
	}
	return time.Duration(n) * unit, nil
}

func (sr *series) rebuild(theme *huh.Theme) tea.Cmd {
	sr.form = huh.NewForm(huh.NewGroup(
		huh.NewInput().Key("every").Title("Every").Description("days or weeks: 10d, 2w").Value(&sr.every).
			Validate(func(s string) error { _, err := parseEvery(s); return err }),
		huh.NewInput().Key("count").Title("Visits").Description("how many follow-up visits, 1 to 52").Value(&sr.count).
			Validate(func(s string) error {
				n, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil {
					return errors.New("Type how many visits, a whole number.")
				}
				return store.CheckSeries(24*time.Hour, n)
			}),
	)).WithTheme(theme).WithShowHelp(false).WithWidth(50)
	return sr.form.Init()
}

func (b *Book) openSeries(a store.Appointment) tea.Cmd {
	b.series, b.mode = &series{appt: a, every: "1w", count: "4"}, modeSeries
	return b.series.rebuild(b.c.Styles.Form)
}

func (b *Book) updateSeries(msg tea.Msg) tea.Cmd {
	sr := b.series
	if m, ok := msg.(seriesMsg); ok {
		if m.owner != b.owner {
			return nil
		}
		sr.busy = false
		if m.err != nil {
			sr.err = common.ErrorText(m.err)
			return sr.rebuild(b.c.Styles.Form)
		}
		sr.booked, sr.collisions, b.mode = len(m.booked), m.collisions, modeSeriesResult
		return b.reload()
	}
	k, isKey := msg.(tea.KeyMsg)
	if b.mode == modeSeriesResult {
		if !isKey {
			return nil
		}
		switch {
		case k.Type == tea.KeyEsc:
			b.mode, b.series = modeGrid, nil
		case key.Matches(k, b.keys.Up):
			sr.cursor = max(0, sr.cursor-1)
		case key.Matches(k, b.keys.Down):
			sr.cursor = min(len(sr.collisions)-1, sr.cursor+1)
		case k.Type == tea.KeyEnter && len(sr.collisions) > 0:
			w, cmd := placeFor(b.c, sr.appt, sr.collisions[sr.cursor].Start)
			b.wizard, b.mode = w, modeWizard
			sr.collisions = append(sr.collisions[:sr.cursor], sr.collisions[sr.cursor+1:]...)
			sr.cursor = max(0, min(sr.cursor, len(sr.collisions)-1))
			return cmd
		}
		return nil
	}
	if isKey && k.Type == tea.KeyEsc {
		b.mode, b.series = modeGrid, nil
		return nil
	}
	if sr.busy {
		return nil
	}
	model, cmd := sr.form.Update(msg)
	sr.form = model.(*huh.Form)
	if sr.form.State != huh.StateCompleted {
		return cmd
	}
	sr.busy, sr.err = true, ""
	every, _ := parseEvery(sr.every)
	count, _ := strconv.Atoi(strings.TrimSpace(sr.count))
	a := sr.appt
	loc := b.c.Settings.Location()
	wall := a.Start.In(loc)
	days := int(every / (24 * time.Hour))
	first := store.BookingInput{PatientID: a.PatientID, DoctorID: a.DoctorID, Reason: a.Reason, SeriesID: a.SeriesID,
		Start: time.Date(wall.Year(), wall.Month(), wall.Day()+days, wall.Hour(), wall.Minute(), 0, 0, loc)}
	s, actor, owner := b.c.Store, b.c.Actor(), b.owner
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		booked, collisions, err := s.BookSeries(ctx, actor, first, every, count)
		return seriesMsg{owner: owner, booked: booked, collisions: collisions, err: err}
	}
}

func (sr *series) view(c *common.Common, width, height int) string {
	st := c.Styles
	a := sr.appt
	loc := c.Settings.Location()
	out := []string{st.Title.Render("Follow-up visits after " + a.Code),
		st.Label.Render("Patient") + common.Safe(a.PatientName) + " " + st.Faint.Render(a.PatientCode),
		st.Label.Render("Doctor") + doctorName(a.DoctorName),
		st.Label.Render("From") + shortWhen(a.Start, loc), ""}
	if sr.form != nil && sr.booked == 0 && sr.collisions == nil {
		out = append(out, sr.form.View())
		if sr.busy {
			out = append(out, st.Faint.Render("Booking…"))
		}
		if sr.err != "" {
			out = append(out, st.Error.Render(common.Safe(sr.err)))
		}
		return strings.Join(out, "\n")
	}
	out = append(out, st.Success.Render(fmt.Sprintf("Booked %s.", plural.S(sr.booked, "visit"))))
	if len(sr.collisions) == 0 {
		out = append(out, st.Faint.Render("Every visit is booked. esc: back to the book"))
		return strings.Join(out, "\n")
	}
	out = append(out, st.Warning.Render(fmt.Sprintf("%d could not be booked — place each by hand (enter):", len(sr.collisions))))
	rows := max(1, height-len(out)-1)
	first := max(0, sr.cursor-rows+1)
	for i := first; i < min(len(sr.collisions), first+rows); i++ {
		col := sr.collisions[i]
		line := fit(shortWhen(col.Start, loc)+" — "+common.Safe(col.Err.Error()), width-2)
		if i == sr.cursor {
			out = append(out, st.Selected.Render("› "+line))
		} else {
			out = append(out, "  "+line)
		}
	}
	return strings.Join(out, "\n")
}
