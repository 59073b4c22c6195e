package sshserver

import (
	"io"
	"testing"
)

// A consumer that stopped waiting (a terminal query that timed out) must not take the
// keys typed next: switching consumers ends its pending read and the keys go on.
func TestInputPumpGivesKeysToTheNextConsumerOnly(t *testing.T) {
	t.Parallel()
	r, w := io.Pipe()
	pump, first := newInputPump(r)
	ended := make(chan error, 1)
	go func() {
		_, err := first.Read(make([]byte, 16)) // pending, as a timed-out query's read is
		ended <- err
	}()
	next := pump.next()
	if err := <-ended; err != io.EOF {
		t.Fatalf("the first consumer's read ended with %v, want EOF", err)
	}
	go w.Write([]byte("\t"))
	buf := make([]byte, 16)
	n, err := next.Read(buf)
	if err != nil || string(buf[:n]) != "\t" {
		t.Fatalf("the next consumer read %q, %v", buf[:n], err)
	}
	w.Close()
	if _, err := next.Read(buf); err != io.EOF {
		t.Fatalf("after the session's input ended: %v", err)
	}
}
