package sshserver

import (
	"bytes"
	"io"
	"regexp"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
)

// queryTimeout is how long the renderer's terminal query may wait for the answers, as
// long as wish's own query waits before it gives up.
const queryTimeout = time.Second

// inputPump is the only reader of a session's input. It hands what the client types
// first to the renderer's terminal query (MakeRenderer asks the terminal for its
// background colour and device attributes, and waits for the answers), then to the
// program.
//
// The query reads keys as well as answers, and wish's query cannot end a read that is
// waiting: against a terminal that never answers, it waited until the first key came,
// then dropped that key (and the desk drew nothing until then). So the pump ends the
// query's input after queryTimeout, whatever the query is doing, and gives the program
// everything the query read that was not a terminal's answer: keys typed while the
// query waited, or sent in one write with the answers, reach the desk.
type inputPump struct {
	query    *io.PipeWriter
	program  *io.PipeWriter
	programR *io.PipeReader

	mu       sync.Mutex // held while a chunk is written to the query, so endQuery sees it all
	querying bool
	read     []byte // what the query has read

	end   sync.Once
	typed io.Reader // the program's input: what the query read but did not need, then the rest
}

// newInputPump starts reading the session; the returned reader is the query's.
func newInputPump(sess io.Reader) (*inputPump, io.Reader) {
	qr, qw := io.Pipe()
	pr, pw := io.Pipe()
	p := &inputPump{query: qw, program: pw, programR: pr, querying: true}
	go p.run(sess)
	return p, qr
}

// endQuery ends the query's input (a read it is waiting in returns io.EOF) and returns
// the program's input. It may be called more than once, from any goroutine: each call
// returns the same reader.
func (p *inputPump) endQuery() io.Reader {
	p.end.Do(func() {
		p.query.Close() // also ends a write to the query that nobody reads any more
		p.mu.Lock()
		p.querying = false
		left := withoutAnswers(p.read)
		p.read = nil
		p.mu.Unlock()
		p.typed = io.MultiReader(bytes.NewReader(left), p.programR)
	})
	return p.typed
}

// close drops the input of a session that runs no program.
func (p *inputPump) close() {
	p.endQuery()
	p.programR.Close()
}

func (p *inputPump) run(sess io.Reader) {
	buf := make([]byte, 4096)
	for {
		n, err := sess.Read(buf)
		if n > 0 {
			p.deliver(buf[:n])
		}
		if err != nil {
			p.query.CloseWithError(err)
			p.program.CloseWithError(err)
			return
		}
	}
}

// deliver gives a chunk to the query while it reads, noting what it took; whatever the
// query did not take goes to the program.
func (p *inputPump) deliver(chunk []byte) {
	p.mu.Lock()
	if p.querying {
		n, err := p.query.Write(chunk)
		p.read = append(p.read, chunk[:n]...)
		if err == nil {
			p.mu.Unlock()
			return
		}
		chunk = chunk[n:] // the query's input ended while this chunk waited
	}
	p.mu.Unlock()
	if chunk = withoutAnswers(chunk); len(chunk) > 0 {
		_, _ = p.program.Write(chunk) // fails only once the program has ended: nobody reads
	}
}

// answers are the terminal's replies to the query: its background colour (OSC 11,
// ended by BEL or ST) and its primary device attributes (DA1). No key sends them.
var answers = regexp.MustCompile(`\x1b\]11;[^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[\?[0-9;]*c`)

// withoutAnswers is input with the terminal's answers taken out: the keys. An answer
// that comes after the query gave up must not be typed into the desk.
func withoutAnswers(in []byte) []byte { return answers.ReplaceAll(in, nil) }

// pumpedSession is a session whose input is the query's.
type pumpedSession struct {
	ssh.Session
	in io.Reader
}

func (s pumpedSession) Read(p []byte) (int, error) { return s.in.Read(p) }
