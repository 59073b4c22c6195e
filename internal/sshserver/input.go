package sshserver

import (
	"io"
	"sync"

	"github.com/charmbracelet/ssh"
)

// inputPump is the only reader of a session's input. It hands what the client types to
// one consumer at a time: first the renderer's terminal query (MakeRenderer asks the
// terminal for its background colour and waits for the answer), then the program.
//
// Without it, a query that times out leaves a read pending on the session, and that
// read takes the user's first keys away from the program: under load, keystrokes were
// lost. Switching the pump closes the query's pipe, so its pending read ends instead.
type inputPump struct {
	mu      sync.Mutex
	current *io.PipeWriter
}

// newInputPump starts reading the session; the returned reader is the first consumer's.
func newInputPump(sess io.Reader) (*inputPump, io.Reader) {
	r, w := io.Pipe()
	p := &inputPump{current: w}
	go p.run(sess)
	return p, r
}

// next ends the current consumer's input and returns the next consumer's reader.
func (p *inputPump) next() io.Reader {
	r, w := io.Pipe()
	p.mu.Lock()
	old := p.current
	p.current = w
	p.mu.Unlock()
	old.Close()
	return r
}

func (p *inputPump) run(sess io.Reader) {
	buf := make([]byte, 4096)
	for {
		n, err := sess.Read(buf)
		if n > 0 {
			p.deliver(buf[:n])
		}
		if err != nil {
			p.mu.Lock()
			p.current.CloseWithError(err)
			p.mu.Unlock()
			return
		}
	}
}

// deliver writes a chunk to the current consumer; if that consumer was switched out
// meanwhile, to its successor.
func (p *inputPump) deliver(chunk []byte) {
	for {
		p.mu.Lock()
		w := p.current
		p.mu.Unlock()
		if _, err := w.Write(chunk); err == nil {
			return
		}
		p.mu.Lock()
		switched := p.current != w
		p.mu.Unlock()
		if !switched {
			return // the session's program has ended; nobody reads any more
		}
	}
}

// pumpedSession is a session whose input comes from the pump's current consumer pipe.
type pumpedSession struct {
	ssh.Session
	in io.Reader
}

func (s pumpedSession) Read(p []byte) (int, error) { return s.in.Read(p) }
