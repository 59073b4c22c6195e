package sketch

import "testing"

func TestUndoRedoEachTool(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 10, 4)
	actions := []func(){
		func() { c.Pen(Point{0, 0}, '*') },
		func() { c.Stroke(Point{0, 1}, Point{5, 1}, '~') },
		func() { c.Line(Point{0, 3}, Point{9, 3}, Box) },
		func() { c.Rect(Point{6, 0}, Point{9, 2}, ASCII) },
		func() { c.MoveTo(Point{1, 2}); c.Type("hi") },
		func() { c.Erase(Point{0, 0}) },
		func() { c.EraseStroke(Point{0, 1}, Point{2, 1}) },
		func() { c.ClearRect(Point{6, 0}, Point{7, 2}) },
		func() { c.Clear() },
	}
	var states []string
	for _, act := range actions {
		states = append(states, c.Encode())
		act()
	}
	states = append(states, c.Encode())
	for i := len(actions) - 1; i >= 0; i-- {
		if !c.Undo() {
			t.Fatalf("Undo of action %d reported nothing to undo", i)
		}
		if got := c.Encode(); got != states[i] {
			t.Fatalf("after undoing action %d got\n%s\nwant\n%s", i, got, states[i])
		}
	}
	if c.CanUndo() || c.Undo() {
		t.Fatal("Undo past the first action")
	}
	for i := range actions {
		if !c.Redo() {
			t.Fatalf("Redo of action %d reported nothing to redo", i)
		}
		if got := c.Encode(); got != states[i+1] {
			t.Fatalf("after redoing action %d got\n%s\nwant\n%s", i, got, states[i+1])
		}
	}
	if c.CanRedo() || c.Redo() {
		t.Fatal("Redo past the last action")
	}
}

// dab draws step i of a long history: each step changes one cell.
func dab(c *Canvas, i int) {
	c.Pen(Point{i % c.Width(), i / c.Width()}, rune('a'+i%26))
}

func TestUndoManySteps(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, DefaultWidth, DefaultHeight)
	const n = 75
	var states []string
	for i := range n {
		states = append(states, c.Encode())
		dab(c, i)
	}
	full := c.Encode()
	for i := n - 1; i >= 0; i-- {
		if !c.Undo() || c.Encode() != states[i] {
			t.Fatalf("undo %d: got\n%s\nwant\n%s", i, c.Encode(), states[i])
		}
	}
	for range n {
		if !c.Redo() {
			t.Fatal("redo ran out early")
		}
	}
	if got := c.Encode(); got != full {
		t.Fatalf("after redoing all got\n%s\nwant\n%s", got, full)
	}
}

func TestUndoLimit(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, DefaultWidth, DefaultHeight)
	const n = UndoLimit + 20
	var states []string
	for i := range n {
		states = append(states, c.Encode())
		dab(c, i)
	}
	undone := 0
	for c.Undo() {
		undone++
	}
	if undone != UndoLimit {
		t.Errorf("undid %d steps, want %d", undone, UndoLimit)
	}
	if got, want := c.Encode(), states[n-UndoLimit]; got != want {
		t.Errorf("oldest reachable state got\n%s\nwant\n%s", got, want)
	}
}

func TestNewActionClearsRedo(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 5, 1)
	c.Pen(Point{0, 0}, 'a')
	c.Pen(Point{1, 0}, 'b')
	c.Undo()
	if !c.CanRedo() {
		t.Fatal("nothing to redo after Undo")
	}
	c.Pen(Point{2, 0}, 'c')
	if c.CanRedo() || c.Redo() {
		t.Fatal("redo survived a new action")
	}
	if got := c.Encode(); got != "a c" {
		t.Errorf("got %q, want %q", got, "a c")
	}
}

func TestNoOpIsNotAStep(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 5, 1)
	c.Pen(Point{0, 0}, 'a')
	c.Pen(Point{1, 0}, 'b')
	c.Undo()
	c.Pen(Point{0, 0}, 'a') // already there
	c.Erase(Point{4, 0})    // already blank
	c.BeginGroup()
	c.EndGroup()
	if !c.CanRedo() {
		t.Fatal("an action that changed nothing cleared redo")
	}
	c.Undo()
	if c.CanUndo() || c.Encode() != "" {
		t.Fatalf("no-op actions made undo steps; canvas %q", c.Encode())
	}
}

func TestGroupIsOneStep(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 20, 5)
	c.Pen(Point{0, 0}, 'x')
	before := c.Encode()
	drag := []Point{{2, 2}, {5, 2}, {9, 4}, {15, 1}, {19, 0}}
	c.BeginGroup()
	c.Pen(drag[0], '*')
	for i := 1; i < len(drag); i++ {
		c.Stroke(drag[i-1], drag[i], '*')
	}
	c.EndGroup()
	after := c.Encode()
	if !c.Undo() || c.Encode() != before {
		t.Fatalf("one Undo did not take back the drag:\n%s", c.Encode())
	}
	if !c.Redo() || c.Encode() != after {
		t.Fatalf("one Redo did not redo the drag:\n%s", c.Encode())
	}
}

func TestGroupsNest(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 5, 1)
	c.BeginGroup()
	c.Pen(Point{0, 0}, 'a')
	c.BeginGroup()
	c.Pen(Point{1, 0}, 'b')
	c.EndGroup()
	if c.CanRedo() {
		t.Fatal("inner EndGroup closed the step")
	}
	c.Pen(Point{2, 0}, 'c')
	c.EndGroup()
	c.EndGroup() // unmatched: ignored
	c.Undo()
	if got := c.Encode(); got != "" {
		t.Errorf("nested group was not one step: %q left", got)
	}
}

func TestUndoClosesOpenGroup(t *testing.T) {
	t.Parallel()
	c := newCanvas(t, 5, 1)
	c.Pen(Point{0, 0}, 'a')
	c.BeginGroup()
	c.Pen(Point{1, 0}, 'b')
	c.Pen(Point{2, 0}, 'c')
	if !c.CanUndo() {
		t.Fatal("CanUndo false with an open group that changed cells")
	}
	c.Undo()
	if got := c.Encode(); got != "a" {
		t.Fatalf("Undo mid-group: got %q, want %q", got, "a")
	}
	c.EndGroup() // the group was already closed: ignored
	c.Pen(Point{3, 0}, 'd')
	c.Undo()
	if got := c.Encode(); got != "a" {
		t.Errorf("after the closed group: got %q, want %q", got, "a")
	}
}
