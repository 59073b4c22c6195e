package sketchpad

import (
	"sort"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/sketch"
	"github.com/clinicdesk/clinicdesk/tui/theme"
	"github.com/clinicdesk/clinicdesk/tui/tuitest/ascii"
)

func newPad(t testing.TB, text string, w, h int) *Model {
	t.Helper()
	m, err := New(theme.New(ascii.Renderer(), true), text, w, h)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// press sends keys: single characters as runes, and names like "space" or "esc".
func press(m *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "space":
			msg = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "backspace":
			msg = tea.KeyMsg{Type: tea.KeyBackspace}
		case "right":
			msg = tea.KeyMsg{Type: tea.KeyRight}
		case "left":
			msg = tea.KeyMsg{Type: tea.KeyLeft}
		case "down":
			msg = tea.KeyMsg{Type: tea.KeyDown}
		case "ctrl+r":
			msg = tea.KeyMsg{Type: tea.KeyCtrlR}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		_, cmd = m.Update(msg)
	}
	return cmd
}

func repeat(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}

func TestCanvasIsFittedToTheSpaceAndAtLeastSixtyBySixteen(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ w, h, cw, ch int }{{78, 20, 76, 17}, {40, 10, 60, 16}, {200, 60, 80, 24}} {
		m := newPad(t, "", c.w, c.h)
		if m.Canvas().Width() != c.cw || m.Canvas().Height() != c.ch {
			t.Errorf("%d×%d space: canvas %d×%d, want %d×%d", c.w, c.h, m.Canvas().Width(), m.Canvas().Height(), c.cw, c.ch)
		}
	}
}

func TestKeysDrawWithEveryTool(t *testing.T) {
	t.Parallel()
	m := newPad(t, "", 78, 20)
	// Freehand pen with a chosen character: pen down, right three times, pen up.
	press(m, "c", "#", "space")
	press(m, repeat("l", 3)...)
	press(m, "space")
	// A line from a mark to the cursor, two rows down.
	press(m, "j", "j", "h", "h", "h", "n", "space")
	press(m, repeat("l", 5)...)
	press(m, "space")
	// A rectangle.
	press(m, "j", "j", "r", "space", "j", "j", "l", "l", "l", "space")
	// Text, typed with letters that are also tool keys.
	press(m, "t")
	press(m, "down", "left", "left", "h", "e", "l", "p")
	press(m, "esc")
	want := []string{
		"####",
		"",
		"------",
		"",
		"     +--+",
		"     |  |",
		"     +--+",
		"      help",
	}
	if got := m.Text(); got != strings.Join(want, "\n") {
		t.Fatalf("drawn:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	// The eraser rubs out the line's start; undo brings it back, redo takes it again.
	press(m, "e")
	m.Canvas().MoveTo(sketch.Point{X: 0, Y: 2})
	press(m, "space", "space")
	if m.Canvas().At(sketch.Point{X: 0, Y: 2}) != sketch.Empty {
		t.Fatal("the eraser left the cell")
	}
	press(m, "u")
	if m.Canvas().At(sketch.Point{X: 0, Y: 2}) != '-' {
		t.Fatal("undo did not restore the erased cell")
	}
	press(m, "ctrl+r")
	if m.Canvas().At(sketch.Point{X: 0, Y: 2}) != sketch.Empty {
		t.Fatal("redo did not erase again")
	}
	// Clear all, then undo it whole.
	press(m, "X")
	if m.Text() != "" {
		t.Fatalf("clear left %q", m.Text())
	}
	press(m, "u")
	if !strings.HasPrefix(m.Text(), "####") {
		t.Fatalf("undo of clear: %q", m.Text())
	}
	// esc leaves the pad.
	if cmd := press(m, "esc"); cmd == nil || cmd() != (DoneMsg{}) {
		t.Fatal("esc did not leave the pad")
	}
}

func TestBoxStyleAndClearArea(t *testing.T) {
	t.Parallel()
	m := newPad(t, "", 78, 20)
	press(m, "b", "r", "space", "l", "l", "j", "j", "space")
	if m.Text() != "┌─┐\n│ │\n└─┘" {
		t.Fatalf("box rectangle:\n%s", m.Text())
	}
	m.Canvas().MoveTo(sketch.Point{})
	press(m, "n", "space", "l", "x")
	if m.Text() != "  ┐\n│ │\n└─┘" {
		t.Fatalf("after clearing the marked area:\n%s", m.Text())
	}
}

func TestUndoKeepsAtLeastFiftySteps(t *testing.T) {
	t.Parallel()
	m := newPad(t, "", 78, 20)
	for i := 0; i < 60; i++ {
		press(m, "space", "space", "l") // one dab per step
	}
	for i := 0; i < 55; i++ {
		press(m, "u")
	}
	if got := m.Text(); got != "*****" {
		t.Fatalf("after 55 undos of 60 dabs: %q", got)
	}
}

// mouse sends a mouse message at a terminal position.
func mouse(m *Model, action tea.MouseAction, x, y int) {
	m.Update(tea.MouseMsg{X: x, Y: y, Action: action, Button: tea.MouseButtonLeft})
}

func TestMouseDrawsByClickAndDrag(t *testing.T) {
	t.Parallel()
	m := newPad(t, "", 78, 20)
	m.SetOrigin(5, 3) // where a parent drew the pad
	cell := func(x, y int) (int, int) { return 5 + canvasLeft + x, 3 + canvasTop + y }
	// A fast drag with the pen leaves a connected trail.
	x, y := cell(2, 1)
	mouse(m, tea.MouseActionPress, x, y)
	x, y = cell(8, 1)
	mouse(m, tea.MouseActionMotion, x, y)
	mouse(m, tea.MouseActionRelease, x, y)
	if got := m.Text(); got != "\n  *******" {
		t.Fatalf("pen drag drew %q", got)
	}
	// A rectangle from press to release.
	press(m, "r")
	x, y = cell(0, 3)
	mouse(m, tea.MouseActionPress, x, y)
	x, y = cell(3, 4)
	mouse(m, tea.MouseActionMotion, x, y)
	x, y = cell(4, 5)
	mouse(m, tea.MouseActionRelease, x, y)
	want := "\n  *******\n\n+---+\n|   |\n+---+"
	if got := m.Text(); got != want {
		t.Fatalf("rectangle drag drew:\n%s\nwant:\n%s", got, want)
	}
	// One undo takes back the whole rectangle, another the whole stroke.
	press(m, "u", "u")
	if m.Text() != "" {
		t.Fatalf("two undos left %q", m.Text())
	}
	// A click outside the canvas draws nothing.
	press(m, "p")
	mouse(m, tea.MouseActionPress, 0, 0)
	mouse(m, tea.MouseActionRelease, 0, 0)
	if m.Text() != "" {
		t.Fatalf("a click on the border drew %q", m.Text())
	}
}

func TestStoredTextReopensAndOversizedTextIsRefused(t *testing.T) {
	t.Parallel()
	m := newPad(t, "  x\n+--+", 78, 20)
	if m.Canvas().At(sketch.Point{X: 2, Y: 0}) != 'x' || m.Changed() {
		t.Fatal("the stored sketch did not reopen as it was")
	}
	wide := strings.Repeat("y", 81)
	if _, err := New(theme.New(ascii.Renderer(), true), wide, 78, 20); err == nil ||
		!strings.Contains(err.Error(), "larger than") {
		t.Fatalf("a sketch wider than any canvas: %v", err)
	}
}

func TestViewShowsTheCanvasAndTheCursor(t *testing.T) {
	t.Parallel()
	m := newPad(t, "", 78, 20)
	press(m, "t", "H", "i")
	v := ascii.Plain(m.View())
	lines := strings.Split(v, "\n")
	if len(lines) != 1+2+m.Canvas().Height() || !strings.HasPrefix(lines[2], "│Hi ") {
		t.Fatalf("view:\n%s", v)
	}
	if !strings.Contains(lines[0], "Tool: text") {
		t.Fatalf("status: %q", lines[0])
	}
}

// BenchmarkKeyUpdateView is one key press on a busy 120×40 pad: Update and View, as
// the program runs them. It reports p50 and p99 per key.
func BenchmarkKeyUpdateView(b *testing.B) {
	m := newPad(b, "", 120, 40)
	for y := 0; y < m.Canvas().Height(); y++ {
		m.Canvas().MoveTo(sketch.Point{X: 0, Y: y})
		m.Canvas().Type(strings.Repeat("abc/", 20))
	}
	m.Canvas().MoveTo(sketch.Point{})
	keys := []tea.KeyMsg{
		{Type: tea.KeyRunes, Runes: []rune("l")}, {Type: tea.KeyRunes, Runes: []rune("j")},
		{Type: tea.KeySpace, Runes: []rune(" ")}, {Type: tea.KeyRunes, Runes: []rune("l")},
		{Type: tea.KeyRunes, Runes: []rune("l")}, {Type: tea.KeySpace, Runes: []rune(" ")},
		{Type: tea.KeyRunes, Runes: []rune("u")}, {Type: tea.KeyRunes, Runes: []rune("k")},
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		m.Update(keys[i%len(keys)])
		_ = m.View()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
}
