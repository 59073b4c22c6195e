// Package pharmacy is the pharmacist's desk: the queue of prescriptions waiting at the
// counter and their fulfilment, walk-in sales of over-the-counter items, and the
// inventory with its batches, ledger and stock chart.
package pharmacy

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// money writes cents in the clinic's currency: "USD 12.50".
func money(c *common.Common, cents int64) string {
	return c.Settings.Currency + " " + amount(cents)
}

// amount writes cents as a plain decimal: "12.50", as a form field takes it.
func amount(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

// parseAmount reads "12", "12.5" or "12.50" as cents.
func parseAmount(s string) (int64, error) {
	s = strings.TrimSpace(s)
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" && !hasFrac || len(frac) > 2 {
		return 0, fmt.Errorf("Enter an amount such as 12.50.")
	}
	if whole == "" {
		whole = "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 {
		return 0, fmt.Errorf("Enter an amount such as 12.50.")
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("Enter an amount such as 12.50.")
	}
	return w*100 + f, nil
}

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
