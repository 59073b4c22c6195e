package theme

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// colour matches an SGR sequence that sets a foreground or background colour.
var colour = regexp.MustCompile(`\x1b\[([0-9;]*;)?(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`)

func TestNoColorStillMarksTheSelectionAndTheActiveTab(t *testing.T) {
	t.Parallel()
	s := New(lipgloss.NewRenderer(io.Discard), true)
	for name, got := range map[string]string{"selected row": s.Selected.Render("Asha Patel"),
		"active tab": s.ActiveTab.Render("1 Book")} {
		if !strings.Contains(got, "\x1b[") {
			t.Errorf("the %s is drawn like any other text: %q", name, got)
		}
		if colour.MatchString(got) {
			t.Errorf("the %s carries a colour under NO_COLOR: %q", name, got)
		}
	}
	if got := s.Error.Render("refused"); got != "refused" {
		t.Errorf("NO_COLOR text carries sequences: %q", got)
	}
}

// The palette converted once per terminal draws every style exactly as the adaptive
// colours converted on each Render do, on every colour profile and background.
func TestResolvedColoursDrawAsTheAdaptiveOnes(t *testing.T) {
	t.Parallel()
	for _, profile := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, dark := range []bool{true, false} {
			r := lipgloss.NewRenderer(io.Discard)
			r.SetColorProfile(profile)
			r.SetHasDarkBackground(dark)
			fast, slow := build(r, false, resolved(r)), build(r, false, palette)
			pairs := map[string][2]lipgloss.Style{
				"title": {fast.Title, slow.Title}, "header": {fast.Header, slow.Header}, "tab": {fast.Tab, slow.Tab},
				"active tab": {fast.ActiveTab, slow.ActiveTab}, "tab bar": {fast.TabBar.Width(30), slow.TabBar.Width(30)},
				"faint": {fast.Faint, slow.Faint}, "text": {fast.Text, slow.Text}, "error": {fast.Error, slow.Error},
				"warning": {fast.Warning, slow.Warning}, "success": {fast.Success, slow.Success},
				"selected": {fast.Selected, slow.Selected}, "box": {fast.Box.Width(20), slow.Box.Width(20)},
				"dialog": {fast.Dialog, slow.Dialog}, "label": {fast.Label, slow.Label}, "badge": {fast.Badge, slow.Badge},
				"form title": {fast.Form.Focused.Title, slow.Form.Focused.Title},
				"button":     {fast.Form.Focused.FocusedButton, slow.Form.Focused.FocusedButton},
				"blurred":    {fast.Form.Focused.BlurredButton, slow.Form.Focused.BlurredButton},
			}
			for _, status := range []string{"scheduled", "confirmed", "checked_in", "in_consultation", "completed", "cancelled"} {
				pairs[status] = [2]lipgloss.Style{fast.StatusColour(status), slow.StatusColour(status)}
			}
			for name, p := range pairs {
				if got, want := p[0].Render("Asha Patel\nRX000042"), p[1].Render("Asha Patel\nRX000042"); got != want {
					t.Errorf("profile %d, dark %v, %s: drawn %q, want %q", profile, dark, name, got, want)
				}
			}
		}
	}
}

// Sessions on terminals of one kind (colour profile, background, NO_COLOR) share one
// set of styles, which draws as styles built from their own renderer would; another
// kind gets its own. Each SSH session built its own before, a sixth of its idle heap.
func TestTerminalsOfOneKindShareTheirStyles(t *testing.T) {
	t.Parallel()
	session := func(profile termenv.Profile, dark bool) *lipgloss.Renderer {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(profile)
		r.SetHasDarkBackground(dark)
		return r
	}
	first := session(termenv.ANSI256, false)
	a, b := New(first, false), New(session(termenv.ANSI256, false), false)
	if a != b {
		t.Error("two terminals of one kind got styles of their own")
	}
	if a.Renderer == first {
		t.Error("the shared styles draw with the first session's renderer")
	}
	own := build(first, false, resolved(first))
	if got, want := a.Selected.Render("Asha Patel"), own.Selected.Render("Asha Patel"); got != want {
		t.Errorf("the shared styles draw %q, the session's own %q", got, want)
	}
	for name, other := range map[string]*Styles{
		"a dark background": New(session(termenv.ANSI256, true), false),
		"true colour":       New(session(termenv.TrueColor, false), false),
		"NO_COLOR":          New(session(termenv.ANSI256, false), true),
	} {
		if other == a {
			t.Errorf("%s shares the styles of a light 256-colour terminal", name)
		}
	}
}
