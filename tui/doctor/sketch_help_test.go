package doctor_test

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// On the sketchpad, ? opens the frame's help overlay as on every screen: the pad's keys
// over the canvas, closed by esc or ?, with the pad and the drawing as they were. In
// the text tool ? is a character typed on the canvas. Keys that arrive together move
// the pen one cell each.
func TestSketchpadHelpIsAnOverlayThatEscAndQuestionMarkClose(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := openAnnsPrescription(t, c, 80, 24)
	p.Type("s")
	p.WaitFor("Tool: pen")
	p.Type(" ")                                                  // the pen goes down on the first cell
	p.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("lll")}) // three keys in one message
	p.WaitFor(`Tool: pen '*' (down) · 4,1`)

	p.Type("?")
	screen := p.WaitFor("Keys of the sketchpad · esc or ? closes", "pen character", "clear all")
	if strings.Contains(screen, "Tool: pen") {
		t.Fatalf("the help is not over the pad:\n%s", screen)
	}
	p.Key("esc") // closes the help only: the pen stays down, the pad open
	p.WaitFor(`Tool: pen '*' (down) · 4,1`)
	if screen := p.Screen(); strings.Contains(screen, "Keys of") {
		t.Fatalf("esc left the help open:\n%s", screen)
	}
	p.Type("?")
	p.WaitFor("Keys of the sketchpad")
	p.Type("?")
	p.WaitFor(`Tool: pen '*' (down) · 4,1`)

	p.Type("t") // the text tool: ? is text
	p.WaitFor("Type on the canvas; esc stops typing.")
	p.Type("?")
	p.WaitFor("Tool: text (typing; esc stops) · 5,1")
	p.Key("esc")
	p.WaitFor("Tool: pen")
	p.Key("esc")
	p.WaitFor("Sketch saved with the draft.")
	rx, err := c.s.PrescriptionForAppointment(context.Background(), c.doctor.Actor(), c.annVisit)
	if err != nil || rx.Sketch != "***?" {
		t.Fatalf("stored sketch %q (%v), want %q", rx.Sketch, err, "***?")
	}
}
