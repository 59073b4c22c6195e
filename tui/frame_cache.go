package tui

import (
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/clinicdesk/clinicdesk/tui/theme"
)

// block is drawn text split into lines, with each line's width in cells; a body laid
// out by padBody also keeps the screen's lines it was laid out from.
type block struct {
	lines  []string
	widths []int
	from   []string
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
// help finds them drawn. It is safe for concurrent use.
type cachedBlock struct {
	limit int // the drawings kept; cachedDrawings when 0
	mu    sync.Mutex
	drawn map[string]block
}

// cachedDrawings bounds a session's drawings of its header: a few per tab and help
// state; sharedDrawings bounds the parts that every session drawing with the same
// styles shares, at as many widths and states as its users have.
const cachedDrawings, sharedDrawings = 32, 512

// get returns the block drawn from from, drawing it only when it is not kept. A block
// is never changed once kept.
func (c *cachedBlock) get(from string, draw func() string) block {
	c.mu.Lock()
	b, ok := c.drawn[from]
	c.mu.Unlock()
	if ok {
		return b
	}
	b = newBlock(draw())
	limit := c.limit
	if limit == 0 {
		limit = cachedDrawings
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.drawn == nil || len(c.drawn) >= limit {
		c.drawn = make(map[string]block, min(limit, cachedDrawings))
	}
	c.drawn[from] = b
	return b
}

// frameCache holds the frame's parts between frames: the header, which names the
// session's user, its own, and the parts drawn from the keys and the tabs alone shared
// with every session drawing with the same styles (see sharedParts).
type frameCache struct {
	header cachedBlock
	*sharedParts
}

// sharedParts are the tab bar and the key help as drawn with one set of styles. The
// fifty desks of a clinic at one terminal size draw the same ones: each desk kept its
// own copies, 14 KB of an idle SSH session's heap, and drew each anew on its first
// key in every state (issue 17).
type sharedParts struct{ tabs, footer, fullHelp cachedBlock }

// shared holds the sharedParts of each set of styles; there is one set of styles for
// each kind of terminal (theme.New).
var shared struct {
	mu    sync.Mutex
	parts map[*theme.Styles]*sharedParts
}

// partsFor returns the parts shared by the sessions drawing with st.
func partsFor(st *theme.Styles) *sharedParts {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if p, ok := shared.parts[st]; ok {
		return p
	}
	if shared.parts == nil {
		shared.parts = map[*theme.Styles]*sharedParts{}
	}
	p := &sharedParts{tabs: cachedBlock{limit: sharedDrawings}, footer: cachedBlock{limit: sharedDrawings},
		fullHelp: cachedBlock{limit: sharedDrawings}}
	shared.parts[st] = p
	return p
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
	return padBodyAfter(block{}, text, width, height)
}

// padBodyAfter is padBody for a body last laid out as last at the same width: a line
// the screen draws as it did then is laid out as it was, so a key that moves a cursor
// measures the two lines it changed, not the whole body.
func padBodyAfter(last block, text string, width, height int) (block, bool) {
	inner := width - 2
	if inner < 1 || strings.ContainsAny(text, "\t\r") {
		return block{}, false
	}
	lines := strings.Split(text, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	out := block{lines: make([]string, height), widths: make([]int, height), from: lines}
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
		if i < len(last.from) && last.from[i] == lines[i] {
			out.lines[i] = last.lines[i]
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
