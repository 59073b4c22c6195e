package tuitest

import (
	"slices"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Held is a message kept from the model until the test releases it: see HoldBack.
type Held struct {
	p      *Program
	match  func(tea.Msg) bool
	caught chan struct{} // closed when the message is caught
	msg    tea.Msg       // the message, set before caught is closed
}

// holds are the holds still waiting for their message.
type holds struct {
	mu      sync.Mutex
	waiting []*Held
}

// catch keeps msg for the first waiting hold that matches it, and reports whether one did.
func (hs *holds) catch(msg tea.Msg) bool {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	for i, h := range hs.waiting {
		if h.match(msg) {
			h.msg = msg
			close(h.caught)
			hs.waiting = slices.Delete(hs.waiting, i, i+1)
			return true
		}
	}
	return false
}

// released is a held message on its way to the model, past the holds.
type released struct{ msg tea.Msg }

// HoldBack keeps from the model the next message that match accepts (a screen's answer
// to a reload, say, matched by its type's name: fmt.Sprintf("%T", msg)) until the test
// releases it: a test makes an answer arrive after others the program would otherwise
// have taken first, as a loaded machine may. Keys sent together are never held.
func (p *Program) HoldBack(match func(tea.Msg) bool) *Held {
	h := &Held{p: p, match: match, caught: make(chan struct{})}
	p.holds.mu.Lock()
	p.holds.waiting = append(p.holds.waiting, h)
	p.holds.mu.Unlock()
	return h
}

// Wait waits until the message is caught. It fails the test after twenty seconds, as
// WaitFor does.
func (h *Held) Wait() {
	h.p.t.Helper()
	select {
	case <-h.caught:
	case <-time.After(waitLimit):
		h.p.t.Fatal("the program never gave the message the test holds back")
	}
}

// Caught reports whether the message has been caught yet, without waiting.
func (h *Held) Caught() bool {
	select {
	case <-h.caught:
		return true
	default:
		return false
	}
}

// Release waits until the message is caught, gives it to the model, and waits until the
// model has taken it and drawn its view: Screen then shows what it made of it.
func (h *Held) Release() {
	h.p.t.Helper()
	h.Wait()
	h.p.Send(released{h.msg})
	h.p.Inside(func() {})
}
