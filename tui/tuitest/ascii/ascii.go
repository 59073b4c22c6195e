// Package ascii is the part of tuitest that needs no store: a renderer without colour
// and a stripper of control sequences. A screen package whose tests need nothing else
// (the sketchpad) imports it instead of tuitest, and its test binary does not link
// SQLite.
package ascii

import (
	"io"
	"regexp"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Renderer draws without colour, so tests read plain text.
func Renderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return r
}

var controls = regexp.MustCompile(`\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07]*\x07`)

// Plain strips the terminal's control sequences from drawn text.
func Plain(s string) string { return controls.ReplaceAllString(s, "") }
