package sshserver

import (
	"io"
	"testing"
)

// A query that stopped reading must not take the keys typed next, nor those it read
// while it waited: ending the query ends its pending read, and the program gets every
// key the query read, without the terminal's answers, then the rest.
func TestInputPumpGivesTheProgramEveryKeyTheQueryDidNotNeed(t *testing.T) {
	t.Parallel()
	r, w := io.Pipe()
	pump, query := newInputPump(r)
	buf := make([]byte, 64)
	go w.Write([]byte("\x1b]11;rgb:ffff/ffff/ffff\x1b\\a"))
	if n, err := query.Read(buf); err != nil || n == 0 {
		t.Fatalf("the query read %q, %v", buf[:n], err)
	}
	ended := make(chan error, 1)
	go func() {
		_, err := query.Read(buf) // pending, as a query waiting for an answer is
		ended <- err
	}()
	program := pump.endQuery()
	if err := <-ended; err != io.EOF {
		t.Fatalf("the query's pending read ended with %v, want EOF", err)
	}
	if again := pump.endQuery(); again != program {
		t.Fatal("a second endQuery gave another reader")
	}
	// A late answer, then a key: only the key is typed.
	go w.Write([]byte("\x1b[?62c\t"))
	got := make([]byte, 0, 8)
	for len(got) < 2 {
		n, err := program.Read(buf)
		if err != nil {
			t.Fatalf("after %q: %v", got, err)
		}
		got = append(got, buf[:n]...)
	}
	if string(got) != "a\t" {
		t.Fatalf("the program read %q, want %q", got, "a\t")
	}
	w.Close()
	if _, err := program.Read(buf); err != io.EOF {
		t.Fatalf("after the session's input ended: %v", err)
	}
}
