package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

// block is drawn text split into lines, with each line's width in cells.
type block struct {
	lines  []string
	widths []int
}

func newBlock(s string) block {
	lines := strings.Split(s, "\n")
	widths := make([]int, len(lines))
	for i, l := range lines {
		widths[i] = ansi.StringWidth(l)
	}
	return block{lines: lines, widths: widths}
}

// cachedBlock is a part of the frame as drawn lately, by what it was drawn from. Every
// frame draws the header, the tab bar and the key help; they change only when their
// inputs do (the size, the active tab, the unread count, the screen's keys), so a key
// that moves a cursor does not draw them again, and going back to a tab or closing the
// help finds them drawn.
type cachedBlock struct {
	drawn map[string]block
}

// cachedDrawings bounds a part's drawings kept: a few per tab and help state.
const cachedDrawings = 32

// get returns the block drawn from from, drawing it only when it is not kept.
func (c *cachedBlock) get(from string, draw func() string) block {
	if b, ok := c.drawn[from]; ok {
		return b
	}
	if c.drawn == nil || len(c.drawn) >= cachedDrawings {
		c.drawn = make(map[string]block, cachedDrawings)
	}
	b := newBlock(draw())
	c.drawn[from] = b
	return b
}

// frameCache holds the frame's parts between frames.
type frameCache struct {
	header, tabs, footer, fullHelp cachedBlock
}

// inputs builds a cache key from the values a part is drawn from.
type inputs struct{ strings.Builder }

func (k *inputs) int(n int) *inputs { k.WriteString(strconv.Itoa(n)); k.WriteByte(0); return k }

func (k *inputs) str(s string) *inputs { k.WriteString(s); k.WriteByte(0); return k }

func (k *inputs) bindings(bs []key.Binding) *inputs {
	for _, b := range bs {
		if b.Enabled() {
			h := b.Help()
			k.str(h.Key).str(h.Desc)
		}
	}
	k.WriteByte(1)
	return k
}

// padBody lays a screen's text into the body as
// Body.Width(width).Height(height).MaxHeight(height).Render would (a column of padding
// each side, every line width cells wide, height lines), without lipgloss' passes over
// every line and cell. It reports false when lipgloss would change the text itself
// (a line to wrap, a tab or carriage return to convert), which lipgloss then draws.
func padBody(text string, width, height int) (block, bool) {
	inner := width - 2
	if inner < 1 || strings.ContainsAny(text, "\t\r") {
		return block{}, false
	}
	lines := strings.Split(text, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	out := block{lines: make([]string, height), widths: make([]int, height)}
	var blank string
	for i := range out.lines {
		out.widths[i] = width
		if i >= len(lines) {
			if blank == "" {
				blank = strings.Repeat(" ", width)
			}
			out.lines[i] = blank
			continue
		}
		w := ansi.StringWidth(lines[i])
		if w > inner {
			return block{}, false
		}
		out.lines[i] = " " + lines[i] + strings.Repeat(" ", inner-w+1)
	}
	return out, true
}

// joinLeft stacks blocks as lipgloss.JoinVertical(lipgloss.Left, …) does: every line
// padded with spaces to the widest line.
func joinLeft(blocks ...block) string {
	widest, n := 0, 0
	for _, b := range blocks {
		for i, l := range b.lines {
			widest = max(widest, b.widths[i])
			n += len(l) + 1
		}
	}
	var s strings.Builder
	s.Grow(n)
	first := true
	for _, b := range blocks {
		for i, l := range b.lines {
			if !first {
				s.WriteByte('\n')
			}
			first = false
			s.WriteString(l)
			for pad := widest - b.widths[i]; pad > 0; pad-- {
				s.WriteByte(' ')
			}
		}
	}
	return s.String()
}
