package theme

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// colour matches an SGR sequence that sets a foreground or background colour.
var colour = regexp.MustCompile(`\x1b\[([0-9;]*;)?(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`)

func TestNoColorStillMarksTheSelectionAndTheActiveTab(t *testing.T) {
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
