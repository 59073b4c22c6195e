package common

// Reloads keeps a screen on its newest reload. Changes committed close together start
// reloads that run side by side, and one started earlier can finish later with rows
// older than those already shown (a notification list one row short under a count of
// two). Each reload is stamped when it starts, and only the newest one's answer is
// kept: the ones before it are superseded by an answer already on its way.
type Reloads struct{ started uint64 }

// Start stamps a reload about to begin. Call it in Update, where the screen's state
// lives, not inside the command that runs the reload.
func (r *Reloads) Start() uint64 {
	r.started++
	return r.started
}

// Newest reports whether the answer stamped n is from the newest reload started.
func (r *Reloads) Newest(n uint64) bool { return n == r.started }

// Cancel drops the answers of every reload started so far: the screen has left what
// they were reading for.
func (r *Reloads) Cancel() { r.started++ }
