// Package pharmacy is the pharmacist's desk: the queue of prescriptions waiting at the
// counter and their fulfilment, walk-in sales of over-the-counter items, and the
// inventory with its batches, ledger and stock chart.
package pharmacy

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// date writes a stored calendar date, or a dash for none.
func date(d time.Time) string {
	if d.IsZero() {
		return "—"
	}
	return d.Format("2006-01-02")
}

// waited says how long ago something happened, in the fewest words: "4m", "2h 05m", "3d".
func waited(since time.Time, now time.Time) string {
	d := now.Sub(since)
	switch {
	case since.IsZero():
		return ""
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

// itemLabel names an item with its strength and form, made safe to draw.
func itemLabel(it store.InventoryItem) string {
	name := it.Name
	if it.Strength != "" && !strings.Contains(strings.ToLower(name), strings.ToLower(it.Strength)) {
		name += " " + it.Strength
	}
	if it.Form != "" {
		name += " (" + it.Form + ")"
	}
	return common.Safe(name)
}

// cell pads or truncates already-safe text to exactly width columns.
func cell(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = textsafe.Truncate(s, width)
	return s + strings.Repeat(" ", max(0, width-lipgloss.Width(s)))
}

// rcell right-aligns already-safe text in width columns.
func rcell(s string, width int) string {
	s = textsafe.Truncate(s, width)
	return strings.Repeat(" ", max(0, width-lipgloss.Width(s))) + s
}

// scrolled keeps the cursor inside a window of rows rows that starts at offset.
func scrolled(cursor, offset, rows int) int {
	switch {
	case rows <= 0:
		return cursor
	case cursor < offset:
		return cursor
	case cursor >= offset+rows:
		return cursor - rows + 1
	}
	return offset
}

// safe makes user-supplied text safe to draw on one line.
func safe(s string) string { return common.Safe(s) }

// lipWidth is the drawn width of text.
func lipWidth(s string) int { return lipgloss.Width(s) }
