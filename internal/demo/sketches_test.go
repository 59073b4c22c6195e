package demo

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/internal/sketch"
)

// Each sketch fits the prescription sketchpad and comes back from it as written.
func TestSketchesFitTheSketchpad(t *testing.T) {
	for i, s := range Sketches {
		c, err := sketch.Decode(s, sketch.DefaultWidth, sketch.DefaultHeight)
		if err != nil {
			t.Fatalf("sketch %d: %v", i, err)
		}
		if got := c.Encode(); got != s {
			t.Errorf("sketch %d changes on the sketchpad:\n%s\nbecomes\n%s", i, s, got)
		}
	}
	with := 0
	for n := int64(1); n <= 60; n++ {
		if SketchFor(n) != "" {
			with++
		}
	}
	if with != 10 {
		t.Errorf("%d of 60 prescriptions have a sketch, want 10", with)
	}
}
