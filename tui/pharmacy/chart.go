package pharmacy

import (
	"fmt"
	"strings"

	"github.com/clinicdesk/clinicdesk/store"
)

// chartDays is how far back the stock chart looks.
const chartDays = 90

// eighths are the block characters of a bar's top cell, from empty to full.
var eighths = []rune(" ▁▂▃▄▅▆▇█")

// stockChart draws an item's end-of-day stock as bars rows high within width columns:
// one column per day, or per few days (the last day's stock) when the days do not fit.
// The right-most bar is today, the item's current stock.
func stockChart(days []store.DailyStock, width, rows int) []string {
	if len(days) == 0 || width < 4 || rows < 1 {
		return nil
	}
	per := (len(days) + width - 1) / width
	var cols []int
	for end := len(days); end > 0; end -= per {
		cols = append([]int{days[end-1].Stock}, cols...)
	}
	top := 0
	for _, v := range cols {
		top = max(top, v)
	}
	lines := make([]string, rows)
	for r := 0; r < rows; r++ {
		var b strings.Builder
		floor := (rows - 1 - r) * 8 // eighths below this row
		for _, v := range cols {
			h := 0
			if top > 0 {
				h = (v*rows*8 + top - 1) / top // ceil, so any stock shows
			}
			b.WriteRune(eighths[min(8, max(0, h-floor))])
		}
		lines[r] = b.String()
	}
	return lines
}

// chartCaption names the chart's range and scale.
func chartCaption(days []store.DailyStock) string {
	if len(days) == 0 {
		return ""
	}
	lo, hi := days[0].Stock, days[0].Stock
	for _, d := range days {
		lo, hi = min(lo, d.Stock), max(hi, d.Stock)
	}
	return fmt.Sprintf("stock %s → %s · low %d · high %d · now %d", date(days[0].Date), date(days[len(days)-1].Date),
		lo, hi, days[len(days)-1].Stock)
}
