// Package report holds the clinic's reports as data, and lays them out: a table with a
// total, a bar chart of one column where a picture reads better, and CSV. It has no SQL
// of its own: the store fills a Report and the desk and the command line draw it.
package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

// Kind says how a column's numbers read.
type Kind int

// The kinds of columns.
const (
	Count   Kind = iota // a whole number
	Money               // minor units (cents)
	Percent             // basis points: 1234 is 12.34 %
	Minutes             // tenths of a minute: 125 is 12.5 min
	Days                // whole days; a negative value is "none" (nothing to measure by)
)

// Column is one numeric column.
type Column struct {
	Title string
	Kind  Kind
}

// Row is one line of a report: its label (a day, a doctor, an item), its numbers, and
// an optional detail in words (a refund's reason).
type Row struct {
	Label  string
	Values []int64
	Detail string
}

// Report is one report over a range of the clinic's dates.
type Report struct {
	Name     string // as the command line names it: "takings-by-day"
	Title    string
	From, To time.Time // the clinic's dates, inclusive
	Currency string
	Label    string // the title of the label column
	Detail   string // the title of the detail column, "" when there is none
	Columns  []Column
	Rows     []Row
	Total    *Row // nil when a total would mean nothing
	Chart    int  // the column drawn as bars, -1 for none
	Note     string
}

// Cell is one number of a column in words.
func (r Report) Cell(col int, v int64) string {
	switch r.Columns[col].Kind {
	case Money:
		return money.Cents(v).Format(r.Currency)
	case Percent:
		return fmt.Sprintf("%d.%02d %%", v/100, v%100)
	case Minutes:
		return fmt.Sprintf("%d.%d min", v/10, v%10)
	case Days:
		if v < 0 {
			return "—"
		}
		if v == 1 {
			return "1 day"
		}
		return fmt.Sprintf("%d days", v)
	}
	return fmt.Sprint(v)
}

// plain is a number as a CSV cell: money in major units with two decimals, rates and
// minutes with their decimals, no units, so a spreadsheet reads them as numbers.
func (r Report) plain(col int, v int64) string {
	switch r.Columns[col].Kind {
	case Money:
		return money.Cents(v).String()
	case Percent:
		return fmt.Sprintf("%d.%02d", v/100, v%100)
	case Minutes:
		return fmt.Sprintf("%d.%d", v/10, v%10)
	case Days:
		if v < 0 {
			return ""
		}
	}
	return fmt.Sprint(v)
}

// WriteCSV writes the report as CSV: a header, one line per row, and the total. Text
// is made terminal-safe too, as a CSV is often looked at with cat.
func (r Report) WriteCSV(w io.Writer) error {
	c := csv.NewWriter(w)
	header := []string{r.Label}
	for _, col := range r.Columns {
		header = append(header, col.Title)
	}
	if r.Detail != "" {
		header = append(header, r.Detail)
	}
	write := func(row Row) error {
		rec := []string{textsafe.Line(row.Label)}
		for i, v := range row.Values {
			rec = append(rec, r.plain(i, v))
		}
		if r.Detail != "" {
			rec = append(rec, textsafe.Line(row.Detail))
		}
		return c.Write(rec)
	}
	if err := c.Write(header); err != nil {
		return err
	}
	for _, row := range r.Rows {
		if err := write(row); err != nil {
			return err
		}
	}
	if r.Total != nil {
		if err := write(*r.Total); err != nil {
			return err
		}
	}
	c.Flush()
	return c.Error()
}

// Text lays the report out for a terminal of the given width: its title and dates, the
// table with its total, then the chart. Every string in it is terminal-safe.
func (r Report) Text(width int) string {
	var b strings.Builder
	b.WriteString(textsafe.Line(r.Title) + "\n")
	b.WriteString(r.From.Format("Mon 2 Jan 2006") + " – " + r.To.Format("Mon 2 Jan 2006") + "\n")
	if r.Note != "" {
		b.WriteString(textsafe.Line(r.Note) + "\n")
	}
	b.WriteString("\n" + r.Table(width))
	if chart := r.Bars(width); chart != "" {
		b.WriteString("\n" + chart)
	}
	return b.String()
}

// RowLine is the line of Text's layout on which the table draws row i (from 0): under
// the title, the dates, the note when there is one, a blank line and the columns'
// titles. A screen that lets its user point at rows reads where they are from here.
func (r Report) RowLine(i int) int {
	top := 4
	if r.Note != "" {
		top++
	}
	return top + i
}

// Table is the report's table, its columns as wide as their widest cell, the label
// column cut to what the width leaves, and the detail after the numbers.
func (r Report) Table(width int) string {
	rows := r.Rows
	if r.Total != nil {
		rows = append(append([]Row(nil), rows...), *r.Total)
	}
	if len(r.Rows) == 0 {
		return "Nothing in these dates.\n"
	}
	cells := make([][]string, len(rows))
	widths := make([]int, len(r.Columns))
	for i, col := range r.Columns {
		widths[i] = textsafe.Width(col.Title)
	}
	labelWidth := textsafe.Width(r.Label)
	for n, row := range rows {
		labelWidth = max(labelWidth, textsafe.Width(textsafe.Line(row.Label)))
		for i, v := range row.Values {
			cell := r.Cell(i, v)
			cells[n] = append(cells[n], cell)
			widths[i] = max(widths[i], textsafe.Width(cell))
		}
	}
	numbers := 0
	for _, w := range widths {
		numbers += w + 2
	}
	labelWidth = max(8, min(labelWidth, width-numbers))
	var b strings.Builder
	line := func(label string, values []string, detail string) {
		l := textsafe.Truncate(textsafe.Line(label), labelWidth)
		s := l + strings.Repeat(" ", labelWidth-textsafe.Width(l))
		for i, v := range values {
			s += "  " + strings.Repeat(" ", widths[i]-textsafe.Width(v)) + v
		}
		if detail != "" && r.Detail != "" {
			s += "  " + textsafe.Line(detail)
		}
		b.WriteString(textsafe.Truncate(s, max(width, 20)) + "\n")
	}
	titles := make([]string, len(r.Columns))
	for i, col := range r.Columns {
		titles[i] = col.Title
	}
	line(r.Label, titles, r.Detail)
	for n, row := range rows {
		if r.Total != nil && n == len(rows)-1 {
			b.WriteString(strings.Repeat("─", min(max(width, 20), labelWidth+numbers)) + "\n")
		}
		line(row.Label, cells[n], row.Detail)
	}
	return b.String()
}

// Bars draws the chart column as horizontal bars, one per row, scaled to the largest
// value; negative values draw no bar. It is "" when the report has no chart or no rows.
func (r Report) Bars(width int) string {
	if r.Chart < 0 || r.Chart >= len(r.Columns) || len(r.Rows) == 0 {
		return ""
	}
	var top int64
	labelWidth, valueWidth := 0, 0
	for _, row := range r.Rows {
		top = max(top, row.Values[r.Chart])
		labelWidth = max(labelWidth, textsafe.Width(textsafe.Line(row.Label)))
		valueWidth = max(valueWidth, textsafe.Width(r.Cell(r.Chart, row.Values[r.Chart])))
	}
	labelWidth = min(labelWidth, max(8, width/3))
	room := max(10, width-labelWidth-valueWidth-4)
	var b strings.Builder
	b.WriteString(textsafe.Line(r.Columns[r.Chart].Title) + "\n")
	for _, row := range r.Rows {
		v := row.Values[r.Chart]
		n := 0
		if top > 0 && v > 0 {
			n = int((v*int64(room) + top - 1) / top) // a value above zero shows at least one cell
		}
		l := textsafe.Truncate(textsafe.Line(row.Label), labelWidth)
		value := r.Cell(r.Chart, v)
		b.WriteString(l + strings.Repeat(" ", labelWidth-textsafe.Width(l)) + " │" + strings.Repeat("█", n) +
			" " + value + "\n")
	}
	return b.String()
}
