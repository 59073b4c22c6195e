package sketch

// UndoLimit is how many steps Undo can go back; older steps are forgotten.
const UndoLimit = 100

// change is one cell's edit: Undo puts old back, Redo puts new again.
type change struct {
	i        int
	old, new rune
}

// history holds the undo and redo stacks of steps, each step being the cell
// changes of one action or group, in the order they were made.
type history struct {
	undo, redo [][]change
	open       []change // changes of the step being built
	depth      int      // nesting of open groups
}

// BeginGroup starts a group: every change until the matching EndGroup is one
// undo step. The editor brackets a mouse drag (press … release) or a burst of
// typing with it, so one Undo takes back the whole stroke. Groups nest; only
// the outermost EndGroup closes the step.
func (c *Canvas) BeginGroup() { c.hist.depth++ }

// EndGroup ends the group opened by the matching BeginGroup. When the
// outermost group ends, its changes become one undo step and the redo stack
// is cleared; a group that changed no cell leaves both stacks as they were.
// An EndGroup with no open group does nothing.
func (c *Canvas) EndGroup() {
	if c.hist.depth == 0 {
		return
	}
	c.hist.depth--
	if c.hist.depth > 0 || len(c.hist.open) == 0 {
		return
	}
	h := &c.hist
	if len(h.undo) == UndoLimit {
		copy(h.undo, h.undo[1:])
		h.undo = h.undo[:UndoLimit-1]
	}
	h.undo = append(h.undo, h.open)
	h.open = nil
	h.redo = nil
}

// CanUndo reports whether Undo has a step to take back.
func (c *Canvas) CanUndo() bool { return len(c.hist.undo) > 0 || len(c.hist.open) > 0 }

// CanRedo reports whether Redo has a step to make again.
func (c *Canvas) CanRedo() bool { return len(c.hist.redo) > 0 && len(c.hist.open) == 0 }

// Undo takes back the last step and reports whether there was one. Any open
// group is closed first, so an Undo in the middle of a drag takes back the
// drag so far. Undo restores cells only; the cursor and mark stay put.
func (c *Canvas) Undo() bool {
	c.closeGroups()
	h := &c.hist
	if len(h.undo) == 0 {
		return false
	}
	step := h.undo[len(h.undo)-1]
	h.undo = h.undo[:len(h.undo)-1]
	for i := len(step) - 1; i >= 0; i-- {
		c.cells[step[i].i] = step[i].old
	}
	h.redo = append(h.redo, step)
	return true
}

// Redo makes again the last step Undo took back and reports whether there
// was one. Any open group is closed first; if it changed cells, that was a
// new action, so there is nothing left to redo.
func (c *Canvas) Redo() bool {
	c.closeGroups()
	h := &c.hist
	if len(h.redo) == 0 {
		return false
	}
	step := h.redo[len(h.redo)-1]
	h.redo = h.redo[:len(h.redo)-1]
	for _, ch := range step {
		c.cells[ch.i] = ch.new
	}
	h.undo = append(h.undo, step)
	return true
}

// closeGroups ends every open group, committing their changes as one step.
func (c *Canvas) closeGroups() {
	if c.hist.depth > 0 {
		c.hist.depth = 1
		c.EndGroup()
	}
}

// set changes the cell at p, which must be on the canvas, recording the
// change in the open step. Every tool calls it inside a group.
func (c *Canvas) set(p Point, r rune) {
	i := c.index(p)
	if c.cells[i] == r {
		return
	}
	c.hist.open = append(c.hist.open, change{i: i, old: c.cells[i], new: r})
	c.cells[i] = r
}
