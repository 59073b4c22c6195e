package theme

import "github.com/charmbracelet/lipgloss"

// Severity is the style of an allergy's severity, so a severe allergy stands out on
// every screen; without colour it is still bold (severe) or underlined (moderate).
func (s *Styles) Severity(severity string) lipgloss.Style {
	switch severity {
	case "severe":
		return s.Error
	case "moderate":
		return s.Warning.Underline(true)
	}
	return s.Text
}

// Cursor is the sketchpad's cursor cell and mark: reversed, so it shows on any
// terminal, with or without colour.
func (s *Styles) Cursor() lipgloss.Style { return s.Renderer.NewStyle().Reverse(true) }
