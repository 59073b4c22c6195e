// Package theme is the one place that defines ClinicDesk's colours and styles. Colours
// are adaptive (one value for dark terminals, one for light) and styles are built from
// the renderer of the terminal they are drawn on, so each SSH session gets its own
// colour profile.
package theme

import (
	"io"
	"strconv"
	"sync"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Semantic colours: screens name what a colour means, never a colour.
var palette = colours{
	primary:   lipgloss.AdaptiveColor{Light: "#1F5FAD", Dark: "#7AB8FF"},
	accent:    lipgloss.AdaptiveColor{Light: "#0B7A5E", Dark: "#5FD7AF"},
	text:      lipgloss.AdaptiveColor{Light: "#1C1C1C", Dark: "#E4E4E4"},
	faint:     lipgloss.AdaptiveColor{Light: "#6C6C6C", Dark: "#8A8A8A"},
	border:    lipgloss.AdaptiveColor{Light: "#B2B2B2", Dark: "#4E4E4E"},
	errorText: lipgloss.AdaptiveColor{Light: "#B00020", Dark: "#FF6B6B"},
	warning:   lipgloss.AdaptiveColor{Light: "#9A5B00", Dark: "#FFC857"},
	success:   lipgloss.AdaptiveColor{Light: "#1B7F3B", Dark: "#7BD88F"},
	selectedB: lipgloss.AdaptiveColor{Light: "#DCE8F7", Dark: "#26384F"},
}

// colours are the semantic colours, as adaptive colours or as one terminal draws them.
type colours struct {
	primary, accent, text, faint, border, errorText, warning, success, selectedB lipgloss.TerminalColor
}

// resolved is the palette as the renderer's terminal draws it. An adaptive hex colour
// is converted to the terminal's palette on every Render (a search through the 256
// colours, three times per styled string): that conversion cost more than drawing the
// desk's text. The terminal's background and colour profile are known when the styles
// are built, so each colour is converted once here, to the colour that Render would
// have produced. Without colour the adaptive colours stay, as they draw nothing.
func resolved(r *lipgloss.Renderer) colours {
	if r.ColorProfile() == termenv.Ascii {
		return palette
	}
	dark := r.HasDarkBackground()
	c := func(tc lipgloss.TerminalColor) lipgloss.TerminalColor {
		a := tc.(lipgloss.AdaptiveColor)
		hex := a.Light
		if dark {
			hex = a.Dark
		}
		switch v := r.ColorProfile().Color(hex).(type) {
		case termenv.RGBColor:
			return lipgloss.Color(string(v))
		case termenv.ANSI256Color:
			return lipgloss.Color(strconv.Itoa(int(v)))
		case termenv.ANSIColor:
			return lipgloss.Color(strconv.Itoa(int(v)))
		}
		return tc
	}
	p := palette
	return colours{primary: c(p.primary), accent: c(p.accent), text: c(p.text), faint: c(p.faint),
		border: c(p.border), errorText: c(p.errorText), warning: c(p.warning), success: c(p.success),
		selectedB: c(p.selectedB)}
}

// Styles are the styles every screen draws with.
type Styles struct {
	Renderer *lipgloss.Renderer
	colours  colours

	App       lipgloss.Style // the whole frame
	Title     lipgloss.Style // the clinic's name in the header
	Header    lipgloss.Style // the header line: user and role
	Tab       lipgloss.Style
	ActiveTab lipgloss.Style
	TabBar    lipgloss.Style
	Body      lipgloss.Style
	Faint     lipgloss.Style
	Text      lipgloss.Style
	Bold      lipgloss.Style
	Error     lipgloss.Style
	Warning   lipgloss.Style
	Success   lipgloss.Style
	Selected  lipgloss.Style // the selected row of a list
	Box       lipgloss.Style // a bordered panel
	Dialog    lipgloss.Style // a modal question
	Label     lipgloss.Style // a field's label in a read-only view
	Badge     lipgloss.Style

	Form *huh.Theme
}

// New returns the styles for one terminal. With noColor (NO_COLOR set) nothing is
// coloured; emphasis falls back to bold, reverse and underline.
//
// A style draws from its renderer only the terminal's colour profile and whether its
// background is dark, so the styles are built once for each kind of terminal and
// shared by every session of that kind, read-only: building them, and huh's form
// theme with them, was a sixth of an idle SSH session's heap (issue 17). Their
// Renderer is one of their own that knows only that kind, never a session's output.
func New(r *lipgloss.Renderer, noColor bool) *Styles {
	if noColor {
		r.SetColorProfile(termenv.Ascii)
	}
	k := kind{profile: r.ColorProfile(), noColor: noColor}
	if k.profile != termenv.Ascii {
		k.dark = r.HasDarkBackground() // without colour the background changes nothing
	}
	built.mu.Lock()
	defer built.mu.Unlock()
	if s, ok := built.styles[k]; ok {
		return s
	}
	own := lipgloss.NewRenderer(io.Discard)
	own.SetColorProfile(k.profile)
	own.SetHasDarkBackground(k.dark)
	s := build(own, noColor, resolved(own))
	if built.styles == nil {
		built.styles = map[kind]*Styles{}
	}
	built.styles[k] = s
	return s
}

// kind is what the styles of a terminal depend on.
type kind struct {
	profile       termenv.Profile
	dark, noColor bool
}

// built holds the styles made for each kind of terminal: at most four profiles, two
// backgrounds and NO_COLOR or not. Nothing changes a Styles once built.
var built struct {
	mu     sync.Mutex
	styles map[kind]*Styles
}

// build makes the styles from the given colours.
func build(r *lipgloss.Renderer, noColor bool, c colours) *Styles {
	st := func() lipgloss.Style { return r.NewStyle() }
	s := &Styles{Renderer: r, colours: c}
	primary, accent, text, faint, border := s.colours.primary, s.colours.accent, s.colours.text, s.colours.faint, s.colours.border
	errorText, warning, success, selectedB := s.colours.errorText, s.colours.warning, s.colours.success, s.colours.selectedB
	s.App = st().Foreground(text)
	s.Title = st().Bold(true).Foreground(primary)
	s.Header = st().Foreground(faint)
	s.Tab = st().Padding(0, 1).Foreground(faint)
	s.ActiveTab = st().Padding(0, 1).Bold(true).Underline(true).Foreground(primary)
	s.TabBar = st().BorderStyle(lipgloss.NormalBorder()).BorderBottom(true).BorderForeground(border)
	s.Body = st().Padding(0, 1)
	s.Faint = st().Foreground(faint)
	s.Text = st().Foreground(text)
	s.Bold = st().Bold(true)
	s.Error = st().Foreground(errorText).Bold(true)
	s.Warning = st().Foreground(warning)
	s.Success = st().Foreground(success)
	s.Selected = st().Background(selectedB).Bold(true)
	if noColor {
		// The ASCII profile drops every attribute, not only colour, so the selected row
		// and the active tab would look like the rest. NO_COLOR forbids colour only:
		// they are marked with reverse video and underline written out directly.
		s.Selected = st().Transform(sgr("7", "27"))
		s.ActiveTab = s.ActiveTab.Transform(sgr("1;4", "22;24"))
	}
	s.Box = st().Border(lipgloss.RoundedBorder()).BorderForeground(border).Padding(0, 1)
	s.Dialog = st().Border(lipgloss.DoubleBorder()).BorderForeground(warning).Padding(1, 2)
	s.Label = st().Foreground(faint).Width(18)
	s.Badge = st().Foreground(accent).Bold(true)
	s.Form = formTheme(r, s.colours, noColor)
	return s
}

// sgr wraps text in a Select Graphic Rendition attribute (on) and its reset (off).
func sgr(on, off string) func(string) string {
	return func(s string) string { return "\x1b[" + on + "m" + s + "\x1b[" + off + "m" }
}

// formTheme is huh's base theme with our colours, built from this terminal's renderer.
func formTheme(r *lipgloss.Renderer, c colours, noColor bool) *huh.Theme {
	t := huh.ThemeBase()
	if noColor {
		return t
	}
	primary, accent, text, faint, errorText, selectedB := c.primary, c.accent, c.text, c.faint, c.errorText, c.selectedB
	t.Focused.Title = r.NewStyle().Foreground(primary).Bold(true)
	t.Focused.Base = t.Focused.Base.BorderForeground(primary)
	t.Focused.ErrorIndicator = r.NewStyle().Foreground(errorText).SetString(" *")
	t.Focused.ErrorMessage = r.NewStyle().Foreground(errorText).SetString(" *")
	t.Focused.Description = r.NewStyle().Foreground(faint)
	t.Focused.TextInput.Prompt = r.NewStyle().Foreground(accent)
	t.Focused.TextInput.Cursor = r.NewStyle().Foreground(accent)
	t.Focused.TextInput.Placeholder = r.NewStyle().Foreground(faint)
	t.Focused.FocusedButton = r.NewStyle().Padding(0, 2).Foreground(lipgloss.Color("0")).Background(primary)
	t.Focused.BlurredButton = r.NewStyle().Padding(0, 2).Foreground(text).Background(selectedB)
	t.Blurred = t.Focused
	t.Blurred.Base = t.Blurred.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Title = r.NewStyle().Foreground(faint)
	return t
}

// StatusColour is the colour of an appointment's or prescription's status, so a status
// reads the same on every screen.
func (s *Styles) StatusColour(status string) lipgloss.Style {
	switch status {
	case "scheduled", "draft":
		return s.Text
	case "confirmed", "submitted":
		return s.Renderer.NewStyle().Foreground(s.colours.primary)
	case "checked_in", "dispensing", "partial":
		return s.Warning.Bold(true)
	case "in_consultation":
		return s.Renderer.NewStyle().Foreground(s.colours.accent).Bold(true)
	case "completed", "fulfilled":
		return s.Success
	case "cancelled", "no_show":
		return s.Faint.Strikethrough(true)
	}
	return s.Text
}
