// Package frontdesk is the receptionist's desk: the appointment book (a day grid per
// doctor, a week per doctor, the waiting room, booking, status changes and payments),
// the patient registry, and the doctors' calendars (also the administrator's).
package frontdesk

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// owners numbers the components that run store commands, so that each takes back only
// the answers to its own questions (the frame hands a message to the shown tab).
var owners atomic.Int64

func newOwner() int64 { return owners.Add(1) }

// statusMark is a one-cell sign of a status, so the grid reads without colour too.
func statusMark(s store.AppointmentStatus) string {
	switch s {
	case store.AppointmentConfirmed:
		return "✓"
	case store.AppointmentCheckedIn:
		return "●"
	case store.AppointmentInConsultation:
		return "▶"
	case store.AppointmentCompleted:
		return "■"
	case store.AppointmentCancelled:
		return "✗"
	case store.AppointmentNoShow:
		return "–"
	}
	return "○"
}

// legend explains the status marks.
func legend(c *common.Common) string {
	var parts []string
	for _, s := range []store.AppointmentStatus{store.AppointmentScheduled, store.AppointmentConfirmed,
		store.AppointmentCheckedIn, store.AppointmentInConsultation, store.AppointmentCompleted,
		store.AppointmentCancelled, store.AppointmentNoShow} {
		parts = append(parts, c.Styles.StatusColour(string(s)).Render(statusMark(s)+" "+s.Label()))
	}
	return strings.Join(parts, "  ")
}

// doctorName is how the desk names a doctor: "Dr. Anil Rao".
func doctorName(name string) string {
	lower := strings.ToLower(name)
	if strings.HasPrefix(lower, "dr.") || strings.HasPrefix(lower, "dr ") {
		return common.Safe(name)
	}
	return "Dr. " + common.Safe(name)
}

// fit truncates safe text to width cells and pads it to exactly width.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = textsafe.Truncate(s, width)
	if w := lipgloss.Width(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// localDay is midnight of t's date in loc.
func localDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// addDays moves a local midnight by whole days.
func addDays(day time.Time, n int) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d+n, 0, 0, 0, 0, day.Location())
}

// minuteOf is t's wall-clock minute of the day in loc.
func minuteOf(t time.Time, loc *time.Location) int {
	t = t.In(loc)
	return t.Hour()*60 + t.Minute()
}

// clock writes minutes after midnight as "09:15".
func clock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// parseClock reads "9:00" or "09:00" as minutes after midnight.
func parseClock(s string) (int, bool) {
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// parseDay reads a date typed at the desk: 2025-03-07, "today", "tomorrow", or +N / -N
// days from base.
func parseDay(s string, base time.Time, loc *time.Location) (time.Time, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "today", "":
		return localDay(base, loc), nil
	case "tomorrow":
		return addDays(localDay(base, loc), 1), nil
	}
	if s[0] == '+' || s[0] == '-' {
		var n int
		if _, err := fmt.Sscanf(s, "%d", &n); err == nil {
			return addDays(localDay(base, loc), n), nil
		}
	}
	for _, layout := range []string{"2006-01-02", "2/1/2006", "2.1.2006"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("Not a date: type one as 31/12/2026, 2026-12-31, today, tomorrow or +3.")
}

// dayTitle names a day for headings: "Monday 3 March 2025".
func dayTitle(day time.Time) string { return day.Format("Monday 2 January 2006") }

// shortWhen names a time for lists: "Mon 3 Mar 10:15".
func shortWhen(t time.Time, loc *time.Location) string { return t.In(loc).Format("Mon 2 Jan 15:04") }
