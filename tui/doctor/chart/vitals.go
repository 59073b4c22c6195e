package chart

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/clinicdesk/clinicdesk/store"
)

// tuiPlain strips styling, so a selected line is drawn in the selection's style alone.
func tuiPlain(s string) string { return ansi.Strip(s) }

var sparks = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws values (oldest first) as one block character each, scaled from their
// minimum to their maximum; a missing value (nil) is a space.
func Sparkline(values []*float64) string {
	lo, hi, seen := 0.0, 0.0, false
	for _, v := range values {
		if v == nil {
			continue
		}
		if !seen || *v < lo {
			lo = *v
		}
		if !seen || *v > hi {
			hi = *v
		}
		seen = true
	}
	var b strings.Builder
	for _, v := range values {
		switch {
		case v == nil:
			b.WriteRune(' ')
		case hi == lo:
			b.WriteRune(sparks[len(sparks)/2])
		default:
			b.WriteRune(sparks[int((*v-lo)/(hi-lo)*float64(len(sparks)-1)+0.5)])
		}
	}
	return b.String()
}

// trendReadings is how many of the latest readings a trend shows.
const trendReadings = 12

func fptr(v *int) *float64 {
	if v == nil {
		return nil
	}
	f := float64(*v)
	return &f
}

// vitalsLines are the latest reading, with BMI, and a trend of each measure.
func (m *Model) vitalsLines() []string {
	vs := m.data.Vitals
	if len(vs) == 0 {
		return []string{"None recorded. Press v to record."}
	}
	latest := vs[0]
	lines := []string{"Latest " + m.c.Local(latest.RecordedAt).Format("2006-01-02 15:04") + ": " + Reading(latest.Measurements)}
	n := min(len(vs), trendReadings)
	trend := func(label, unit string, get func(store.Measurements) *float64) {
		values := make([]*float64, n)
		var last *float64
		for i := 0; i < n; i++ {
			values[n-1-i] = get(vs[i].Measurements)
			if last == nil {
				last = values[n-1-i]
			}
		}
		if last == nil {
			return
		}
		lines = append(lines, fmt.Sprintf("%-12s %-*s %g%s", label, trendReadings, Sparkline(values), *last, unit))
	}
	trend("Weight", " kg", func(v store.Measurements) *float64 { return v.WeightKg })
	trend("Systolic", " mmHg", func(v store.Measurements) *float64 { return fptr(v.Systolic) })
	trend("Pulse", " bpm", func(v store.Measurements) *float64 { return fptr(v.Pulse) })
	trend("Temperature", " °C", func(v store.Measurements) *float64 { return v.TemperatureC })
	trend("SpO2", "%", func(v store.Measurements) *float64 { return fptr(v.SpO2) })
	return lines
}

// Reading is one set of vital signs in words, with the BMI derived from height and
// weight.
func Reading(v store.Measurements) string {
	var parts []string
	if v.HeightCm != nil {
		parts = append(parts, fmt.Sprintf("height %g cm", *v.HeightCm))
	}
	if v.WeightKg != nil {
		parts = append(parts, fmt.Sprintf("weight %g kg", *v.WeightKg))
	}
	if bmi, ok := v.BMI(); ok {
		parts = append(parts, fmt.Sprintf("BMI %.1f", bmi))
	}
	if v.Systolic != nil && v.Diastolic != nil {
		parts = append(parts, fmt.Sprintf("BP %d/%d", *v.Systolic, *v.Diastolic))
	}
	if v.Pulse != nil {
		parts = append(parts, fmt.Sprintf("pulse %d", *v.Pulse))
	}
	if v.TemperatureC != nil {
		parts = append(parts, fmt.Sprintf("%.1f °C", *v.TemperatureC))
	}
	if v.SpO2 != nil {
		parts = append(parts, fmt.Sprintf("SpO2 %d%%", *v.SpO2))
	}
	if v.RespiratoryRate != nil {
		parts = append(parts, fmt.Sprintf("resp %d", *v.RespiratoryRate))
	}
	return strings.Join(parts, " · ")
}
